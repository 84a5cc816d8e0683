import type { Write, WriteResult } from '../store.ts';
import type { SqlEngine } from '../unit-of-work.ts';
import type { SqlExecutor } from './executor.ts';
import { applyWrites } from './writes.ts';

/**
 * A commit of new resources only (each its own id, no Patient, no If-None-Exist) is on PostgreSQL ONE
 * statement (one-statement.ts). One statement is atomic and, committed by itself, durable when it
 * returns: it needs no BEGIN and COMMIT around it, two round trips of a create's three. Should the
 * writes need anything else (a read, a second statement, rows past one statement's parameters),
 * nothing has been sent yet and they are committed in a transaction as usual (`undefined`).
 */
export async function commitAlone(engine: SqlEngine, writes: readonly Write[], now: Date): Promise<WriteResult[] | undefined> {
  if (engine.kind !== 'postgres' || !onlyNewResources(writes)) return undefined;
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

/** Creates of distinct ids (so one run of writes.ts), none a Patient (whose NHS number is claimed by a statement of its own). */
function onlyNewResources(writes: readonly Write[]): boolean {
  const keys = new Set<string>();
  for (const write of writes) {
    if (write.kind !== 'create' || write.ifNoneExist || write.resource.resourceType === 'Patient') return false;
    keys.add(`${write.resource.resourceType}/${write.resource.id}`);
  }
  return writes.length > 0 && keys.size === writes.length;
}
