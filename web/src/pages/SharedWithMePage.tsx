import { useEffect, useState } from 'react';
import type { Bundle, Patient, Resource } from '@medplum/fhirtypes';
import { api, entries } from '../api/client.ts';
import { Link } from '../components/Link.tsx';
import { SharedPlan } from '../components/SharedPlan.tsx';
import { identityStatus, nhsIdentifier } from '../../../src/access/identity.ts';
import { showDate } from '../uk-dates.ts';
import { searchFor } from '../patient-search.ts';

/** For professionals: the people sharing with you, searchable by name, NHS number or date of birth; open one plan. */
export function SharedWithMePage() {
  const [query, setQuery] = useState('');
  const [people, setPeople] = useState<Patient[]>();
  const open = new URLSearchParams(location.search).get('patient');
  const [plan, setPlan] = useState<Resource[] | 'gone'>();

  useEffect(() => {
    const q = query.trim();
    const search = searchFor(q);
    const timer = setTimeout(() => void api(`/fhir/Patient?_count=100&${search}`).then((b) => setPeople(entries(b as Bundle) as Patient[])), 250);
    return () => clearTimeout(timer);
  }, [query]);
  useEffect(() => {
    if (open) void api<Bundle>(`/fhir/Patient/${open}/$everything`).then((b) => setPlan(entries(b)), () => setPlan('gone'));
  }, [open]);

  if (open && plan === 'gone') return <><h1>Not shared with you</h1><p>This person is not sharing their plan with you now. They may have stopped sharing, or the share has ended.</p><p><a href="/shared-with-me">People sharing with you</a></p></>;
  if (open) return plan && plan !== 'gone' ? <SharedPlan resources={plan} /> : <p role="status">Opening the shared plan…</p>;
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
            return <li key={p.id}><a href={`/shared-with-me?patient=${p.id}`}>{name}</a>, born {p.birthDate ? showDate(p.birthDate) : 'date not given'}, <span data-testid="identity">{identity}</span></li>;
          })}
        </ul>
      )}
      <p><Link href="/scan">Scan a Red Bag code</Link></p>
    </>
  );
}
