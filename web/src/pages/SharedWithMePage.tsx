import { useEffect, useState } from 'react';
import type { Bundle, CarePlan, Patient, Resource } from '@medplum/fhirtypes';
import { api, entries } from '../api/client.ts';
import { Link } from '../components/Link.tsx';
import { fullName, SharedPlan } from '../components/SharedPlan.tsx';
import { ProposeChange } from '../components/ProposeChange.tsx';
import { DischargeSummaryForm } from '../components/DischargeSummaryForm.tsx';
import type { Coverage } from '../../../src/access/share-coverage.ts';
import { ukDate } from '../../../src/cards/uk-date.ts';
import { useSession } from '../session.tsx';
import { identityStatus, nhsIdentifier } from '../../../src/access/identity.ts';
import { searchFor } from '../patient-search.ts';

/** For professionals: the people sharing with you, searchable by name, NHS number or date of birth; open one plan. */
export function SharedWithMePage() {
  const { me } = useSession();
  const [query, setQuery] = useState('');
  const [people, setPeople] = useState<Patient[]>();
  const params = new URLSearchParams(useSearch());
  const open = params.get('patient');

  useEffect(() => {
    const q = query.trim();
    const search = searchFor(q);
    const timer = setTimeout(() => void api(`/fhir/Patient?_count=100&${search}`).then((b) => setPeople(entries(b as Bundle) as Patient[])), 250);
    return () => clearTimeout(timer);
  }, [query]);

  if (open) return <OpenPlan key={params.toString()} patientId={open} propose={params.get('propose')} summary={params.get('summary') !== null} />;
  return (
    <>
      <h1>People sharing with you</h1>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="find">Find someone</label>
        <div className="nhsuk-hint" id="find-hint">Name, NHS number or date of birth (for example 14/06/1944 or 14 June 1944)</div>
        <input className="nhsuk-input nhsuk-input--width-20" id="find" aria-describedby="find-hint" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      {!people ? <p role="status">Loading…</p> : people.length === 0 ? <p>No one is sharing with you{query ? ' who matches that' : ''}.</p> : (
        <ul className="nhsuk-list nhsuk-list--border" data-testid="people">
          {people.map((p) => {
            const name = [p.name?.[0]?.given?.join(' '), p.name?.[0]?.family].filter(Boolean).join(' ');
            const nhs = nhsIdentifier(p);
            const identity = !nhs ? 'no NHS number given' : `NHS number ${nhs.value} (${identityStatus(p) === 'verified' ? 'verified' : 'not verified'})`;
            return <li key={p.id}><Link href={`/shared-with-me?patient=${p.id}`}>{name}</Link>, born {p.birthDate ? ukDate(p.birthDate) : 'date not given'}, <span data-testid="identity">{identity}</span></li>;
          })}
        </ul>
      )}
      <p><Link href="/scan">Scan a Red Bag code</Link></p>
      {/* Shown to clinicians and paramedics; the server decides who may open a record in an emergency. */}
      {me?.role === 'clinician' ? <p><Link href="/emergency-access">Open someone’s record in an emergency</Link></p> : null}
    </>
  );
}

/** The query string, kept current as links move within this page (the App re-renders on a new path only). */
function useSearch(): string {
  const [search, setSearch] = useState(location.search);
  useEffect(() => {
    const onPop = () => setSearch(location.search);
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  return search;
}

/**
 * One person's shared plan, or (with propose= or summary=) the coordinator's forms for it. The
 * plan and what the share covers are loaded together; the page title follows what is on screen.
 */
function OpenPlan({ patientId, propose, summary }: { patientId: string; propose: string | null; summary: boolean }) {
  const [plan, setPlan] = useState<{ resources: Resource[]; coverage: Coverage } | 'gone'>();
  useEffect(() => {
    void Promise.all([api<Bundle>(`/fhir/Patient/${patientId}/$everything`), api<Coverage>(`/fhir/Patient/${patientId}/$my-access`)]).then(
      ([bundle, coverage]) => setPlan({ resources: entries(bundle), coverage }),
      () => setPlan('gone'),
    );
  }, [patientId]);
  const person = plan && plan !== 'gone' ? fullName(plan.resources.find((r): r is Patient => r.resourceType === 'Patient')) : '';
  const title = plan === 'gone' ? 'Not shared with you' : propose ? `Propose a change to ${person}’s support plan` : summary ? `Discharge summary for ${person}` : `${person}’s shared plan`;
  useEffect(() => {
    // After the App's own title for /shared-with-me, which it sets once as the page opens.
    const timer = setTimeout(() => (document.title = `${title} – Red Bag`));
    return () => clearTimeout(timer);
  }, [title]);

  if (plan === 'gone') return <><h1>Not shared with you</h1><p>This person is not sharing their plan with you now. They may have stopped sharing, or the share has ended.</p><p><Link href="/shared-with-me">Back to people sharing with you</Link></p></>;
  if (!plan) return <p role="status">Opening the shared plan…</p>;
  const back = `/shared-with-me?patient=${patientId}`;
  if (propose !== null && plan.coverage.may.proposeChange) {
    const current = plan.resources.find((r): r is CarePlan => r.resourceType === 'CarePlan' && r.id === propose);
    return <ProposeChange key={propose} patientId={patientId} personName={person} current={current} back={back} />;
  }
  if (summary && plan.coverage.may.writeSummary) return <DischargeSummaryForm patientId={patientId} personName={person} back={back} />;
  return <SharedPlan resources={plan.resources} coverage={plan.coverage} />;
}
