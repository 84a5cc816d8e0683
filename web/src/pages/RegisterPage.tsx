import { useState, type FormEvent } from 'react';
import { Button } from 'nhsuk-react-components';
import { api, ApiError } from '../api/client.ts';
import { Problems, TextField, fieldProblem } from '../components/Problems.tsx';
import { navigate, useSession } from '../session.tsx';
import { useDraft } from '../use-draft.ts';
import { InvitationWaiting } from '../components/InvitationWaiting.tsx';
import { afterSignIn } from '../invitation.ts';

export function RegisterPage() {
  const session = useSession();
  const [given, setGiven] = useDraft('register-given', '');
  const [family, setFamily] = useDraft('register-family', '');
  const [birthDate, setBirthDate] = useDraft('register-birth', '');
  const [email, setEmail] = useDraft('register-email', '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api('/auth/register', { method: 'POST', body: { email, password, name: { given, family }, birthDate } });
      await api('/auth/login', { method: 'POST', body: { email, password } });
      await session.refresh();
      await afterSignIn(session, '/home', navigate);
    } catch (err) {
      setError(err as ApiError);
    }
  };
  const ids = { 'name.given': 'given', 'name.family': 'family', birthDate: 'birthDate', email: 'email', password: 'password' };
  return (
    <>
      <h1>Create your Red Bag</h1>
      <InvitationWaiting />
      <Problems error={error} fieldIds={ids} />
      <form onSubmit={submit} noValidate>
        <TextField id="given" label="First name" autoComplete="given-name" value={given} onChange={setGiven} error={fieldProblem(error, 'name.given')} />
        <TextField id="family" label="Last name" autoComplete="family-name" value={family} onChange={setFamily} error={fieldProblem(error, 'name.family')} />
        <TextField id="birthDate" label="Date of birth" hint="For example, 1945-03-02" width="10" autoComplete="bday" value={birthDate} onChange={setBirthDate} error={fieldProblem(error, 'birthDate')} />
        <TextField id="email" label="Email address" type="email" autoComplete="email" value={email} onChange={setEmail} error={fieldProblem(error, 'email')} />
        <TextField id="password" label="Choose a password" hint="At least 10 characters. Three random words work well." type="password" autoComplete="new-password" value={password} onChange={setPassword} error={fieldProblem(error, 'password')} />
        <Button type="submit">Create my Red Bag</Button>
      </form>
    </>
  );
}
