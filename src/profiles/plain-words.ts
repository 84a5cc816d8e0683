import type { OperationOutcomeIssue } from '@medplum/fhirtypes';

/**
 * @medplum/core speaks to developers ("Invalid additional property"); people need to know what to
 * fix. The original message stays in `diagnostics` for developers.
 */
const rewrites: Array<[RegExp, (m: RegExpMatchArray, where: string) => string]> = [
  [/^Invalid additional property "(.+)"/, (m, where) => `${where} has "${m[1]}", which is not part of this kind of record. Remove it or check its spelling.`],
  [/^Missing required property/, (_m, where) => `${where} is required. Fill it in.`],
  [/^Invalid (date|dateTime|instant) format/, (m, where) => `${where} must be a date written year-month-day, for example 1945-03-02${m[1] === 'date' ? '' : ' (a time may follow, such as 1945-03-02T14:30:00Z)'}.`],
  [/^Invalid (code|string|id|uri|url|canonical|boolean|integer|decimal|positiveInt|unsignedInt) format/, (m, where) => `${where} is not a valid ${m[1]}.`],
  [/^Invalid JSON type: expected (\w+), but got (\w+)/, (m, where) => `${where} must be a JSON ${m[1]}, not a ${m[2]}${m[1] === 'number' ? ' (write 1, not "1")' : ''}.`],
  [/^Expected (.+) but found (.+)/, (m, where) => `${where} should be ${m[1]}, not ${m[2]}.`],
  [/^Expected at most (\d+) occurrence/, (m, where) => `${where} can appear at most ${m[1]} time(s).`],
  [/^Expected at least (\d+) occurrence/, (m, where) => `${where} is required (at least ${m[1]}).`],
  [/^Constraint (\S+) not met: (.+?)( \(.*\))?$/, (m) => m[2]!.replace(/\.?$/, '.')],
];

export function inPlainWords(issue: OperationOutcomeIssue): OperationOutcomeIssue {
  const original = issue.details?.text ?? issue.diagnostics ?? '';
  const where = issue.expression?.[0] ?? 'This record';
  for (const [pattern, rewrite] of rewrites) {
    const match = pattern.exec(original);
    if (match) return { ...issue, details: { text: rewrite(match, where) }, diagnostics: [original, issue.diagnostics].filter(Boolean).join(' | ') };
  }
  return issue;
}
