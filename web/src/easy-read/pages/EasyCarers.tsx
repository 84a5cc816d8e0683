import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client.ts';
import { Problems } from '../../components/Problems.tsx';
import { useSession, type CaredFor } from '../../session.tsx';
import { carers as say } from '../content/carers.ts';
import { common } from '../content/common.ts';
import { fill } from '../content/types.ts';
import { type Answers, Flow } from '../flow.tsx';
import { BigButton, BigLink, Confirm, Drawing, IdeaLine, Ideas, Said, Screen } from '../parts.tsx';

interface Carer { consent: string; name: string; rights: 'view' | 'manage' }
interface Invitation { code: string; link: string; emailedTo?: string }

/** Carers who help with her record (stop one, after asking); ask someone to help; use a carer's code. */
export function EasyCarers() {
  const { me, caringFor, refresh } = useSession();
  const own = me?.patient?.replace('Patient/', '');
  const [list, setList] = useState<Carer[]>();
  const [mode, setMode] = useState<'list' | 'invite' | Invitation | Carer>('list');
  const [said, setSaid] = useState<{ text: string; symbol: 'yes' }>();
  const [code, setCode] = useState(() => new URLSearchParams(location.search).get('code') ?? '');
  const [codeProblem, setCodeProblem] = useState<string>();
  const load = useCallback(async () => {
    if (own) setList((await api<{ carers: Carer[] }>(`/fhir/Patient/${own}/carers`)).carers);
  }, [own]);
  useEffect(() => void load(), [load]);

  const invite = async (answers: Answers) => {
    setMode(await api<Invitation>(`/fhir/Patient/${own}/carer-invitations`, { method: 'POST', body: { rights: answers.rights, ...(answers.email ? { email: answers.email } : {}) } }));
    await load();
  };
  const stop = async (carer: Carer) => {
    await api(`/carers/${carer.consent.replace('Consent/', '')}`, { method: 'DELETE' });
    setSaid({ text: fill(say.stopped.text, { name: carer.name }), symbol: 'yes' });
    setMode('list');
    await load();
  };
  const accept = async (event: FormEvent) => {
    event.preventDefault();
    if (!code.trim()) return setCodeProblem(common.fillIn);
    try {
      const { patient } = await api<{ patient: string }>('/carers/accept', { method: 'POST', body: { code: code.trim() } });
      const { people } = await api<{ people: CaredFor[] }>('/carers/caring-for');
      await refresh();
      setCodeProblem(undefined);
      setCode('');
      setSaid({ text: fill(say.accepted.text, { name: people.find((p) => p.patient === patient)?.name ?? '' }), symbol: 'yes' });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setCodeProblem(say.badCode);
    }
  };

  if (mode === 'invite') return <Flow draftKey="easy-carer" questions={Object.entries(say.questions)} save={invite} saveText={say.send} cancel={() => setMode('list')} />;
  if (typeof mode === 'object' && 'code' in mode) {
    return (
      <Screen title={fill(say.code.text, { code: mode.code })} symbol={say.code.symbol}>
        {mode.emailedTo ? <IdeaLine idea={{ text: fill(say.sentEmail.text, { email: mode.emailedTo }), symbol: say.sentEmail.symbol }} /> : null}
        <p className="redbag-er-code" data-testid="easy-invitation-code">{mode.code}</p>
        <IdeaLine idea={say.codeNote} />
        <BigButton primary text={common.home} symbol="home" onClick={() => setMode('list')} />
      </Screen>
    );
  }
  if (typeof mode === 'object') {
    return <Confirm ask={{ ...say.stopAsk, text: fill(say.stopAsk.text, { name: mode.name }) }} yes={say.stopYes} no={say.stopNo} onYes={() => void stop(mode)} onNo={() => setMode('list')} />;
  }
  return (
    <Screen title={say.title} symbol="carer">
      <Said idea={said} />
      <Ideas ideas={say.about} />
      <h2 data-say="">{say.listTitle}</h2>
      {!list ? <p role="status">{common.loading}</p> : list.length === 0 ? <IdeaLine idea={say.nobody} /> : (
        <ul className="redbag-er-list">
          {list.map((c) => {
            const idea = c.rights === 'manage' ? say.canManage : say.canView;
            return (
              <li key={c.consent}>
                <IdeaLine idea={{ text: fill(idea.text, { name: c.name }), symbol: idea.symbol }} />
                <BigButton text={fill(say.stop, { name: c.name })} symbol="no" onClick={() => { setSaid(undefined); setMode(c); }} />
              </li>
            );
          })}
        </ul>
      )}
      <BigButton primary text={say.invite} symbol="add" onClick={() => { setSaid(undefined); setMode('invite'); }} />
      <h2 data-say="">{say.caringTitle}</h2>
      {caringFor.length ? <IdeaLine idea={{ text: fill(say.caringNow.text, { names: caringFor.map((c) => c.name).join(', ') }), symbol: say.caringNow.symbol }} /> : null}
      {codeProblem ? <Problems error={new ApiError(422, codeProblem, [{ field: 'code', text: codeProblem }])} fieldIds={{ code: 'er-code' }} /> : null}
      <form onSubmit={accept} noValidate>
        <div className={`nhsuk-form-group${codeProblem ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label redbag-er-label" htmlFor="er-code"><Drawing name={say.enterCode.ask.symbol} size={44} /><span data-say="">{say.enterCode.ask.text}</span></label>
          {codeProblem ? <span className="nhsuk-error-message" id="er-code-error">{codeProblem}</span> : null}
          <input className="nhsuk-input nhsuk-input--width-20 redbag-er-input" id="er-code" value={code} onChange={(e) => setCode(e.target.value)} aria-describedby={codeProblem ? 'er-code-error' : undefined} autoComplete="off" />
        </div>
        <BigButton type="submit" text={say.accept} symbol="key" onClick={() => undefined} />
      </form>
      <BigLink href="/home" text={common.home} symbol="home" />
    </Screen>
  );
}
