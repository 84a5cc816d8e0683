/**
 * Dates as people in the UK write and read them. Shown as "14 June 1944" (src/cards/uk-date.ts);
 * typed in the NHS.UK date input (day, month, year, each in its own box); searched for in any of the
 * usual forms (14/06/1944, 14-6-1944, 14.6.44 is not one: a two-digit year is ambiguous). Pure.
 */
export { ukDate as showDate } from '../../src/cards/uk-date.ts';

const monthNames = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** 1944-06-14 when year, month and day make a real date, else undefined. */
export function isoDate(year: number, month: number, day: number): string | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return undefined;
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined; // 31 June, 29 February 1943
  return date.toISOString().slice(0, 10);
}

function monthOf(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return undefined;
  const index = monthNames.findIndex((m) => m.startsWith(w));
  return index < 0 ? undefined : index + 1;
}

/**
 * A date typed in any of the usual UK ways, as FHIR writes it (1944-06-14), or undefined:
 * 14/06/1944, 14-6-1944, 14.06.1944, 14 June 1944, 14 Jun 1944, 14th June 1944, 1944-06-14.
 * Day first always (UK order): 06/07/1944 is 6 July.
 */
export function readUkDate(text: string): string | undefined {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(t);
  if (m) return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]+\.?),?\s+(\d{4})$/i.exec(t);
  if (m) {
    const month = monthOf(m[2]!);
    return month ? isoDate(Number(m[3]), month, Number(m[1])) : undefined;
  }
  return undefined;
}

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** The box a problem is about, and what to tell her, in the NHS.UK date input's own words. */
export interface DateProblem {
  part: 'day' | 'month' | 'year';
  text: string;
}

/**
 * The date of birth from the three boxes, or what is wrong with it, one problem at a time
 * (NHS.UK: "Date of birth must include a month", "must be a real date", "must be in the past").
 * A month may be typed as a word ("June", "jun").
 */
export function birthDateFromParts(parts: DateParts, today: string): { date: string } | { problem: DateProblem } {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (!day && !month && !year) return { problem: { part: 'day', text: 'Enter your date of birth' } };
  const missing = (['day', 'month', 'year'] as const).filter((p) => !{ day, month, year }[p]);
  if (missing.length) return { problem: { part: missing[0]!, text: `Date of birth must include a ${missing.join(' and a ')}` } };
  const monthNumber = /^\d{1,2}$/.test(month) ? Number(month) : monthOf(month);
  if (!/^\d{1,2}$/.test(day) || Number(day) < 1 || Number(day) > 31) return { problem: { part: 'day', text: 'Date of birth must be a real date' } };
  if (monthNumber === undefined || monthNumber < 1 || monthNumber > 12) return { problem: { part: 'month', text: 'Date of birth must be a real date' } };
  if (!/^\d{4}$/.test(year)) return { problem: { part: 'year', text: 'Year must include 4 numbers' } };
  const date = isoDate(Number(year), monthNumber, Number(day));
  if (!date) return { problem: { part: 'day', text: 'Date of birth must be a real date' } };
  if (date > today) return { problem: { part: 'day', text: 'Date of birth must be in the past' } };
  if (date < '1900-01-01') return { problem: { part: 'year', text: 'Date of birth must be after 1900' } };
  return { date };
}
