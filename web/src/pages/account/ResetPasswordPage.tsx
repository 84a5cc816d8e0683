import { useState, type FormEvent } from 'react';
import { Button } from 'nhsuk-react-components';
import { api, ApiError } from '../../api/client.ts';
import { Problems, TextField, fieldProblem } from '../../components/Problems.tsx';
import { Link } from '../../components/Link.tsx';

/** The emailed link opens this page: she chooses a new password; the link then stops working. */
export function ResetPasswordPage() {
  const [token] = useState(() => new URLSearchParams(location.search).get('token') ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api('/auth/password-reset/confirm', { method: 'POST', body: { token, newPassword: password } });
      setDone(true);
      history.replaceState(null, '', '/reset-password'); // the used link leaves the address bar and history
    } catch (err) {
      setError(err as ApiError);
    }
  };
  if (done) {
    return (
      <>
        <h1>Your password has been changed</h1>
        <p>You have been signed out on every device. Sign in again with your new password.</p>
        <p><Link href="/sign-in">Sign in</Link></p>
      </>
    );
  }
  const linkProblem = fieldProblem(error, 'token');
  return (
    <>
      <h1>Choose a new password</h1>
      <Problems error={error} fieldIds={{ newPassword: 'newPassword' }} />
      {linkProblem ? <p><Link href="/forgot-password">Ask for a new link</Link></p> : null}
      <form onSubmit={submit} noValidate>
        <TextField id="newPassword" label="New password" hint="At least 10 characters. Three random words work well." type="password" autoComplete="new-password" value={password} onChange={setPassword} error={fieldProblem(error, 'newPassword')} />
        <Button type="submit">Change my password</Button>
      </form>
    </>
  );
}
