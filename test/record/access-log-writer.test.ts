import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSearchRequest } from '@medplum/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadFhirDefinitions } from '../../src/fhir/definitions.ts';
import { accessLogWriter } from '../../src/record/access-log-writer.ts';
import { openSqliteStorage } from '../../src/store/sqlite-store.ts';
import type { Storage } from '../../src/store/storage.ts';
import type { Store, Write } from '../../src/store/store.ts';

/**
 * The access log's group commit (issue 16, item 2), on a real SQLite file: reads logged together share
 * a commit, and an event logged inside a unit of work belongs to that unit alone, so a unit that rolls
 * back never takes other reads' events with it.
 */
let dir: string;
let storage: Storage;
beforeAll(async () => {
  loadFhirDefinitions();
  dir = mkdtempSync(join(tmpdir(), 'redbag-access-log-'));
  storage = await openSqliteStorage({ file: join(dir, 'redbag.sqlite') });
});
afterAll(async () => {
  await storage?.close();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
const event = (patient: string): Write => ({
  kind: 'create',
  compartment: patient,
  resource: {
    resourceType: 'AuditEvent',
    id: `event-${++n}`,
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest' },
    recorded: new Date().toISOString(),
    agent: [{ requestor: true, who: { display: 'a professional' } }],
    source: { observer: { display: 'Red Bag' } },
    entity: [{ what: { reference: `Patient/${patient}` } }],
  },
});

async function eventsIn(patient: string): Promise<number> {
  const page = await storage.records.search({ resourceType: 'AuditEvent', filters: parseSearchRequest('AuditEvent').filters ?? [], sort: [], count: 1000, offset: 0, total: true, scope: { compartments: [patient] } });
  return page.total ?? 0;
}

/** The real store, with its commits counted. */
function counted(store: Store): Pick<Store, 'commit'> & { commits: number } {
  const wrapper = {
    commits: 0,
    commit: (writes: readonly Write[], now: Date) => {
      wrapper.commits++;
      return store.commit(writes, now);
    },
  };
  return wrapper;
}

it('commits fifty events logged at once in far fewer commits, every one stored before it resolves', async () => {
  const store = counted(storage.records);
  const log = accessLogWriter(store, () => new Date());
  await Promise.all(Array.from({ length: 50 }, () => log.write(event('p-many'))));
  expect(await eventsIn('p-many')).toBe(50);
  expect(store.commits).toBeLessThanOrEqual(2);
});

it('keeps an event logged inside a unit of work in that unit: its rollback takes only its own', async () => {
  const log = accessLogWriter(storage.records, () => new Date());
  const outside = log.write(event('p-outside'));
  const inside = storage.transaction(async () => {
    await log.write(event('p-inside'));
    throw new Error('the unit fails after its read was logged');
  });
  await expect(inside).rejects.toThrow(/unit fails/);
  await outside;
  expect(await eventsIn('p-inside')).toBe(0);
  expect(await eventsIn('p-outside')).toBe(1);
});
