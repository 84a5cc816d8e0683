import { useState, type FormEvent } from 'react';
import { Button } from 'nhsuk-react-components';
import { api, ApiError } from '../api/client.ts';
import { Problems, TextField, fieldProblem } from '../components/Problems.tsx';
import { navigate, useSession } from '../session.tsx';
import { useDraft } from '../use-draft.ts';
import { InvitationWaiting } from '../components/InvitationWaiting.tsx';
import { afterSignIn } from '../invitation.ts';
import { DateInput } from '../components/DateInput.tsx';
import { birthDateFromParts, type DateParts, type DateProblem } from '../uk-dates.ts';

/** The date of birth's problem as the boxes found it, in place of the server's (which saw only an empty date). */
function withDateProblem(error: ApiError, problem: DateProblem | undefined): ApiError {
  if (!problem || error.status === 0) return error;
  const problems = [...error.problems.filter((p) => p.field !== 'birthDate'), { field: 'birthDate', text: problem.text }];
  const order = ['name.given', 'name.family', 'birthDate', 'email', 'password'];
  problems.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
  return new ApiError(error.status, problems[0]!.text, problems, error.issues);
}

export function RegisterPage() {
  const session = useSession();
  const [given, setGiven] = useDraft('register-given', '');
  const [family, setFamily] = useDraft('register-family', '');
  const [born, setBorn] = useDraft<DateParts>('register-born', { day: '', month: '', year: '' });
  const [email, setEmail] = useDraft('register-email', '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError>();
  const [bornProblem, setBornProblem] = useState<DateProblem>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const birth = birthDateFromParts(born, new Date().toLocaleDateString('en-CA'));
    const problem = 'problem' in birth ? birth.problem : undefined;
    setBornProblem(problem);
    try {
      // Sent even with a date of birth she must fix, so every other problem is listed at once; nothing is made.
      await api('/auth/register', { method: 'POST', body: { email, password, name: { given, family }, birthDate: 'date' in birth ? birth.date : '' } });
      await api('/auth/login', { method: 'POST', body: { email, password } });
      await session.refresh();
      await afterSignIn(session, '/home', navigate);
    } catch (err) {
      setError(withDateProblem(err as ApiError, problem));
    }
  };
  const ids = { 'name.given': 'given', 'name.family': 'family', birthDate: `birthDate-${bornProblem?.part ?? 'day'}`, email: 'email', password: 'password' };
  return (
    <>
      <h1>Create your Red Bag</h1>
      <InvitationWaiting />
      <Problems error={error} fieldIds={ids} />
      <form onSubmit={submit} noValidate>
        <TextField id="given" label="First name" autoComplete="given-name" value={given} onChange={setGiven} error={fieldProblem(error, 'name.given')} />
        <TextField id="family" label="Last name" autoComplete="family-name" value={family} onChange={setFamily} error={fieldProblem(error, 'name.family')} />
        <DateInput id="birthDate" legend="Date of birth" hint="For example, 15 3 1984" value={born} onChange={setBorn} autoCompletePrefix="bday" problem={bornProblem ?? (fieldProblem(error, 'birthDate') ? { part: 'day', text: fieldProblem(error, 'birthDate')! } : undefined)} />
        <TextField id="email" label="Email address" type="email" autoComplete="email" value={email} onChange={setEmail} error={fieldProblem(error, 'email')} />
        <TextField id="password" label="Choose a password" hint="At least 10 characters. Three random words work well." type="password" autoComplete="new-password" value={password} onChange={setPassword} error={fieldProblem(error, 'password')} />
        <Button type="submit">Create my Red Bag</Button>
      </form>
    </>
  );
}
