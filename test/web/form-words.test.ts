import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordSections } from '../../web/src/record-sections.ts';
import { allergyWords, importWords, sectionWords } from '../../web/src/form-words.ts';
import { plainProblems, type FieldProblem, type FormWords } from '../../web/src/plain-problems.ts';
import { fhirJson, signUp, type SignedIn } from '../support/people.ts';
import { startService, type RunningService } from '../support/service.ts';

/**
 * Every form's bad input sent to the real service over HTTP; the OperationOutcome it answers is read
 * through the portal's words, and nothing a person would be told may carry a resource path, [x], an
 * id or a bare code. The rules here are the test's own, not the portal's jargon list.
 */
const forbidden: Array<[string, RegExp]> = [
  ['a resource path', /\b[A-Z][a-zA-Z]+\.[a-z]/],
  ['[x] or an index', /\[(x|\d+)\]/],
  ['a bare code', /(^|[^\d ])\d{6,}([^\d ]|$)|\b\d{4,5}-\d\b/],
  ['an id', /\b(Patient|Consent|CarePlan|RelatedPerson)\/\S+/],
  ['FHIR words', /non-primitive|SHALL|invariant|Constraint|resourceType|\bnull\b/],
];

function jargonIn(problems: FieldProblem[]): string[] {
  return problems.flatMap((p) => forbidden.filter(([, pattern]) => pattern.test(p.text)).map(([what]) => `${what} in “${p.text}”`));
}

describe('every form’s refusals in plain words, beside their fields (real service over HTTP)', () => {
  let svc: RunningService;
  let person: SignedIn;
  const seen: Array<{ form: string; issues: OperationOutcomeIssue[]; problems: FieldProblem[] }> = [];
  beforeAll(async () => {
    svc = await startService('sqlite');
    person = await signUp(svc.url, 'Rina', 'Shah', '1966-01-09');
  });
  afterAll(async () => svc?.stop());

  /** Sends it, expects a refusal, reads it as the form would; returns what she is told. */
  async function refused(form: string, send: request.Test, words: FormWords): Promise<FieldProblem[]> {
    const answer = await send;
    expect(answer.status, `${form}: ${JSON.stringify(answer.body)}`).toBeGreaterThanOrEqual(400);
    const issues = (answer.body.issue ?? []) as OperationOutcomeIssue[];
    const problems = plainProblems(issues, answer.status, words);
    seen.push({ form, issues, problems });
    if (process.env.SHOW_WORDS) console.log(form, '=>', JSON.stringify(problems));
    expect(jargonIn(problems), `${form}: server said ${JSON.stringify(issues.map((i) => i.details?.text))}`).toEqual([]);
    return problems;
  }

  it('each part of the record: empty, spaces only, and half-filled forms are refused beside the field', async () => {
    const patient = `Patient/${person.patientId}`;
    for (const section of recordSections) {
      const fieldIds = section.fields.map((f) => f.id);
      // Each field alone, and each choice of a pick-list alone (an emergency contact needs a number).
      const halves = section.fields.flatMap((f) => (f.choices ? f.choices.map((c) => ({ [f.id]: c.code })) : [{ [f.id]: 'Some words' }]));
      const inputs = [{}, Object.fromEntries(fieldIds.map((id) => [id, ' '])), ...halves];
      let refusals = 0;
      for (const form of inputs) {
        let resource: unknown;
        try {
          resource = section.fromForm(form as Record<string, string>, patient);
        } catch {
          continue; // a date the browser's own picker would never send
        }
        const answer = await request(svc.url).post(`/fhir/${section.resourceType}`).set(person.auth).set('Content-Type', fhirJson).send(resource as object);
        if (answer.status < 400) continue;
        refusals += 1;
        const problems = await refused(`${section.path} ${JSON.stringify(form)}`, request(svc.url).post(`/fhir/${section.resourceType}`).set(person.auth).set('Content-Type', fhirJson).send(resource as object), sectionWords[section.path] ?? {});
        // Beside a field of this form, never only in the summary at the top.
        for (const p of problems) expect(fieldIds, `${section.path}: “${p.text}” is not beside a field`).toContain(p.field);
      }
      expect(refusals, `${section.path} refuses an empty form`).toBeGreaterThan(0);
    }
  });

  it('the old jargon is gone: medicines, the care team and emergency wishes', () => {
    const said = (form: string) => seen.filter((s) => s.form.startsWith(form)).flatMap((s) => s.problems.map((p) => `${p.field}: ${p.text}`));
    expect(said('/medicines {}')).toEqual(['name: Enter the name of the medicine, as it says on the box.']);
    expect(said('/care-team {}')).toContain('role: Choose their role from the list.');
    expect(said('/emergency-wishes {}')).toEqual(expect.arrayContaining([expect.stringMatching(/^cpr: Choose whether to try CPR/), expect.stringMatching(/^wishes: Write what should happen/)]));
    // What the server itself said, for the record of what was mapped.
    const original = seen.flatMap((s) => s.issues.map((i) => i.details?.text ?? ''));
    expect(original).toEqual(expect.arrayContaining([expect.stringMatching(/medication\[x\]/), 'Invalid empty non-primitive value']));
  });

  it('allergies, carers, sign-up, sign-in and import: refused in plain words', async () => {
    const allergy = { resourceType: 'AllergyIntolerance', patient: { reference: `Patient/${person.patientId}` }, clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] }, code: { text: ' ' }, criticality: 'high', reaction: [{ manifestation: [{ text: ' ' }] }] };
    const allergyProblems = await refused('allergy', request(svc.url).post('/fhir/AllergyIntolerance').set(person.auth).set('Content-Type', fhirJson).send(allergy), allergyWords);
    expect(allergyProblems.map((p) => p.field)).toEqual(expect.arrayContaining(['code', 'reaction']));

    const invite = await refused('carer invitation', request(svc.url).post(`/fhir/Patient/${person.patientId}/carer-invitations`).set(person.auth).send({ rights: 'view', email: 'not an address' }), {});
    expect(invite).toEqual([{ field: 'email', text: expect.stringMatching(/^Enter an email address like/) }]);
    const code = await refused('accept', request(svc.url).post('/carers/accept').set(person.auth).send({ code: 'ABCD-EFGH-JKLM' }), {});
    expect(code).toEqual([{ field: 'code', text: expect.stringMatching(/^This invitation code does not work/) }]);

    const signUpProblems = await refused('register', request(svc.url).post('/auth/register').send({ email: 'x', password: 'short', name: { given: '', family: '' }, birthDate: '2999-01-01' }), {});
    expect(signUpProblems.map((p) => p.field)).toEqual(['email', 'password', 'name.given', 'name.family', 'birthDate']);
    await refused('sign-in', request(svc.url).post('/auth/login').send({ email: 'nobody@example.org', password: 'wrong' }), {});

    for (const file of [{ resourceType: 'Bundle', type: 'document' }, { resourceType: 'Patient' }, { resourceType: 'Bundle', type: 'document', entry: [{ resource: { resourceType: 'Composition' } }] }]) {
      const problems = await refused('import', request(svc.url).post(`/fhir/Patient/${person.patientId}/$import-summary`).set(person.auth).set('Content-Type', fhirJson).send(file), importWords);
      expect(problems.length).toBeGreaterThan(0);
    }
  });

  it('accepting an invitation answers with the person’s name, for the page to say whom she now helps', async () => {
    const invitation = await request(svc.url).post(`/fhir/Patient/${person.patientId}/carer-invitations`).set(person.auth).send({ rights: 'view' }).expect(201);
    const carer = await signUp(svc.url, 'Sara', 'Shah', '1990-01-01');
    const accepted = await request(svc.url).post('/carers/accept').set(carer.auth).send({ code: invitation.body.code }).expect(201);
    expect(accepted.body).toMatchObject({ patient: `Patient/${person.patientId}`, name: 'Rina Shah', rights: 'view' });
    const own = await refused('own invitation', request(svc.url).post('/carers/accept').set(person.auth).send({ code: (await request(svc.url).post(`/fhir/Patient/${person.patientId}/carer-invitations`).set(person.auth).send({ rights: 'view' })).body.code }), {});
    expect(own).toEqual([{ field: 'code', text: expect.stringMatching(/^This is your own invitation/) }]);
  });

  it('a page that is gone or not hers says so without the id', async () => {
    const gone = await refused('missing', request(svc.url).get('/fhir/Patient/4ee9f0c2-0000-4000-8000-000000000000').set(person.auth), {});
    expect(gone).toEqual([{ field: '', text: expect.stringMatching(/^We could not find this/) }]);
  });
});
