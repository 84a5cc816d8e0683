import { useState, type FormEvent } from 'react';
import { Button } from 'nhsuk-react-components';
import { ApiError } from '../../api/client.ts';
import { Problems, TextField, fieldProblem } from '../../components/Problems.tsx';

export interface Setup {
  secret: string;
  otpauthUrl: string;
  qrSvg: string;
}

/** The QR code an authenticator app scans, and the same key in groups of four for typing in by hand. */
export function SetupInstructions({ setup }: { setup: Setup }) {
  return (
    <>
      <ol className="nhsuk-list nhsuk-list--number">
        <li>Open an authenticator app on your phone, such as Microsoft Authenticator or Google Authenticator.</li>
        <li>Choose to add an account, then scan this code with the app.</li>
        <li>Type the 6-digit code the app shows into the box below.</li>
      </ol>
      <img className="redbag-qr" src={`data:image/svg+xml;base64,${btoa(setup.qrSvg)}`} alt="QR code for your authenticator app" width={200} height={200} />
      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary"><span className="nhsuk-details__summary-text">I cannot scan the code</span></summary>
        <div className="nhsuk-details__text">
          <p>Type this key into the app instead (choose "time-based"):</p>
          <p><code id="totp-key">{setup.secret.match(/.{1,4}/g)?.join(' ')}</code></p>
        </div>
      </details>
    </>
  );
}

/** A 6-digit code (or a recovery code) form, used at sign-in and when setting up. */
export function CodeForm({ label, hint, submitText, onSubmit }: { label: string; hint: string; submitText: string; onSubmit: (code: string) => Promise<void> }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await onSubmit(code);
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Problems error={error} fieldIds={{ code: 'code' }} />
      <form onSubmit={submit} noValidate>
        <TextField id="code" label={label} hint={hint} autoComplete="one-time-code" width="10" value={code} onChange={setCode} error={fieldProblem(error, 'code')} />
        <Button type="submit" disabled={busy}>{submitText}</Button>
      </form>
    </>
  );
}

/** Shown once, after setting up: each code works once if the phone is lost. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <>
      <h1>Save your recovery codes</h1>
      <div className="nhsuk-warning-callout">
        <h2 className="nhsuk-warning-callout__label"><span role="text"><span className="nhsuk-u-visually-hidden">Important: </span>Keep these somewhere safe</span></h2>
        <p>If you lose your phone, you can sign in with one of these codes instead. Each code works once. We will not show them again.</p>
      </div>
      <ul className="nhsuk-list redbag-recovery-codes" aria-label="Recovery codes">
        {codes.map((c) => <li key={c}><code>{c}</code></li>)}
      </ul>
      <Button type="button" onClick={onDone}>I have saved my codes – continue</Button>
    </>
  );
}
