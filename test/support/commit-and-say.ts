/**
 * A child process for test/durability/sqlite-log-sync.test.ts: opens the embedded store on the file
 * it is given, commits a few new resources one after another, and says so on stdout as each is
 * acknowledged, so a trace of its system calls shows what reached the disk before each answer.
 */
import { loadFhirDefinitions } from '../../src/fhir/definitions.ts';
import { openSqliteStorage } from '../../src/store/sqlite-store.ts';

const [file, count = '3'] = process.argv.slice(2);
loadFhirDefinitions();
const storage = await openSqliteStorage({ file: file! });
for (let i = 0; i < Number(count); i++) {
  const id = `traced-${i}`;
  await storage.records.commit([{ kind: 'create', resource: { resourceType: 'Goal', id, lifecycleStatus: 'active', description: { text: id }, subject: { reference: 'Patient/p1' } }, compartment: 'p1' }], new Date());
  process.stdout.write(`acknowledged ${id}\n`);
}
await storage.close();
