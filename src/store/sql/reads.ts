import type { HistoryEntry, HistoryPage, HistoryQuery, ResourceKey, SearchPage, StoreSearch, StoredResource, StoredVersion, TypeList } from '../store.ts';
import { resourceColumns, type ResourceRow, type SqlExecutor } from './executor.ts';
import { addScope, compileSearch, compileTypesList, type Where } from './search-query.ts';
import { logicalCompartment } from './placement.ts';

export function toVersion(row: ResourceRow): StoredVersion {
  if (Number(row.deleted)) {
    return { deleted: true, compartment: logicalCompartment(row.compartment), resourceType: row.resource_type, id: row.id, versionId: String(row.version_id), lastUpdated: row.last_updated };
  }
  return { deleted: false, ...storedFromRow(row) };
}

/** Parsed only if someone looks at `resource`: a plain read sends `json` as it is. */
export function storedFromRow(row: ResourceRow): StoredResource {
  const json = row.content!;
  let parsed: StoredResource['resource'] | undefined;
  return {
    compartment: logicalCompartment(row.compartment),
    resourceType: row.resource_type,
    id: row.id,
    versionId: String(row.version_id),
    lastUpdated: row.last_updated,
    json,
    get resource() {
      parsed ??= JSON.parse(json) as StoredResource['resource'];
      return parsed;
    },
  };
}

/**
 * The stored compartment of an id, from resource_locations. Every read by id starts here, so on
 * Citus it visits the one shard holding the id, then the one holding the record, never all of them.
 */
async function locate(db: SqlExecutor, resourceType: string, id: string): Promise<string | undefined> {
  const [row] = await db.all<{ compartment: string }>('SELECT compartment FROM resource_locations WHERE resource_type = ? AND id = ?', [resourceType, id]);
  return row?.compartment;
}

/**
 * How a read by id finds its row. Where every table lives in one database (SQLite, PostgreSQL), the
 * location and the row are one statement, a join: one round trip, and on SQLite one read lock, not two.
 * On Citus the location is on the shard of the id and the row on the shard of the record, so a join
 * would visit every shard: there the location is read first, then the one shard that holds the row.
 */
export type ReadById = 'joined' | 'located-first';

const joinedColumns = (table: string) => resourceColumns.replace(/(\w+)/g, `${table}.$1`);
const joinOnLocation = (table: string) =>
  `resource_locations l JOIN ${table} r ON r.compartment = l.compartment AND r.resource_type = l.resource_type AND r.id = l.id`;

export async function readCurrent(db: SqlExecutor, resourceType: string, id: string, how: ReadById): Promise<StoredVersion | undefined> {
  if (how === 'joined') {
    const [row] = await db.all<ResourceRow>(`SELECT ${joinedColumns('r')} FROM ${joinOnLocation('resources')} WHERE l.resource_type = ? AND l.id = ?`, [resourceType, id]);
    return row ? toVersion(row) : undefined;
  }
  const compartment = await locate(db, resourceType, id);
  if (compartment === undefined) return undefined;
  const [row] = await db.all<ResourceRow>(`SELECT ${resourceColumns} FROM resources WHERE compartment = ? AND resource_type = ? AND id = ?`, [compartment, resourceType, id]);
  return row ? toVersion(row) : undefined;
}

export async function readVersion(db: SqlExecutor, resourceType: string, id: string, versionId: string, how: ReadById): Promise<StoredVersion | undefined> {
  if (!/^\d{1,15}$/.test(versionId)) return undefined;
  if (how === 'joined') {
    const [row] = await db.all<ResourceRow>(
      `SELECT ${joinedColumns('r')} FROM ${joinOnLocation('resource_history')} WHERE l.resource_type = ? AND l.id = ? AND r.version_id = ?`,
      [resourceType, id, Number(versionId)],
    );
    return row ? toVersion(row) : undefined;
  }
  const compartment = await locate(db, resourceType, id);
  if (compartment === undefined) return undefined;
  const [row] = await db.all<ResourceRow>(
    `SELECT ${resourceColumns} FROM resource_history WHERE compartment = ? AND resource_type = ? AND id = ? AND version_id = ?`,
    [compartment, resourceType, id, Number(versionId)],
  );
  return row ? toVersion(row) : undefined;
}

export async function readMany(db: SqlExecutor, keys: readonly ResourceKey[]): Promise<StoredResource[]> {
  if (keys.length === 0) return [];
  const found: StoredResource[] = [];
  // Chunked so the number of bound parameters stays well under both stores' limits.
  for (let i = 0; i < keys.length; i += 200) {
    const chunk = keys.slice(i, i + 200);
    const located = await db.all<{ compartment: string; resource_type: string; id: string }>(
      `SELECT compartment, resource_type, id FROM resource_locations WHERE ${chunk.map(() => '(resource_type = ? AND id = ?)').join(' OR ')}`,
      chunk.flatMap((k) => [k.resourceType, k.id]),
    );
    if (located.length === 0) continue;
    const rows = await db.all<ResourceRow>(
      `SELECT ${resourceColumns} FROM resources WHERE deleted = 0 AND (${located.map(() => '(compartment = ? AND resource_type = ? AND id = ?)').join(' OR ')})`,
      located.flatMap((l) => [l.compartment, l.resource_type, l.id]),
    );
    for (const row of rows) found.push(storedFromRow(row));
  }
  return found;
}

export async function history(db: SqlExecutor, query: HistoryQuery): Promise<HistoryPage> {
  const where: Where = { clauses: [], params: [] };
  if (query.resourceType !== undefined) {
    where.clauses.push('h.resource_type = ?');
    where.params.push(query.resourceType);
  }
  if (query.id !== undefined) {
    if (query.resourceType !== undefined) {
      // One resource's history lives in its one compartment.
      const compartment = await locate(db, query.resourceType, query.id);
      if (compartment === undefined) return { entries: [], total: 0 };
      where.clauses.push('h.compartment = ?');
      where.params.push(compartment);
    }
    where.clauses.push('h.id = ?');
    where.params.push(query.id);
  }
  if (query.since) {
    where.clauses.push('h.last_updated >= ?');
    where.params.push(query.since.toISOString());
  }
  addScope(where, query.scope, 'h');
  const whereSql = where.clauses.length ? `WHERE ${where.clauses.join(' AND ')}` : '';
  const rows = await db.all<ResourceRow>(
    `SELECT ${joinedColumns('h')} FROM resource_history h ${whereSql}
     ORDER BY h.last_updated DESC, h.resource_type, h.id, h.version_id DESC LIMIT ? OFFSET ?`,
    [...where.params, query.count, query.offset],
  );
  const [count] = await db.all<{ n: number | string }>(`SELECT COUNT(*) AS n FROM resource_history h ${whereSql}`, where.params);
  return { entries: rows.map(toHistoryEntry), total: Number(count?.n ?? 0) };
}

function toHistoryEntry(row: ResourceRow): HistoryEntry {
  const deleted = Boolean(Number(row.deleted));
  const versionId = String(row.version_id);
  return {
    compartment: logicalCompartment(row.compartment),
    resourceType: row.resource_type,
    id: row.id,
    versionId,
    lastUpdated: row.last_updated,
    method: deleted ? 'DELETE' : versionId === '1' ? 'POST' : 'PUT',
    ...(deleted ? {} : { resource: JSON.parse(row.content!) as StoredResource['resource'] }),
  };
}

export async function search(db: SqlExecutor, query: StoreSearch): Promise<SearchPage> {
  const { page, count } = compileSearch(query);
  const rows = query.count > 0 ? await db.all<ResourceRow>(page.sql, page.params) : [];
  const resources = rows.map(storedFromRow);
  if (!query.total) return { resources };
  // A first page that is not full already tells the total; no second query needed.
  if (query.offset === 0 && query.count > 0 && resources.length < query.count) return { resources, total: resources.length };
  const [counted] = await db.all<{ n: number | string }>(count.sql, count.params);
  return { resources, total: Number(counted?.n ?? 0) };
}

/**
 * Several types' lists, each under its own scope, in as few statements as the scopes allow: the
 * types that share a scope (a person's own record: all of them) are read in one statement. For a
 * card's nine types that costs a fifth of a branch a type (SQLite: 0.04 ms against 0.2 ms). Each
 * list keeps its type's order and its own bound: when a shared statement reaches the bound, that
 * group is read again type by type, as one UNION ALL.
 */
export async function listEach(db: SqlExecutor, lists: readonly TypeList[], limit: number): Promise<StoredResource[][]> {
  const answer: StoredResource[][] = lists.map(() => []);
  if (lists.length === 0 || limit <= 0) return answer;
  const groups = new Map<string, number[]>();
  lists.forEach(({ scope }, place) => {
    // No parts and an empty list of parts are the same scope (narrowTo gives the latter).
    const key = scope === 'everything' ? scope : JSON.stringify([scope.compartments, scope.parts?.length ? scope.parts : []]);
    const group = groups.get(key);
    if (group) group.push(place);
    else groups.set(key, [place]);
  });
  const runaway: number[] = [];
  for (const places of groups.values()) {
    const types = [...new Set(places.map((place) => lists[place]!.resourceType))];
    const query = compileTypesList(types, lists[places[0]!]!.scope, limit + 1);
    const rows = await db.all<ResourceRow>(query.sql, query.params);
    if (rows.length > limit) {
      runaway.push(...places);
      continue;
    }
    for (const row of rows.map(storedFromRow)) {
      for (const place of places) if (lists[place]!.resourceType === row.resourceType) answer[place]!.push(row);
    }
  }
  if (runaway.length > 0) {
    const again = await listEachByType(db, runaway.map((place) => lists[place]!), limit);
    runaway.forEach((place, i) => {
      answer[place] = again[i]!;
    });
  }
  return answer;
}

/**
 * Each list as one branch of a UNION ALL, with the search query of its type and scope (so each
 * keeps its own bound), tagged with its place in the request. The outer order repeats the
 * branches' own (oldest change first, then id), which a UNION ALL alone does not promise.
 */
async function listEachByType(db: SqlExecutor, lists: readonly TypeList[], limit: number): Promise<StoredResource[][]> {
  const answer: StoredResource[][] = lists.map(() => []);
  const branches = lists.map(({ resourceType, scope }, place) => {
    const { page } = compileSearch({ resourceType, filters: [], sort: [], count: limit, offset: 0, total: false, scope });
    return { sql: `SELECT ${place} AS branch, q.* FROM (${page.sql}) q`, params: page.params };
  });
  const rows = await db.all<ResourceRow & { branch: number | string }>(
    `${branches.map((b) => b.sql).join(' UNION ALL ')} ORDER BY branch, last_updated, id`,
    branches.flatMap((b) => b.params),
  );
  for (const row of rows) answer[Number(row.branch)]!.push(storedFromRow(row));
  return answer;
}
