import { useState, type FormEvent } from 'react';
import { Button } from 'nhsuk-react-components';
import { api, ApiError } from '../api/client.ts';
import { Problems, TextField, fieldProblem } from '../components/Problems.tsx';
import { Link } from '../components/Link.tsx';
import { navigate, useSession } from '../session.tsx';
import { useDraft } from '../use-draft.ts';
import { SignInSecondStep, type SecondStep } from './account/SignInSecondStep.tsx';

export function SignInPage() {
  const { refresh } = useSession();
  const [email, setEmail] = useDraft('sign-in-email', '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [secondStep, setSecondStep] = useState<SecondStep>();

  const signedIn = async (answer: { practitionerRole?: string }) => {
    await refresh();
    navigate(answer.practitionerRole ? '/shared-with-me' : '/home');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const answer = await api<{ patient?: string; practitionerRole?: string } | SecondStep>('/auth/login', { method: 'POST', body: { email, password } });
      if ('second_factor' in answer) setSecondStep(answer);
      else await signedIn(answer);
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };

  if (secondStep) return <SignInSecondStep step={secondStep} onSignedIn={signedIn} />;
  return (
    <>
      <h1>Sign in</h1>
      <Problems error={error} fieldIds={{ email: 'email', password: 'password' }} />
      <form onSubmit={submit} noValidate>
        <TextField id="email" label="Email address" type="email" autoComplete="email" value={email} onChange={setEmail} error={fieldProblem(error, 'email')} />
        <TextField id="password" label="Password" type="password" autoComplete="current-password" value={password} onChange={setPassword} error={fieldProblem(error, 'password')} />
        <Button type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</Button>
      </form>
      <p><Link href="/forgot-password">Forgot your password?</Link></p>
      <p>New to Red Bag? <Link href="/register">Create an account</Link>.</p>
    </>
  );
}
