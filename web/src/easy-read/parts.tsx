import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link } from '../components/Link.tsx';
import { common } from './content/common.ts';
import type { Idea } from './content/types.ts';
import { symbols, type Shape, type SymbolName } from './symbols.ts';

/** One of our drawings. The words beside it say the same, so screen readers skip it (aria-hidden). */
export function Drawing({ name, size = 56 }: { name: SymbolName; size?: number }) {
  return (
    <svg className="redbag-er-drawing" viewBox="0 0 48 48" width={size} height={size} aria-hidden="true" focusable="false">
      {(symbols[name] as readonly Shape[]).map((s, i) => (
        <path key={i} d={s.d} fill={s.fill ?? 'none'} stroke={s.stroke} strokeWidth={s.stroke ? 3 : undefined} strokeLinecap="round" strokeLinejoin="round" />
      ))}
    </svg>
  );
}

/** One idea: a drawing, then one short sentence or two. */
export function IdeaLine({ idea, children }: { idea: Pick<Idea, 'symbol'> & { text?: string }; children?: ReactNode }) {
  return (
    <div className="redbag-er-idea">
      <Drawing name={idea.symbol} />
      <p data-say="">{children ?? idea.text}</p>
    </div>
  );
}

export const Ideas = ({ ideas }: { ideas: readonly Idea[] }) => <>{ideas.map((idea) => <IdeaLine key={idea.text} idea={idea} />)}</>;

export function BigButton(props: { text: string; symbol?: SymbolName; onClick(): void; primary?: boolean; warning?: boolean; type?: 'button' | 'submit'; label?: string; pressed?: boolean }) {
  const kind = props.primary ? ' redbag-er-button--primary' : props.warning ? ' redbag-er-button--warning' : '';
  return (
    <button type={props.type ?? 'button'} className={`redbag-er-button${kind}`} onClick={props.onClick} aria-label={props.label} aria-pressed={props.pressed}>
      {props.symbol ? <Drawing name={props.symbol} size={44} /> : null}
      <span data-say="">{props.text}</span>
    </button>
  );
}

export function BigLink({ href, text, symbol, newTab }: { href: string; text: string; symbol: SymbolName; newTab?: string }) {
  const inside = <><Drawing name={symbol} size={44} /><span data-say="">{text}{newTab ? <span className="redbag-er-small"> {newTab}</span> : null}</span></>;
  return newTab
    ? <a className="redbag-er-button" href={href} target="_blank" rel="noreferrer">{inside}</a>
    : <Link className="redbag-er-button" href={href}>{inside}</Link>;
}

/** After the first page, each new screen of a flow moves focus to its heading, so a screen reader starts there. */
let pageJustLoaded = true;

/**
 * One easy-read screen: "Read this to me", then one heading and one thing to do. Only text marked
 * data-say is read out (the words on the screen, in order), never the drawings.
 */
export function Screen({ title, symbol, children }: { title: ReactNode; symbol: SymbolName; children: ReactNode }) {
  const page = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!pageJustLoaded) heading.current?.focus();
    pageJustLoaded = false;
  }, []);
  return (
    <div className="redbag-er-page" ref={page}>
      <ReadAloud from={page} />
      <h1 className="redbag-er-title" tabIndex={-1} ref={heading}>
        <Drawing name={symbol} size={64} />
        <span data-say="">{title}</span>
      </h1>
      {children}
    </div>
  );
}

const canSpeak = (): boolean => typeof window.speechSynthesis?.speak === 'function' && typeof window.SpeechSynthesisUtterance === 'function';

/** Reads the screen's words aloud with the browser's own voice; says so plainly where there is none. */
export function ReadAloud({ from }: { from: { current: HTMLElement | null } }) {
  const [speaking, setSpeaking] = useState(false);
  useEffect(() => () => { if (canSpeak()) speechSynthesis.cancel(); }, []);
  if (!canSpeak()) return <IdeaLine idea={common.noSpeech} />;
  const toggle = () => {
    speechSynthesis.cancel();
    if (speaking) return setSpeaking(false);
    const text = [...(from.current?.querySelectorAll('[data-say]') ?? [])]
      .map((e) => e.textContent?.trim() ?? '')
      .filter(Boolean)
      .map((t) => (/[.!?:]$/.test(t) ? t : `${t}.`))
      .join(' ');
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = 'en-GB';
    utterance.rate = 0.9;
    utterance.onend = () => setSpeaking(false);
    utterance.onerror = () => setSpeaking(false);
    setSpeaking(true);
    speechSynthesis.speak(utterance);
  };
  return (
    <button type="button" className="redbag-er-button redbag-er-button--speak" onClick={toggle}>
      <Drawing name="speaker" size={44} />
      <span>{speaking ? common.stopReading : common.readAloud}</span>
    </button>
  );
}

/** A short status line ("We saved it."), announced by screen readers. */
export function Said({ idea }: { idea: (Pick<Idea, 'symbol'> & { text: string }) | undefined }) {
  return <div role="status" aria-live="polite">{idea ? <IdeaLine idea={idea} /> : null}</div>;
}

/** "Do you want to take this away?" — every removal asks first. */
export function Confirm({ ask, yes, no, onYes, onNo }: { ask: Pick<Idea, 'symbol'> & { text: string }; yes: string; no: string; onYes(): void; onNo(): void }) {
  return (
    <Screen title={ask.text} symbol={ask.symbol}>
      <BigButton text={yes} symbol="yes" warning onClick={onYes} />
      <BigButton text={no} symbol="no" onClick={onNo} />
    </Screen>
  );
}
