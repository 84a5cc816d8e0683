import { useState, type FormEvent } from 'react';
import { Button } from 'nhsuk-react-components';
import { api, ApiError } from '../../api/client.ts';
import { Problems, TextField, fieldProblem } from '../../components/Problems.tsx';
import { Link } from '../../components/Link.tsx';

export function PasswordPage() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api('/auth/password', { method: 'POST', body: { currentPassword: current, newPassword: next } });
      setDone(true);
    } catch (err) {
      setError(err as ApiError);
    }
  };
  if (done) {
    return (
      <>
        <h1>Your password has been changed</h1>
        <p>You are still signed in here. You have been signed out on every other device.</p>
        <p><Link href="/account">Back to your account</Link></p>
      </>
    );
  }
  return (
    <>
      <h1>Change your password</h1>
      <Problems error={error} fieldIds={{ currentPassword: 'currentPassword', newPassword: 'newPassword' }} />
      <form onSubmit={submit} noValidate>
        <TextField id="currentPassword" label="Current password" type="password" autoComplete="current-password" value={current} onChange={setCurrent} error={fieldProblem(error, 'currentPassword')} />
        <TextField id="newPassword" label="New password" hint="At least 10 characters. Three random words work well." type="password" autoComplete="new-password" value={next} onChange={setNext} error={fieldProblem(error, 'newPassword')} />
        <Button type="submit">Change password</Button>
      </form>
      <p><Link href="/account">Back to your account</Link></p>
    </>
  );
}
