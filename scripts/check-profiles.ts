/**
 * npm run profiles:check — validates every example in fhir-profiles/examples/ with the service's own
 * validator (R4, required bindings, the wallet's profiles) and fails on any error. Each example
 * must also claim, or be of a type with, a wallet profile, so an example cannot silently test nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Resource } from '@medplum/fhirtypes';
import { createValidator } from '../src/profiles/validator.ts';
import { profileTables } from './profile-tables.ts';

const profileDir = new URL('../fhir-profiles', import.meta.url).pathname;
const examplesDir = join(profileDir, 'examples');
const validator = createValidator({ profileDir });
const profiledTypes = new Set(
  readdirSync(profileDir)
    .filter((f) => f.startsWith('StructureDefinition-'))
    .map((f) => (JSON.parse(readFileSync(join(profileDir, f), 'utf8')) as { type: string }).type),
);

let failures = 0;
const files = readdirSync(examplesDir).filter((f) => f.endsWith('.json')).sort();
for (const file of files) {
  const resource = JSON.parse(readFileSync(join(examplesDir, file), 'utf8')) as Resource;
  const errors = validator.validate(resource).filter((i) => i.severity === 'error' || i.severity === 'fatal');
  if (!profiledTypes.has(resource.resourceType)) errors.push({ severity: 'error', code: 'not-found', details: { text: `no wallet profile applies to ${resource.resourceType}` } });
  if (errors.length === 0) {
    process.stdout.write(`ok    ${file}\n`);
    continue;
  }
  failures += 1;
  process.stdout.write(`FAIL  ${file}\n${errors.map((e) => `        ${e.expression?.[0] ?? ''}: ${e.details?.text}`).join('\n')}\n`);
}
process.stdout.write(`${files.length - failures} of ${files.length} examples valid\n`);
if (readFileSync(join(profileDir, 'README.md'), 'utf8') !== profileTables(profileDir)) {
  failures += 1;
  process.stdout.write('FAIL  fhir-profiles/README.md is not what the StructureDefinitions say: run npm run profiles:build\n');
}
process.exit(failures === 0 && files.length > 0 ? 0 : 1);
