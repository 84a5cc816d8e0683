import type { Write, WriteResult } from '../store.ts';
import type { SqlEngine } from '../unit-of-work.ts';
import type { PlannedStatement, SqlExecutor } from './executor.ts';
import { applyWrites } from './writes.ts';

/**
 * A commit of new resources only (each its own id, no Patient, no If-None-Exist) needs no statement
 * whose text depends on another's answer, so it can be planned in full before anything is sent:
 *
 * - on PostgreSQL its rows are ONE statement (one-statement.ts). One statement is atomic and,
 *   committed by itself, durable when it returns: it needs no BEGIN and COMMIT around it, two round
 *   trips of a create's three;
 * - on SQLite, when it has `plannedOnThreadFrom` resources or more, its statements go, with others
 *   planned like them, to the write thread as one message (sqlite-write-thread.ts), off the event loop.
 *
 * Should the writes need anything else (a read, a second statement on PostgreSQL), nothing has been
 * sent and they are committed in a transaction as usual (`undefined`). So is a commit SQLite's
 * thread refused for an id in use: the usual way names the id.
 */
export async function commitAlone(engine: SqlEngine, writes: readonly Write[], now: Date): Promise<WriteResult[] | undefined> {
  if (!onlyNewResources(writes)) return undefined;
  if (engine.kind === 'postgres') return commitAsOneStatement(engine, writes, now);
  if (!engine.commitPlanned || writes.length < plannedOnThreadFrom) return undefined;
  const planned: PlannedStatement[] = [];
  const planner: SqlExecutor = {
    dialect: engine.kind,
    all: async () => {
      throw new NotAlone();
    },
    run: async (sql, params = []) => {
      planned.push({ sql, params });
    },
  };
  let results: WriteResult[];
  try {
    results = await applyWrites(planner, writes, now, async () => {});
  } catch (err) {
    if (err instanceof NotAlone) return undefined;
    throw err;
  }
  return (await engine.commitPlanned(planned)) ? results : undefined;
}

async function commitAsOneStatement(engine: SqlEngine, writes: readonly Write[], now: Date): Promise<WriteResult[] | undefined> {
  let sent = false;
  const alone: SqlExecutor = {
    dialect: 'postgres',
    all: async () => {
      throw new NotAlone();
    },
    run: async (sql, params) => {
      // Only the one statement that carries every row (it starts WITH); anything else ends the attempt before it is sent.
      if (sent || !sql.startsWith('WITH ')) throw new NotAlone();
      sent = true;
      await engine.autocommit.run(sql, params);
    },
  };
  try {
    return await applyWrites(alone, writes, now, async () => {});
  } catch (err) {
    if (err instanceof NotAlone && !sent) return undefined;
    throw err;
  }
}

class NotAlone extends Error {}

/**
 * Smaller commits stay on the event loop: a create and its AuditEvent, or a few reads' AuditEvents,
 * cost more in messages to the thread and back than their statements cost there. In alternating A/B
 * runs (2026-12-02, N = 200, 8 s each; README, "Where the targets not met stop") every commit on the
 * thread made 20-entry transactions 20-65% faster, creates no faster and professionals' reads about
 * 10% slower; from this size on, transactions were 22% faster on the median and the rest unchanged.
 */
export const plannedOnThreadFrom = 8;

/** Creates of distinct ids (so one run of writes.ts), none a Patient (whose NHS number is claimed by a statement of its own). */
function onlyNewResources(writes: readonly Write[]): boolean {
  const keys = new Set<string>();
  for (const write of writes) {
    if (write.kind !== 'create' || write.ifNoneExist || write.resource.resourceType === 'Patient') return false;
    keys.add(`${write.resource.resourceType}/${write.resource.id}`);
  }
  return writes.length > 0 && keys.size === writes.length;
}
