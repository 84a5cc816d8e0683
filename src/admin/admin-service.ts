import type { Organization, Patient, Practitioner, PractitionerRole } from '@medplum/fhirtypes';
import { markedVerified } from '../access/identity.ts';
import type { ProfessionalRole } from '../access/actor.ts';
import { systemActor } from '../access/system-actor.ts';
import { hashPassword } from '../auth/passwords.ts';
import { FhirError } from '../fhir/errors.ts';
import type { Logger } from '../log.ts';
import type { HealthRecord } from '../record/record.ts';
import type { AccountStore } from '../store/port.ts';
import { kindOf, organisationResource, practitionerResource, practitionerRoleResource, roleOf, type OrganisationKind } from './directory-entries.ts';

export interface NewProfessional {
  email: string;
  password: string;
  name: { given: string; family: string };
  organizationId: string;
  role: ProfessionalRole;
}

export interface ListedProfessional {
  practitionerRole: string;
  name: string;
  email?: string;
  organization: string;
  role?: ProfessionalRole;
  active: boolean;
}

/**
 * What an admin does: organisations and professionals in the directory, and the first admin from
 * configuration. The directory entries go through the record like every resource (validated,
 * versioned); the accounts go to the account store.
 */
export function createAdminService(deps: { record: HealthRecord; accounts: AccountStore; clock: () => Date; logger: Logger }) {
  const { record, accounts, logger } = deps;
  const asAdmin = (what: string) => systemActor(`admin: ${what}`);

  const organisation = async (id: string): Promise<Organization> => {
    try {
      return (await record.read(asAdmin('check organisation'), 'Organization', id)).resource as Organization;
    } catch (err) {
      if (err instanceof FhirError && (err.code === 'not-found' || err.code === 'gone')) {
        const text = `There is no organisation Organization/${id}. Create it first, or check the id.`;
        throw new FhirError('invalid', text, [{ severity: 'error', code: 'not-found', expression: ['organization'], details: { text } }]);
      }
      throw err;
    }
  };

  return {
    /**
     * An administrator has checked her identity (documents seen, or the number traced on the
     * national spine elsewhere): her NHS number is marked verified. The number must be the one in
     * her record, so a check is never applied to a number she has since changed.
     */
    async verifyIdentity(patientId: string, nhsNumber: string): Promise<void> {
      const actor = asAdmin('identity check');
      const stored = await record.read(actor, 'Patient', patientId);
      const verified = markedVerified(stored.resource as Patient, nhsNumber);
      if (!verified) {
        const text = 'That is not the NHS number in this record. Check it with the person.';
        throw new FhirError('invalid', text, [{ severity: 'error', code: 'value', expression: ['nhsNumber'], details: { text } }]);
      }
      await record.update(actor, 'Patient', patientId, verified, stored.versionId);
      logger.info({ patient: patientId }, 'identity verified by an administrator');
    },
    /** 422 naming the field when the organisation does not exist. */
    requireOrganization: async (id: string): Promise<void> => void (await organisation(id)),

    async createOrganization(name: string, kind: OrganisationKind): Promise<string> {
      const result = await record.create(asAdmin('create organisation'), organisationResource(name, kind));
      if (result.outcome !== 'created') throw new Error('the organisation was not created');
      logger.info({ organizationId: result.stored.id, kind }, 'organisation created');
      return result.stored.id;
    },

    async listOrganizations(): Promise<Array<{ organization: string; name?: string; type?: OrganisationKind }>> {
      const found = await record.search(asAdmin('list organisations'), 'Organization', { _count: '500', _sort: 'name' });
      return found.matches.map(({ resource }) => {
        const org = resource as Organization;
        return { organization: `Organization/${org.id}`, ...(org.name ? { name: org.name } : {}), ...(kindOf(org) ? { type: kindOf(org) } : {}) };
      });
    },

    async createProfessional(input: NewProfessional): Promise<string> {
      await organisation(input.organizationId);
      if (await accounts.findAccountByEmail(input.email)) throw emailTaken();
      const passwordHash = await hashPassword(input.password);
      // The directory entries and the account together or neither: someone taking the email
      // between the check and now leaves no post that nobody holds.
      const practitionerRoleId = await accounts.transaction(async (tx) => {
        const outcomes = await record.transaction(asAdmin('create professional'), {
          resourceType: 'Bundle',
          type: 'transaction',
          entry: [
            { fullUrl: 'urn:uuid:practitioner', resource: practitionerResource(input.name, input.email), request: { method: 'POST', url: 'Practitioner' } },
            { resource: practitionerRoleResource('urn:uuid:practitioner', input.organizationId, input.role), request: { method: 'POST', url: 'PractitionerRole' } },
          ],
        });
        const [practitionerId, roleId] = outcomes.map((o) => (o.kind === 'written' && 'stored' in o.result ? o.result.stored.id : ''));
        const professional = { practitionerRoleId: roleId!, practitionerId: practitionerId!, organizationId: input.organizationId, role: input.role };
        await tx.accounts.createAccount({ email: input.email, passwordHash, patientId: '', name: input.name, kind: 'professional', professional }).catch((err: unknown) => {
          throw err instanceof FhirError && err.code === 'conflict' ? emailTaken() : err;
        });
        return roleId!;
      });
      logger.info({ practitionerRoleId, organizationId: input.organizationId, role: input.role }, 'professional created');
      return practitionerRoleId;
    },

    async listProfessionals(): Promise<ListedProfessional[]> {
      const found = await record.search(asAdmin('list professionals'), 'PractitionerRole', { _count: '500', _include: 'PractitionerRole:practitioner' });
      const practitioners = new Map(found.included.filter((s) => s.resourceType === 'Practitioner').map((s) => [s.id, s.resource as Practitioner]));
      return found.matches.map(({ resource }) => {
        const role = resource as PractitionerRole;
        const practitioner = practitioners.get(role.practitioner?.reference?.replace('Practitioner/', '') ?? '');
        const name = practitioner?.name?.[0];
        const email = practitioner?.telecom?.find((t) => t.system === 'email')?.value;
        return {
          practitionerRole: `PractitionerRole/${role.id}`,
          name: [name?.given?.join(' '), name?.family].filter(Boolean).join(' '),
          ...(email ? { email } : {}),
          organization: role.organization?.reference ?? '',
          ...(roleOf(role) ? { role: roleOf(role) } : {}),
          active: role.active !== false,
        };
      });
    },

    /** A professional who has left: her account closes and her sessions end at once; the directory keeps her post as inactive. */
    async removeProfessional(practitionerRoleId: string): Promise<void> {
      const account = await accounts.findAccountByPractitionerRole(practitionerRoleId);
      if (!account) throw new FhirError('not-found', `There is no professional with PractitionerRole/${practitionerRoleId}.`);
      // Closed, signed out and marked inactive in the directory together, or not at all.
      await accounts.transaction(async (tx) => {
        await tx.accounts.disableAccount(account.id, deps.clock().toISOString());
        const current = (await record.read(asAdmin('remove professional'), 'PractitionerRole', practitionerRoleId)).resource as PractitionerRole;
        await record.update(asAdmin('remove professional'), 'PractitionerRole', practitionerRoleId, { ...current, active: false });
      });
      logger.info({ practitionerRoleId }, 'professional removed');
    },

    /** The first admin, from ADMIN_EMAIL and ADMIN_PASSWORD, made once: only while there is no admin at all. */
    async ensureFirstAdmin(email: string | undefined, password: string | undefined): Promise<void> {
      if (!email || !password || (await accounts.countAccounts('admin')) > 0) return;
      if (await accounts.findAccountByEmail(email)) {
        logger.warn('ADMIN_EMAIL belongs to an account that is not an admin; no admin was made');
        return;
      }
      try {
        await accounts.createAccount({ email, passwordHash: await hashPassword(password), patientId: '', kind: 'admin' });
      } catch (err) {
        // Another instance on the same database made it a moment ago: that is the admin we wanted.
        if (err instanceof FhirError && err.code === 'conflict') return;
        throw err;
      }
      logger.info('first admin account created from the configuration');
    },
  };
}

export type AdminService = ReturnType<typeof createAdminService>;

function emailTaken(): FhirError {
  const text = 'There is already an account with this email address. Use another one.';
  return new FhirError('conflict', text, [{ severity: 'error', code: 'duplicate', expression: ['email'], details: { text } }]);
}
