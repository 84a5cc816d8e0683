/**
 * Flesch reading ease, written here so the easy-read words can be measured in a fast test:
 * 206.835 − 1.015 × (words ÷ sentences) − 84.6 × (syllables ÷ words). 80 and over reads as "easy"
 * (about age 9–11 in the UK); 90 and over as "very easy". Syllables are counted by a rule of thumb,
 * close enough on everyday English to rank texts (checked against published examples in the test).
 */

/** Vowel pairs that are usually two sounds ("Austral-i-an", "radi-o"), unless part of -tion, -cial and friends. */
const twoSoundPairs = /(?<![cstgx])i[ao]/g;

export function syllables(word: string): number {
  let w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (!w) return /\d/.test(word) ? 1 : 0;
  if (w.length <= 3) return 1;
  // A silent e at the end ("make", "home"), but not "-le" after a consonant ("table", "people").
  w = w.replace(/(?:[^laeiouy]es|[^dt]ed)$/, (m) => m[0]!).replace(/([^l])e$/, '$1');
  const groups = w.replace(/^y/, '').match(/[aeiouy]+/g)?.length ?? 0;
  const pairs = w.match(twoSoundPairs)?.length ?? 0;
  return Math.max(1, groups + pairs);
}

export function words(text: string): string[] {
  return text.split(/[\s/–—-]+/).filter((t) => /[a-z0-9]/i.test(t));
}

/** Sentences end with . ! ? or a line break; a heading or a button label with no full stop is one sentence. */
export function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+|\n+/).map((s) => s.trim()).filter((s) => words(s).length > 0);
}

export interface Reading {
  words: number;
  sentences: number;
  syllables: number;
  fleschReadingEase: number;
}

export function readability(text: string): Reading {
  const all = sentences(text);
  const tokens = all.flatMap(words);
  const count = tokens.reduce((sum, t) => sum + syllables(t), 0);
  const ease = tokens.length === 0 ? 100 : 206.835 - 1.015 * (tokens.length / all.length) - 84.6 * (count / tokens.length);
  return { words: tokens.length, sentences: all.length, syllables: count, fleschReadingEase: Math.round(ease * 10) / 10 };
}
