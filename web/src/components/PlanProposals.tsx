import { useCallback, useEffect, useState } from 'react';
import type { Bundle, CarePlan, Organization, Practitioner, PractitionerRole, Reference } from '@medplum/fhirtypes';
import { api, ApiError, entries } from '../api/client.ts';
import { ukDate } from '../../../src/cards/uk-date.ts';
import { PlanDiffTable } from './PlanDiffTable.tsx';

/** A proposal with what it would replace and who proposed it, in words. */
interface Shown {
  plan: CarePlan;
  current: CarePlan | undefined;
  by: string;
}

/**
 * Changes to the support plan that a professional (a discharge coordinator, say) has proposed: the
 * person, or a carer who manages her record, sees each beside the plan it would replace and who
 * proposed it, then accepts one (it becomes the plan and replaces the old one) or declines it.
 * Nothing changes until she answers.
 */
export function PlanProposals({ recordId, onAnswered }: { recordId: string; onAnswered: () => Promise<void> }) {
  const [proposals, setProposals] = useState<Shown[]>();
  const [status, setStatus] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const load = useCallback(async () => {
    const open = entries<CarePlan>(await api(`/fhir/CarePlan?patient=Patient/${recordId}&intent=proposal&status=draft`));
    setProposals(await Promise.all(open.map(async (plan) => ({ plan, current: await replaced(plan), by: await authorWords(plan.author) }))));
  }, [recordId]);
  useEffect(() => void load().catch(() => setProposals([])), [load]);

  const answer = (plan: CarePlan, how: 'accept' | 'decline') => async () => {
    try {
      await api(`/fhir/CarePlan/${plan.id}/$${how}`, { method: 'POST' });
      setProblem(undefined);
      setStatus(how === 'accept' ? `You accepted “${plan.title ?? 'the proposed plan'}”. It is now the support plan.` : `You declined “${plan.title ?? 'the proposed plan'}”. The plan has not changed.`);
      await load();
      await onAnswered();
    } catch (err) {
      setProblem(err instanceof ApiError ? err.message : 'That did not work. Check your connection and try again.');
    }
  };

  return (
    <>
      <p role="status" aria-live="polite">{status}</p>
      {problem ? <p className="nhsuk-error-message" role="alert">{problem}</p> : null}
      {proposals?.length ? (
        <section aria-labelledby="proposals-heading" className="nhsuk-card">
          <div className="nhsuk-card__content">
            <h2 id="proposals-heading" className="nhsuk-card__heading">Proposed changes waiting for your answer</h2>
            {proposals.map(({ plan, current, by }) => (
              <div key={plan.id} data-testid="proposal">
                <h3 className="nhsuk-heading-s">{plan.title ?? 'A new support plan'}</h3>
                <p data-testid="proposed-by">Proposed by {by}{plan.created ? ` on ${ukDate(plan.created)}` : ''}.</p>
                <PlanDiffTable current={current} proposed={plan} caption={current ? 'Your support plan now, and as proposed' : 'The proposed support plan (you have none now)'} />
                <button type="button" className="nhsuk-button" onClick={() => void answer(plan, 'accept')()}>Accept this plan</button>{' '}
                <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void answer(plan, 'decline')()}>Decline</button>
              </div>
            ))}
          </div>
        </section>
      ) : null}
    </>
  );
}

/** The plan a proposal would replace, if it names one she can still read. */
async function replaced(plan: CarePlan): Promise<CarePlan | undefined> {
  const id = /^CarePlan\/(.+)$/.exec(plan.replaces?.[0]?.reference ?? '')?.[1];
  return id ? api<CarePlan>(`/fhir/CarePlan/${id}`).catch(() => undefined) : undefined;
}

/** "Sam Patel, Discharge coordinator, Northgate Hospital discharge team", from the directory (the server checks the author is whoever wrote it). */
async function authorWords(author: Reference | undefined): Promise<string> {
  const [type, id] = (author?.reference ?? '').split('/');
  try {
    if (type === 'PractitionerRole' && id) {
      const found = await api<Bundle>(`/fhir/PractitionerRole?_id=${id}&_include=PractitionerRole:practitioner&_include=PractitionerRole:organization`);
      const all = entries(found) as (PractitionerRole | Practitioner | Organization)[];
      const role = all.find((r): r is PractitionerRole => r.resourceType === 'PractitionerRole');
      const person = all.find((r): r is Practitioner => r.resourceType === 'Practitioner')?.name?.[0];
      const organisation = all.find((r): r is Organization => r.resourceType === 'Organization')?.name;
      const words = [[person?.given?.join(' '), person?.family].filter(Boolean).join(' '), role?.code?.[0]?.text, organisation].filter(Boolean);
      if (words.length) return words.join(', ');
    }
    if (type === 'Organization' && id) return (await api<Organization>(`/fhir/Organization/${id}`)).name ?? 'an organisation';
  } catch {
    // the directory could not be reached: say what we know
  }
  return 'a professional (their name could not be found: your news page says who)';
}
