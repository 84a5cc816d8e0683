import { useEffect, useState, type FormEvent } from 'react';
import { Button } from 'nhsuk-react-components';
import { api, ApiError } from '../../api/client.ts';
import { Problems, TextField, fieldProblem } from '../../components/Problems.tsx';
import { Link } from '../../components/Link.tsx';
import { loadSecondFactor, type SecondFactorStatus } from './account-api.ts';
import { CodeForm, RecoveryCodes, SetupInstructions, type Setup } from './second-factor-parts.tsx';

function TurnOff({ onDone }: { onDone: () => void }) {
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<ApiError>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api('/auth/second-factor/remove', { method: 'POST', body: { password, code } });
      onDone();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <>
      <h2>Turn off the authenticator app</h2>
      <Problems error={error} fieldIds={{ password: 'password', code: 'code' }} />
      <form onSubmit={submit} noValidate>
        <TextField id="password" label="Your password" type="password" autoComplete="current-password" value={password} onChange={setPassword} error={fieldProblem(error, 'password')} />
        <TextField id="code" label="Code from the app, or a recovery code" autoComplete="one-time-code" width="10" value={code} onChange={setCode} error={fieldProblem(error, 'code')} />
        <Button type="submit" className="nhsuk-button--secondary">Turn off</Button>
      </form>
    </>
  );
}

/** A second factor: a code from an authenticator app as well as the password, with recovery codes. */
export function SecondFactorPage() {
  const [status, setStatus] = useState<SecondFactorStatus>();
  const [setup, setSetup] = useState<Setup>();
  const [codes, setCodes] = useState<string[]>();
  const [message, setMessage] = useState<string>();
  const reload = () => void loadSecondFactor().then(setStatus);
  useEffect(reload, []);
  if (codes) return <RecoveryCodes codes={codes} onDone={() => { setCodes(undefined); setSetup(undefined); setMessage('Your authenticator app is set up.'); reload(); }} />;
  if (!status) return <p role="status">Loading…</p>;
  const confirm = async (code: string) => {
    setCodes((await api<{ recovery_codes: string[] }>('/auth/second-factor/confirm', { method: 'POST', body: { code } })).recovery_codes);
  };
  return (
    <>
      <h1>Authenticator app</h1>
      <p role="status">{message}</p>
      <p>With an authenticator app, signing in needs a code from your phone as well as your password. Someone who learns your password still cannot get in.</p>
      {status.enabled ? (
        <>
          <p>It is on. You have {status.recoveryCodesLeft} recovery codes left.</p>
          {status.required ? <p>Your account must use one, so it cannot be turned off.</p> : <TurnOff onDone={() => { setMessage('The authenticator app is turned off.'); reload(); }} />}
        </>
      ) : setup ? (
        <>
          <SetupInstructions setup={setup} />
          <CodeForm label="Code from the app" hint="6 digits, for example 123456" submitText="Turn on" onSubmit={confirm} />
        </>
      ) : (
        <Button type="button" onClick={() => void api<Setup>('/auth/second-factor/setup', { method: 'POST' }).then(setSetup)}>Set up an authenticator app</Button>
      )}
      <p><Link href="/account">Back to your account</Link></p>
    </>
  );
}
