import { readUkDate } from './uk-dates.ts';

/**
 * What a professional typed in "Find someone", as a Patient search: an NHS number (spaces or not),
 * a date of birth in any of the usual UK forms (14/06/1944, 14-6-1944, 14 June 1944, 1944-06-14),
 * or else a name. Pure.
 */
export function searchFor(typed: string): string {
  const q = typed.trim();
  if (!q) return '';
  if (/^\d[\d ]{9,11}$/.test(q)) return `identifier=https://fhir.nhs.uk/Id/nhs-number|${q.replace(/ /g, '')}`;
  const born = readUkDate(q);
  return born ? `birthdate=${born}` : `name=${encodeURIComponent(q)}`;
}
