/**
 * How much of a record one Red Bag card holds (one QR code, version ≤ 22: a JWS of at most 1,195
 * characters). Grows a record the way the portal writes it (pick-list allergies with what happens
 * in her words, pick-list conditions, coded medicines with a dose, two contacts, an emergency plan)
 * one entry of each kind in turn while it still fits, and reports the largest that fits whole, then what the card
 * does with the record issue 12 names (4 allergies, 6 conditions, 8 medicines, a plan, 2 contacts).
 * Run alone: node bench/card-capacity.ts.
 */
import { generateKeyPairSync } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { calculateJwkThumbprint, importJWK, type JWK } from 'jose';
import type { Patient, Resource } from '@medplum/fhirtypes';
import { cardSections } from '../src/cards/card-contents.ts';
import { issueCard } from '../src/cards/issue-card.ts';
import { minimiseBundle } from '../src/cards/minimise-bundle.ts';
import { maxSingleQrJwsLength, toNumericQr } from '../src/cards/numeric-qr.ts';
import { qrVersion } from '../src/cards/qr-image.ts';
import { buildRedBag } from '../src/summary/build-red-bag.ts';
import { fullestRecord } from '../test/support/fullest-record.ts';

export interface RecordSize { allergies: number; conditions: number; medicines: number; contacts: number; plan: boolean }
export interface CardCapacity {
  /** The largest record (grown one of each kind in turn) whose card leaves nothing off. */
  largestWhole: RecordSize & { jwsLength: number; qrVersion: number; payloadBytes: number };
  /** Issue 12's record: what its card carries, and what the card says about the rest. */
  issueRecord: { onCard: RecordSize; jwsLength: number; qrVersion: number; notice: string };
  /** How many bytes (raw DEFLATE) the signed payload may be: the JWS limit less header and signature. */
  payloadBudgetBytes: number;
  /** What each part of issue 12's record adds to the compressed payload, in card order (the first of a kind costs most). */
  bytesPerEntry: Array<{ entry: string; bytes: number }>;
}

/** Compressed payload bytes as each minimised entry is appended: the wrapper (iss, vc, rid) first. */
function bytesPerEntry(resources: Resource[]): Array<{ entry: string; bytes: number }> {
  const payloadBytes = (entries: Resource[]) => {
    const fhirBundle = minimiseBundle(entries, (r) => [`${baseUrl}/${r.resourceType}/${r.id}`, `${r.resourceType}/${r.id}`]);
    const payload = { iss: 'https://redbag.example.org', nbf: 1764495000, vc: { type: ['https://smarthealth.cards#health-card'], credentialSubject: { fhirVersion: '4.0.1', fhirBundle }, rid: 'AAAAAAAAAAA' } };
    return deflateRawSync(JSON.stringify(payload), { level: 9 }).length;
  };
  const out = [{ entry: 'payload wrapper (iss, nbf, vc, rid)', bytes: payloadBytes([]) }];
  resources.forEach((resource, i) => {
    out.push({ entry: resource.resourceType, bytes: payloadBytes(resources.slice(0, i + 1)) - payloadBytes(resources.slice(0, i)) });
  });
  return out;
}

const patient: Patient = {
  resourceType: 'Patient',
  id: 'p1',
  name: [{ given: ['Aisha'], family: 'Khan' }],
  birthDate: '1945-03-02',
  identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000018' }],
};
const baseUrl = 'https://redbag.example.org/fhir';
const fullest = fullestRecord('p1').map((r, i) => ({ ...r, id: `r${i}` }) as Resource);
const ofType = (type: string) => fullest.filter((r) => r.resourceType === type);

function recordOf(size: RecordSize): Resource[] {
  return [
    ...ofType('AllergyIntolerance').slice(0, size.allergies),
    ...ofType('Condition').slice(0, size.conditions),
    ...ofType('MedicationStatement').slice(0, size.medicines),
    ...(size.plan ? ofType('CarePlan') : []),
    ...ofType('RelatedPerson').slice(0, size.contacts),
  ];
}

export async function benchCardCapacity(): Promise<CardCapacity> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = await calculateJwkThumbprint(publicKey.export({ format: 'jwk' }) as JWK);
  const signer = { kid, key: (await importJWK({ ...(privateKey.export({ format: 'jwk' }) as JWK), alg: 'ES256' }, 'ES256')) as CryptoKey };
  const issue = async (size: RecordSize) => {
    const summary = buildRedBag({ patient, resources: [patient, ...recordOf(size)], now: new Date(), baseUrl, summaryId: 'b1' });
    return issueCard({ summary, iss: 'https://redbag.example.org', now: new Date(), rid: 'AAAAAAAAAAA', signer, baseUrl });
  };
  const maxima: RecordSize = { allergies: 4, conditions: 6, medicines: 8, contacts: 2, plan: true };
  const order: Array<keyof Omit<RecordSize, 'plan'>> = ['allergies', 'conditions', 'medicines', 'contacts'];
  const whole = async (candidate: RecordSize) => {
    const card = await issue(candidate).catch(() => undefined);
    return card && !card.partial ? card : undefined;
  };
  // Greedy, one of each kind in turn: the next kind that still fits whole, until none does.
  let size: RecordSize = { allergies: 1, conditions: 0, medicines: 0, contacts: 0, plan: true };
  let card = await whole(size);
  let largest: CardCapacity['largestWhole'] | undefined;
  for (let turn = 0; card; turn++) {
    largest = { ...size, jwsLength: card.jws.length, qrVersion: qrVersion(toNumericQr(card.jws)), payloadBytes: Buffer.from(card.jws.split('.')[1]!, 'base64url').length };
    let grown: { size: RecordSize; card: NonNullable<typeof card> } | undefined;
    for (let i = 0; i < order.length && !grown; i++) {
      const kind = order[(turn + i) % order.length]!;
      if (size[kind] >= maxima[kind]) continue;
      const next = { ...size, [kind]: size[kind] + 1 };
      const nextCard = await whole(next);
      if (nextCard) grown = { size: next, card: nextCard };
    }
    if (!grown) break;
    size = grown.size;
    card = grown.card;
  }
  const issueCardOf = await issue(maxima);
  const bundle = JSON.parse(inflateRawSync(Buffer.from(issueCardOf.jws.split('.')[1]!, 'base64url')).toString()).vc.credentialSubject.fhirBundle;
  const count = (type: string) => bundle.entry.filter((e: { resource: Resource }) => e.resource.resourceType === type).length;
  const header = Buffer.from(issueCardOf.jws.split('.')[0]!).length;
  return {
    largestWhole: largest ?? { allergies: 0, conditions: 0, medicines: 0, contacts: 0, plan: false, jwsLength: 0, qrVersion: 0, payloadBytes: 0 },
    issueRecord: {
      onCard: { allergies: count('AllergyIntolerance'), conditions: count('Condition'), medicines: count('MedicationStatement'), contacts: count('RelatedPerson'), plan: count('CarePlan') > 0 },
      jwsLength: issueCardOf.jws.length,
      qrVersion: qrVersion(toNumericQr(issueCardOf.jws)),
      notice: bundle.entry.find((e: { resource: Resource }) => e.resource.resourceType === 'Flag')?.resource.code.text ?? '',
    },
    payloadBudgetBytes: Math.floor(((maxSingleQrJwsLength - header - 86 - 2) * 3) / 4),
    bytesPerEntry: bytesPerEntry(entriesInCardOrder(maxima)),
  };
}

function entriesInCardOrder(size: RecordSize): Resource[] {
  const summary = buildRedBag({ patient, resources: [patient, ...recordOf(size)], now: new Date(), baseUrl, summaryId: 'b1' });
  const { patient: slim, sections } = cardSections(summary);
  return [slim, ...sections.flatMap((s) => s.resources)];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${JSON.stringify(await benchCardCapacity(), null, 2)}\n`);
}
