/**
 * "Who has seen my record", calmer: repeated lines (the same person doing the same thing to the same part,
 * minutes apart) become one line — "… read your support plan 8 times between 10:15 and 10:16 on 3 March 2026."
 * Pure, so the grouping rule is tested fast.
 */
export interface AccessLine {
  when: string;
  who: string;
  text: string;
  outcome: 'allowed' | 'refused';
}

export interface GroupedLine extends AccessLine {
  count: number;
}

/** Repeats further apart than this are separate visits, and stay separate lines. */
const sameVisit = 30 * 60_000;
const zone = { timeZone: 'Europe/London' } as const;
const dayOf = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', ...zone });
const timeOf = (iso: string) => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', ...zone });
/** The line without its " on 3 March 2026 at 10:15": what was done, by whom, to what. */
const deed = (line: AccessLine) => line.text.replace(/ on \d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}/, '');

/** Lines newest first, as the service gives them; neighbours that repeat each other are joined. */
export function groupAccessLog(lines: readonly AccessLine[]): GroupedLine[] {
  const groups: AccessLine[][] = [];
  for (const line of lines) {
    const group = groups.at(-1);
    const last = group?.at(-1);
    const joins = last && deed(last) === deed(line) && last.outcome === line.outcome && dayOf(last.when) === dayOf(line.when) && Math.abs(Date.parse(last.when) - Date.parse(line.when)) <= sameVisit;
    if (group && joins) group.push(line);
    else groups.push([line]);
  }
  return groups.map((group) => (group.length === 1 ? { ...group[0]!, count: 1 } : joined(group)));
}

function joined(group: AccessLine[]): GroupedLine {
  const newest = group[0]!;
  const oldest = group.at(-1)!;
  const from = timeOf(oldest.when);
  const to = timeOf(newest.when);
  const span = from === to ? `at ${from}` : `between ${from} and ${to}`;
  const refused = newest.outcome === 'refused';
  const what = deed(newest).replace(/, and was refused\.$/, '').replace(/\.$/, '');
  const text = `${what} ${group.length} times ${span} on ${dayOf(newest.when)}${refused ? ', and was refused each time' : ''}.`;
  return { ...newest, text, count: group.length };
}
