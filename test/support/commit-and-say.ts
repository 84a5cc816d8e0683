/**
 * A child process for test/durability/sqlite-log-sync.test.ts: opens the embedded store on the file
 * it is given, commits a few new resources one after another, and says so on stdout as each is
 * acknowledged, so a trace of its system calls shows what reached the disk before each answer. Every
 * other commit is large enough for the store's write thread (commit-alone.ts), whose writes to the
 * log must be synced before the answer too.
 */
import { loadFhirDefinitions } from '../../src/fhir/definitions.ts';
import { plannedOnThreadFrom } from '../../src/store/sql/commit-alone.ts';
import { openSqliteStorage } from '../../src/store/sqlite-store.ts';
import type { Write } from '../../src/store/store.ts';

const [file, count = '3'] = process.argv.slice(2);
loadFhirDefinitions();
const storage = await openSqliteStorage({ file: file! });
const goal = (id: string): Write => ({
  kind: 'create',
  resource: { resourceType: 'Goal', id, lifecycleStatus: 'active', description: { text: id }, subject: { reference: 'Patient/p1' } },
  compartment: 'p1',
});
for (let i = 0; i < Number(count); i++) {
  const id = `traced-${i}`;
  const writes = i % 2 === 0 ? [goal(id)] : Array.from({ length: plannedOnThreadFrom }, (_, k) => goal(`${id}-${k}`));
  await storage.records.commit(writes, new Date());
  process.stdout.write(`acknowledged ${id}\n`);
}
await storage.close();
