/// <reference lib="dom" />
import type { CarePlan, CareTeam, Goal, RelatedPerson, Resource } from '@medplum/fhirtypes';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, buildWebOnce, launchBrowser, screenshotPath } from '../support/browser.ts';
import { accessibilityProblems, signInPage } from '../support/portal-pages.ts';
import { startService, type RunningService } from '../support/service.ts';
import { adminEnv, organisationWithProfessional, signUp } from '../sharing/sharing-harness.ts';
import { longDate } from '../../web/src/share-choices.ts';
import type { SignedIn } from '../support/people.ts';

const haveBrowser = browserAvailable();
const fhirJson = 'application/fhir+json';
const snomed = (code: string, display: string) => ({ coding: [{ system: 'http://snomed.info/sct', code, display }] });


/** No page scrolls sideways on a 360 px phone; axe (slow on a busy machine) on each kind of page state once. */
async function fitsAPhone(page: Page, what: string, axe = true): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), what).toBeLessThanOrEqual(0);
  if (axe) expect(await accessibilityProblems(page), what).toEqual([]);
}

describe.skipIf(!haveBrowser)('edits never lose anything, and a new person is shown where to start (Debian chromium)', () => {
  let svc: RunningService;
  let browser: Browser;
  beforeAll(async () => {
    buildWebOnce();
    svc = await startService('sqlite', adminEnv);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  const signIn = (context: BrowserContext, email: string, password: string): Promise<Page> => signInPage(context, svc.url, email, password);
  const create = async <T extends Resource>(who: SignedIn, resource: T): Promise<T> =>
    (await request(svc.url).post(`/fhir/${resource.resourceType}`).set(who.auth).set('Content-Type', fhirJson).send(resource).expect(201)).body as T;
  const stored = async <T extends Resource>(who: SignedIn, resource: T): Promise<T> => (await request(svc.url).get(`/fhir/${resource.resourceType}/${resource.id}`).set(who.auth).expect(200)).body as T;
  const bytes = (value: unknown): string => JSON.stringify(value);

  it('Andrew changes one entry among several on his care team, support plan, contacts and goals; the others stay exactly as stored, an edit made elsewhere is shown, and a removal asks first and can be undone', async () => {
    const andrew = await signUp(svc.url, 'Andrew', 'Wilson', '1960-05-01');
    const subject = { reference: `Patient/${andrew.patientId}` };
    const team = await create<CareTeam>(andrew, {
      resourceType: 'CareTeam', status: 'active', subject, name: 'People who help me',
      participant: [
        { member: { display: 'Dr Patel' }, role: [snomed('62247001', 'General practitioner')], period: { start: '2019-04-01' } },
        { member: { display: 'Betty' }, role: [{ text: 'Neighbour who checks in' }] },
      ],
    });
    const plan = await create<CarePlan>(andrew, {
      resourceType: 'CarePlan', status: 'active', intent: 'plan', title: 'Support at home', subject,
      activity: [
        { detail: { status: 'in-progress', description: 'Home carer helps me wash and dress', scheduledString: 'Every morning at 8' } },
        { detail: { status: 'scheduled', description: 'Physio exercises with Jo', scheduledString: 'Tuesdays at 2', code: snomed('91251008', 'Physical therapy procedure') } },
        { detail: { status: 'in-progress', description: 'Daughter does the shopping', scheduledString: 'Saturdays' }, progress: [{ text: 'Going well' }] },
      ],
    });
    const samira = await create<RelatedPerson>(andrew, {
      resourceType: 'RelatedPerson', patient: subject, name: [{ given: ['Samira'], family: 'Wilson' }],
      relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'DAU', display: 'daughter' }] }],
      telecom: [{ system: 'email', value: 'samira@example.org' }, { system: 'phone', value: '07700 900001', use: 'mobile' }, { system: 'phone', value: '0113 496 0000', use: 'work' }],
    });
    const tom = await create<RelatedPerson>(andrew, { resourceType: 'RelatedPerson', patient: subject, name: [{ text: 'Tom Reid' }], relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'NBOR', display: 'neighbor' }] }], telecom: [{ system: 'phone', value: '07700 900002' }] });
    const football = await create<Goal>(andrew, { resourceType: 'Goal', lifecycleStatus: 'active', subject, description: { text: 'Home in time for the football' }, note: [{ text: 'Season starts in August' }] });
    const garden = await create<Goal>(andrew, { resourceType: 'Goal', lifecycleStatus: 'active', subject, description: { text: 'Back in the garden by spring' } });

    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await signIn(context, andrew.email, andrew.password);
    const status = () => expect.poll(() => page.getByRole('status').first().innerText());
    const saveChanges = () => page.getByRole('button', { name: 'Save changes' }).click();

    // Care team: a new role for Betty leaves Dr Patel exactly as he was stored.
    await page.goto(`${svc.url}/care-team`);
    await page.getByRole('button', { name: 'Change Neighbour who checks in: Betty' }).click();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Betty');
    await page.getByLabel('Role').selectOption({ label: 'Circle of support' });
    await saveChanges();
    await status().toBe('Changes saved.');
    await expect.poll(() => page.getByTestId('items').innerText()).toMatch(/GP \(family doctor\): Dr Patel[\s\S]*Circle of support: Betty/);
    await fitsAPhone(page, '/care-team', false);
    const teamNow = await stored(andrew, team);
    expect(bytes(teamNow.participant![0])).toBe(bytes(team.participant![0]));
    expect(teamNow.participant![1]).toEqual({ member: { display: 'Betty' }, role: [expect.objectContaining({ coding: [expect.objectContaining({ display: 'Circle of support' })] })] });
    expect(teamNow.name).toBe('People who help me');

    // Support plan: a new time for the carer keeps the physio and the shopping, byte for byte.
    await page.goto(`${svc.url}/support-plan`);
    await page.getByRole('button', { name: /^Change Home carer helps me wash and dress/ }).click();
    await page.getByLabel('When').fill('Every morning at 9');
    await saveChanges();
    await status().toBe('Changes saved.');
    let planNow = await stored(andrew, plan);
    expect(bytes(planNow.activity!.slice(1))).toBe(bytes(plan.activity!.slice(1)));
    expect(planNow.activity![0]!.detail).toEqual({ ...plan.activity![0]!.detail, scheduledString: 'Every morning at 9' });

    // Meanwhile the physio changes the day on another device; Andrew, with the old page, moves the shopping to Sunday.
    // His change is not sent over hers: the page shows what changed and keeps his typing; saving again keeps both.
    await page.getByRole('button', { name: /^Change Daughter does the shopping/ }).click();
    await page.getByLabel('When').fill('Sundays');
    const elsewhere = { ...planNow, activity: planNow.activity!.map((a, i) => (i === 1 ? { ...a, detail: { ...a.detail!, scheduledString: 'Thursdays at 2' } } : a)) };
    await request(svc.url).put(`/fhir/CarePlan/${plan.id}`).set(andrew.auth).set('If-Match', `W/"${planNow.meta!.versionId}"`).set('Content-Type', fhirJson).send(elsewhere).expect(200);
    await saveChanges();
    await expect.poll(() => page.getByTestId('conflict').innerText()).toMatch(/changed somewhere else[\s\S]*has not been saved yet/);
    await expect.poll(() => page.getByTestId('items').innerText()).toMatch(/Physio exercises with Jo — Thursdays at 2/);
    expect(await page.getByLabel('When').inputValue()).toBe('Sundays');
    expect((await stored(andrew, plan)).activity![2]!.detail!.scheduledString).toBe('Saturdays');
    await fitsAPhone(page, '/support-plan with a conflict');
    await page.screenshot({ path: screenshotPath('edit-conflict-phone.png'), fullPage: true });
    await saveChanges();
    await status().toBe('Changes saved.');
    planNow = await stored(andrew, plan);
    expect(planNow.activity!.map((a) => a.detail!.scheduledString)).toEqual(['Every morning at 9', 'Thursdays at 2', 'Sundays']);
    expect(planNow.activity![2]!.progress).toEqual([{ text: 'Going well' }]);

    // Removing the physio asks first; "No" keeps it; "Yes" removes only it; undo puts it back in its place.
    const beforeRemoval = planNow;
    await page.getByRole('button', { name: /^Remove Physio exercises/ }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toMatch(/Are you sure you want to remove “Physio exercises with Jo — Thursdays at 2”\?/);
    await fitsAPhone(page, '/support-plan, are you sure');
    await page.getByRole('button', { name: 'No, keep it' }).click();
    expect((await stored(andrew, plan)).meta!.versionId).toBe(beforeRemoval.meta!.versionId);
    await page.getByRole('button', { name: /^Remove Physio exercises/ }).click();
    await page.getByRole('button', { name: 'Yes, remove it' }).click();
    await status().toBe('Removed: Physio exercises with Jo — Thursdays at 2.');
    expect((await stored(andrew, plan)).activity!.map((a) => a.detail!.description)).toEqual(['Home carer helps me wash and dress', 'Daughter does the shopping']);
    const undo = page.getByTestId('undo');
    await expect.poll(() => undo.innerText()).toMatch(/You removed “Physio exercises with Jo — Thursdays at 2”[\s\S]*put it back until/);
    await fitsAPhone(page, '/support-plan, removed');
    // The offer survives going to another page and coming back.
    await page.goto(`${svc.url}/home`);
    await page.goto(`${svc.url}/support-plan`);
    await page.getByRole('button', { name: /^Undo: put “Physio exercises/ }).click();
    await status().toBe('Put back: Physio exercises with Jo — Thursdays at 2.');
    const restored = await stored(andrew, plan);
    expect(bytes(restored.activity)).toBe(bytes(beforeRemoval.activity));
    expect(await page.getByTestId('undo').count()).toBe(0);

    // Contacts: Tom's new number leaves Samira untouched; Samira's new mobile keeps her email and work number.
    await page.goto(`${svc.url}/contacts`);
    await page.getByRole('button', { name: /^Change Tom Reid/ }).click();
    await page.getByLabel('Phone number').fill('07700 900003');
    await saveChanges();
    await status().toBe('Changes saved.');
    expect(bytes(await stored(andrew, samira))).toBe(bytes(samira));
    await page.getByRole('button', { name: /^Change Samira Wilson/ }).click();
    // The last edit's "Changes saved." is gone, so the next one is news (and is read out again).
    await status().toBe('');
    expect(await page.getByLabel('Email address (optional)').inputValue()).toBe('samira@example.org');
    await page.getByLabel('Phone number').fill('07700 900009');
    await saveChanges();
    await status().toBe('Changes saved.');
    const samiraNow = await stored(andrew, samira);
    expect(samiraNow.telecom).toEqual([samira.telecom![0], { ...samira.telecom![1], value: '07700 900009' }, samira.telecom![2]]);
    expect(bytes(samiraNow.name)).toBe(bytes(samira.name));
    expect(bytes(samiraNow.relationship)).toBe(bytes(samira.relationship));
    expect((await stored(andrew, tom)).telecom).toEqual([{ system: 'phone', value: '07700 900003' }]);
    await fitsAPhone(page, '/contacts');

    // Goals: one changed, the other untouched; a whole goal removed is asked about and comes back with undo.
    await page.goto(`${svc.url}/what-matters`);
    await page.getByRole('button', { name: 'Change Back in the garden by spring' }).click();
    await page.getByLabel('In your own words').fill('Back in the garden by Easter');
    await saveChanges();
    await status().toBe('Changes saved.');
    expect(bytes(await stored(andrew, football))).toBe(bytes(football));
    await page.getByRole('button', { name: 'Remove Home in time for the football' }).click();
    await page.getByRole('button', { name: 'Yes, remove it' }).click();
    await status().toBe('Removed: Home in time for the football.');
    await request(svc.url).get(`/fhir/Goal/${football.id}`).set(andrew.auth).expect(410);
    await page.getByRole('button', { name: /^Undo: put “Home in time for the football” back/ }).click();
    await status().toBe('Put back: Home in time for the football.');
    const back = await stored(andrew, football);
    expect({ ...back, meta: undefined }).toEqual({ ...football, meta: undefined });
    expect((await stored(andrew, garden)).description).toEqual({ text: 'Back in the garden by Easter' });
    await fitsAPhone(page, '/what-matters', false);
    await context.close();
  }, 300_000);

  it('Rina, new on her phone, is shown where to start; she shares with the hospital for 2 weeks after checking her answers, extends that share to a date instead of sharing twice, reads one grouped line for repeated looks, and stops only after confirming', async () => {
    const hospital = await organisationWithProfessional(svc.url, 'hospital-discharge-team', 'discharge-coordinator', 'St Luke’s respiratory team');
    const rina = await signUp(svc.url, 'Rina', 'Shah', '1966-04-12');
    const subject = { reference: `Patient/${rina.patientId}` };
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await signIn(context, rina.email, rina.password);
    const startHere = page.getByTestId('start-here');

    // Start here: five numbered steps, none done yet.
    await expect.poll(() => startHere.innerText()).toMatch(/0 of 5 steps done/);
    expect(await startHere.getByRole('link').allInnerTexts()).toEqual(['1. Record your allergies', '2. List your medicines', '3. Add who to call', '4. Record your emergency wishes', '5. Print your Red Bag']);
    await fitsAPhone(page, '/home, new');
    await page.screenshot({ path: screenshotPath('home-start-here-phone.png'), fullPage: true });

    // An allergy and a medicine count; a friend with no phone number or email is not yet someone to call.
    await create(rina, { resourceType: 'AllergyIntolerance', patient: subject, clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] }, verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'confirmed' }] }, criticality: 'low', code: snomed('91936005', 'Allergy to penicillin') } as Resource);
    await create(rina, { resourceType: 'MedicationStatement', status: 'active', subject, medicationCodeableConcept: { text: 'Salbutamol inhaler' } } as Resource);
    await create<RelatedPerson>(rina, { resourceType: 'RelatedPerson', patient: subject, name: [{ text: 'Priya Shah' }], relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'SIB', display: 'sibling' }] }] });
    await page.reload();
    await expect.poll(() => startHere.innerText()).toMatch(/2 of 5 steps done/);
    await expect.poll(() => page.getByRole('listitem').filter({ hasText: '3. Add who to call' }).innerText()).toMatch(/To do/);
    expect(await page.getByRole('listitem').filter({ hasText: '1. Record your allergies' }).innerText()).toMatch(/Done/);

    // Sharing: an answer left out is an error tied to its field; then who, what, how long, and check the answers.
    await page.goto(`${svc.url}/sharing`);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/There is a problem\s+Choose who to share with/);
    await fitsAPhone(page, '/sharing, nothing chosen', false);
    await page.getByLabel('Who do you want to share with?').selectOption({ label: 'St Luke’s respiratory team' });
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Allergies and medicines').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('2 weeks').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    const fortnight = longDate(new Date(Date.now() + 14 * 86_400_000).toISOString());
    await expect.poll(() => page.getByTestId('check-answers').innerText()).toMatch(new RegExp(`Who\\s+St Luke’s respiratory team[\\s\\S]*Allergies and medicines[\\s\\S]*Until\\s+The end of ${fortnight}`));
    await fitsAPhone(page, '/sharing, check your answers');
    await page.getByRole('button', { name: 'Share my record' }).click();
    await expect.poll(() => page.getByRole('status').first().innerText()).toBe(`You are now sharing with St Luke’s respiratory team until ${fortnight}.`);

    // The same team again: she is offered to extend the share she has, and picks a date (a wrong one first).
    await page.getByLabel('Who do you want to share with?').selectOption({ label: 'St Luke’s respiratory team' });
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Yes, extend the share I have').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Until a date I choose').check();
    const later = new Date(Date.now() + 60 * 86_400_000);
    await page.getByLabel('Day', { exact: true }).fill('31');
    await page.getByLabel('Month', { exact: true }).fill('2');
    await page.getByLabel('Year', { exact: true }).fill(String(later.getUTCFullYear()));
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/The date the share should end must be a real date/);
    expect(await page.locator('#end-date-error').innerText()).toMatch(/must be a real date/);
    await fitsAPhone(page, '/sharing, a wrong date');
    await page.getByLabel('Day', { exact: true }).fill(String(later.getUTCDate()));
    await page.getByLabel('Month', { exact: true }).fill(String(later.getUTCMonth() + 1));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Extend the share' }).click();
    const laterText = longDate(later.toISOString());
    await expect.poll(() => page.getByRole('status').first().innerText()).toBe(`Your share with St Luke’s respiratory team now lasts until ${laterText}.`);
    const consents = (await request(svc.url).get(`/fhir/Consent?patient=Patient/${rina.patientId}&status=active`).set(rina.auth).expect(200)).body.entry.map((e: { resource: { provision: { period: { end: string } } } }) => e.resource);
    expect(consents).toHaveLength(1);
    expect(consents[0].provision.period.end.slice(0, 10)).toBe(later.toISOString().slice(0, 10));

    // The team looks at her allergies six times in a minute: one line in her log, not six.
    for (let i = 0; i < 6; i++) await request(svc.url).get(`/fhir/AllergyIntolerance?patient=Patient/${rina.patientId}`).set(hospital.professional.auth).expect(200);
    await page.goto(`${svc.url}/access-log`);
    await expect.poll(() => page.getByTestId('access-log').innerText()).toMatch(/St Luke’s respiratory team \(Sam Patel\) looked through your allergies 6 times (at|between) \d\d:\d\d/);
    expect(await page.getByTestId('access-log').getByRole('listitem').filter({ hasText: 'looked through your allergies' }).count()).toBe(1);
    await fitsAPhone(page, '/access-log', false);

    // Stopping asks first; "No" keeps the share, "Yes" ends it.
    await page.goto(`${svc.url}/sharing`);
    await page.getByRole('button', { name: 'Stop sharing with St Luke’s respiratory team' }).click();
    await expect.poll(() => page.getByTestId('stop-sharing').innerText()).toMatch(/Are you sure you want to stop sharing with St Luke’s respiratory team\?/);
    await fitsAPhone(page, '/sharing, stop?');
    await page.getByRole('button', { name: 'No, keep sharing' }).click();
    await expect.poll(() => page.getByTestId('share').count()).toBe(1);
    await page.getByRole('button', { name: 'Stop sharing with St Luke’s respiratory team' }).click();
    await page.getByRole('button', { name: 'Yes, stop sharing' }).click();
    await expect.poll(() => page.getByRole('status').first().innerText()).toMatch(/Stopped sharing with St Luke’s respiratory team/);
    await request(svc.url).get(`/fhir/AllergyIntolerance?patient=Patient/${rina.patientId}`).set(hospital.professional.auth).expect((res) => expect(res.body.entry ?? []).toHaveLength(0));
    await context.close();
  }, 300_000);
});
