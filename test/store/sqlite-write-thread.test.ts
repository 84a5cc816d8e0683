import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Goal } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFhirDefinitions } from '../../src/fhir/definitions.ts';
import { plannedOnThreadFrom } from '../../src/store/sql/commit-alone.ts';
import { openSqliteConnection } from '../../src/store/sql/sqlite-executor.ts';
import { startWriteThread } from '../../src/store/sql/sqlite-write-thread.ts';
import { openSqliteStore } from '../../src/store/sqlite-store.ts';
import type { Write } from '../../src/store/store.ts';

/**
 * Large commits of new resources are written by a thread of their own (sqlite-write-thread.ts), off
 * the event loop, on real SQLite files.
 */
const dir = mkdtempSync(join(tmpdir(), 'redbag-write-thread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(() => loadFhirDefinitions());

const goal = (id: string): Write => ({
  kind: 'create',
  resource: { resourceType: 'Goal', id, lifecycleStatus: 'active', description: { text: id }, subject: { reference: 'Patient/p1' } } as Goal & { id: string },
  compartment: 'p1',
});
const goals = (prefix: string, count = plannedOnThreadFrom): Write[] => Array.from({ length: count }, (_, i) => goal(`${prefix}-${i}`));

describe('the SQLite write thread', () => {
  it('commits a group in one transaction, each commit whole: one refused by a key leaves the others kept', async () => {
    const file = join(dir, 'group.sqlite');
    const setup = openSqliteConnection(file);
    setup.exec('CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT)');
    setup.exec("INSERT INTO notes VALUES ('taken', 'first')");
    const thread = startWriteThread(file, () => {});
    const insert = (id: string, body: string) => ({ sql: 'INSERT INTO notes VALUES (?, ?)', params: [id, body] });
    const outcomes = await thread.commitGroup([[insert('a', 'one')], [insert('b', 'two'), insert('taken', 'again')], [insert('c', 'three')]]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(outcomes[1]).toMatchObject({ message: expect.stringContaining('UNIQUE constraint failed: notes.id') });
    const rows = setup.prepare('SELECT id, body FROM notes ORDER BY id').all();
    expect(rows).toEqual([{ id: 'a', body: 'one' }, { id: 'c', body: 'three' }, { id: 'taken', body: 'first' }]);
    expect(thread.usable).toBe(true);
    await thread.stop();
    expect(thread.usable).toBe(false);
    await expect(thread.commitGroup([[insert('d', 'four')]])).rejects.toThrow(/stopped/);
    setup.close();
  });

  it('says when it cannot work, and takes nothing more', async () => {
    const heard: string[] = [];
    const thread = startWriteThread(join(dir, 'no-such-folder', 'redbag.sqlite'), (message) => heard.push(message));
    await expect(thread.commitGroup([[{ sql: 'SELECT 1', params: [] }]])).rejects.toThrow(/write thread stopped/);
    expect(heard).toEqual([expect.stringContaining('unable to open database file')]);
    expect(thread.usable).toBe(false);
    await expect(thread.commitGroup([[{ sql: 'SELECT 1', params: [] }]])).rejects.toThrow(/has stopped/);
    await thread.stop();
  });

  it('keeps the event loop free while a large commit waits for the file’s write lock, and commits once it is free', async () => {
    const file = join(dir, 'locked.sqlite');
    const store = await openSqliteStore({ file });
    const other = new DatabaseSync(file);
    other.exec('BEGIN IMMEDIATE');
    let settled = false;
    const commit = store.commit(goals('waited'), new Date()).finally(() => {
      settled = true;
    });
    // On the event loop, the writer would wait for the lock synchronously and no timer would fire.
    const firedAfter = await new Promise<number>((resolve) => {
      const started = Date.now();
      setTimeout(() => resolve(Date.now() - started), 50);
    });
    expect(firedAfter).toBeLessThan(1000);
    expect(settled).toBe(false);
    other.exec('ROLLBACK');
    other.close();
    const results = await commit;
    expect(results.map((r) => r.outcome)).toEqual(goals('waited').map(() => 'created'));
    expect((await store.read('Goal', 'waited-0'))?.deleted).toBe(false);
    await store.close();
  });

  it('writes concurrent large commits and small ones together, each answered with its own results', async () => {
    const file = join(dir, 'mixed.sqlite');
    const store = await openSqliteStore({ file });
    const commits = Array.from({ length: 12 }, (_, i) => store.commit(i % 3 === 0 ? [goal(`small-${i}`)] : goals(`large-${i}`), new Date()));
    const results = await Promise.all(commits);
    results.forEach((result, i) => {
      const expected = i % 3 === 0 ? [`small-${i}`] : goals(`large-${i}`).map((w) => (w as { resource: { id: string } }).resource.id);
      expect(result.map((r) => (r.outcome === 'created' ? r.stored.id : r.outcome))).toEqual(expected);
    });
    await store.close();
    const reopened = await openSqliteStore({ file });
    expect((await reopened.read('Goal', 'large-11-7'))?.deleted).toBe(false);
    expect((await reopened.read('Goal', 'small-9'))?.deleted).toBe(false);
    await reopened.close();
  });
});
