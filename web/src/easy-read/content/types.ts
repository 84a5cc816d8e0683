import type { SymbolName } from '../symbols.ts';

/**
 * Easy-read words are data, one file a page, so a test can read every string: short sentences,
 * one idea each, everyday words, a drawing beside each idea. `{name}`-style gaps are filled on the page.
 */
export interface Idea {
  text: string;
  symbol: SymbolName;
  /** The one hard word this idea explains in plain words (it may appear here, and only here). */
  explains?: string;
}

/** One answer to pick, shown as a big button with its drawing. */
export interface Choice {
  value: string;
  text: string;
  symbol: SymbolName;
}

/** One question on a page of its own. */
export interface Question {
  ask: Idea;
  hint?: string;
  /** Words for this answer on the "Is this right?" page. */
  short: string;
  choices?: Choice[];
  /** May be left empty. */
  optional?: boolean;
  /** Several choices may be picked. */
  many?: boolean;
  input?: 'text' | 'tel' | 'email' | 'datetime-local';
}

/** What a person answered, by question id (a code for a choice, her words for a box). */
export type Answers = Record<string, string>;

/** Fills `{gap}`s: "Hello {name}." with { name: 'Aisha' } gives "Hello Aisha." */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}
