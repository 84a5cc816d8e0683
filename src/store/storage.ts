import { createAccountStore } from './accounts/account-sql.ts';
import type { AccountStore, Repositories, UnitOfWork } from './port.ts';
import { history, listEach, readCurrent, readMany, readVersion, search, type ReadById } from './sql/reads.ts';
import { commitAlone } from './sql/commit-alone.ts';
import { reindexBatch } from './sql/reindex.ts';
import { applyWrites } from './sql/writes.ts';
import type { Store } from './store.ts';
import { inUnit, openUnitOf, readerOf, routedExecutor, type SqlEngine } from './unit-of-work.ts';

/** One database: the record store, every other repository, and transactions across them. */
export interface Storage extends UnitOfWork {
  records: Store;
  accounts: AccountStore;
  /** Idempotent; records.close and accounts.close are the same. */
  close(): Promise<void>;
}

/**
 * Methods of more than one statement: outside a unit each call is made one by itself, so none is
 * ever half done (closing an account also ends its sessions; a rotation adds the new key and
 * retires the old ones together).
 */
const severalStatements = ['disableAccount', 'createSession', 'addIssuerKey', 'addTokenKey', 'addLinkFile', 'useAssertionId', 'addNotifications', 'enqueueMessages',
  'createAccountToken', 'confirmSecondFactor', 'removeSecondFactor', 'createSignInTicket', 'closeAccountAndRecord'] as const;

/** The port over one adapter's engine: the same code, and so the same behaviour, on SQLite and PostgreSQL. */
export function storageOver(engine: SqlEngine, release: () => Promise<void>): Storage {
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => (closed ??= release());
  const reader = readerOf(engine);
  const byId: ReadById = engine.sharded ? 'located-first' : 'joined';
  const records: Store = {
    kind: engine.kind,
    read: (type, id) => readCurrent(reader(), type, id, byId),
    vread: (type, id, versionId) => readVersion(reader(), type, id, versionId, byId),
    readMany: (keys) => readMany(reader(), keys),
    history: (query) => history(reader(), query),
    search: (query) => search(reader(), query),
    listEach: (lists, limit) => listEach(reader(), lists, limit),
    // Inside a unit, a commit is a savepoint of it: its writes still apply all or none. Outside one,
    // new resources may go as one statement by itself (commit-alone.ts).
    commit: async (writes, now) => {
      const alone = openUnitOf(engine.owner) ? undefined : await commitAlone(engine, writes, now);
      return alone ?? inUnit(engine, (unit) => applyWrites(unit.db, writes, now, unit.lock));
    },
    reindex: (job, limit, now) => inUnit(engine, (unit) => reindexBatch(unit.db, job, limit, now)),
    close,
  };
  const flat = createAccountStore(routedExecutor(engine));
  for (const name of severalStatements) {
    const one = flat[name] as (...args: unknown[]) => Promise<unknown>;
    (flat as Record<string, unknown>)[name] = (...args: unknown[]) => inUnit(engine, () => one(...args));
  }
  const repos: Repositories = { records, accounts: flat, keys: flat, links: flat, clients: flat, invitations: flat, notifications: flat, jobs: flat };
  const transaction: UnitOfWork['transaction'] = (work) => inUnit(engine, () => work(repos));
  return { records, accounts: { ...flat, transaction, close }, transaction, close };
}
