import { useState, type FormEvent } from 'react';
import { Button } from 'nhsuk-react-components';
import { api, ApiError } from '../../api/client.ts';
import { Problems, TextField, fieldProblem } from '../../components/Problems.tsx';
import { Link } from '../../components/Link.tsx';

/** "Forgot your password?": the same answer whether or not the email has an account. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [error, setError] = useState<ApiError>();
  const [sent, setSent] = useState<string>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      setSent((await api<{ message: string }>('/auth/password-reset', { method: 'POST', body: { email } })).message);
    } catch (err) {
      setError(err as ApiError);
    }
  };
  if (sent) {
    return (
      <>
        <h1>Check your email</h1>
        <p>{sent}</p>
        <p>The email comes from Red Bag. If it has not arrived in a few minutes, check your junk or spam folder.</p>
        <p><Link href="/sign-in">Back to sign in</Link></p>
      </>
    );
  }
  return (
    <>
      <h1>Reset your password</h1>
      <Problems error={error} fieldIds={{ email: 'email' }} />
      <p>Enter the email address you sign in with. We will send you a link to choose a new password.</p>
      <form onSubmit={submit} noValidate>
        <TextField id="email" label="Email address" type="email" autoComplete="email" value={email} onChange={setEmail} error={fieldProblem(error, 'email')} />
        <Button type="submit">Send me a link</Button>
      </form>
      <p><Link href="/sign-in">Back to sign in</Link></p>
    </>
  );
}
