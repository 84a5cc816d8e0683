import { londonDay } from '../text/london-clock.ts';

/**
 * Dates on paper in the style a UK reader cannot misread: "14 June 1944", never 1944-06-14 or
 * 06/14/1944. Pure.
 */
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A FHIR date (1944, 1944-06 or 1944-06-14) in words; a date-time keeps its own calendar day. */
export function ukDate(fhirDate: string): string {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(fhirDate);
  if (!match) return fhirDate;
  const [, year, month, day] = match;
  const monthName = month ? months[Number(month) - 1] : undefined;
  if (!monthName) return year!;
  return day ? `${Number(day)} ${monthName} ${year}` : `${monthName} ${year}`;
}

/** The day an instant falls on in the UK (so a card made at 00:30 BST says the right day). */
export function ukDateOf(at: Date): string {
  return londonDay(at);
}

/** Every ISO date inside a line of words ("Fracture (since 2026-11-10)") turned into UK style. */
export function withUkDates(text: string): string {
  return text.replace(/\b\d{4}-\d{2}(?:-\d{2})?(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?\b/g, (iso) => ukDate(iso));
}
