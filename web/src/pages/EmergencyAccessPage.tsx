import { useEffect, useState, type FormEvent } from 'react';
import type { Bundle } from '@medplum/fhirtypes';
import { api, ApiError } from '../api/client.ts';
import { EmergencyDetails } from '../components/EmergencyDetails.tsx';
import { Link } from '../components/Link.tsx';
import { fieldProblem, Problems } from '../components/Problems.tsx';
import { TimeLeft } from '../components/TimeLeft.tsx';
import { emergencyView } from '../scan/emergency-view.ts';

interface Opened {
  patientId: string;
  expiresAt: string;
}

/**
 * "Break glass" for a clinician or paramedic: find the person by NHS number and date of birth (or
 * come from their shared plan), say why, and read what an emergency needs for the next hour. The
 * server decides who may; the person and her carers are told, with the reason.
 */
export function EmergencyAccessPage() {
  const known = new URLSearchParams(location.search).get('patient');
  const [nhsNumber, setNhsNumber] = useState('');
  const [day, setDay] = useState('');
  const [month, setMonth] = useState('');
  const [year, setYear] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError>();
  const [opened, setOpened] = useState<Opened>();

  const open = async (event: FormEvent) => {
    event.preventDefault();
    const birthDate = `${year.trim()}-${month.trim().padStart(2, '0')}-${day.trim().padStart(2, '0')}`;
    try {
      if (known) {
        const answer = await api<{ expiresAt: string }>(`/fhir/Patient/${known}/$emergency-access`, { method: 'POST', body: { reason } });
        setOpened({ patientId: known, expiresAt: answer.expiresAt });
      } else {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) throw new ApiError(400, 'Enter the date of birth as day, month and year, for example 14 6 1944.', [{ field: 'birthDate', text: 'Enter the date of birth as day, month and year, for example 14 6 1944.' }]);
        setOpened(await api<Opened>('/fhir/Patient/$emergency-access', { method: 'POST', body: { nhsNumber, birthDate, reason } }));
      }
      setError(undefined);
    } catch (err) {
      setError(err as ApiError);
    }
  };

  if (opened) return <OpenedRecord opened={opened} />;
  const nhsError = fieldProblem(error, 'nhsNumber');
  const birthError = fieldProblem(error, 'birthDate');
  const reasonError = fieldProblem(error, 'reason');
  return (
    <>
      <div className="nhsuk-back-link"><Link className="nhsuk-back-link__link" href={known ? `/shared-with-me?patient=${known}` : '/shared-with-me'}>{known ? 'Back to their shared plan' : 'Back to people sharing with you'}</Link></div>
      <h1>Open a record in an emergency</h1>
      <div className="nhsuk-warning-callout">
        <h2 className="nhsuk-warning-callout__label"><span role="text"><span className="nhsuk-u-visually-hidden">Important: </span>Only in an emergency</span></h2>
        <p>You can read what an emergency needs for 60 minutes, without their permission. They and their carers are told who opened it and why.</p>
      </div>
      <Problems error={error} fieldIds={{ nhsNumber: 'nhs-number', birthDate: 'dob-day', reason: 'reason' }} />
      <form onSubmit={open} noValidate>
        {known ? null : (
          <>
            <div className={`nhsuk-form-group${nhsError ? ' nhsuk-form-group--error' : ''}`}>
              <label className="nhsuk-label" htmlFor="nhs-number">NHS number</label>
              <div className="nhsuk-hint" id="nhs-number-hint">10 digits, for example 999 000 0026</div>
              {nhsError ? <span className="nhsuk-error-message" id="nhs-number-error"><span className="nhsuk-u-visually-hidden">Error:</span> {nhsError}</span> : null}
              <input className={`nhsuk-input nhsuk-input--width-10${nhsError ? ' nhsuk-input--error' : ''}`} id="nhs-number" inputMode="numeric" aria-describedby={`nhs-number-hint${nhsError ? ' nhs-number-error' : ''}`} value={nhsNumber} onChange={(e) => setNhsNumber(e.target.value)} />
            </div>
            <div className={`nhsuk-form-group${birthError ? ' nhsuk-form-group--error' : ''}`}>
              <fieldset className="nhsuk-fieldset" aria-describedby={`dob-hint${birthError ? ' dob-error' : ''}`}>
                <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Date of birth</legend>
                <div className="nhsuk-hint" id="dob-hint">For example, 14 6 1944</div>
                {birthError ? <span className="nhsuk-error-message" id="dob-error"><span className="nhsuk-u-visually-hidden">Error:</span> {birthError}</span> : null}
                <div className="nhsuk-date-input">
                  {([['dob-day', 'Day', day, setDay, 2], ['dob-month', 'Month', month, setMonth, 2], ['dob-year', 'Year', year, setYear, 4]] as const).map(([id, label, value, set, width]) => (
                    <div className="nhsuk-date-input__item" key={id}>
                      <div className="nhsuk-form-group">
                        <label className="nhsuk-label nhsuk-date-input__label" htmlFor={id}>{label}</label>
                        <input className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${width}${birthError ? ' nhsuk-input--error' : ''}`} id={id} inputMode="numeric" value={value} onChange={(e) => set(e.target.value)} />
                      </div>
                    </div>
                  ))}
                </div>
              </fieldset>
            </div>
          </>
        )}
        <div className={`nhsuk-form-group${reasonError ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="reason">Why do you need to open it?</label>
          <div className="nhsuk-hint" id="reason-hint">In a sentence. They will read it. For example: found on the floor after a fall, confused</div>
          {reasonError ? <span className="nhsuk-error-message" id="reason-error"><span className="nhsuk-u-visually-hidden">Error:</span> {reasonError}</span> : null}
          <textarea className={`nhsuk-textarea${reasonError ? ' nhsuk-textarea--error' : ''}`} id="reason" rows={3} aria-describedby={`reason-hint${reasonError ? ' reason-error' : ''}`} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <button type="submit" className="nhsuk-button nhsuk-button--warning">Open the record</button>
      </form>
    </>
  );
}

/** The emergency summary, with the time left always in view. */
function OpenedRecord({ opened }: { opened: Opened }) {
  const [summary, setSummary] = useState<Bundle | 'failed'>();
  useEffect(() => {
    void api<Bundle>(`/fhir/Patient/${opened.patientId}/$summary`).then(setSummary, () => setSummary('failed'));
  }, [opened.patientId]);
  return (
    <>
      <h1>Emergency access is open</h1>
      <TimeLeft until={opened.expiresAt} />
      {summary === 'failed' ? <p role="alert">The record could not be loaded. Check your connection and reload the page: emergency access stays open until the time above.</p> : summary ? <EmergencyDetails view={emergencyView(summary)} /> : <p role="status">Opening the record…</p>}
      <p><Link href={`/shared-with-me?patient=${opened.patientId}`}>See everything emergency access opens, part by part</Link></p>
    </>
  );
}
