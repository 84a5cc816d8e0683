import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button } from 'nhsuk-react-components';
import { api, ApiError } from '../../api/client.ts';
import { Problems, TextField, fieldProblem } from '../../components/Problems.tsx';
import { Link } from '../../components/Link.tsx';
import { useSession } from '../../session.tsx';

/** Asks for a change: her password, the new address; a link goes to the new address to confirm it. */
export function EmailPage() {
  const { me } = useSession();
  const [newEmail, setNewEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError>();
  const [sent, setSent] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api('/auth/email', { method: 'POST', body: { newEmail, password } });
      setSent(true);
    } catch (err) {
      setError(err as ApiError);
    }
  };
  if (sent) {
    return (
      <>
        <h1>Check your new email</h1>
        <p>We have sent a link to {newEmail}. Open it to confirm the change. Until then, you sign in with {me?.email}.</p>
        <p><Link href="/account">Back to your account</Link></p>
      </>
    );
  }
  return (
    <>
      <h1>Change your email address</h1>
      <Problems error={error} fieldIds={{ newEmail: 'newEmail', password: 'password' }} />
      <p>You sign in with {me?.email} now.</p>
      <form onSubmit={submit} noValidate>
        <TextField id="newEmail" label="New email address" type="email" autoComplete="email" value={newEmail} onChange={setNewEmail} error={fieldProblem(error, 'newEmail')} />
        <TextField id="password" label="Your password" hint="So we know it is you" type="password" autoComplete="current-password" value={password} onChange={setPassword} error={fieldProblem(error, 'password')} />
        <Button type="submit">Send a link to confirm</Button>
      </form>
      <p><Link href="/account">Back to your account</Link></p>
    </>
  );
}

/** The link from the email opens this page, which confirms the new address at once. */
export function ConfirmEmailPage() {
  const { refresh } = useSession();
  const [outcome, setOutcome] = useState<'done' | ApiError>();
  const sent = useRef(false); // the link works once: never send it twice (React may run an effect twice)
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    const token = new URLSearchParams(location.search).get('token') ?? '';
    history.replaceState(null, '', '/account/email/confirm');
    api('/auth/email/confirm', { method: 'POST', body: { token } }).then(
      () => {
        setOutcome('done');
        void refresh();
      },
      (err: unknown) => setOutcome(err as ApiError),
    );
  }, [refresh]);
  if (!outcome) return <p role="status">Confirming your new email address…</p>;
  if (outcome === 'done') {
    return (
      <>
        <h1>Your email address has been changed</h1>
        <p>Use your new email address to sign in from now on.</p>
        <p><Link href="/account">Go to your account</Link></p>
      </>
    );
  }
  return (
    <>
      <h1>Your email address has not been changed</h1>
      <p>{outcome.message}</p>
      <p><Link href="/account/email">Try again</Link></p>
    </>
  );
}
