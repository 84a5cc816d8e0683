import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { CodeForm, RecoveryCodes, SetupInstructions, type Setup } from './second-factor-parts.tsx';

export interface SecondStep {
  second_factor: 'required' | 'setup-required';
  ticket: string;
}

interface SignedInAnswer {
  practitionerRole?: string;
  recovery_codes?: string[];
}

/** After a right password: the code from her app, or (for staff who must have one) setting the app up first. */
export function SignInSecondStep({ step, onSignedIn }: { step: SecondStep; onSignedIn: (answer: SignedInAnswer) => Promise<void> }) {
  const [setup, setSetup] = useState<Setup>();
  const [done, setDone] = useState<SignedInAnswer>();
  useEffect(() => {
    if (step.second_factor === 'setup-required') void api<Setup>('/auth/login/second-factor/setup', { method: 'POST', body: { ticket: step.ticket } }).then(setSetup);
  }, [step]);
  const send = async (code: string) => {
    const answer = await api<SignedInAnswer>('/auth/login/second-factor', { method: 'POST', body: { ticket: step.ticket, code } });
    if (answer.recovery_codes) setDone(answer);
    else await onSignedIn(answer);
  };
  if (done?.recovery_codes) return <RecoveryCodes codes={done.recovery_codes} onDone={() => void onSignedIn(done)} />;
  if (step.second_factor === 'setup-required') {
    return (
      <>
        <h1>Set up an authenticator app</h1>
        <p>Your account needs a code from an authenticator app as well as your password, each time you sign in.</p>
        {setup ? <SetupInstructions setup={setup} /> : <p role="status">Loading…</p>}
        <CodeForm label="Code from the app" hint="6 digits, for example 123456" submitText="Continue" onSubmit={send} />
      </>
    );
  }
  return (
    <>
      <h1>Enter the code from your authenticator app</h1>
      <p>Open the app on your phone and type the 6-digit code it shows for Red Bag.</p>
      <CodeForm label="Code" hint="6 digits, for example 123456. Lost your phone? Type one of your recovery codes instead." submitText="Sign in" onSubmit={send} />
    </>
  );
}
