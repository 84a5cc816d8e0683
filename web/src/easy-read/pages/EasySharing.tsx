import { useCallback, useEffect, useState } from 'react';
import type { Consent, Organization } from '@medplum/fhirtypes';
import { dataClasses } from '../../../../src/access/data-classes.ts';
import { shareConsent } from '../../../../src/access/share-consent.ts';
import { api, entries } from '../../api/client.ts';
import { useSession } from '../../session.tsx';
import { common } from '../content/common.ts';
import { sharing as say } from '../content/sharing.ts';
import { fill } from '../content/types.ts';
import { longDate } from '../dates.ts';
import { type Answers, Flow } from '../flow.tsx';
import { BigButton, BigLink, Confirm, IdeaLine, Ideas, Said, Screen } from '../parts.tsx';

const isCarer = (c: Consent): boolean => c.provision?.actor?.some((a) => a.role?.coding?.some((x) => x.code === 'carer')) === true;

/** Who can see the record now (stop one, after asking), and share it in one question a page. */
export function EasySharing() {
  const { recordId, me, caringFor } = useSession();
  const caredFor = caringFor.find((c) => c.patient === `Patient/${recordId}`);
  const decides = recordId === me?.patient?.replace('Patient/', '') || caredFor?.proxy === true;
  const [orgs, setOrgs] = useState<Organization[]>([]);
  const [shares, setShares] = useState<Consent[]>();
  const [mode, setMode] = useState<'list' | 'share' | Consent>('list');
  const [said, setSaid] = useState<{ text: string; symbol: 'yes' }>();
  const load = useCallback(async () => {
    if (!recordId) return;
    setOrgs(entries(await api('/fhir/Organization?_count=200&_sort=name')));
    setShares(entries<Consent>(await api(`/fhir/Consent?patient=Patient/${recordId}&status=active`)).filter((c) => !isCarer(c)));
  }, [recordId]);
  useEffect(() => void load(), [load]);
  const orgName = (reference?: string) => orgs.find((o) => `Organization/${o.id}` === reference)?.name ?? '';

  const share = async (answers: Answers) => {
    const end = new Date(Date.now() + Number(answers.days) * 86_400_000).toISOString().slice(0, 10);
    const picked = (answers.what ?? '').split(',');
    const consent = shareConsent({
      patientId: recordId!,
      grantee: `Organization/${answers.who}`,
      resourceTypes: dataClasses.filter((c) => picked.includes(c.id)).flatMap((c) => c.resourceTypes),
      start: new Date().toISOString().slice(0, 10),
      end,
      now: new Date(),
    });
    await api('/fhir/Consent', { method: 'POST', body: consent, fhir: true });
    setSaid({ text: fill(say.done.text, { who: orgName(`Organization/${answers.who}`), until: longDate(end) }), symbol: 'yes' });
    setMode('list');
    await load();
  };
  const stop = async (consent: Consent) => {
    await api(`/fhir/Consent/${consent.id}`, { method: 'PUT', body: { ...consent, status: 'inactive' }, fhir: true });
    setSaid({ text: fill(say.stopped.text, { who: orgName(consent.provision?.actor?.[0]?.reference?.reference) }), symbol: 'yes' });
    setMode('list');
    await load();
  };

  if (mode === 'share') {
    const options = { who: orgs.map((o) => ({ value: o.id!, text: o.name ?? '' })) };
    return <Flow draftKey="easy-share" questions={Object.entries(say.questions)} options={options} save={share} saveText={say.confirm} cancel={() => setMode('list')} />;
  }
  if (typeof mode === 'object') {
    const who = orgName(mode.provision?.actor?.[0]?.reference?.reference);
    return <Confirm ask={{ ...say.stopAsk, text: fill(say.stopAsk.text, { who }) }} yes={say.stopYes} no={say.stopNo} onYes={() => void stop(mode)} onNo={() => setMode('list')} />;
  }
  return (
    <Screen title={say.title} symbol="eye">
      <Said idea={said} />
      <Ideas ideas={say.about} />
      <h2 data-say="">{say.nowTitle}</h2>
      {!shares ? <p role="status">{common.loading}</p> : shares.length === 0 ? <IdeaLine idea={say.nobody} /> : (
        <ul className="redbag-er-list" data-testid="easy-shares">
          {shares.map((c) => {
            const who = orgName(c.provision?.actor?.[0]?.reference?.reference);
            return (
              <li key={c.id}>
                <IdeaLine idea={{ text: fill(say.oneShare.text, { who, until: longDate(c.provision?.period?.end) }), symbol: say.oneShare.symbol }} />
                {decides ? <BigButton text={fill(say.stop, { who })} symbol="no" onClick={() => { setSaid(undefined); setMode(c); }} /> : null}
              </li>
            );
          })}
        </ul>
      )}
      {decides
        ? <BigButton primary text={say.share} symbol="eye" onClick={() => { setSaid(undefined); setMode('share'); }} />
        : <IdeaLine idea={{ text: fill(say.onlyThem.text, { name: caredFor?.name ?? '' }), symbol: say.onlyThem.symbol }} />}
      <BigLink href="/home" text={common.home} symbol="home" />
    </Screen>
  );
}
