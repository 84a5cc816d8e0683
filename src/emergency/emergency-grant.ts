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
