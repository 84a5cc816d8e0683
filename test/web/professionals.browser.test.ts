/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ukDate } from '../../src/cards/uk-date.ts';
import { browserAvailable, buildWebOnce, launchBrowser, screenshotPath } from '../support/browser.ts';
import { startService, type RunningService } from '../support/service.ts';
import { add, adminEnv, organisationWithProfessional, share, signUp } from '../sharing/sharing-harness.ts';
import { codeineAllergy } from './red-bag-fixture.ts';
import { withNhsNumber } from '../sharing/nhs-number.ts';
import { draftProposal, draftRows } from '../../src/plans/draft-proposal.ts';

const haveBrowser = browserAvailable();
const phone = { viewport: { width: 360, height: 740 } };

/** Serious or critical axe findings, and whether the page scrolls sideways on a 360 px phone. */
async function checkPage(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const problems = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(problems, what).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${what} scrolls sideways at 360 px`).toBeLessThanOrEqual(0);
}

/** Issue 14, item 5: professionals do their job in the portal (Debian chromium, on a phone). */
describe.skipIf(!haveBrowser)('professionals in the portal (Debian chromium, 360 px)', () => {
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

  async function signIn(context: BrowserContext, email: string, password: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${svc.url}/sign-in`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/(home|shared-with-me)$/);
    return page;
  }

  const visits = { detail: { status: 'scheduled', description: 'Home care visit twice a day for the first two weeks', scheduledString: '8am and 6pm', performer: [{ display: 'Brightside Home Care' }] } };
  const shopping = { detail: { status: 'scheduled', description: 'Scott helps me order shopping online', scheduledString: 'Mondays', performer: [{ display: 'Scott Reid' }] } };

  /** Andrew going home: his plan (two kinds of help), an aim, a friend with a phone number, his care team, an allergy he does not share; shared with the hospital for 30 days. */
  async function andrewSharingWithTheHospital(nhsNumber: string) {
    const hospital = await organisationWithProfessional(svc.url, 'hospital-discharge-team', 'discharge-coordinator', 'Northgate Hospital discharge team');
    const andrew = await signUp(svc.url, 'Andrew', 'Wilson', '1960-05-01');
    await withNhsNumber(svc.url, andrew, nhsNumber);
    const me = { reference: `Patient/${andrew.patientId}` };
    const goalId = await add(svc.url, andrew, { resourceType: 'Goal', lifecycleStatus: 'active', description: { text: 'Be home and walking to the shop by myself' }, subject: me });
    const planId = await add(svc.url, andrew, { resourceType: 'CarePlan', status: 'active', intent: 'plan', title: 'Going home plan', subject: me, goal: [{ reference: `Goal/${goalId}` }], activity: [visits, shopping] });
    await add(svc.url, andrew, { resourceType: 'RelatedPerson', patient: me, name: [{ text: 'Scott Reid' }], relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'FRND', display: 'friend' }] }], telecom: [{ system: 'phone', value: '07700 900789' }] });
    await add(svc.url, andrew, { resourceType: 'CareTeam', status: 'active', subject: me, participant: [{ role: [{ text: 'Local area coordinator' }], member: { display: 'John Baker, Local Area Coordination' } }] });
    await add(svc.url, andrew, codeineAllergy(andrew.patientId)); // not shared: she must read "Not shared with you", never "none"
    const end = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await add(svc.url, andrew, share(andrew.patientId, `Organization/${hospital.organizationId}`, ['CarePlan', 'Goal', 'Observation', 'RelatedPerson', 'CareTeam', 'Composition'], { end }));
    return { hospital, andrew, planId, end };
  }

  it('Andrew’s discharge coordinator reads his whole shared plan, proposes a change on a copy and writes his discharge summary', async () => {
    const { hospital, andrew, planId, end } = await andrewSharingWithTheHospital('9990000026');
    const planBefore = (await request(svc.url).get(`/fhir/CarePlan/${planId}`).set(andrew.auth).expect(200)).body;

    // Sam opens his plan on her phone: everything shared on one screen.
    const coordinator = await signIn(await browser.newContext(phone), hospital.email, hospital.password);
    await coordinator.getByRole('link', { name: 'Andrew Wilson' }).click();
    const main = coordinator.locator('main');
    await expect.poll(() => main.innerText()).toMatch(/Andrew Wilson’s shared plan/);
    const text = await main.innerText();
    expect(text).toMatch(/Date of birth\s+1 May 1960/);
    expect(text).toMatch(/NHS number\s+999 000 0026 \(not verified: given by the person\)/);
    expect(text).toMatch(new RegExp(`Shared with you until\\s+${ukDate(end)}`));
    expect(await coordinator.getByTestId('activities').innerText()).toMatch(/Home care visit twice a day for the first two weeks\s+Who\s*Brightside Home Care\s+When\s*8am and 6pm/);
    expect(text).toMatch(/Aims: Be home and walking to the shop by myself/);
    expect(await coordinator.getByTestId('contacts').innerText()).toMatch(/Scott Reid \(friend\): 07700 900789/);
    expect(await coordinator.getByRole('link', { name: '07700 900789' }).getAttribute('href')).toBe('tel:07700900789');
    expect(await coordinator.getByTestId('care-team').innerText()).toMatch(/John Baker, Local Area Coordination, Local area coordinator/);
    expect(text).toMatch(/Allergies\s+Not shared with you\./);
    expect(text).not.toMatch(/Codeine/);
    await checkPage(coordinator, 'the shared plan');
    await coordinator.screenshot({ path: screenshotPath('shared-plan-phone.png'), fullPage: true });

    // She proposes a change on a copy: a later morning visit and a physio visit; the shopping stays as it is.
    await coordinator.getByRole('link', { name: 'Propose a change to “Going home plan”' }).click();
    await expect.poll(() => main.innerText()).toMatch(/You are editing a copy/);
    await coordinator.locator('#row-0-when').fill('9am and 6pm');
    await coordinator.getByRole('button', { name: 'Add more help' }).click();
    await coordinator.locator('#row-2-what').fill('Community physio visit');
    await coordinator.locator('#row-2-who').fill('Northgate community physio');
    await coordinator.locator('#row-2-when').fill('Tuesdays');
    await checkPage(coordinator, 'propose a change');
    await coordinator.getByRole('button', { name: 'Check what would change' }).click();
    const diff = coordinator.getByTestId('plan-diff');
    await expect.poll(() => diff.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-change')))).toEqual(['same', 'Changed: when', 'same', 'New']);
    expect(await diff.innerText()).toMatch(/8am and 6pm[\s\S]*9am and 6pm/);
    await checkPage(coordinator, 'check what would change');
    await coordinator.getByRole('button', { name: 'Send the proposal' }).click();
    await expect.poll(() => main.innerText()).toMatch(/Proposal sent\s+Andrew Wilson is told, and sees what would change\. Nothing changes until they accept it\./);
    // Stored: a new proposal by her; the untouched activity byte for byte; his plan unchanged.
    const proposals = (await request(svc.url).get(`/fhir/CarePlan?patient=Patient/${andrew.patientId}&intent=proposal&status=draft`).set(andrew.auth).expect(200)).body.entry.map((e: { resource: unknown }) => e.resource);
    expect(proposals).toHaveLength(1);
    expect(proposals[0]).toMatchObject({ replaces: [{ reference: `CarePlan/${planId}` }], author: { reference: `PractitionerRole/${hospital.practitionerRoleId}` } });
    expect(proposals[0].activity[1]).toEqual(shopping);
    expect((await request(svc.url).get(`/fhir/CarePlan/${planId}`).set(andrew.auth).expect(200)).body).toEqual(planBefore);

    // Then the discharge summary: nothing written is refused beside the form; two parts are enough.
    await coordinator.getByRole('link', { name: 'Back to Andrew Wilson’s shared plan' }).click();
    await expect.poll(() => main.innerText()).toMatch(/Waiting for Andrew Wilson’s answer: Going home plan/);
    await coordinator.getByRole('link', { name: 'Write a discharge summary' }).click();
    await coordinator.getByRole('button', { name: 'Add the summary to Andrew Wilson’s record' }).click();
    await expect.poll(() => coordinator.getByRole('alert').innerText()).toMatch(/Write at least one part of the summary/);
    await coordinator.getByLabel('What happened in hospital').fill('Broken hip (left), repaired on 2 March. Walking with a frame.');
    await coordinator.getByLabel('Support needed at home').fill('Help washing and dressing each morning for 4 weeks.\n\nA perching stool <in the kitchen> & a rail by the bath.');
    await checkPage(coordinator, 'write a discharge summary');
    await coordinator.getByRole('button', { name: 'Add the summary to Andrew Wilson’s record' }).click();
    await expect.poll(() => main.innerText()).toMatch(/Discharge summary added/);
    const compositions = (await request(svc.url).get(`/fhir/Composition?patient=Patient/${andrew.patientId}`).set(andrew.auth).expect(200)).body.entry.map((e: { resource: { section: { title: string; text: { div: string } }[] } }) => e.resource);
    expect(compositions).toHaveLength(1);
    expect(compositions[0]).toMatchObject({ status: 'final', author: [{ reference: `PractitionerRole/${hospital.practitionerRoleId}` }], type: { coding: [{ code: '18842-5' }] } });
    expect(compositions[0].section.map((s: { title: string }) => s.title)).toEqual(['What happened in hospital', 'Support needed at home']);
    expect(compositions[0].section[1]!.text.div).toContain('<p>A perching stool &lt;in the kitchen&gt; &amp; a rail by the bath.</p>');
    await coordinator.getByRole('link', { name: 'Back to Andrew Wilson’s shared plan' }).click();
    await expect.poll(() => main.innerText()).toMatch(new RegExp(`Discharge summaries\\s+Discharge summary, ${ukDate(new Date().toISOString())}`));
    await coordinator.getByRole('link', { name: 'Back to people sharing with you' }).click();
    await expect.poll(() => coordinator.getByTestId('people').innerText()).toMatch(/Andrew Wilson, born 1 May 1960/);
    await coordinator.context().close();
  });

  it('Andrew reads a proposed change beside his plan, with who proposed it, and accepts it', async () => {
    const { hospital, andrew, planId } = await andrewSharingWithTheHospital('9990000034');
    // Sam's proposal, made by the same function her page uses: the morning visit later, a physio visit added.
    const current = (await request(svc.url).get(`/fhir/CarePlan/${planId}`).set(andrew.auth).expect(200)).body;
    const rows = draftRows(current);
    rows[0] = { ...rows[0]!, when: '9am and 6pm' };
    rows.push({ what: 'Community physio visit', who: 'Northgate community physio', when: 'Tuesdays' });
    const proposed = draftProposal({ patientId: andrew.patientId, current, title: current.title, description: '', rows, author: `PractitionerRole/${hospital.practitionerRoleId}`, now: new Date() });
    await request(svc.url).post('/fhir/CarePlan').set(hospital.professional.auth).set('Content-Type', 'application/fhir+json').send(proposed).expect(201);

    const page = await signIn(await browser.newContext(phone), andrew.email, andrew.password);
    await page.goto(`${svc.url}/support-plan`);
    const proposal = page.getByTestId('proposal');
    await expect.poll(() => proposal.getByTestId('proposed-by').innerText()).toBe(`Proposed by Sam Patel, Discharge coordinator, Northgate Hospital discharge team on ${ukDate(new Date().toISOString())}.`);
    const table = proposal.getByTestId('plan-diff');
    expect(await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-change')))).toEqual(['same', 'Changed: when', 'same', 'New']);
    expect(await table.locator('tbody tr').nth(1).innerText()).toMatch(/Changed: when[\s\S]*Now\s*Home care visit twice a day for the first two weeks — by Brightside Home Care — 8am and 6pm[\s\S]*Proposed\s*Home care visit twice a day for the first two weeks — by Brightside Home Care — 9am and 6pm/);
    expect(await table.locator('tbody tr').nth(3).innerText()).toMatch(/New[\s\S]*Now\s*\(nothing\)[\s\S]*Proposed\s*Community physio visit — by Northgate community physio — Tuesdays/);
    await checkPage(page, 'Andrew’s proposal');
    await page.screenshot({ path: screenshotPath('proposal-side-by-side-phone.png'), fullPage: true });
    await page.getByRole('button', { name: 'Accept this plan' }).click();
    await expect.poll(() => page.locator('main').innerText()).toMatch(/You accepted “Going home plan”\. It is now the support plan\./);
    const plans = (await request(svc.url).get(`/fhir/CarePlan?patient=Patient/${andrew.patientId}&status=active&intent=plan`).set(andrew.auth).expect(200)).body.entry;
    expect(plans).toHaveLength(1);
    expect(plans[0].resource.activity[1]).toEqual(shopping); // what Sam did not touch is as it was
    await page.context().close();
  });

  it('a paramedic at Aisha’s door opens her record in an emergency by NHS number and date of birth, with a reason, and sees the time left', async () => {
    const crew = await organisationWithProfessional(svc.url, 'gp-practice', 'clinician', 'North West Ambulance Service');
    const aisha = await signUp(svc.url, 'Aisha', 'Khan', '1945-03-02');
    await withNhsNumber(svc.url, aisha, '9990000018');
    await add(svc.url, aisha, codeineAllergy(aisha.patientId));

    const paramedic = await signIn(await browser.newContext(phone), crew.email, crew.password);
    await paramedic.getByRole('link', { name: 'Open someone’s record in an emergency' }).click();
    await expect.poll(() => paramedic.locator('main').innerText()).toMatch(/You can read what an emergency needs for 60 minutes/);
    await paramedic.getByLabel('NHS number').fill('999 000 0018');
    await paramedic.getByLabel('Day').fill('2');
    await paramedic.getByLabel('Month').fill('3');
    await paramedic.getByLabel('Year').fill('1945');
    await paramedic.getByLabel('Why do you need to open it?').fill('fall');
    await paramedic.getByRole('button', { name: 'Open the record' }).click();
    // Too short a reason: said in the error summary and beside the box, in plain words.
    await expect.poll(() => paramedic.locator('#reason-error').innerText()).toMatch(/Say why you need to open this record in an emergency, in a sentence\./);
    await checkPage(paramedic, 'emergency access with an error');
    await paramedic.getByLabel('Why do you need to open it?').fill('Found on the floor after a fall, confused, cannot give a history');
    await paramedic.getByRole('button', { name: 'Open the record' }).click();
    await expect.poll(() => paramedic.locator('main').innerText()).toMatch(/Emergency access is open/);
    expect(await paramedic.getByTestId('time-left').innerText()).toMatch(/^Emergency access ends at \d\d:\d\d \((59|60) minutes left\)/);
    await expect.poll(() => paramedic.locator('.redbag-allergies').innerText()).toMatch(/Codeine/);
    await checkPage(paramedic, 'the emergency summary');
    await paramedic.screenshot({ path: screenshotPath('emergency-access-phone.png'), fullPage: true });

    // Everything emergency access opens, part by part, with the time left still in view.
    await paramedic.getByRole('link', { name: 'See everything emergency access opens, part by part' }).click();
    await expect.poll(() => paramedic.locator('main').innerText()).toMatch(/Aisha Khan’s shared plan/);
    expect(await paramedic.getByTestId('time-left').innerText()).toMatch(/\((59|60) minutes left\)/);
    const text = await paramedic.locator('main').innerText();
    expect(text).toMatch(/Allergies\s+HIGH RISK: Codeine/);
    expect(text).toMatch(/Discharge summaries\s+Not shared with you\./);
    expect(text).not.toMatch(/Shared with you until/);
    await checkPage(paramedic, 'the record under emergency access');

    // Aisha is told, with the reason.
    const told = (await request(svc.url).get('/notifications').set(aisha.auth).expect(200)).body.notifications;
    expect(told.find((n: { kind: string }) => n.kind === 'emergency-access').text).toMatch(/The reason they gave: “Found on the floor after a fall/);
    await paramedic.context().close();
  });
});
