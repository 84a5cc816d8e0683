import { FhirError } from '../fhir/errors.ts';

/**
 * How much one search sent by a caller may ask for. Each bound is far above what a person, the
 * portal or a FHIR client sends, and far below what makes one query expensive: on PostgreSQL the
 * planning time of a search grows steeply with the number of repeated parameters (about 40 ms for
 * 20, 190 ms for 50, 2 s for 100 and 12 s for 150 on the project's 2-core machine, 2026-11-30).
 */
export interface SearchLimits {
  /** name=value pairs in one search, repeats counted (the portal sends at most 4). */
  maxParameters: number;
  /** Values of one parameter name, comma-separated and repeated together. */
  maxValuesPerParameter: number;
  /** Largest `_offset`: deeper pages cost the database a scan of every row before them. */
  maxOffset: number;
  /** `_include` and `_revinclude` together: each is one more query. */
  maxIncludes: number;
  /** Bytes of parameters, query string and form body together (Node itself refuses URLs over 16 KiB). */
  maxQueryBytes: number;
}

export const defaultSearchLimits: SearchLimits = {
  maxParameters: 50,
  maxValuesPerParameter: 20,
  maxOffset: 10_000,
  maxIncludes: 10,
  maxQueryBytes: 8_192,
};

export type SearchPairs = ReadonlyArray<readonly [string, string]>;

const wholeNumber = /^\d+$/;

/** Refuses a caller's search that asks for more than the limits allow, with a message saying which limit. */
export function checkSearchLimits(pairs: SearchPairs, limits: SearchLimits): void {
  if (pairs.length > limits.maxParameters) {
    throw tooMuch(`A search may have at most ${limits.maxParameters} parameters; this one has ${pairs.length}. Search for fewer things at once.`);
  }
  const valuesByName = new Map<string, number>();
  let includes = 0;
  for (const [key, value] of pairs) {
    // PostgreSQL keeps no NUL in text, and refuses a statement that carries one: no stored value has it.
    if (key.includes('\u0000') || value.includes('\u0000')) {
      throw new FhirError('bad-request', 'A search cannot contain the NUL character (%00). Remove it and search again.');
    }
    const name = key.split(':')[0]!;
    const values = (valuesByName.get(name) ?? 0) + Math.max(1, countValues(value));
    valuesByName.set(name, values);
    if (values > limits.maxValuesPerParameter) {
      throw tooMuch(`The parameter "${shown(name)}" may have at most ${limits.maxValuesPerParameter} values (separated by commas or repeated). Search for fewer things at once.`);
    }
    if (name === '_include' || name === '_revinclude') includes += 1;
    if (name === '_offset') checkOffset(value, limits.maxOffset);
    if (name === '_count' && !wholeNumber.test(value)) throw tooMuch('_count must be a whole number of 0 or more.');
  }
  if (includes > limits.maxIncludes) {
    throw tooMuch(`A search may have at most ${limits.maxIncludes} _include and _revinclude parameters together; this one has ${includes}.`);
  }
}

/** `_offset` is where a page starts: a whole number up to the limit (also for _history). */
function checkOffset(value: string, maxOffset: number): void {
  if (!wholeNumber.test(value) || value.length > 15 || Number(value) > maxOffset) {
    throw tooMuch(`_offset must be a whole number from 0 to ${maxOffset.toLocaleString('en-GB')}. To look further back, narrow the search (by date, for example).`);
  }
}

/** Comma separates alternatives; `\,` is a literal comma (as the SQL compiler splits them). */
function countValues(value: string): number {
  return value.split(/(?<!\\),/).filter((v) => v.length > 0).length;
}

/** A caller's own text, echoed only short enough to recognise. */
export function shown(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

const tooMuch = (message: string): FhirError => new FhirError('bad-request', message);
