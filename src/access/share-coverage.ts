import type { Actor } from './actor.ts';
import { decide } from './decide.ts';
import type { Grant } from './grants.ts';
import { recordTypes } from '../fhir/resource-types.ts';

/**
 * What a professional's access to one record covers now, so the portal can say "not shared with
 * you" beside a section rather than show it as empty (omission is never shown as absence), say
 * how long the share lasts, and offer only what decide() would allow. Every answer is asked of
 * decide() with the grants in force: this never widens anything. Pure.
 */
export interface Coverage {
  /** The types of entry the caller may read in this record (sensitive items stay out unless included). */
  resourceTypes: string[];
  /** The last day of the longest share in force (FHIR date or dateTime); null when a share has no end. Absent when only an emergency access is open. */
  sharedUntil?: string | null;
  /** When an emergency ("break glass") access in force ends, if one is. */
  emergencyUntil?: string;
  may: { addNotes: boolean; proposeChange: boolean; writeSummary: boolean; openEmergency: boolean };
}

export function coverageOf(actor: Actor, patientId: string, grants: readonly Grant[]): Coverage | undefined {
  const mine = grants.filter((g) => g.patientId === patientId);
  if (!decide(actor, 'read', { resourceType: 'Patient', compartment: patientId }, mine).permit) return undefined;
  const creates = (resource: { resourceType: string; intent?: string; status?: string }) =>
    decide(actor, 'create', { resourceType: resource.resourceType, compartment: patientId, resource: resource as never }, mine).permit;
  const shares = mine.filter((g) => !g.emergency);
  const emergencyEnds = mine.filter((g) => g.emergency && g.end).map((g) => g.end!).sort();
  return {
    resourceTypes: recordTypes.filter((type) => type !== 'AuditEvent' && decide(actor, 'search', { resourceType: type, compartment: patientId }, mine).permit),
    ...(shares.length ? { sharedUntil: shares.some((g) => !g.end) ? null : shares.map((g) => g.end!).sort(byMoment).at(-1)! } : {}),
    ...(emergencyEnds.length ? { emergencyUntil: emergencyEnds.at(-1)! } : {}),
    may: {
      addNotes: creates({ resourceType: 'Communication' }),
      proposeChange: creates({ resourceType: 'CarePlan', intent: 'proposal', status: 'draft' }),
      writeSummary: creates({ resourceType: 'Composition' }),
      openEmergency: decide(actor, 'emergency-access', { resourceType: 'Patient', compartment: patientId }).permit,
    },
  };
}

/** Dates and date-times compared by the day they start ("2026-12-30" before "2026-12-30T10:00Z" is fine here). */
const byMoment = (a: string, b: string): number => Date.parse(a) - Date.parse(b);
