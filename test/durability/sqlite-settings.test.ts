import { fdatasync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Condition } from '@medplum/fhirtypes';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFhirDefinitions } from '../../src/fhir/definitions.ts';
import { openSqliteConnection } from '../../src/store/sql/sqlite-executor.ts';
import { openSqliteStorage } from '../../src/store/sqlite-store.ts';

// The crash test cannot tell a synced log from an unsynced one (the OS keeps a killed process's
// writes); a power cut can. So what makes an acknowledged write survive one is checked here, and
// the system calls themselves in sqlite-log-sync.test.ts.
describe('the embedded store’s durability settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redbag-pragma-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes through a write-ahead log; connections that are not the writer wait for the disk at every commit (WAL, synchronous=FULL)', () => {
    const db = openSqliteConnection(join(dir, 'redbag.sqlite'));
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 2 });
    db.close();
  });

  it('keeps a savepoint’s undo copies in memory, not in a temporary file (temp_store = MEMORY)', () => {
    const db = openSqliteConnection(join(dir, 'redbag.sqlite'));
    // 2 is MEMORY. Nothing durable lives there: it only undoes a savepoint of a transaction still open.
    expect(db.prepare('PRAGMA temp_store').get()).toEqual({ temp_store: 2 });
    db.close();
  });

  it('answers a write only once a sync of the log, begun after its COMMIT, has finished; a failed sync answers with an error', async () => {
    loadFhirDefinitions();
    const file = join(dir, 'held-syncs.sqlite');
    // Each sync of the log is held until the test lets it go, then really done. `saw` is what another
    // connection could read when it began: the writes it must cover were committed by then.
    const held: Array<{ saw: string[]; go: () => void; fail: (error: Error) => void }> = [];
    const committed = () => {
      const look = new DatabaseSync(file, { readOnly: true });
      try {
        return (look.prepare("SELECT id FROM resources WHERE resource_type = 'Condition' ORDER BY id").all() as Array<{ id: string }>).map((r) => r.id);
      } finally {
        look.close();
      }
    };
    const syncLog = (fd: number) =>
      new Promise<void>((resolve, reject) => {
        held.push({ saw: committed(), go: () => fdatasync(fd, (error) => (error ? reject(error) : resolve())), fail: reject });
      });
    const problems: string[] = [];
    const storage = await openSqliteStorage({ file, syncLog, onProblem: (message) => problems.push(message) });
    const until = async (ready: () => boolean) => {
      for (let i = 0; i < 200 && !ready(); i++) await new Promise((r) => setTimeout(r, 10));
      expect(ready()).toBe(true);
    };
    const create = (id: string) => {
      const resource: Condition & { id: string } = { resourceType: 'Condition', id, code: { text: id }, subject: { reference: 'Patient/p1' } };
      const answer = { done: false, failed: undefined as unknown };
      const promise = storage.records.commit([{ kind: 'create', resource, compartment: 'p1' }], new Date()).then(
        () => {
          answer.done = true;
        },
        (error: unknown) => {
          answer.failed = error;
        },
      );
      return { answer, promise };
    };
    try {
      const a = create('a');
      await until(() => held.length === 1);
      expect(held[0]!.saw).toEqual(['a']); // begun after A's COMMIT
      await new Promise((r) => setTimeout(r, 50));
      expect(a.answer.done).toBe(false); // committed, visible, but not yet answered

      // B commits while A's sync is under way, which may not cover it: B waits for the next one.
      const b = create('b');
      await until(() => committed().includes('b'));
      expect(held.length).toBe(1);
      held[0]!.go();
      await a.promise;
      expect(a.answer.done).toBe(true);
      await until(() => held.length === 2);
      expect(held[1]!.saw).toEqual(['a', 'b']);
      expect(b.answer.done).toBe(false);
      held[1]!.go();
      await b.promise;
      expect(b.answer.done).toBe(true);

      // A sync that fails: the write is not reported kept, and the store says why (no data).
      const c = create('c');
      await until(() => held.length === 3);
      held[2]!.fail(new Error('Input/output error'));
      await c.promise;
      expect(c.answer.done).toBe(false);
      expect((c.answer.failed as Error).message).toBe('Input/output error');
      expect(problems).toEqual(['A sync of the SQLite log failed: Input/output error']);

      // And the store carries on.
      const d = create('d');
      await until(() => held.length === 4);
      held[3]!.go();
      await d.promise;
      expect(d.answer.done).toBe(true);
    } finally {
      const closing = storage.close();
      for (const sync of held) sync.go();
      await closing;
    }
  });
});
