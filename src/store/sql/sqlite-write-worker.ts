import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteConnection, preparedStatements } from './sqlite-executor.ts';
import type { PlannedStatement } from './executor.ts';
import type { CommitOutcome, GroupOutcome, ToWriteThread } from './sqlite-write-thread.ts';

/**
 * The write thread (sqlite-write-thread.ts): its own connection to the file, running each group of
 * planned commits it is sent as one transaction, each commit in its own SAVEPOINT so that one
 * refused leaves the others whole. It answers once the COMMIT has returned; the store syncs the log.
 */
const { file } = workerData as { file: string };
const db = openSqliteConnection(file);
// As the store's own writer: the log is synced off the event loop before anyone is answered, and the
// checkpointer thread checkpoints (sqlite-store.ts).
db.exec('PRAGMA synchronous = NORMAL');
db.exec('PRAGMA wal_autocheckpoint = 0');

const prepare = preparedStatements(db);

const runOne = (planned: readonly PlannedStatement[]): CommitOutcome => {
  db.exec('SAVEPOINT one_commit');
  try {
    for (const { sql, params } of planned) prepare(sql).run(...(params as never[]));
    db.exec('RELEASE one_commit');
    return { ok: true };
  } catch (error) {
    db.exec('ROLLBACK TO one_commit');
    db.exec('RELEASE one_commit');
    return { ok: false, message: (error as Error).message };
  }
};

const runGroup = (commits: ReadonlyArray<readonly PlannedStatement[]>): GroupOutcome => {
  try {
    db.exec('BEGIN IMMEDIATE');
    const outcomes = commits.map(runOne);
    db.exec('COMMIT');
    return { ok: true, outcomes };
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    return { ok: false, message: (error as Error).message };
  }
};

parentPort?.on('message', (message: ToWriteThread) => {
  switch (message.kind) {
    case 'group':
      parentPort?.postMessage({ id: message.id, ...runGroup(message.commits) });
      break;
    case 'own-checkpoints':
      db.exec('PRAGMA wal_autocheckpoint = 1000');
      break;
    case 'stop':
      db.close();
      parentPort?.close();
      break;
  }
});
