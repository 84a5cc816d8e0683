/** Case- and accent-insensitive form used for string search ("Khän" and "khan" match). */
export function normalizeString(value: string): string {
  return value.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** A point in time as a sortable UTC string; both stores compare these as text. */
const iso = (ms: number): string => new Date(ms).toISOString();

const partial = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/**
 * The range of instants a FHIR date, dateTime or instant covers: "1945" is the whole year,
 * "1945-03" the month, "1945-03-02" the day, a time to the second its second. Values without a
 * zone are taken as UTC. Returns undefined for anything that is not a FHIR date.
 */
export function dateRange(value: string): { start: string; end: string } | undefined {
  const m = partial.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const offsetMs = zone && zone !== 'Z' ? (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000 : 0;
  if (mo === undefined) return { start: iso(Date.UTC(year, 0, 1)), end: iso(Date.UTC(year + 1, 0, 1) - 1) };
  const month = Number(mo) - 1;
  if (month < 0 || month > 11) return undefined;
  if (d === undefined) return { start: iso(Date.UTC(year, month, 1)), end: iso(Date.UTC(year, month + 1, 1) - 1) };
  const day = Number(d);
  if (day < 1 || day > 31) return undefined;
  if (h === undefined) return { start: iso(Date.UTC(year, month, day)), end: iso(Date.UTC(year, month, day + 1) - 1) };
  const base = Date.UTC(year, month, day, Number(h), Number(mi), Number(s ?? 0)) - offsetMs;
  if (Number.isNaN(base)) return undefined;
  if (s === undefined) return { start: iso(base), end: iso(base + 60_000 - 1) };
  if (frac !== undefined) {
    const ms = base + Math.floor(Number(frac) * 1000);
    return { start: iso(ms), end: iso(ms) };
  }
  return { start: iso(base), end: iso(base + 999) };
}

export const earliest = '0000-01-01T00:00:00.000Z';
export const latest = '9999-12-31T23:59:59.999Z';
