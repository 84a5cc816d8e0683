import { evalFhirPathTyped, toTypedValue, type TypedValue } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { parseRelativeReference } from '../fhir/references.ts';
import { dateRange, earliest, latest, normalizeString } from './normalize.ts';
import { indexedParams, sensitivityParam, type SupportedParam } from './search-params.ts';
import { sensitivityOf } from '../access/sensitivity.ts';

export interface TokenValue { param: string; system: string; code: string }
export interface StringValue { param: string; value: string; exact: string }
export interface DateValue { param: string; start: string; end: string }
export interface ReferenceValue { param: string; targetType: string; targetId: string }

export interface IndexValues {
  tokens: TokenValue[];
  strings: StringValue[];
  dates: DateValue[];
  references: ReferenceValue[];
}

/**
 * The values of every supported search parameter of one resource, as rows for the index tables.
 * Pure; the store writes them in the same transaction as the version they describe.
 */
export function extractIndexValues(resource: Resource): IndexValues {
  const values: IndexValues = { tokens: [], strings: [], dates: [], references: [] };
  const input = [toTypedValue(resource)];
  for (const param of indexedParams(resource.resourceType)) {
    for (const typed of evalFhirPathTyped(param.details!.parsedExpression, input)) {
      addValue(values, param, typed);
    }
  }
  for (const category of sensitivityOf(resource)) values.tokens.push({ param: sensitivityParam, system: '', code: category });
  return dedupe(values);
}

function addValue(values: IndexValues, param: SupportedParam, { type, value }: TypedValue): void {
  if (value === undefined || value === null) return;
  const code = param.code;
  switch (param.index) {
    case 'token':
      for (const [system, token] of tokensOf(type, value)) values.tokens.push({ param: code, system, code: token });
      return;
    case 'string':
      for (const text of stringsOf(type, value)) values.strings.push({ param: code, value: normalizeString(text), exact: text });
      return;
    case 'date':
      for (const range of datesOf(type, value)) values.dates.push({ param: code, ...range });
      return;
    case 'reference': {
      const reference = typeof value === 'string' ? value : (value as { reference?: string }).reference;
      if (typeof reference !== 'string') return;
      const parsed = parseRelativeReference(reference);
      values.references.push(parsed ? { param: code, targetType: parsed.resourceType, targetId: parsed.id } : { param: code, targetType: '', targetId: reference });
    }
  }
}

type Token = [system: string, code: string];

function tokensOf(type: string, value: any): Token[] { // eslint-disable-line @typescript-eslint/no-explicit-any
  switch (type) {
    case 'CodeableConcept':
      return (value.coding ?? []).flatMap((c: any) => tokensOf('Coding', c)); // eslint-disable-line @typescript-eslint/no-explicit-any
    case 'Coding':
      return typeof value.code === 'string' ? [[value.system ?? '', value.code]] : [];
    case 'Identifier':
      return typeof value.value === 'string' ? [[value.system ?? '', value.value]] : [];
    case 'ContactPoint':
      return typeof value.value === 'string' ? [[value.system ?? '', value.value]] : [];
    case 'boolean':
      return [['', String(value)]];
    default:
      return typeof value === 'string' ? [['', value]] : [];
  }
}

function stringsOf(type: string, value: any): string[] { // eslint-disable-line @typescript-eslint/no-explicit-any
  const strings = (...parts: unknown[]): string[] => parts.flat().filter((p): p is string => typeof p === 'string' && p.length > 0);
  switch (type) {
    case 'HumanName':
      return strings(value.family, value.given, value.prefix, value.suffix, value.text);
    case 'Address':
      return strings(value.line, value.city, value.district, value.state, value.postalCode, value.country, value.text);
    case 'CodeableConcept':
      return strings(value.text, (value.coding ?? []).map((c: { display?: string }) => c.display));
    default:
      return strings(value);
  }
}

function datesOf(type: string, value: any): Array<{ start: string; end: string }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  if (type === 'Period') {
    const start = typeof value.start === 'string' ? dateRange(value.start)?.start : undefined;
    const end = typeof value.end === 'string' ? dateRange(value.end)?.end : undefined;
    return start || end ? [{ start: start ?? earliest, end: end ?? latest }] : [];
  }
  if (type === 'Timing') return ((value.event ?? []) as string[]).flatMap((e) => datesOf('dateTime', e));
  if (typeof value !== 'string') return [];
  const range = dateRange(value);
  return range ? [range] : [];
}

function dedupe(values: IndexValues): IndexValues {
  const unique = <T>(rows: T[]): T[] => [...new Map(rows.map((r) => [JSON.stringify(r), r])).values()];
  return { tokens: unique(values.tokens), strings: unique(values.strings), dates: unique(values.dates), references: unique(values.references) };
}
