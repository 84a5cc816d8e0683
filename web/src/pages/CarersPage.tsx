import { useCallback, useEffect, useState } from 'react';
import { Button } from 'nhsuk-react-components';
import { api, ApiError } from '../api/client.ts';
import { Problems, TextField } from '../components/Problems.tsx';
import { Link } from '../components/Link.tsx';
import { useSession } from '../session.tsx';
import { useDraft } from '../use-draft.ts';
import { acceptInvitation, acceptedWords, clearFlash, readFlash } from '../invitation.ts';

interface Carers { carers: { consent: string; name: string; rights: 'view' | 'manage' }[]; invitations: { id: string; rights: string; expiresAt: string }[] }

/** Invite a carer, see who acts for you, stop it; accept an invitation to care for someone. */
export function CarersPage() {
  const { me, caringFor, refresh, chooseRecord, actingFor, recordId } = useSession();
  const [flashed] = useState(readFlash);
  useEffect(clearFlash, []);
  const [data, setData] = useState<Carers>();
  const [rights, setRights] = useState<'view' | 'manage'>('view');
  const [invite, setInvite] = useState<{ code: string; link: string; emailedTo?: string }>();
  const [carerEmail, setCarerEmail, clearCarerEmail] = useDraft('carer-invitation-email', '');
  const [code, setCode] = useState(() => new URLSearchParams(location.search).get('code') ?? '');
  const [error, setError] = useState<ApiError | undefined>(() => (flashed?.problem ? new ApiError(400, flashed.text, [{ field: 'code', text: flashed.text }]) : undefined));
  const [status, setStatus] = useState<string | undefined>(flashed?.problem ? undefined : flashed?.text);
  // Whose carers these are: a legal proxy looks after the record on screen as its owner would; any
  // other carer, even while looking after someone, invites carers only for her own record, and is told so.
  const own = actingFor?.proxy ? recordId : me?.patient?.replace('Patient/', '');
  const whose = actingFor?.proxy ? `${actingFor.name}’s record` : actingFor ? 'your own record' : 'your record';

  const load = useCallback(async () => {
    if (own) setData(await api<Carers>(`/fhir/Patient/${own}/carers`));
  }, [own]);
  useEffect(() => void load(), [load]);

  const act = (work: () => Promise<void>) => async () => {
    try {
      setError(undefined);
      await work();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <>
      <h1>Carers</h1>
      <p role="status" aria-live="polite">{status}</p>
      <Problems error={error} fieldIds={{ code: 'code', email: 'email' }} />
      <h2>People who help with {whose}</h2>
      {actingFor && !actingFor.proxy ? <p>This part is about your own record, not {actingFor.name}’s: only {actingFor.name} can invite carers for theirs.</p> : null}
      {data?.carers.length ? (
        <ul className="nhsuk-list nhsuk-list--border">
          {data.carers.map((c) => (
            <li key={c.consent}>{c.name} — {c.rights === 'manage' ? 'can view and change it' : 'can view it'}{' '}
              <Button secondary small onClick={act(async () => { await api(`/carers/${c.consent.replace('Consent/', '')}`, { method: 'DELETE' }); setStatus(`${c.name} can no longer see your record.`); await load(); })}>Stop</Button>
            </li>
          ))}
        </ul>
      ) : <p>No one yet.</p>}
      <fieldset className="nhsuk-fieldset">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Invite a carer: what may they do?</legend>
        <div className="nhsuk-radios">
          {(['view', 'manage'] as const).map((r) => (
            <div className="nhsuk-radios__item" key={r}>
              <input className="nhsuk-radios__input" id={`rights-${r}`} type="radio" name="rights" checked={rights === r} onChange={() => setRights(r)} />
              <label className="nhsuk-label nhsuk-radios__label" htmlFor={`rights-${r}`}>{r === 'view' ? 'View my record' : 'View and change my record for me'}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <TextField id="email" type="email" autoComplete="off" label="Their email address (optional)" hint="We will email them the invitation. Or leave this empty and give them the code yourself." value={carerEmail} onChange={setCarerEmail} width="20" error={error?.problems.find((p) => p.field === 'email')?.text} />
      <p><Button onClick={act(async () => { setInvite(await api(`/fhir/Patient/${own}/carer-invitations`, { method: 'POST', body: { rights, ...(carerEmail.trim() ? { email: carerEmail.trim() } : {}) } })); clearCarerEmail(); await load(); })}>Make an invitation</Button></p>
      {invite ? <div className="nhsuk-inset-text">{invite.emailedTo ? <p>We have emailed the invitation to {invite.emailedTo}.</p> : null}<p>Give your carer this code: <strong data-testid="invitation-code">{invite.code}</strong></p><p>Or send them this link: <span className="redbag-break">{invite.link}</span></p><p>It works once, for 7 days.</p></div> : null}

      <h2>Caring for someone?</h2>
      {caringFor.length ? <p>You help {caringFor.map((c) => c.name).join(', ')}. <Link href="/whose-record?back=/home">Choose whose record to look after</Link>.</p> : null}
      <TextField id="code" label="Enter the code they gave you" value={code} onChange={setCode} width="20" error={error?.problems.find((p) => p.field === 'code')?.text} />
      <Button secondary onClick={act(async () => { const accepted = await acceptInvitation(code); await refresh(); chooseRecord(accepted.patient.replace('Patient/', '')); setStatus(acceptedWords(accepted)); })}>Accept</Button>
    </>
  );
}
