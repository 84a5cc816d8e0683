import { createHash, randomUUID } from 'node:crypto';
import type { Bundle, Patient } from '@medplum/fhirtypes';
import type { StoredResource } from '../store/store.ts';
import { buildRedBag } from '../summary/build-red-bag.ts';
import type { CardCache } from './card-cache.ts';
import { cardSnapshot, contentDigest, type CardItem } from './card-snapshot.ts';

/**
 * The types a card and its printout are made from: who she is, her allergies, plans (the emergency
 * one), problems, medicines and contacts, and the care teams and flags that share a summary section
 * with them (so no section of the summary they are made from is cut in half). Nothing else is read:
 * years of observations, appointments or goals cost a card nothing.
 */
export const cardReadTypes = ['Patient', 'AllergyIntolerance', 'CarePlan', 'CareTeam', 'Condition', 'Flag', 'MedicationStatement', 'RelatedPerson'] as const;

/** What a card made now would be made from, and what it would show (for currency). */
export interface CardFacts {
  /** The version stamp of everything read: the same stamp, the same card. */
  stamp: string;
  /** The summary's sections a card shows, built once per stamp (the other sections are left out, not said empty). */
  summary: Bundle;
  items: CardItem[];
  contentDigest: string;
}

/**
 * Every resource read, by type, id and version, in one digest. Any create, update or delete of
 * one of them changes it (a deletion removes a line); a write to a type not read leaves it alone.
 * A caller who may see less reads less, and so gets another stamp: the stamp is also the view.
 */
export function versionStamp(patientId: string, stored: readonly StoredResource[]): string {
  const lines = stored.map((s) => `${s.resourceType}/${s.id}/${s.versionId}`).sort();
  return createHash('sha256').update(`${patientId}\n${lines.join('\n')}`).digest('base64url');
}

/** The summary and snapshot for what was read, made once per stamp and kept in the card cache. */
export function cardFactsOf(deps: { cache: CardCache; baseUrl: string; clock: () => Date }, patientId: string, stored: readonly StoredResource[]): Promise<CardFacts> {
  const stamp = versionStamp(patientId, stored);
  return deps.cache.getOrMake(`facts|${deps.baseUrl}|${stamp}`, async () => {
    const resources = stored.map((s) => s.resource);
    const patient = resources.find((r) => r.resourceType === 'Patient' && r.id === patientId) as Patient;
    const summary = buildRedBag({ patient, resources, now: deps.clock(), baseUrl: deps.baseUrl, summaryId: randomUUID(), readTypes: cardReadTypes });
    const items = cardSnapshot(summary);
    const bytes = stored.reduce((n, s) => n + s.json.length, 0) * 2 + 1024;
    return { value: { stamp, summary, items, contentDigest: contentDigest(items) }, bytes };
  });
}
