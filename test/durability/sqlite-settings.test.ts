import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteConnection } from '../../src/store/sql/sqlite-executor.ts';

// The crash test cannot tell synchronous=FULL from OFF (the OS keeps a killed process's writes); a
// power cut can. So the settings that make an acknowledged write survive one are checked here.
describe('the embedded store’s durability settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redbag-pragma-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes through a write-ahead log and waits for the disk at every commit (WAL, synchronous=FULL)', () => {
    const db = openSqliteConnection(join(dir, 'redbag.sqlite'));
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    // 2 is FULL; NORMAL (1) may lose the last commits on power loss in WAL mode.
    expect(db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 2 });
    db.close();
  });

  it('keeps a savepoint’s undo copies in memory, not in a temporary file (temp_store = MEMORY)', () => {
    const db = openSqliteConnection(join(dir, 'redbag.sqlite'));
    // 2 is MEMORY. Nothing durable lives there: it only undoes a savepoint of a transaction still open.
    expect(db.prepare('PRAGMA temp_store').get()).toEqual({ temp_store: 2 });
    db.close();
  });
});
