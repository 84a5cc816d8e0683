import { createAdminService } from '../admin/admin-service.ts';
import type { OrganisationKind } from '../admin/directory-entries.ts';
import type { ProfessionalRole } from '../access/actor.ts';
import { systemActor } from '../access/system-actor.ts';
import { dataClasses } from '../access/data-classes.ts';
import { shareConsent } from '../access/share-consent.ts';
import type { DemoDeps } from './load-demo.ts';

/** The professionals of the stories, so a newcomer can try the discharge side at once. */
export const demoProfessionals: Array<{ org: string; type: OrganisationKind; email: string; password: string; name: { given: string; family: string }; role: ProfessionalRole }> = [
  { org: 'Northgate Hospital discharge team', type: 'hospital-discharge-team', email: 'sam@northgate.example.org', password: 'ward seven handover', name: { given: 'Sam', family: 'Patel' }, role: 'discharge-coordinator' },
  { org: 'Brightside Home Care', type: 'home-care-provider', email: 'jo@brightside.example.org', password: 'morning visits matter', name: { given: 'Jo', family: 'Reid' }, role: 'home-care-worker' },
  { org: 'North West Ambulance Service', type: 'gp-practice', email: 'alex@nwas.example.org', password: 'blue lights and kindness', name: { given: 'Alex', family: 'Morgan' }, role: 'clinician' },
];

/**
 * Puts the demo organisations and professionals in the directory and has Andrew share his support
 * plan, goals, contacts and care team with the hospital for a month, as in his story.
 */
export async function loadDemoProfessionals(deps: DemoDeps): Promise<void> {
  const admin = createAdminService({ record: deps.record, accounts: deps.accounts, clock: deps.clock, logger: deps.logger });
  const organisations = new Map<string, string>();
  for (const p of demoProfessionals) {
    const organizationId = await admin.createOrganization(p.org, p.type);
    organisations.set(p.org, organizationId);
    await admin.createProfessional({ email: p.email, password: p.password, name: p.name, organizationId, role: p.role });
  }
  const andrew = await deps.accounts.findAccountByEmail('andrew@example.org');
  const hospital = organisations.get('Northgate Hospital discharge team');
  if (!andrew || !hospital) return;
  const now = deps.clock();
  const shared = dataClasses.filter((c) => c.id === 'support-plan' || c.id === 'contacts').flatMap((c) => c.resourceTypes);
  const consent = shareConsent({
    patientId: andrew.patientId,
    grantee: `Organization/${hospital}`,
    resourceTypes: shared,
    start: now.toISOString().slice(0, 10),
    end: new Date(now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10),
    now,
  });
  await deps.record.create(systemActor('demo data'), consent);
}
