import type { Filter, SortRule } from '@medplum/core';
import { FhirError } from '../../fhir/errors.ts';
import { dateRange, normalizeString } from '../../search/normalize.ts';
import { sensitivityParam, supportedParamMap, type SupportedParam } from '../../search/search-params.ts';
import type { Scope, ScopePart, StoreSearch } from '../store.ts';
import { storedCompartments } from './placement.ts';

export interface CompiledQuery {
  sql: string;
  params: unknown[];
}

/** The WHERE clause (with its parameters) shared by the page query and the count query. */
export interface Where {
  clauses: string[];
  params: unknown[];
}

/**
 * Turns a parsed FHIR search into SQL over the index tables. Both stores run the same text, so
 * search means the same on each. The scope (which records the caller may see) is always a clause.
 */
export function compileSearch(search: StoreSearch): { page: CompiledQuery; count: CompiledQuery } {
  const where: Where = { clauses: ['r.resource_type = ?', 'r.deleted = 0'], params: [search.resourceType] };
  addScope(where, search.scope, 'r', [search.resourceType]);
  const params = supportedParamMap(search.resourceType);
  const within = scopeCompartments(search.scope);
  for (const filter of search.filters) addFilter(where, params, search.resourceType, filter, within);
  const whereSql = where.clauses.join(' AND ');
  const order = orderBy(params, search.resourceType, search.sort, within);
  return {
    page: {
      sql: `SELECT r.compartment, r.resource_type, r.id, r.version_id, r.last_updated, r.deleted, r.content FROM resources r WHERE ${whereSql} ORDER BY ${order.sql} LIMIT ? OFFSET ?`,
      params: [...where.params, ...order.params, search.count, search.offset],
    },
    count: { sql: `SELECT COUNT(*) AS n FROM resources r WHERE ${whereSql}`, params: where.params },
  };
}

/**
 * Several types' resources under one scope, in one statement: each type's in its own order
 * (oldest change first, then id). `limit` bounds the whole answer; the caller asks again type by
 * type when it is reached.
 */
export function compileTypesList(resourceTypes: readonly string[], scope: Scope, limit: number): CompiledQuery {
  const where: Where = { clauses: [`r.resource_type IN (${resourceTypes.map(() => '?').join(', ')})`, 'r.deleted = 0'], params: [...resourceTypes] };
  addScope(where, scope, 'r', resourceTypes);
  return {
    sql: `SELECT r.compartment, r.resource_type, r.id, r.version_id, r.last_updated, r.deleted, r.content FROM resources r WHERE ${where.clauses.join(' AND ')} ORDER BY r.last_updated ASC, r.id ASC LIMIT ?`,
    params: [...where.params, limit],
  };
}

/** A share of no types shows nothing of that record. */
const partsShowing = (scope: Exclude<Scope, 'everything'>) => (scope.parts ?? []).filter((part) => part.resourceTypes?.length !== 0);

/**
 * Every stored compartment (placement.ts) a scope touches; undefined for every record. The directory
 * ('') is every one of its buckets.
 */
function scopeCompartments(scope: Scope): string[] | undefined {
  if (scope === 'everything') return undefined;
  return [...new Set(storedCompartments([...scope.compartments, ...partsShowing(scope).map((p) => p.compartment)]))];
}

/**
 * Confines `alias` to the scope. `queryTypes`, when the query asks for only those types, lets a
 * share of those types count as its whole record (the query says the type already), so a search
 * across many shares of one kind is a plain list of records, not one alternative per share: on
 * Citus every shard planned every alternative (2.3 s for 150 shares).
 */
export function addScope(where: Where, scope: Scope, alias: string, queryTypes?: readonly string[]): void {
  if (scope === 'everything') return;
  const whole = storedCompartments(scope.compartments);
  const parts = partsShowing(scope)
    .map((part) => forQueryTypes(part, queryTypes))
    .filter((part): part is ScopePart => part !== undefined);
  const every = [...new Set([...whole, ...storedCompartments(parts.map((p) => p.compartment))])];
  if (every.length === 0) {
    where.clauses.push('1 = 0');
    return;
  }
  // Every compartment the scope touches, as one plain list first: Citus prunes to those shards from it.
  where.clauses.push(`${alias}.compartment IN (${every.map(() => '?').join(', ')})`);
  where.params.push(...every);
  if (parts.length === 0) return;
  // Each record in one part only (the usual case): the sensitive items are left out by one NOT EXISTS
  // for all the parts, which a database plans once, rather than one per part (on Citus each shard
  // planned every one of them, over 100 ms for 15 shares on a busy machine).
  const once = parts.every((p, i) => !whole.includes(p.compartment) && parts.findIndex((q) => q.compartment === p.compartment) === i);
  // Then a part of every type the query asks for adds nothing to the list above.
  const narrowing = once ? parts.filter((part) => part.resourceTypes) : parts;
  if (narrowing.length > 0) {
    const alternatives: string[] = [];
    const wholeHere = once ? [...whole, ...storedCompartments(parts.filter((p) => !p.resourceTypes).map((p) => p.compartment))] : whole;
    if (wholeHere.length > 0) {
      alternatives.push(`${alias}.compartment IN (${wholeHere.map(() => '?').join(', ')})`);
      where.params.push(...wholeHere);
    }
    for (const part of narrowing) {
      const stored = storedCompartments([part.compartment]);
      const clauses = [stored.length === 1 ? `${alias}.compartment = ?` : `${alias}.compartment IN (${stored.map(() => '?').join(', ')})`];
      where.params.push(...stored);
      if (part.resourceTypes) {
        clauses.push(`${alias}.resource_type IN (${part.resourceTypes.map(() => '?').join(', ')})`);
        where.params.push(...part.resourceTypes);
      }
      if (!once && part.withoutSensitive && part.withoutSensitive.length > 0) {
        const without = withoutSensitive(alias, [{ compartments: stored, codes: part.withoutSensitive }]);
        clauses.push(without.sql);
        where.params.push(...without.params);
      }
      alternatives.push(`(${clauses.join(' AND ')})`);
    }
    where.clauses.push(`(${alternatives.join(' OR ')})`);
  }
  if (once) {
    const groups = alikeLeftOut(parts.filter((p) => p.withoutSensitive && p.withoutSensitive.length > 0));
    if (groups.length > 0) {
      const without = withoutSensitive(alias, groups);
      where.clauses.push(without.sql);
      where.params.push(...without.params);
    }
  }
}

/**
 * The part as the query sees it: undefined when it shares none of the query's types, without a
 * list of types when it shares every one of them.
 */
function forQueryTypes(part: ScopePart, queryTypes: readonly string[] | undefined): ScopePart | undefined {
  if (!queryTypes || !part.resourceTypes) return part;
  const shared = queryTypes.filter((type) => part.resourceTypes!.includes(type));
  if (shared.length === 0) return undefined;
  if (shared.length < queryTypes.length) return { ...part, resourceTypes: shared };
  const { resourceTypes: _all, ...rest } = part;
  return rest;
}

/** Parts leaving out the same sensitive categories, as one group: shares are mostly alike. */
function alikeLeftOut(parts: readonly ScopePart[]): Array<{ compartments: string[]; codes: readonly string[] }> {
  const byCodes = new Map<string, { compartments: string[]; codes: readonly string[] }>();
  for (const part of parts) {
    const codes = [...part.withoutSensitive!].sort();
    const key = codes.join('\n');
    const group = byCodes.get(key) ?? { compartments: [], codes };
    group.compartments.push(...storedCompartments([part.compartment]));
    byCodes.set(key, group);
  }
  return [...byCodes.values()];
}

/** None of the resource's sensitivity index rows carries a code left out for its compartment. */
function withoutSensitive(alias: string, groups: ReadonlyArray<{ compartments: readonly string[]; codes: readonly string[] }>): CompiledQuery {
  const every = groups.flatMap((g) => g.compartments);
  const list = (values: readonly string[]) => values.map(() => '?').join(', ');
  const head = `NOT EXISTS (SELECT 1 FROM index_token s WHERE s.compartment = ${alias}.compartment AND s.compartment IN (${list(every)}) AND s.resource_type = ${alias}.resource_type AND s.id = ${alias}.id AND s.param = ?`;
  if (groups.length === 1) {
    // Every compartment leaves out the same: no need to say which again.
    return { sql: `${head} AND s.code IN (${list(groups[0]!.codes)}))`, params: [...every, sensitivityParam, ...groups[0]!.codes] };
  }
  const alternatives = groups.map((g) => `(s.compartment IN (${list(g.compartments)}) AND s.code IN (${list(g.codes)}))`);
  return {
    sql: `${head} AND (${alternatives.join(' OR ')}))`,
    params: [...every, sensitivityParam, ...groups.flatMap((g) => [...g.compartments, ...g.codes])],
  };
}

/**
 * An index row of the resource `r`. The scope's compartments are said again inside: Citus prunes a
 * correlated subquery's shards only from its own conditions, not from the outer query's.
 */
function owner(alias: string, within: readonly string[] | undefined): CompiledQuery {
  const same = `${alias}.compartment = r.compartment AND ${alias}.resource_type = r.resource_type AND ${alias}.id = r.id`;
  if (within === undefined) return { sql: same, params: [] };
  if (within.length === 0) return { sql: `${same} AND 1 = 0`, params: [] }; // a scope of nothing (IN () is not SQL on PostgreSQL)
  return { sql: `${same} AND ${alias}.compartment IN (${within.map(() => '?').join(', ')})`, params: [...within] };
}

const tableOf = { token: 'index_token', string: 'index_string', date: 'index_date', reference: 'index_reference' } as const;

function addFilter(where: Where, params: ReadonlyMap<string, SupportedParam>, resourceType: string, filter: Filter, within: readonly string[] | undefined): void {
  const acrossRecords = within === undefined;
  const param = params.get(filter.code);
  if (!param) throw new FhirError('bad-request', `The search parameter "${filter.code}" is not supported for ${resourceType}.`);
  const values = splitValues(filter.value);
  if (values.length === 0 && filter.operator !== 'missing') {
    throw new FhirError('bad-request', `The search parameter "${filter.code}" needs a value.`);
  }

  if (filter.operator === 'missing') {
    if (param.code === '_id' || param.code === '_lastUpdated') throw unsupported(filter);
    const own = owner('x', within);
    const exists = `EXISTS (SELECT 1 FROM ${tableOf[param.index]} x WHERE ${own.sql} AND x.param = ?)`;
    where.clauses.push(filter.value === 'true' ? `NOT ${exists}` : exists);
    where.params.push(...own.params, param.code);
    return;
  }
  if (param.code === '_id') {
    idFilter(where, filter, values);
    return;
  }
  if (param.code === '_lastUpdated') {
    const alternatives = values.map((v) => dateCondition(filter, v, 'r.last_updated', 'r.last_updated'));
    where.clauses.push(`(${alternatives.map((a) => a.sql).join(' OR ')})`);
    where.params.push(...alternatives.flatMap((a) => a.params));
    return;
  }
  const negate = filter.operator === 'not' && param.index === 'token';
  const alternatives = values.map((v) => valueCondition(param, filter, v));
  if (acrossRecords && param.index === 'reference') {
    // Across every record (the shares naming an organisation, say), start from the references to the
    // target (index_reference_by_target) instead of visiting every resource of the type.
    where.clauses.push(
      `(r.compartment, r.resource_type, r.id) IN (SELECT x.compartment, x.resource_type, x.id FROM index_reference x WHERE x.resource_type = ? AND x.param = ? AND (${alternatives.map((a) => a.sql).join(' OR ')}))`,
    );
    where.params.push(resourceType, param.code, ...alternatives.flatMap((a) => a.params));
    return;
  }
  const own = owner('x', within);
  where.clauses.push(
    `${negate ? 'NOT ' : ''}EXISTS (SELECT 1 FROM ${tableOf[param.index]} x WHERE ${own.sql} AND x.param = ? AND (${alternatives.map((a) => a.sql).join(' OR ')}))`,
  );
  where.params.push(...own.params, param.code, ...alternatives.flatMap((a) => a.params));
}

function idFilter(where: Where, filter: Filter, values: string[]): void {
  if (filter.operator !== 'eq' && filter.operator !== 'not' && filter.operator !== 'ne') throw unsupported(filter);
  const negate = filter.operator !== 'eq';
  where.clauses.push(`r.id ${negate ? 'NOT ' : ''}IN (${values.map(() => '?').join(', ')})`);
  where.params.push(...values);
}

function valueCondition(param: SupportedParam, filter: Filter, value: string): CompiledQuery {
  switch (param.index) {
    case 'token':
      if (filter.operator !== 'eq' && filter.operator !== 'not') throw unsupported(filter);
      return tokenCondition(value);
    case 'string': {
      const escaped = normalizeString(value).replace(/[\\%_]/g, (c) => `\\${c}`);
      if (filter.operator === 'eq' || filter.operator === 'sw') return { sql: "x.value LIKE ? ESCAPE '\\'", params: [`${escaped}%`] };
      if (filter.operator === 'contains') return { sql: "x.value LIKE ? ESCAPE '\\'", params: [`%${escaped}%`] };
      if (filter.operator === 'exact') return { sql: 'x.exact = ?', params: [value] };
      throw unsupported(filter);
    }
    case 'date':
      return dateCondition(filter, value, 'x.start_at', 'x.end_at');
    case 'reference':
      if (filter.operator !== 'eq') throw unsupported(filter);
      return referenceCondition(value);
  }
}

function tokenCondition(value: string): CompiledQuery {
  const bar = value.indexOf('|');
  if (bar < 0) return { sql: 'x.code = ?', params: [value] };
  const system = value.slice(0, bar);
  const code = value.slice(bar + 1);
  if (code === '') return { sql: 'x.system = ?', params: [system] };
  return { sql: '(x.system = ? AND x.code = ?)', params: [system, code] };
}

function referenceCondition(value: string): CompiledQuery {
  const match = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(value);
  if (match) return { sql: '(x.target_type = ? AND x.target_id = ?)', params: [match[1], match[2]] };
  if (/^[A-Za-z0-9\-.]{1,64}$/.test(value)) return { sql: 'x.target_id = ?', params: [value] };
  return { sql: "(x.target_type = '' AND x.target_id = ?)", params: [value] };
}

/** FHIR date prefixes, comparing the value's range [start, end] with the query's range [qs, qe]. */
function dateCondition(filter: Filter, value: string, start: string, end: string): CompiledQuery {
  const range = dateRange(value);
  if (!range) throw new FhirError('bad-request', `"${value}" is not a date. Use a FHIR date such as 1945, 1945-03 or 1945-03-02.`);
  const { start: qs, end: qe } = range;
  switch (filter.operator) {
    case 'eq':
      return { sql: `(${start} >= ? AND ${end} <= ?)`, params: [qs, qe] };
    case 'ne':
      return { sql: `NOT (${start} >= ? AND ${end} <= ?)`, params: [qs, qe] };
    case 'gt':
      return { sql: `${end} > ?`, params: [qe] };
    case 'lt':
      return { sql: `${start} < ?`, params: [qs] };
    case 'ge':
      return { sql: `${end} >= ?`, params: [qs] };
    case 'le':
      return { sql: `${start} <= ?`, params: [qe] };
    case 'sa':
      return { sql: `${start} > ?`, params: [qe] };
    case 'eb':
      return { sql: `${end} < ?`, params: [qs] };
    case 'ap':
      // "Approximately": any overlap with the query's range.
      return { sql: `(${start} <= ? AND ${end} >= ?)`, params: [qe, qs] };
    default:
      throw unsupported(filter);
  }
}

const sortColumn = { token: 'code', string: 'value', date: 'start_at', reference: 'target_id' } as const;

function orderBy(params: ReadonlyMap<string, SupportedParam>, resourceType: string, rules: readonly SortRule[], within: readonly string[] | undefined): CompiledQuery {
  const parts: string[] = [];
  const values: unknown[] = [];
  for (const rule of rules) {
    const direction = rule.descending ? 'DESC' : 'ASC';
    if (rule.code === '_id') parts.push(`r.id ${direction}`);
    else if (rule.code === '_lastUpdated') parts.push(`r.last_updated ${direction}`);
    else {
      const param = params.get(rule.code);
      if (!param) throw new FhirError('bad-request', `Cannot sort by "${rule.code}": it is not a search parameter of ${resourceType}.`);
      const pick = rule.descending ? 'MAX' : 'MIN';
      const own = owner('x', within);
      const expr = `(SELECT ${pick}(x.${sortColumn[param.index]}) FROM ${tableOf[param.index]} x WHERE ${own.sql} AND x.param = ?)`;
      // Resources without the value come last on both stores (their NULL ordering differs).
      parts.push(`(${expr} IS NULL) ASC`, `${expr} ${direction}`);
      values.push(...own.params, param.code, ...own.params, param.code);
    }
  }
  parts.push('r.last_updated ASC', 'r.id ASC');
  return { sql: parts.join(', '), params: values };
}

/** Comma separates alternatives; `\,` is a literal comma. */
function splitValues(value: string): string[] {
  return value
    .split(/(?<!\\),/)
    .map((v) => v.replace(/\\,/g, ','))
    .filter((v) => v.length > 0);
}

function unsupported(filter: Filter): FhirError {
  return new FhirError('bad-request', `The modifier or prefix "${filter.operator}" is not supported for "${filter.code}".`);
}
