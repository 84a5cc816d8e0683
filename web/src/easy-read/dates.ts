/** "14 June 2027": the UK way, in words, never 2027-06-14. */
export const longDate = (iso: string | undefined): string =>
  iso ? new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }) : '';

/** A birthday from three boxes (the NHS.UK date input), or undefined when it is not a real date in the past. */
export function birthDateOf(day: string, month: string, year: string): string | undefined {
  const [d, m, y] = [day, month, year].map((v) => Number(v.trim()));
  if (!d || !m || !y || y < 1900) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCDate() !== d || date.getUTCMonth() !== m - 1 || date > new Date()) return undefined;
  return date.toISOString().slice(0, 10);
}
