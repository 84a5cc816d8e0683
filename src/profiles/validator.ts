import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OperationOutcomeError, validateResource } from '@medplum/core';
import type { Bundle, CodeSystem, OperationOutcomeIssue, Resource, StructureDefinition, ValueSet } from '@medplum/fhirtypes';
import { loadFhirDefinitions } from '../fhir/definitions.ts';
import type { Validator } from '../record/deps.ts';
import { appliesByTypeExtension, canonicalBase, nhsNumberSystem } from './canonical.ts';
import { isValidNhsNumber } from './nhs-number.ts';
import { inPlainWords } from './plain-words.ts';
import { checkDifferential } from './differential-rules.ts';
import { checkRequiredBindings } from './required-bindings.ts';
import { createValueSetExpander } from './value-sets.ts';

/**
 * Loads fhir-profiles/ once, then checks each resource (pure): R4 structure and invariants
 * (@medplum/core), required ValueSet bindings (ours), the wallet's profile for its type, and any
 * profile it claims in meta.profile.
 */
export function createValidator(options: { profileDir: string }): Validator {
  loadFhirDefinitions();
  const profiles = new Map<string, StructureDefinition>();
  const terminology: Array<ValueSet | CodeSystem> = [];
  for (const file of readdirSync(options.profileDir).filter((f) => f.endsWith('.json'))) {
    const resource = JSON.parse(readFileSync(join(options.profileDir, file), 'utf8')) as StructureDefinition | ValueSet | CodeSystem | { resourceType: 'OperationDefinition' };
    if (resource.resourceType === 'StructureDefinition') {
      profiles.set(resource.url, resource);
    } else if (resource.resourceType === 'ValueSet' || resource.resourceType === 'CodeSystem') terminology.push(resource);
  }
  const byType = new Map<string, StructureDefinition[]>();
  for (const profile of profiles.values()) {
    const byTypeFlag = profile.extension?.find((e) => e.url === appliesByTypeExtension)?.valueBoolean ?? true;
    if (byTypeFlag) byType.set(profile.type, [...(byType.get(profile.type) ?? []), profile]);
  }
  const expand = createValueSetExpander(terminology);

  return {
    validate(resource: Resource): OperationOutcomeIssue[] {
      const issues: OperationOutcomeIssue[] = [...structureIssues(resource)];
      const applicable = new Set(byType.get(resource.resourceType) ?? []);
      for (const url of resource.meta?.profile ?? []) {
        const profile = profiles.get(url.split('|')[0]!);
        if (profile && profile.type === resource.resourceType) applicable.add(profile);
        else if (url.startsWith(canonicalBase)) {
          issues.push({ severity: 'error', code: 'not-found', expression: [`${resource.resourceType}.meta.profile`], details: { text: `The profile ${url} is not one this service knows. Remove it or use a published Red Bag profile.` } });
        }
        // Profiles of other publishers (UK Core, IPS) are accepted as claims: we check R4 and our own rules.
      }
      for (const profile of applicable) issues.push(...checkDifferential(resource, profile));
      if (resource.resourceType === 'Bundle') issues.push(...entryClaims(resource, profiles));
      issues.push(...checkRequiredBindings(resource, expand));
      return dedupe(issues).map((issue) => pointAtElement(resource, inPlainWords(issue)));
    },
  };
}

function structureIssues(resource: Resource): OperationOutcomeIssue[] {
  try {
    return validateResource(resource);
  } catch (err) {
    if (err instanceof OperationOutcomeError) return err.outcome.issue ?? [];
    throw err;
  }
}

function dedupe(issues: OperationOutcomeIssue[]): OperationOutcomeIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.expression?.join()}|${i.details?.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Invariants are reported on the resource as a whole; where we know which element an invariant of
 * ours is about, point at it so a form can show the message beside the right field.
 */
function pointAtElement(resource: Resource, issue: OperationOutcomeIssue): OperationOutcomeIssue {
  if (!issue.diagnostics?.startsWith('redbag-nhs-1') || resource.resourceType !== 'Patient') return issue;
  const index = (resource.identifier ?? []).findIndex((i) => i.system === nhsNumberSystem && !isValidNhsNumber(i.value ?? ''));
  return index < 0 ? issue : { ...issue, expression: [`Patient.identifier[${index}].value`] };
}

/** Resources inside a Bundle (a summary document) are held to the wallet profiles they claim. */
function entryClaims(bundle: Bundle, profiles: Map<string, StructureDefinition>): OperationOutcomeIssue[] {
  return (bundle.entry ?? []).flatMap((entry, i) =>
    (entry.resource?.meta?.profile ?? []).flatMap((url) => {
      const profile = profiles.get(url.split('|')[0]!);
      if (!profile || !entry.resource) return [];
      return checkDifferential(entry.resource, profile).map((issue) => ({
        ...issue,
        expression: issue.expression?.map((e) => `Bundle.entry[${i}].resource.${e}`),
      }));
    }),
  );
}
