/**
 * Red Bag card costs, in process (no HTTP): building the summary from a record, issuing a card
 * (summary + minimise + sign + QR render), verifying a card, beside one raw ES256 signature and
 * one QR render. Run by `npm run bench` after the HTTP figures, or alone: node bench/cards.ts.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { calculateJwkThumbprint, importJWK, type JWK } from 'jose';
import type { Patient, Resource } from '@medplum/fhirtypes';
import { verifyHealthCard } from '../src/cards/health-card.ts';
import { issueCard } from '../src/cards/issue-card.ts';
import { toNumericQr } from '../src/cards/numeric-qr.ts';
import { renderQrPng } from '../src/cards/qr-image.ts';
import { demoPeople } from '../src/demo/people.ts';
import { loadFhirDefinitions } from '../src/fhir/definitions.ts';
import { buildRedBag } from '../src/summary/build-red-bag.ts';
import { benchCardCapacity, type CardCapacity } from './card-capacity.ts';

export interface CardFigures { perSecond: Record<string, number>; msEach: Record<string, number>; capacity?: CardCapacity }

async function time(name: string, seconds: number, work: () => unknown, out: CardFigures): Promise<void> {
  let n = 0;
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  while (performance.now() < end) {
    await work();
    n++;
  }
  const ms = (performance.now() - start) / n;
  out.msEach[name] = Math.round(ms * 1000) / 1000;
  out.perSecond[name] = Math.round(1000 / ms);
}

export async function benchCards(seconds = 3): Promise<CardFigures> {
  loadFhirDefinitions();
  const aisha = demoPeople(new Date())[0]!;
  const patient: Patient = { resourceType: 'Patient', id: 'p1', name: [{ given: [aisha.name.given], family: aisha.name.family }], birthDate: aisha.birthDate, ...aisha.patientExtras };
  const resources: Resource[] = aisha.resources.map(({ resource }, i) => JSON.parse(JSON.stringify({ ...resource, id: `r${i}` }).replaceAll('Patient/{{patient}}', 'Patient/p1')));
  const baseUrl = 'https://redbag.example/fhir';
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicJwk = publicKey.export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(publicJwk);
  const signer = { kid, key: (await importJWK({ ...(privateKey.export({ format: 'jwk' }) as JWK), alg: 'ES256' }, 'ES256')) as CryptoKey };
  const jwks = { keys: [{ ...publicJwk, kid, alg: 'ES256', use: 'sig' }] };
  const summary = () => buildRedBag({ patient, resources: [patient, ...resources], now: new Date(), baseUrl, summaryId: 'b1' });
  const issue = async () => {
    const card = await issueCard({ summary: summary(), iss: 'https://redbag.example', now: new Date(), rid: 'abc', signer, baseUrl });
    await renderQrPng(toNumericQr(card.jws));
    return card.jws;
  };
  const jws = await issue();
  const qrText = toNumericQr(jws);
  const figures: CardFigures = { perSecond: {}, msEach: {} };
  await time('raw ES256 signature', seconds, () => sign('sha256', Buffer.from(jws), { key: privateKey, dsaEncoding: 'ieee-p1363' }), figures);
  await time('QR render (PNG)', seconds, () => renderQrPng(qrText), figures);
  await time('summary build', seconds, summary, figures);
  await time('card issue (summary + sign + QR)', seconds, issue, figures);
  await time('card verification', seconds, () => verifyHealthCard(jws, jwks), figures);
  figures.capacity = await benchCardCapacity();
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await benchCards();
  for (const [name, ms] of Object.entries(figures.msEach)) process.stdout.write(`${name.padEnd(36)} ${String(figures.perSecond[name]).padStart(7)} /s  ${ms} ms\n`);
  const { largestWhole: w, issueRecord: r } = figures.capacity!;
  const sizeOf = (x: { allergies: number; conditions: number; medicines: number; contacts: number; plan: boolean }) =>
    `${x.allergies} allergies, ${x.conditions} conditions, ${x.medicines} medicines, ${x.contacts} contacts${x.plan ? ', a plan' : ''}`;
  process.stdout.write(`largest record that fits one card whole: ${sizeOf(w)} (JWS ${w.jwsLength} of 1195, QR version ${w.qrVersion}, ${w.payloadBytes} bytes)\n`);
  process.stdout.write(`issue 12's record (4/6/8/plan/2) on one card: ${sizeOf(r.onCard)}; the card says: "${r.notice}"\n`);
}
