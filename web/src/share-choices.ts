/**
 * How long a share lasts (issue 14, item 7): 1 or 2 weeks, 1 or 3 months, or a date the person types in the
 * NHS.UK date input (day, month, year). Pure: the end date, or a message for the field, from what was chosen.
 */
export const durations = [
  { id: '1-week', label: '1 week', days: 7 },
  { id: '2-weeks', label: '2 weeks', days: 14 },
  { id: '1-month', label: '1 month', months: 1 },
  { id: '3-months', label: '3 months', months: 3 },
] as const;

export type DurationId = (typeof durations)[number]['id'] | 'date';
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** A share can be set to end at most this far ahead; past that, the person shares again. */
const furthestMonths = 12;

const iso = (d: Date) => d.toISOString().slice(0, 10);
function addMonths(today: Date, months: number): Date {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + months, today.getUTCDate()));
  // 31 January + 1 month is the last day of February, not 3 March.
  return d.getUTCDate() === today.getUTCDate() ? d : new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 0));
}

/** The last day of the share as YYYY-MM-DD, or what is wrong (with the part of the date to fix). */
export function shareEnd(choice: DurationId | '', typed: DateParts, today: Date): { end: string } | { problem: string; field: 'duration' | 'day' | 'month' | 'year' } {
  const preset = durations.find((d) => d.id === choice);
  const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  if (preset) return { end: iso('days' in preset ? new Date(start.getTime() + preset.days * 86_400_000) : addMonths(start, preset.months)) };
  if (choice !== 'date') return { problem: 'Choose how long to share for', field: 'duration' };
  const [day, month, year] = [typed.day, typed.month, typed.year].map((p) => p.trim());
  if (!day && !month && !year) return { problem: 'Enter the date the share should end', field: 'day' };
  if (!day) return { problem: 'The date the share should end must include a day', field: 'day' };
  if (!month) return { problem: 'The date the share should end must include a month', field: 'month' };
  if (!year) return { problem: 'The date the share should end must include a year', field: 'year' };
  const [d, m, y] = [day, month, year].map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = /^\d{1,2}$/.test(day!) && /^\d{1,2}$/.test(month!) && /^\d{4}$/.test(year!) && date.getUTCDate() === d && date.getUTCMonth() === m - 1;
  if (!real) return { problem: 'The date the share should end must be a real date', field: 'day' };
  if (date <= start) return { problem: 'The date the share should end must be in the future', field: 'day' };
  if (date > addMonths(start, furthestMonths)) return { problem: 'The date the share should end must be within a year from today', field: 'day' };
  return { end: iso(date) };
}

/** "14 June 2027": how the portal writes a date. */
export function longDate(isoDate: string | undefined): string {
  if (!isoDate) return 'no end date';
  return new Date(`${isoDate.slice(0, 10)}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
