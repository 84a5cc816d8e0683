import { useState, type FormEvent } from 'react';
import type { CarePlan } from '@medplum/fhirtypes';
import { api, ApiError } from '../api/client.ts';
import { draftProposal, draftRows, type DraftRow } from '../../../src/plans/draft-proposal.ts';
import { useSession } from '../session.tsx';
import { Link } from './Link.tsx';
import { PlanDiffTable } from './PlanDiffTable.tsx';
import { Problems } from './Problems.tsx';

/**
 * A discharge coordinator proposes a change to the support plan: she edits a copy (the plan itself
 * is untouched), checks what would change side by side, then sends it. Nothing changes in the
 * person's record until she accepts it.
 */
export function ProposeChange({ patientId, personName, current, back }: { patientId: string; personName: string; current: CarePlan | undefined; back: string }) {
  const { me } = useSession();
  const [title, setTitle] = useState(current?.title ?? 'Support plan');
  const [description, setDescription] = useState(current?.description ?? '');
  const [rows, setRows] = useState<DraftRow[]>(() => (current ? draftRows(current) : [{ what: '', who: '', when: '' }]));
  const [step, setStep] = useState<'edit' | 'check' | 'sent'>('edit');
  const [error, setError] = useState<ApiError>();
  const proposal = draftProposal({ patientId, ...(current ? { current } : {}), title, description, rows, author: me?.practitionerRole ?? '', now: new Date() });
  const setRow = (i: number, change: Partial<DraftRow>) => setRows((all) => all.map((r, k) => (k === i ? { ...r, ...change } : r)));

  const send = async () => {
    try {
      await api('/fhir/CarePlan', { method: 'POST', body: proposal, fhir: true });
      setError(undefined);
      setStep('sent');
    } catch (err) {
      setError(err as ApiError);
    }
  };

  if (step === 'sent') {
    return (
      <>
        <div className="nhsuk-panel" role="status">
          <h1 className="nhsuk-panel__title">Proposal sent</h1>
          <div className="nhsuk-panel__body">{personName} is told, and sees what would change. Nothing changes until they accept it.</div>
        </div>
        <p><Link href={back}>Back to {personName}’s shared plan</Link></p>
      </>
    );
  }
  if (step === 'check') {
    return (
      <>
        <div className="nhsuk-back-link"><button type="button" className="nhsuk-back-link__link redbag-link-button" onClick={() => setStep('edit')}>Change the proposal</button></div>
        <h1>Check what would change</h1>
        <Problems error={error} />
        <PlanDiffTable current={current} proposed={proposal} caption={`${personName}’s support plan: now, and as you propose it`} />
        <p>{personName} sees this, with your name, and accepts or declines it.</p>
        <button type="button" className="nhsuk-button" onClick={() => void send()}>Send the proposal</button>
      </>
    );
  }
  const check = (event: FormEvent) => {
    event.preventDefault();
    setStep('check');
  };
  return (
    <>
      <div className="nhsuk-back-link"><Link className="nhsuk-back-link__link" href={back}>Back to {personName}’s shared plan</Link></div>
      <h1>Propose a change to {personName}’s support plan</h1>
      <p>You are editing a copy. {personName}’s plan stays as it is until they accept your proposal.</p>
      <form onSubmit={check} noValidate>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="plan-title">Name of the plan</label>
          <input className="nhsuk-input" id="plan-title" value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="plan-description">About the plan (optional)</label>
          <textarea className="nhsuk-textarea" id="plan-description" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
        </div>
        {rows.map((row, i) => (
          <fieldset className="nhsuk-fieldset" key={i} data-testid="activity-row">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Help {i + 1}{row.removed ? ' (taken out)' : ''}</legend>
            {row.removed ? (
              <p>“{row.what || 'This help'}” is taken out of the proposal. <button type="button" className="redbag-link-button" onClick={() => setRow(i, { removed: false })}>Put help {i + 1} back</button></p>
            ) : (
              <>
                {(['what', 'who', 'when'] as const).map((field) => (
                  <div className="nhsuk-form-group" key={field}>
                    <label className="nhsuk-label" htmlFor={`row-${i}-${field}`}>{labels[field]}</label>
                    <input className="nhsuk-input" id={`row-${i}-${field}`} value={row[field]} onChange={(e) => setRow(i, { [field]: e.target.value })} />
                  </div>
                ))}
                <button type="button" className="redbag-link-button" onClick={() => setRow(i, { removed: true })}>Take help {i + 1} out of the proposal</button>
              </>
            )}
          </fieldset>
        ))}
        <p><button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => setRows((all) => [...all, { what: '', who: '', when: '' }])}>Add more help</button></p>
        <button type="submit" className="nhsuk-button">Check what would change</button>
      </form>
    </>
  );
}

const labels = { what: 'What help', who: 'Who gives it', when: 'When' } as const;
