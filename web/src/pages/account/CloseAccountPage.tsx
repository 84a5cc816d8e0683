import { useEffect, useState, type FormEvent } from 'react';
import { Button } from 'nhsuk-react-components';
import { api, ApiError } from '../../api/client.ts';
import { Problems, TextField, fieldProblem } from '../../components/Problems.tsx';
import { Link } from '../../components/Link.tsx';
import { navigate, useSession } from '../../session.tsx';
import { loadSecondFactor } from './account-api.ts';

/** Step 1: take everything away. Step 2: confirm, with her password. Then the account and the record are gone. */
export function CloseAccountPage() {
  const { me, refresh } = useSession();
  const own = me?.patient?.replace('Patient/', '');
  const [step, setStep] = useState<'download' | 'confirm'>('download');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [understood, setUnderstood] = useState(false);
  const [needsCode, setNeedsCode] = useState(false);
  const [error, setError] = useState<ApiError>();
  useEffect(() => void loadSecondFactor().then((s) => setNeedsCode(s.enabled)), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api('/auth/close', { method: 'POST', body: { password, confirm: understood, ...(needsCode ? { code } : {}) } });
      sessionStorage.clear();
      await refresh();
      navigate('/account-closed');
    } catch (err) {
      setError(err as ApiError);
    }
  };

  if (step === 'download') {
    return (
      <>
        <h1>Close your account</h1>
        <h2>Step 1 of 2: take your record with you</h2>
        <p>When you close your account, your record is deleted and cannot be got back. Download it first:</p>
        <ul className="nhsuk-list">
          <li><a href={`/fhir/Patient/${own}/$everything`} download="red-bag-record.json">Your whole record (FHIR JSON, for another health system)</a></li>
          <li><a href={`/red-bag/${own}/print?size=a4&format=pdf`} download="red-bag.pdf">Your Red Bag summary to read or print (PDF)</a></li>
        </ul>
        <Button type="button" onClick={() => setStep('confirm')}>Continue</Button>
        <p><Link href="/account">Keep my account</Link></p>
      </>
    );
  }
  return (
    <>
      <h1>Close your account</h1>
      <h2>Step 2 of 2: are you sure?</h2>
      <Problems error={error} fieldIds={{ password: 'password', code: 'code', confirm: 'confirm' }} />
      <div className="nhsuk-warning-callout">
        <h3 className="nhsuk-warning-callout__label"><span role="text"><span className="nhsuk-u-visually-hidden">Important: </span>This cannot be undone</span></h3>
        <p>Straight away:</p>
        <ul>
          <li>your record and your account are deleted</li>
          <li>everyone you share with, and your carers, can no longer see it</li>
          <li>your links stop working, and printed Red Bag codes show as cancelled when checked</li>
        </ul>
        <p>We keep the list of who looked at your record, because the law asks us to. Nothing else is kept.</p>
      </div>
      <form onSubmit={submit} noValidate>
        <TextField id="password" label="Your password" type="password" autoComplete="current-password" value={password} onChange={setPassword} error={fieldProblem(error, 'password')} />
        {needsCode ? <TextField id="code" label="Code from your authenticator app" autoComplete="one-time-code" width="10" value={code} onChange={setCode} error={fieldProblem(error, 'code')} /> : null}
        <div className={`nhsuk-form-group${fieldProblem(error, 'confirm') ? ' nhsuk-form-group--error' : ''}`}>
          {fieldProblem(error, 'confirm') ? <span className="nhsuk-error-message" id="confirm-error"><span className="nhsuk-u-visually-hidden">Error:</span> {fieldProblem(error, 'confirm')}</span> : null}
          <div className="nhsuk-checkboxes__item">
            <input className="nhsuk-checkboxes__input" id="confirm" type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} aria-describedby={fieldProblem(error, 'confirm') ? 'confirm-error' : undefined} />
            <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="confirm">I understand my record will be deleted and cannot be got back</label>
          </div>
        </div>
        <Button type="submit" className="nhsuk-button--warning">Close my account and delete my record</Button>
      </form>
      <p><Link href="/account">Keep my account</Link></p>
    </>
  );
}

export function AccountClosedPage() {
  return (
    <>
      <h1>Your account is closed</h1>
      <p>Your record and your account have been deleted. We have sent you an email to say so.</p>
      <p>You can <Link href="/register">create a new Red Bag</Link> at any time.</p>
    </>
  );
}
