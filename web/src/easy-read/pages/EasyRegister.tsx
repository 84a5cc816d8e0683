import { useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError } from '../../api/client.ts';
import { Problems } from '../../components/Problems.tsx';
import { navigate, useSession } from '../../session.tsx';
import { common } from '../content/common.ts';
import { birthDateOf } from '../dates.ts';
import { register as say } from '../content/start.ts';
import { BigButton, Ideas, Screen } from '../parts.tsx';

type Step = 'start' | 'name' | 'birthday' | 'email' | 'password';
const order: Step[] = ['start', 'name', 'birthday', 'email', 'password'];

function Box({ id, label, value, onChange, width, type = 'text', autoComplete, inputMode }: { id: string; label: string; value: string; onChange(v: string): void; width?: string; type?: string; autoComplete?: string; inputMode?: 'numeric' }) {
  return (
    <div className="nhsuk-form-group">
      <label className="nhsuk-label" htmlFor={id} data-say="">{label}</label>
      <input className={`nhsuk-input redbag-er-input${width ? ` nhsuk-input--width-${width}` : ''}`} id={id} type={type} value={value} onChange={(e) => onChange(e.target.value)} autoComplete={autoComplete} inputMode={inputMode} />
    </div>
  );
}

/** Making a Red Bag in easy read: one thing a page, the same request as the normal page. */
export function EasyRegister() {
  const { refresh } = useSession();
  const [step, setStep] = useState<Step>('start');
  const [f, setF] = useState({ given: '', family: '', day: '', month: '', year: '', email: '', password: '' });
  const [problem, setProblem] = useState<string>();
  const set = (key: keyof typeof f) => (value: string) => setF({ ...f, [key]: value });
  const next = () => { setProblem(undefined); setStep(order[order.indexOf(step) + 1]!); };
  const back = () => { setProblem(undefined); setStep(order[Math.max(0, order.indexOf(step) - 1)]!); };
  const checks: Record<Exclude<Step, 'start'>, () => boolean> = {
    name: () => Boolean(f.given.trim() && f.family.trim()),
    birthday: () => birthDateOf(f.day, f.month, f.year) !== undefined,
    email: () => /^[^\s@]+@[^\s@]+$/.test(f.email.trim()),
    password: () => f.password.length >= 10,
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (step === 'start') return next();
    if (!checks[step]()) return setProblem(say.problems[step]);
    if (step !== 'password') return next();
    try {
      const body = { email: f.email.trim(), password: f.password, name: { given: f.given.trim(), family: f.family.trim() }, birthDate: birthDateOf(f.day, f.month, f.year) };
      await api('/auth/register', { method: 'POST', body });
      await api('/auth/login', { method: 'POST', body: { email: body.email, password: body.password } });
      await refresh();
      navigate('/home');
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setProblem(say.problems.failed);
    }
  };

  const page = (title: string, symbol: 'person' | 'calendar' | 'email' | 'key' | 'bag', fields: ReactNode, hint?: string) => (
    <Screen key={step} title={title} symbol={symbol}>
      {problem ? <Problems error={new ApiError(422, problem, [])} /> : null}
      <form onSubmit={submit} noValidate>
        {hint ? <p className="nhsuk-hint" data-say="">{hint}</p> : null}
        {fields}
        <BigButton type="submit" primary text={step === 'password' ? say.make : step === 'start' ? say.begin : common.next} symbol="yes" onClick={() => undefined} />
      </form>
      {step === 'start' ? null : <BigButton text={common.back} symbol="back" onClick={back} />}
    </Screen>
  );
  if (step === 'start') return page(say.title, 'bag', <Ideas ideas={say.about} />);
  if (step === 'name') return page(say.name.ask.text, 'person', <><Box id="given" label={say.given} value={f.given} onChange={set('given')} autoComplete="given-name" /><Box id="family" label={say.family} value={f.family} onChange={set('family')} autoComplete="family-name" /></>);
  if (step === 'birthday') {
    return page(say.birthday.ask.text, 'calendar', (
      <div className="nhsuk-date-input">
        <div className="nhsuk-date-input__item"><Box id="day" label={say.day} value={f.day} onChange={set('day')} width="2" inputMode="numeric" autoComplete="bday-day" /></div>
        <div className="nhsuk-date-input__item"><Box id="month" label={say.month} value={f.month} onChange={set('month')} width="2" inputMode="numeric" autoComplete="bday-month" /></div>
        <div className="nhsuk-date-input__item"><Box id="year" label={say.year} value={f.year} onChange={set('year')} width="4" inputMode="numeric" autoComplete="bday-year" /></div>
      </div>
    ), say.birthday.hint);
  }
  if (step === 'email') return page(say.email.ask.text, 'email', <Box id="email" label={say.email.short} type="email" value={f.email} onChange={set('email')} autoComplete="email" />, say.email.hint);
  return page(say.password.ask.text, 'key', <Box id="password" label={say.password.short} type="password" value={f.password} onChange={set('password')} autoComplete="new-password" />, say.password.hint);
}
