import { useState, type FormEvent } from 'react';
import { Button } from 'nhsuk-react-components';
import { api, ApiError } from '../api/client.ts';
import { Problems, TextField, fieldProblem } from '../components/Problems.tsx';
import { Link } from '../components/Link.tsx';
import { navigate, useSession } from '../session.tsx';
import { useDraft } from '../use-draft.ts';
import { InvitationWaiting } from '../components/InvitationWaiting.tsx';
import { afterSignIn } from '../invitation.ts';
import { SignInSecondStep, type SecondStep } from './account/SignInSecondStep.tsx';

export function SignInPage() {
  const session = useSession();
  const [email, setEmail] = useDraft('sign-in-email', '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [secondStep, setSecondStep] = useState<SecondStep>();

  // An invitation opened while signed out is accepted now (invitation.ts), after either step of sign-in.
  const signedIn = async (answer: { practitionerRole?: string }) => {
    await session.refresh();
    await afterSignIn(session, answer.practitionerRole ? '/shared-with-me' : '/home', navigate);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Empty boxes are said beside each box (NHS.UK), not as "the email address or password is not right".
    const missing = [...(email.trim() ? [] : [{ field: 'email', text: 'Enter your email address' }]), ...(password ? [] : [{ field: 'password', text: 'Enter your password' }])];
    if (missing.length) return setError(new ApiError(400, missing[0]!.text, missing));
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
      <InvitationWaiting />
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
