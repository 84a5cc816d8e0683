import { useCallback, useEffect, useState } from 'react';
import type { AllergyIntolerance } from '@medplum/fhirtypes';
import { api, entries } from '../../api/client.ts';
import { isNoKnownAllergyStatement, words } from '../../../../src/summary/describe.ts';
import { useSession } from '../../session.tsx';
import { allergies as say } from '../content/allergies.ts';
import { common } from '../content/common.ts';
import { fill } from '../content/types.ts';
import { allergyFrom, clinical, confirmed, noneKnownCode } from '../allergy-entry.ts';
import { type Answers, Flow } from '../flow.tsx';
import { BigButton, BigLink, Confirm, IdeaLine, Ideas, Said, Screen } from '../parts.tsx';

const questions = Object.entries(say.questions);

/** Allergies in easy read: the list, then one question a page to add one, "Is this right?", saved. */
export function EasyAllergies() {
  const { recordId } = useSession();
  const [list, setList] = useState<AllergyIntolerance[]>();
  const [mode, setMode] = useState<'list' | 'add' | 'done' | AllergyIntolerance>('list');
  const [said, setSaid] = useState<{ text: string; symbol: 'yes' }>();
  const load = useCallback(async () => {
    if (recordId) setList(entries(await api(`/fhir/AllergyIntolerance?patient=Patient/${recordId}&_sort=-_lastUpdated`)));
  }, [recordId]);
  useEffect(() => void load(), [load]);

  const save = async (answers: Answers) => {
    await api('/fhir/AllergyIntolerance', { method: 'POST', body: allergyFrom(answers, recordId!), fhir: true });
    setSaid({ text: fill(say.saved.text, { what: say.questions.what.choices.find((c) => c.value === answers.what && c.value !== 'other')?.text ?? answers.other ?? '' }), symbol: 'yes' });
    setMode('done');
    await load();
  };
  const remove = async (a: AllergyIntolerance) => {
    await api(`/fhir/AllergyIntolerance/${a.id}`, { method: 'DELETE' });
    setSaid(common.removed);
    setMode('list');
    await load();
  };
  const sayNone = async () => {
    await api('/fhir/AllergyIntolerance', { method: 'POST', body: { resourceType: 'AllergyIntolerance', patient: { reference: `Patient/${recordId}` }, clinicalStatus: clinical('active'), verificationStatus: confirmed, code: noneKnownCode }, fhir: true });
    setSaid(say.saidNone);
    await load();
  };

  if (mode === 'add') {
    return <Flow draftKey="easy-allergy" questions={questions} asks={(id, a) => id !== 'other' || a.what === 'other'} save={save} cancel={() => setMode('list')} />;
  }
  if (mode === 'done') {
    return (
      <Screen title={said?.text ?? ''} symbol="yes">
        <BigButton primary text={say.addAnother} symbol="add" onClick={() => { setSaid(undefined); setMode('add'); }} />
        <BigLink href="/home" text={common.home} symbol="home" />
      </Screen>
    );
  }
  if (typeof mode === 'object') {
    return <Confirm ask={{ ...common.removeAsk, text: `${common.removeAsk.text} ${words(mode.code)}` }} yes={common.removeYes} no={common.removeNo} onYes={() => void remove(mode)} onNo={() => setMode('list')} />;
  }
  const noneKnown = list?.find(isNoKnownAllergyStatement);
  const found = list?.filter((a) => !isNoKnownAllergyStatement(a)) ?? [];
  return (
    <Screen title={say.title} symbol="allergy">
      <Said idea={said} />
      <Ideas ideas={say.about} />
      {!list ? <p role="status">{common.loading}</p> : noneKnown ? (
        <>
          <IdeaLine idea={say.noneKnown} />
          <IdeaLine idea={say.noneKnownTakeBack} />
          <BigButton text={say.takeBackNone} symbol="remove" onClick={() => void remove(noneKnown)} />
        </>
      ) : (
        <>
          <h2 data-say="">{say.listTitle}</h2>
          {found.length === 0 ? <><IdeaLine idea={say.none} /><IdeaLine idea={say.noneWhy} /></> : (
            <ul className="redbag-er-list" data-testid="easy-allergies">
              {found.map((a) => (
                <li key={a.id}>
                  <IdeaLine idea={{ symbol: 'allergy' }}>
                    <strong>{words(a.code)}</strong>
                    {a.reaction?.[0]?.manifestation?.[0] ? <>. {words(a.reaction[0].manifestation[0])}</> : null}. {say.level[a.criticality ?? 'unable-to-assess']}
                  </IdeaLine>
                  <BigButton text={common.remove} symbol="remove" label={`${common.remove}: ${words(a.code)}`} onClick={() => setMode(a)} />
                </li>
              ))}
            </ul>
          )}
          <BigButton primary text={say.add} symbol="add" onClick={() => { setSaid(undefined); setMode('add'); }} />
          {found.length === 0 ? <BigButton text={say.sayNone} symbol="yes" onClick={() => void sayNone()} /> : null}
        </>
      )}
    </Screen>
  );
}
