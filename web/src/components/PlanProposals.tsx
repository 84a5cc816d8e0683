import { useCallback, useEffect, useState } from 'react';
import type { CarePlan } from '@medplum/fhirtypes';
import { api, ApiError, entries } from '../api/client.ts';

/**
 * Changes to the support plan that a professional (a discharge coordinator, say) has proposed: the
 * person, or a carer who manages her record, accepts one (it becomes the plan and replaces the old
 * one) or declines it. Nothing changes until she answers.
 */
export function PlanProposals({ recordId, onAnswered }: { recordId: string; onAnswered: () => Promise<void> }) {
  const [proposals, setProposals] = useState<CarePlan[]>();
  const [status, setStatus] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const load = useCallback(async () => {
    setProposals(entries<CarePlan>(await api(`/fhir/CarePlan?patient=Patient/${recordId}&intent=proposal&status=draft`)));
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
            {proposals.map((plan) => (
              <div key={plan.id} data-testid="proposal">
                <h3 className="nhsuk-heading-s">{plan.title ?? 'A new support plan'}</h3>
                {plan.description ? <p>{plan.description}</p> : null}
                {plan.activity?.length ? <ul>{plan.activity.map((a, i) => <li key={i}>{[a.detail?.description, a.detail?.scheduledString].filter(Boolean).join(' — ')}</li>)}</ul> : null}
                {plan.author?.display ? <p className="nhsuk-body-s">Proposed by {plan.author.display}.</p> : null}
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
