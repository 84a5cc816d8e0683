import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client.ts';
import { Problems } from '../../components/Problems.tsx';
import { navigate, useSession } from '../../session.tsx';
import { common } from '../content/common.ts';
import { download, signIn as words, start } from '../content/start.ts';
import { BigLink, Drawing, IdeaLine, Ideas, Screen } from '../parts.tsx';

/** The first page, signed out. */
export function EasyStart() {
  return (
    <Screen title={start.title} symbol="bag">
      <Ideas ideas={start.about} />
      <BigLink href="/sign-in" text={start.signIn.text} symbol={start.signIn.symbol} />
      <BigLink href="/register" text={start.register.text} symbol={start.register.symbol} />
      <BigLink href="/scan" text={start.scan.text} symbol={start.scan.symbol} />
    </Screen>
  );
}

function Field({ id, q, type, value, onChange, autoComplete }: { id: string; q: { ask: { text: string; symbol: 'email' | 'key' } }; type: string; value: string; onChange(v: string): void; autoComplete: string }) {
  return (
    <div className="nhsuk-form-group">
      <label className="nhsuk-label redbag-er-label" htmlFor={id}><Drawing name={q.ask.symbol} size={44} /><span data-say="">{q.ask.text}</span></label>
      <input className="nhsuk-input redbag-er-input" id={id} type={type} value={value} onChange={(e) => onChange(e.target.value)} autoComplete={autoComplete} />
    </div>
  );
}

/** Signing in, in easy read: the same request as the normal page, with one plain message if it fails. */
export function EasySignIn() {
  const { refresh } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const answer = await api<{ practitionerRole?: string }>('/auth/login', { method: 'POST', body: { email, password } });
      await refresh();
      navigate(answer.practitionerRole ? '/shared-with-me' : '/home');
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Screen title={words.title} symbol="key">
      {failed ? <Problems error={new ApiError(401, words.failed, [])} /> : null}
      <form onSubmit={submit} noValidate>
        <Field id="email" q={words.email} type="email" value={email} onChange={setEmail} autoComplete="email" />
        <Field id="password" q={words.password} type="password" value={password} onChange={setPassword} autoComplete="current-password" />
        <button type="submit" className="redbag-er-button redbag-er-button--primary" disabled={busy}><Drawing name="key" size={44} /><span>{busy ? words.busy : words.button}</span></button>
      </form>
      <IdeaLine idea={words.newHere} />
      <BigLink href="/register" text={words.register} symbol="add" />
    </Screen>
  );
}

/** Take a copy away: the printable page, or everything for another system. */
export function EasyDownload() {
  const { recordId } = useSession();
  if (!recordId) return <p role="status">{common.loading}</p>;
  return (
    <Screen title={download.title} symbol="download">
      <Ideas ideas={download.about} />
      <a className="redbag-er-button" href={`/red-bag/${recordId}/print?size=a4&format=pdf`} download="red-bag.pdf"><Drawing name="print" size={44} /><span data-say="">{download.pdf.text}</span></a>
      <a className="redbag-er-button" href={`/fhir/Patient/${recordId}/$everything`} download="red-bag-record.json"><Drawing name="download" size={44} /><span data-say="">{download.everything.text}</span></a>
      <IdeaLine idea={download.help} />
      <BigLink href="/home" text={common.home} symbol="home" />
    </Screen>
  );
}
