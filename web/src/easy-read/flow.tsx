import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.ts';
import { Problems } from '../components/Problems.tsx';
import { useDraft } from '../use-draft.ts';
import { common } from './content/common.ts';
import type { Answers, Choice, Question } from './content/types.ts';

export type { Answers };
import { BigButton, Drawing, Screen } from './parts.tsx';


export interface FlowProps {
  /** Keeps the answers through a reload (in this tab only) until they are saved. */
  draftKey: string;
  questions: [string, Question][];
  /** Choices known only when the page runs (the organisations to share with), shown as a list to pick from. */
  options?: Record<string, { value: string; text: string }[]>;
  /** Questions asked only after some answers (the "type it" box after "Something else"). */
  asks?(id: string, answers: Answers): boolean;
  /** Saves; an error keeps every answer and says so plainly. */
  save(answers: Answers): Promise<void>;
  saveText?: string;
  cancel(): void;
}

const shown = (q: Question, value: string | undefined, options?: { value: string; text: string }[]): string => {
  if (!value) return common.empty;
  const all: { value: string; text: string }[] = [...(q.choices ?? []), ...(options ?? [])];
  return value.split(',').map((v) => all.find((c) => c.value === v)?.text ?? v).join(', ');
};

/** One question a page, then "Is this right?", then save: the whole of an easy-read form. */
export function Flow(props: FlowProps) {
  const [answers, setAnswers, clearAnswers] = useDraft<Answers>(`${props.draftKey}-answers`, {});
  const [step, setStep, clearStep] = useDraft(`${props.draftKey}-step`, 0);
  const [returnToCheck, setReturnToCheck] = useState(false);
  const [failed, setFailed] = useState(false);
  const asked = props.questions.filter(([id]) => props.asks?.(id, answers) ?? true);
  const go = (to: number) => { setStep(returnToCheck ? asked.length : to); setReturnToCheck(false); };
  const answer = (id: string, value: string, andGo = true) => {
    const next = { ...answers, [id]: value };
    setAnswers(next);
    if (andGo) go(step + 1);
  };
  const back = () => {
    if (step > 0) return setStep(step - 1);
    clearAnswers();
    clearStep();
    props.cancel();
  };

  if (step >= asked.length) {
    const saveAll = async () => {
      try {
        await props.save(answers);
        clearAnswers();
        clearStep();
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        setFailed(true);
      }
    };
    return (
      <Screen title={common.checkTitle} symbol="question">
        {failed ? <Problems error={new ApiError(0, common.failed, [])} /> : null}
        <dl className="nhsuk-summary-list">
          {asked.map(([id, q], i) => (
            <div className="nhsuk-summary-list__row" key={id}>
              <dt className="nhsuk-summary-list__key" data-say="">{q.short}</dt>
              <dd className="nhsuk-summary-list__value" data-say="">{shown(q, answers[id], props.options?.[id])}</dd>
              <dd className="nhsuk-summary-list__actions">
                <button type="button" className="redbag-er-button redbag-er-button--small" onClick={() => { setReturnToCheck(true); setStep(i); }}>
                  {common.changeAnswer}<span className="nhsuk-u-visually-hidden"> {q.short}</span>
                </button>
              </dd>
            </div>
          ))}
        </dl>
        <BigButton primary text={props.saveText ?? common.save} symbol="yes" onClick={() => void saveAll()} />
        <BigButton text={common.back} symbol="back" onClick={() => setStep(asked.length - 1)} />
      </Screen>
    );
  }
  const [id, q] = asked[step]!;
  return <Ask key={id} id={id} q={q} value={answers[id] ?? ''} options={props.options?.[id]} onAnswer={(v, andGo) => answer(id, v, andGo)} onBack={back} />;
}

/** One question on its own page: big picture buttons to pick from, or one box to type in. */
function Ask({ id, q, value, options, onAnswer, onBack }: { id: string; q: Question; value: string; options?: { value: string; text: string }[]; onAnswer(value: string, andGo?: boolean): void; onBack(): void }) {
  const [typed, setTyped] = useState(value);
  const [problem, setProblem] = useState<string>();
  const many = isMany(q) && q.choices !== undefined;
  if (q.choices && !many) {
    return (
      <Screen title={q.ask.text} symbol={q.ask.symbol}>
        {q.hint ? <p className="nhsuk-hint" data-say="">{q.hint}</p> : null}
        <div className="redbag-er-choices">
          {q.choices.map((c: Choice) => <BigButton key={c.value} text={c.text} symbol={c.symbol} pressed={value === c.value} onClick={() => onAnswer(c.value)} />)}
        </div>
        <BigButton text={common.back} symbol="back" onClick={onBack} />
      </Screen>
    );
  }
  if (many) {
    const picked = value ? value.split(',') : [];
    const toggle = (v: string) => onAnswer(picked.includes(v) ? picked.filter((x) => x !== v).join(',') : [...picked, v].join(','), false);
    const next = () => (picked.length ? onAnswer(value) : setProblem(common.pickOne));
    return (
      <Screen title={q.ask.text} symbol={q.ask.symbol}>
        {problem ? <Problems error={new ApiError(422, problem, [])} /> : null}
        {q.hint ? <p className="nhsuk-hint" data-say="">{q.hint}</p> : null}
        <div className="redbag-er-choices">
          {q.choices!.map((c) => <BigButton key={c.value} text={c.text} symbol={picked.includes(c.value) ? 'yes' : c.symbol} pressed={picked.includes(c.value)} onClick={() => toggle(c.value)} />)}
        </div>
        <BigButton primary text={common.next} onClick={next} />
        <BigButton text={common.back} symbol="back" onClick={onBack} />
      </Screen>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!typed.trim() && !q.optional) return setProblem(common.fillIn);
    onAnswer(typed.trim());
  };
  const fieldId = `er-${id}`;
  return (
    <Screen title={<label htmlFor={fieldId}>{q.ask.text}</label>} symbol={q.ask.symbol}>
      {problem ? <Problems error={new ApiError(422, problem, [{ field: id, text: problem }])} fieldIds={{ [id]: fieldId }} /> : null}
      <form onSubmit={submit} noValidate>
        <div className={`nhsuk-form-group${problem ? ' nhsuk-form-group--error' : ''}`}>
          {q.hint ? <div className="nhsuk-hint" id={`${fieldId}-hint`} data-say="">{q.hint}</div> : null}
          {problem ? <span className="nhsuk-error-message" id={`${fieldId}-error`}>{problem}</span> : null}
          {options ? (
            <select className="nhsuk-select redbag-er-input" id={fieldId} value={typed} onChange={(e) => setTyped(e.target.value)} aria-describedby={q.hint ? `${fieldId}-hint` : undefined}>
              <option value="">{common.pickOne}</option>
              {options.map((o) => <option key={o.value} value={o.value}>{o.text}</option>)}
            </select>
          ) : (
            <input className={`nhsuk-input redbag-er-input${problem ? ' nhsuk-input--error' : ''}`} id={fieldId} type={q.input ?? 'text'} value={typed} onChange={(e) => setTyped(e.target.value)} aria-describedby={[q.hint ? `${fieldId}-hint` : '', problem ? `${fieldId}-error` : ''].filter(Boolean).join(' ') || undefined} autoComplete="off" />
          )}
        </div>
        <button type="submit" className="redbag-er-button redbag-er-button--primary"><Drawing name="yes" size={44} /><span>{common.next}</span></button>
      </form>
      {q.optional ? <BigButton text={common.skip} onClick={() => onAnswer('')} /> : null}
      <BigButton text={common.back} symbol="back" onClick={onBack} />
    </Screen>
  );
}

/** A question whose answer can be several of its choices. */
const isMany = (q: Question): boolean => q.many === true;
