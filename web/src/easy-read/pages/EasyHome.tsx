import { useEffect, useState } from 'react';
import type { AllergyIntolerance, CarePlan, RelatedPerson } from '@medplum/fhirtypes';
import { api, entries } from '../../api/client.ts';
import { useSession } from '../../session.tsx';
import { common } from '../content/common.ts';
import { home as say } from '../content/home.ts';
import { fill } from '../content/types.ts';
import { restartAnswer } from '../emergency-plan.ts';
import { BigButton, BigLink, IdeaLine, Ideas, Screen } from '../parts.tsx';

type Todo = keyof typeof say.todo;

/** What is missing, first: allergies (or "none"), someone to call with a number, her emergency wishes, proposals. */
async function whatToDo(recordId: string): Promise<Todo[]> {
  const p = `patient=Patient/${recordId}`;
  const [allergies, contacts, plans, proposals] = await Promise.all([
    api<{ entry?: { resource: AllergyIntolerance }[] }>(`/fhir/AllergyIntolerance?${p}`),
    api<{ entry?: { resource: RelatedPerson }[] }>(`/fhir/RelatedPerson?${p}`),
    api<{ entry?: { resource: CarePlan }[] }>(`/fhir/CarePlan?${p}&status=active`),
    api<{ total?: number }>(`/fhir/CarePlan?${p}&intent=proposal&status=draft&_summary=count`).catch(() => ({ total: 0 })),
  ]);
  const reachable = entries(contacts).some((c) => c.telecom?.some((t) => t.value));
  return [
    ...(entries(allergies).length === 0 ? ['allergies' as const] : []),
    ...(reachable ? [] : ['contacts' as const]),
    ...(entries(plans).some((plan) => restartAnswer(plan)) ? [] : ['wishes' as const]),
    ...((proposals.total ?? 0) > 0 ? ['proposals' as const] : []),
  ];
}

/** Easy-read home: whose Red Bag, what to do next, then five big buttons and two groups of more. */
export function EasyHome() {
  const { me, recordId, caringFor, chooseRecord } = useSession();
  const [todo, setTodo] = useState<Todo[]>();
  const [part, setPart] = useState<'main' | 'about-you' | 'seeing'>('main');
  useEffect(() => {
    if (recordId) void whatToDo(recordId).then(setTodo);
  }, [recordId]);
  const whose = caringFor.find((c) => c.patient === `Patient/${recordId}`);

  if (part !== 'main') {
    const group = part === 'about-you' ? say.moreAboutYou : say.whoCanSee;
    return (
      <Screen title={group.text} symbol={group.symbol}>
        {(part === 'about-you' ? say.aboutYou : say.seeing).map((t) => <BigLink key={t.href} href={t.href} text={t.text} symbol={t.symbol} />)}
        <BigButton text={common.back} symbol="back" onClick={() => setPart('main')} />
      </Screen>
    );
  }
  return (
    <Screen title={whose ? fill(say.whose, { name: whose.name }) : fill(say.hello, { name: me?.name?.given ?? '' })} symbol={whose ? 'carer' : 'smile'}>
      <Ideas ideas={say.about} />
      {caringFor.length ? (
        <section aria-labelledby="er-whose">
          <h2 id="er-whose" data-say="">{say.whoseTitle}</h2>
          {whose ? <IdeaLine idea={{ text: fill(say.looking.text, { name: whose.name }), symbol: say.looking.symbol }} /> : null}
          <div className="redbag-er-choices">
            <BigButton text={say.mine} symbol="person" pressed={!whose} onClick={() => chooseRecord(me?.patient?.replace('Patient/', '') ?? '')} />
            {caringFor.map((c) => <BigButton key={c.patient} text={c.name} symbol="carer" pressed={whose?.patient === c.patient} onClick={() => chooseRecord(c.patient.replace('Patient/', ''))} />)}
          </div>
        </section>
      ) : null}
      {!todo ? <p role="status">{say.checking}</p> : todo.length === 0 ? <IdeaLine idea={say.allDone} /> : (
        <section aria-labelledby="er-todo" className="redbag-er-todo">
          <h2 id="er-todo" data-say="">{say.todoTitle}</h2>
          {todo.map((t) => <BigLink key={t} href={say.todo[t].href} text={say.todo[t].text} symbol={say.todo[t].symbol} />)}
        </section>
      )}
      <h2 data-say="">{say.menuTitle}</h2>
      {say.menu.map((t) => <BigLink key={t.href} href={t.href} text={t.text} symbol={t.symbol} />)}
      <BigButton text={say.moreAboutYou.text} symbol={say.moreAboutYou.symbol} onClick={() => setPart('about-you')} />
      <BigButton text={say.whoCanSee.text} symbol={say.whoCanSee.symbol} onClick={() => setPart('seeing')} />
    </Screen>
  );
}
