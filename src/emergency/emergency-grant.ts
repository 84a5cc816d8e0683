import type { Communication } from '@medplum/fhirtypes';
import type { Grant } from '../access/grants.ts';
import { sensitiveCategories } from '../access/sensitivity.ts';
import type { EmergencyAccess } from '../store/accounts/emergency-sql.ts';

/** How long "break glass" lasts: long enough for a crew to hand over at hospital. */
export const emergencyMinutes = 60;

/** What an emergency opens: what a crew or an emergency department needs, including sensitive items (safety first). */
const emergencyTypes = ['Patient', 'AllergyIntolerance', 'Condition', 'MedicationStatement', 'CarePlan', 'RelatedPerson', 'CareTeam', 'Observation', 'Goal', 'Flag'];

/** An emergency access as a grant decide() understands: read only, time-boxed, named in the audit log. Pure. */
export function emergencyGrant(access: EmergencyAccess): Grant {
  return {
    source: `EmergencyAccess/${access.id}`,
    patientId: access.patientId,
    grantees: [`PractitionerRole/${access.practitionerRoleId}`],
    resourceTypes: new Set(emergencyTypes),
    actions: new Set(['read']),
    sensitive: new Set(sensitiveCategories),
    start: access.startsAt,
    end: access.endsAt,
    purpose: 'emergency',
  };
}

/** What the person (and her carers) are told, as a Communication in her record. Pure. */
export function emergencyNotice(args: { access: EmergencyAccess; who: string; organisation: string; carers: string[] }): Communication {
  const when = new Date(args.access.startsAt).toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
  return {
    resourceType: 'Communication',
    status: 'completed',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/communication-category', code: 'notification', display: 'Notification' }] }],
    priority: 'urgent',
    subject: { reference: `Patient/${args.access.patientId}` },
    recipient: [{ reference: `Patient/${args.access.patientId}` }, ...args.carers.map((reference) => ({ reference }))],
    sent: args.access.startsAt,
    payload: [
      {
        contentString: `On ${when}, ${args.who} (${args.organisation}) opened your Red Bag record in an emergency, without asking you first. The reason they gave: "${args.access.reason}". This access ends after ${emergencyMinutes} minutes. If you did not expect this, tell us.`,
      },
    ],
  };
}
