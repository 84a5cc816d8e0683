import { useCallback, useEffect, useState } from 'react';
import type { Resource } from '@medplum/fhirtypes';
import { api, entries } from '../../api/client.ts';
import type { Section } from '../../record-sections.ts';
import { useSession } from '../../session.tsx';
import { common } from '../content/common.ts';
import type { SectionWords } from '../content/sections.ts';
import { linesOf, removableAlone } from '../entries.ts';
import { type Answers, Flow } from '../flow.tsx';
import { BigButton, BigLink, Confirm, IdeaLine, Ideas, Said, Screen } from '../parts.tsx';

/**
 * One part of the record in easy read (medicines, who to call…): the list, then one question a page to
 * add one new entry. Adding never rewrites what is there; each new entry is stored on its own.
 */
export function EasySection({ section, say }: { section: Section; say: SectionWords }) {
  const { recordId } = useSession();
  const patient = `Patient/${recordId}`;
  const [list, setList] = useState<Resource[]>();
  const [mode, setMode] = useState<'list' | 'add' | 'done' | Resource>('list');
  const [said, setSaid] = useState<typeof common.removed>();
  const search = section.query?.(patient) ?? `patient=${patient}&_sort=-_lastUpdated`;
  const load = useCallback(async () => {
    if (recordId) setList(entries<Resource>(await api(`/fhir/${section.resourceType}?${search}`)).filter((r) => section.keep?.(r) ?? true));
  }, [recordId, section, search]);
  useEffect(() => void load(), [load]);

  const save = async (answers: Answers) => {
    await api(`/fhir/${section.resourceType}`, { method: 'POST', body: section.fromForm(answers, patient), fhir: true });
    setMode('done');
    await load();
  };
  const remove = async (resource: Resource) => {
    await api(`/fhir/${section.resourceType}/${resource.id}`, { method: 'DELETE' });
    setSaid(common.removed);
    setMode('list');
    await load();
  };

  if (mode === 'add') return <Flow draftKey={`easy-${section.path}`} questions={Object.entries(say.questions)} save={save} cancel={() => setMode('list')} />;
  if (mode === 'done') {
    return (
      <Screen title={say.saved.text} symbol={say.saved.symbol}>
        <BigButton primary text={say.add} symbol="add" onClick={() => setMode('add')} />
        <BigLink href="/home" text={common.home} symbol="home" />
      </Screen>
    );
  }
  if (typeof mode === 'object') {
    return <Confirm ask={{ ...common.removeAsk, text: `${common.removeAsk.text} ${linesOf(mode, section.describe)[0] ?? ''}` }} yes={common.removeYes} no={common.removeNo} onYes={() => void remove(mode)} onNo={() => setMode('list')} />;
  }
  const symbol = say.about[0]?.symbol ?? 'list';
  return (
    <Screen title={say.title} symbol={symbol}>
      <Said idea={said} />
      <Ideas ideas={say.about} />
      <h2 data-say="">{say.listTitle}</h2>
      {!list ? <p role="status">{common.loading}</p> : list.length === 0 ? <IdeaLine idea={say.empty} /> : (
        <ul className="redbag-er-list" data-testid="easy-items">
          {list.map((r) => (
            <li key={r.id}>
              {linesOf(r, section.describe).map((line, i) => <IdeaLine key={i} idea={{ symbol }}>{line}</IdeaLine>)}
              {removableAlone(r, section.describe)
                ? <BigButton text={common.remove} symbol="remove" label={`${common.remove}: ${linesOf(r, section.describe)[0] ?? ''}`} onClick={() => { setSaid(undefined); setMode(r); }} />
                : <IdeaLine idea={common.askForHelp} />}
            </li>
          ))}
        </ul>
      )}
      <BigButton primary text={say.add} symbol="add" onClick={() => { setSaid(undefined); setMode('add'); }} />
    </Screen>
  );
}
