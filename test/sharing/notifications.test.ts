import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Consent } from '@medplum/fhirtypes';
import { fhirJson } from '../support/people.ts';
import { describeOnStore, postgresReachable } from '../support/postgres.ts';
import { startService, type RunningService, type StoreKind } from '../support/service.ts';
import { add, adminEnv, goal, organisationWithProfessional, share, signUp } from './sharing-harness.ts';
import type { SignedIn } from '../support/people.ts';
import { emailsWritten, waitForEmails } from './mail-harness.ts';

/** Both stores always; PostgreSQL suites show as skipped (with the reason) when no server answers outside CI. */
const pgUp = await postgresReachable();
const stores: StoreKind[] = ['sqlite', 'postgres'];

interface Notification { id: string; patient: string; kind: string; text: string; createdAt: string; read: boolean }

const notificationsOf = async (url: string, who: SignedIn): Promise<Notification[]> => (await request(url).get('/notifications').set(who.auth).expect(200)).body.notifications;
const ofKind = (list: Notification[], kind: string): Notification[] => list.filter((n) => n.kind === kind);
const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function carerFor(url: string, person: SignedIn, carer: SignedIn, rights: 'view' | 'manage'): Promise<string> {
  const code = (await request(url).post(`/fhir/Patient/${person.patientId}/carer-invitations`).set(person.auth).send({ rights }).expect(201)).body.code;
  return String((await request(url).post('/carers/accept').set(carer.auth).send({ code }).expect(201)).body.consent).replace('Consent/', '');
}

for (const kind of stores) describeOnStore(kind, pgUp, `Andrew and his carer are told what happens to his shares (${kind})`, () => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startService(kind, adminEnv);
  });
  afterAll(async () => svc.stop());

  it('a share made, used for the first time, and about to end: each told once, in the portal and by email, to Andrew and to his carer', async () => {
    const hospital = await organisationWithProfessional(svc.url, 'hospital-discharge-team', 'discharge-coordinator');
    const andrew = await signUp(svc.url, 'Andrew', 'Wilson', '1960-05-01');
    const clare = await signUp(svc.url, 'Clare', 'Wilson', '1990-01-01');
    await carerFor(svc.url, andrew, clare, 'view');
    expect(ofKind(await notificationsOf(svc.url, andrew), 'carer-added')[0]?.text).toBe('Clare Wilson is now a carer and can see your record. Either of you can end this at any time.');

    await add(svc.url, andrew, goal(andrew.patientId, 'Home before the football'));
    const consentId = await add(svc.url, andrew, share(andrew.patientId, `Organization/${hospital.organizationId}`, ['CarePlan', 'Goal', 'RelatedPerson', 'CareTeam'], { end: inDays(2) }));

    const made = ofKind(await notificationsOf(svc.url, andrew), 'share-created');
    expect(made).toHaveLength(1);
    expect(made[0]!.text).toMatch(/^Northgate Hospital discharge team can now see these parts of your record, until \d+ \w+ \d{4}: support plan, goals and what matters to me; contacts and care team\.$/);
    expect(made[0]!.read).toBe(false);
    expect(ofKind(await notificationsOf(svc.url, clare), 'share-created')[0]?.text).toMatch(/these parts of Andrew Wilson’s record, until/);
    const [toAndrew, toClare] = await waitForEmails(svc, [andrew.email, clare.email], /is now shared$/);
    expect(toAndrew!.subject).toBe('Red Bag: your record is now shared');
    expect(toAndrew!.from).toMatch(/^"?Red Bag"? <no-reply@127\.0\.0\.1>$/);
    expect(toAndrew!.text).toMatch(/Northgate Hospital discharge team can now see parts of your record, until .*Sign in to Red Bag to see more or to change it: http:\/\/127\.0\.0\.1:\d+\/sign-in/s);
    expect(toAndrew!.text).not.toMatch(/support plan|goals/); // an email says who, never what is in his record
    expect(toClare!.subject).toBe('Red Bag: Andrew Wilson’s record is now shared');
    expect(toClare!.text).toMatch(/act as a carer for Andrew Wilson/);

    // The coordinator reads twice: Andrew is told once.
    await request(svc.url).get(`/fhir/Goal?patient=Patient/${andrew.patientId}`).set(hospital.professional.auth).expect(200);
    await request(svc.url).get(`/fhir/Patient/${andrew.patientId}`).set(hospital.professional.auth).expect(200);
    const used = ofKind(await notificationsOf(svc.url, andrew), 'share-first-used');
    expect(used).toHaveLength(1);
    expect(used[0]!.text).toMatch(/^Northgate Hospital discharge team looked at your record for the first time on \d+ \w+ \d{4}, through the share you made\.$/);
    await waitForEmails(svc, [andrew.email, clare.email], /has looked at/);

    // Made just now, the share ending in two days is not "about to end" yet; a day and a half later it is.
    await svc.service.notifier.sweep(new Date());
    expect(ofKind(await notificationsOf(svc.url, andrew), 'share-expiring')).toHaveLength(0);
    const later = new Date(Date.now() + 36 * 3_600_000);
    await svc.service.notifier.sweep(later);
    await svc.service.notifier.sweep(later);
    const ending = ofKind(await notificationsOf(svc.url, andrew), 'share-expiring');
    expect(ending).toHaveLength(1);
    expect(ending[0]!.text).toMatch(/^The share with Northgate Hospital discharge team ends on \d+ \w+ \d{4}\. If they still need to see your record, make a new share\.$/);
    await waitForEmails(svc, [andrew.email, clare.email], /a share ends on/);

    // He extends it by a week: warned again as the new end comes near, not before.
    const consent = (await request(svc.url).get(`/fhir/Consent/${consentId}`).set(andrew.auth).expect(200)).body as Consent;
    await request(svc.url).put(`/fhir/Consent/${consentId}`).set(andrew.auth).set('Content-Type', fhirJson)
      .send({ ...consent, provision: { ...consent.provision, period: { ...consent.provision!.period, end: inDays(9) } } }).expect(200);
    await svc.service.notifier.sweep(later);
    expect(ofKind(await notificationsOf(svc.url, andrew), 'share-expiring')).toHaveLength(1);
    await svc.service.notifier.sweep(new Date(Date.now() + 7.5 * 86_400_000));
    expect(ofKind(await notificationsOf(svc.url, andrew), 'share-expiring')).toHaveLength(2);
    expect(ofKind(await notificationsOf(svc.url, andrew), 'share-created')).toHaveLength(1); // changing a share does not announce it again
    // The sweep reads only shares that can need a notice: three weeks on, none ends soon or is new.
    expect(await svc.service.notifier.sweep(new Date(Date.now() + 21 * 86_400_000))).toBe(0);

    // He reads them: they stay, marked read; nobody else can mark his.
    const mine = await notificationsOf(svc.url, andrew);
    await request(svc.url).post('/notifications/read').set(clare.auth).send({ ids: mine.map((n) => n.id) }).expect(204);
    expect((await notificationsOf(svc.url, andrew)).every((n) => !n.read)).toBe(true);
    await request(svc.url).post('/notifications/read').set(andrew.auth).send({ ids: mine.map((n) => n.id) }).expect(204);
    expect((await notificationsOf(svc.url, andrew)).every((n) => n.read)).toBe(true);
    const bad = await request(svc.url).post('/notifications/read').set(andrew.auth).send({ ids: ['not an id'] }).expect(400);
    expect(bad.body.resourceType).toBe('OperationOutcome');
    await request(svc.url).get('/notifications').expect(401);
  });

  it('a revoked share is not warned about; a carer who stops caring is no longer told, and no longer sees what she was told', async () => {
    const homeCare = await organisationWithProfessional(svc.url, 'home-care-provider', 'home-care-worker', 'Brightside Home Care');
    const aisha = await signUp(svc.url, 'Aisha', 'Khan', '1945-03-02');
    const sara = await signUp(svc.url, 'Sara', 'Khan', '1975-03-02');
    const arrangement = await carerFor(svc.url, aisha, sara, 'manage');
    const consentId = await add(svc.url, aisha, share(aisha.patientId, `Organization/${homeCare.organizationId}`, ['CarePlan'], { end: inDays(2) }));
    expect(ofKind(await notificationsOf(svc.url, sara), 'share-created')).toHaveLength(1);
    await waitForEmails(svc, [sara.email], /is now shared/);

    const consent = (await request(svc.url).get(`/fhir/Consent/${consentId}`).set(aisha.auth).expect(200)).body as Consent;
    await request(svc.url).put(`/fhir/Consent/${consentId}`).set(aisha.auth).set('Content-Type', fhirJson).send({ ...consent, status: 'inactive' }).expect(200);
    await svc.service.notifier.sweep(new Date(Date.now() + 36 * 3_600_000));
    expect(ofKind(await notificationsOf(svc.url, aisha), 'share-expiring')).toHaveLength(0);

    await request(svc.url).delete(`/carers/${arrangement}`).set(sara.auth).expect(204);
    expect(await notificationsOf(svc.url, sara)).toEqual([]);
    await add(svc.url, aisha, share(aisha.patientId, `Organization/${homeCare.organizationId}`, ['Goal']));
    expect(ofKind(await notificationsOf(svc.url, aisha), 'share-created')).toHaveLength(2);
    const toSara = (await emailsWritten(svc)).filter((m) => m.to === sara.email.toLowerCase() && /is now shared/.test(m.subject));
    expect(toSara).toHaveLength(1); // only the one from while she was a carer
  });

  it('a notice interrupted before it was given is given by the next sweep, once', async () => {
    const hospital = await organisationWithProfessional(svc.url, 'hospital-discharge-team', 'discharge-coordinator', 'Southfield Hospital');
    const rina = await signUp(svc.url, 'Rina', 'Shah', '1966-04-12');
    // As if the service had stopped between storing the share and telling her: the share is written
    // straight into the store, around the record and its notifier.
    const consent = { ...share(rina.patientId, `Organization/${hospital.organizationId}`, ['Appointment']), id: 'interrupted-share-1' };
    await svc.service.stores.store.commit([{ kind: 'create', resource: consent, compartment: rina.patientId }], new Date());
    expect(ofKind(await notificationsOf(svc.url, rina), 'share-created')).toHaveLength(0);
    await svc.service.notifier.sweep(new Date());
    await svc.service.notifier.sweep(new Date());
    const made = ofKind(await notificationsOf(svc.url, rina), 'share-created');
    expect(made.map((n) => n.text)).toEqual([expect.stringMatching(/^Southfield Hospital can now see these parts of your record, until .*: appointments\.$/)]);
  });
});
