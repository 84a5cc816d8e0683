import { useCallback, useEffect, useState } from 'react';
import type { CarePlan } from '@medplum/fhirtypes';
import { api, entries } from '../../api/client.ts';
import { recordSections } from '../../record-sections.ts';
import { useSession } from '../../session.tsx';
import { common } from '../content/common.ts';
import { emergencyWishes as say } from '../content/emergency-wishes.ts';
import { fill } from '../content/types.ts';
import { restartAnswer, withRestartAnswer } from '../emergency-plan.ts';
import { type Answers, Flow } from '../flow.tsx';
import { BigButton, BigLink, IdeaLine, Ideas, Screen } from '../parts.tsx';

const section = recordSections.find((s) => s.path === '/emergency-wishes')!;
const codings = section.fields.find((f) => f.id === 'cpr')?.choices ?? [];
const questions = Object.entries(say.questions);

/** "If your heart stops, should they try to restart it?" — one question a page, saved into her one plan. */
export function EasyEmergencyWishes() {
  const { recordId } = useSession();
  const patient = `Patient/${recordId}`;
  const [plan, setPlan] = useState<CarePlan | null>();
  const [mode, setMode] = useState<'show' | 'ask' | 'not-decided' | 'done'>('show');
  const load = useCallback(async () => {
    if (!recordId) return;
    const found = entries<CarePlan>(await api(`/fhir/CarePlan?${section.query!(patient)}`)).filter((p) => section.keep!(p));
    setPlan(found[0] ?? null);
  }, [recordId, patient]);
  useEffect(() => void load(), [load]);

  const save = async (answers: Answers) => {
    const coding = codings.find((c) => c.code === answers.restart);
    if (!coding) return setMode('not-decided');
    if (plan) await api(`/fhir/CarePlan/${plan.id}`, { method: 'PUT', body: withRestartAnswer(plan, coding, answers.wishes), fhir: true });
    else await api('/fhir/CarePlan', { method: 'POST', body: section.fromForm({ cpr: coding.code, wishes: answers.wishes ?? '' }, patient), fhir: true });
    setMode('done');
    await load();
  };

  if (mode === 'ask') {
    // "Not decided yet" ends the questions at once: nothing is saved, and nothing she has is changed.
    return <Flow draftKey="easy-emergency" questions={questions} asks={(id, a) => id === 'restart' || a.restart !== 'not-decided'} save={save} cancel={() => setMode('show')} />;
  }
  if (mode === 'not-decided' || mode === 'done') {
    const idea = mode === 'done' ? say.saved : say.notDecided;
    return (
      <Screen title={idea.text} symbol={idea.symbol}>
        <BigLink href="/home" text={common.home} symbol="home" />
      </Screen>
    );
  }
  const answer = plan ? say.questions.restart.choices.find((c) => c.value === restartAnswer(plan)) : undefined;
  return (
    <Screen title={say.title} symbol="heart">
      <Ideas ideas={say.about} />
      {plan === undefined ? <p role="status">{common.loading}</p> : (
        <>
          {answer ? <IdeaLine idea={{ text: fill(say.youSaid.text, { answer: answer.text }), symbol: answer.symbol }} /> : <IdeaLine idea={say.none} />}
          {plan?.description ? <IdeaLine idea={{ text: fill(say.alsoSaid.text, { wishes: plan.description }), symbol: say.alsoSaid.symbol }} /> : null}
          <BigButton primary text={answer ? say.change : say.start} symbol="write" onClick={() => setMode('ask')} />
        </>
      )}
    </Screen>
  );
}
