import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Condition } from '@medplum/fhirtypes';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFhirDefinitions } from '../../src/fhir/definitions.ts';
import { startCheckpointer } from '../../src/store/sql/sqlite-checkpointer.ts';
import { openSqliteStorage } from '../../src/store/sqlite-store.ts';

/**
 * Issue 16: the embedded store's checkpoints (the write-ahead log copied back into the database
 * file) run on a thread of their own, not inside a COMMIT on the event loop (sqlite-checkpointer.ts).
 */
describe('the embedded store’s checkpoints', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redbag-checkpoints-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const condition = (id: string): Condition & { id: string } => ({
    resourceType: 'Condition',
    id,
    code: { text: `condition ${id} ${'x'.repeat(2000)}` },
    subject: { reference: 'Patient/p1' },
  });

  it('copy the log into the file while the writer is idle, and the log starts again instead of growing', async () => {
    loadFhirDefinitions();
    const file = join(dir, 'redbag.sqlite');
    const storage = await openSqliteStorage({ file });
    try {
      const wal = () => statSync(`${file}-wal`).size;
      const settle = () => new Promise((r) => setTimeout(r, 400));
      await storage.records.commit(Array.from({ length: 50 }, (_, i) => ({ kind: 'create' as const, resource: condition(`a${i}`), compartment: 'p1' })), new Date());
      const fileBefore = statSync(file).size;
      // Nothing is written now: SQLite's own checkpoints happen only in a COMMIT, so what grows the file is the thread.
      for (let i = 0; i < 50 && statSync(file).size <= fileBefore; i++) await new Promise((r) => setTimeout(r, 100));
      expect(statSync(file).size).toBeGreaterThan(fileBefore);
      await settle();
      const look = new DatabaseSync(file, { readOnly: true });
      try {
        // Everything in the log is in the file already.
        const frames = look.prepare('PRAGMA wal_checkpoint(PASSIVE)').get() as { log: number; checkpointed: number };
        expect(frames.checkpointed).toBe(frames.log);
      } finally {
        look.close();
      }
      // Five more rounds of writes (each well over 100 kB of log: 50 entries of 2 kB, in the record and its
      // history): each starts the log again from the front, so the file does not grow.
      const oneRound = wal();
      for (let round = 0; round < 5; round++) {
        await storage.records.commit(Array.from({ length: 50 }, (_, i) => ({ kind: 'create' as const, resource: condition(`b${round}-${i}`), compartment: 'p1' })), new Date());
        await settle();
      }
      expect(wal() - oneRound).toBeLessThan(100_000);
      expect((await storage.records.read('Condition', 'b4-49'))?.deleted).toBe(false);
    } finally {
      await storage.close();
    }
  });

  it('keep the log bounded while the writes never pause and reads go on: the writes wait for a catch-up, and the log starts again', async () => {
    loadFhirDefinitions();
    const file = join(dir, 'never-pausing.sqlite');
    // 256 frames (1 MB) instead of 64 MB, so that a few seconds of writes cross it many times.
    const storage = await openSqliteStorage({ file, longLogFrames: 256 });
    try {
      const fileBefore = statSync(file).size;
      let largestLog = 0;
      const watching = setInterval(() => {
        largestLog = Math.max(largestLog, statSync(`${file}-wal`).size);
      }, 20);
      // Six writers, each committing again as soon as it is answered: some write is always waiting.
      let written = 0;
      const writer = async (w: number): Promise<void> => {
        for (let round = 0; written < 6_000; round++) {
          const batch = Array.from({ length: 10 }, (_, i) => ({ kind: 'create' as const, resource: condition(`w${w}-${round}-${i}`), compartment: 'p1' }));
          await storage.records.commit(batch, new Date());
          written += batch.length;
        }
      };
      // And a reader reading all the while, as the service's requests do between the writes.
      let reads = 0;
      const reader = async (): Promise<void> => {
        while (written < 6_000) {
          await storage.records.read('Condition', `w0-${reads % 10}-0`);
          reads += 1;
          await new Promise((r) => setImmediate(r));
        }
      };
      await Promise.all([...Array.from({ length: 6 }, (_, w) => writer(w)), reader()]);
      clearInterval(watching);
      expect(reads).toBeGreaterThan(100);
      largestLog = Math.max(largestLog, statSync(`${file}-wal`).size);
      // 6,000 entries of 2 kB, each with its history: the file grew by some 50 MB. Without the catch-ups the
      // log grew by most of that (37 MB with the reader, 44 without); with them it stays at about 10 MB.
      const grown = statSync(file).size - fileBefore;
      expect(grown).toBeGreaterThan(24_000_000);
      expect(largestLog).toBeLessThan(grown / 2);
      expect((await storage.records.read('Condition', 'w5-0-9'))?.deleted).toBe(false);
    } finally {
      await storage.close();
    }
  });

  it('hand checkpoints back to the writer when the thread cannot do them', async () => {
    let resumed = false;
    const told: string[] = [];
    const checkpointer = startCheckpointer({
      file: join(dir, 'no such folder', 'redbag.sqlite'),
      intervalMs: 50,
      resumeOwnCheckpoints: () => {
        resumed = true;
      },
      onFailure: (message) => told.push(message),
    });
    for (let i = 0; i < 100 && !resumed; i++) await new Promise((r) => setTimeout(r, 20));
    // The writes never wait for a thread that has gone: a catch-up asked of it is answered.
    await expect(checkpointer.catchUp()).resolves.toBeUndefined();
    await checkpointer.stop();
    expect(resumed).toBe(true);
    expect(told).toHaveLength(1);
  });
});
