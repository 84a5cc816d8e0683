import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allContent } from '../../web/src/easy-read/content/index.ts';
import { readability, sentences, syllables, words } from '../../web/src/easy-read/readability.ts';
import { symbolNames } from '../../web/src/easy-read/symbols.ts';

/** Keys that hold no words for a person: drawings, codes, links. */
const notWords = new Set(['symbol', 'explains', 'value', 'href', 'input']);

interface Found {
  text: string;
  explains?: string;
  where: string;
}

/** Every string a person can read on one easy-read page, with the hard word its idea explains (if any). */
function strings(value: unknown, where: string, explains?: string): Found[] {
  if (typeof value === 'string') return [{ text: value.replace(/\{\w+\}/g, 'Sam'), where, ...(explains ? { explains } : {}) }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${where}[${i}]`, explains));
  if (value && typeof value === 'object') {
    const own = (value as { explains?: string }).explains;
    return Object.entries(value).filter(([k]) => !notWords.has(k)).flatMap(([k, v]) => strings(v, `${where}.${k}`, own ?? explains));
  }
  return [];
}

/** Objects that carry words for a person beside a drawing (ideas, choices, tiles). */
function ideas(value: unknown, where: string): { where: string; symbol: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => ideas(v, `${where}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  const here = typeof (value as { text?: unknown }).text === 'string' ? [{ where, symbol: (value as { symbol?: unknown }).symbol }] : [];
  return [...here, ...Object.entries(value).flatMap(([k, v]) => ideas(v, `${where}.${k}`))];
}

/** Words an easy-read reader should not meet unless the idea explains them. Case matters for ReSPECT (respect is everyday). */
const jargon = [/resuscitat/i, /\bReSPECT\b/, /\bCPR\b/, /\bFHIR\b/i, /SNOMED/i, /\bQR\b/, /\bJSON\b/i, /\bPDF\b/, /consent/i, /\bproxy\b/i, /criticality/i, /intolerance/i, /cardiopulmonary/i, /manifestation/i, /anaphyla/i, /practitioner/i, /coordinator/i, /verif/i, /\bpatient\b/i, /\bresource\b/i];

describe('the Flesch reading-ease function', () => {
  it('matches published examples', () => {
    // Wikipedia, "Flesch–Kincaid readability tests": 13 words, 26 syllables, one sentence: 24.4.
    const platypus = readability('The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.');
    expect(platypus).toMatchObject({ words: 13, sentences: 1, syllables: 26 });
    expect(platypus.fleschReadingEase).toBeCloseTo(24.4, 0);
    // The classic very easy sentence: 6 one-syllable words, about 116.
    expect(readability('The cat sat on the mat.').fleschReadingEase).toBeCloseTo(116.1, 0);
    // The normal page's words score far lower than easy read's.
    expect(readability('Emergency care and treatment plan (ReSPECT): resuscitation recommendations.').fleschReadingEase).toBeLessThan(0);
  });

  it('counts syllables of everyday and hard words as a dictionary does', () => {
    const dictionary: Record<string, number> = { the: 1, heart: 1, make: 1, home: 1, tried: 1, stopped: 1, wanted: 2, table: 2, people: 2, "people's": 2, allergy: 3, medicine: 3, ambulance: 3, radio: 3, resuscitation: 5, cardiopulmonary: 7, restart: 2, creature: 2, Australian: 4, seemingly: 3, '999': 1 };
    for (const [word, count] of Object.entries(dictionary)) expect(syllables(word), word).toBe(count);
  });

  it('splits sentences and words the way a reader does', () => {
    expect(sentences('Print it. Put it on your fridge.\nNext')).toEqual(['Print it.', 'Put it on your fridge.', 'Next']);
    expect(words('Who to call — and when?')).toEqual(['Who', 'to', 'call', 'and', 'when?']);
  });
});

describe('every easy-read string', () => {
  const pages = Object.entries(allContent);

  it.each(pages)('%s reads as easy (Flesch reading ease 80 or more)', (page, content) => {
    const text = strings(content, page).map((s) => (/[.!?]$/.test(s.text) ? s.text : `${s.text}.`)).join(' ');
    expect(readability(text).fleschReadingEase, page).toBeGreaterThanOrEqual(80);
  });

  it('keeps every sentence short: 12 words or fewer, one idea each', () => {
    const long = pages.flatMap(([page, content]) => strings(content, page)).flatMap((s) => sentences(s.text).filter((x) => words(x).length > 12).map((x) => `${s.where}: ${x}`));
    expect(long).toEqual([]);
  });

  it('uses no hard words, unless the idea is there to explain that word', () => {
    const hard = pages.flatMap(([page, content]) => strings(content, page)).filter((s) => jargon.some((j) => j.test(s.text) && !(s.explains && j.test(s.explains))));
    expect(hard.map((s) => `${s.where}: ${s.text}`)).toEqual([]);
    // The explained words really are there, once, in a sentence of their own that says what they mean.
    const explained = pages.flatMap(([page, content]) => strings(content, page)).filter((s) => s.explains);
    expect(explained.map((s) => s.explains).sort()).toEqual(['CPR', 'ReSPECT', 'allergy']);
  });

  it('has a drawing beside every idea, and every drawing exists', () => {
    const all = pages.flatMap(([page, content]) => ideas(content, page));
    expect(all.length).toBeGreaterThan(100);
    expect(all.filter((i) => !symbolNames.includes(i.symbol as never)).map((i) => i.where)).toEqual([]);
  });

  it('has no words written straight into the easy-read components (all words are in content/, so they are measured here)', () => {
    const dir = new URL('../../web/src/easy-read/', import.meta.url);
    const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.tsx'));
    expect(files.length).toBeGreaterThan(5);
    const inline = files.flatMap((f) => (readFileSync(new URL(f, dir), 'utf8').match(/(?<![=-])>\s*[A-Za-z][^<>{}=;()]*</g) ?? []).map((m) => `${f}: ${m}`));
    expect(inline).toEqual([]);
  });

  it('uses no emoji anywhere in easy read (a screen reader would read their names aloud)', () => {
    const all = pages.flatMap(([page, content]) => strings(content, page)).filter((s) => /\p{Extended_Pictographic}/u.test(s.text));
    expect(all).toEqual([]);
    expect(readFileSync(new URL('../../web/src/app.css', import.meta.url), 'utf8')).not.toMatch(/\p{Extended_Pictographic}/u);
  });
});
