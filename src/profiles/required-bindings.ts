import { getDataType, type InternalSchemaElement } from '@medplum/core';
import type { Coding, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import type { Expansion } from './value-sets.ts';

/** Types whose content is not the resource's own (or is open by design): not walked. */
const skipTypes = new Set(['Extension', 'Resource', 'Reference', 'Narrative', 'Meta']);

/**
 * Required ValueSet bindings, which @medplum/core's validator leaves out: a `code` must be one of
 * the set's codes; a Coding or CodeableConcept must carry at least one coding from the set.
 * Walks the resource alongside its R4 type definitions.
 */
export function checkRequiredBindings(resource: Resource, expand: (url: string) => Expansion | undefined): OperationOutcomeIssue[] {
  const issues: OperationOutcomeIssue[] = [];
  walkObject(resource as unknown as Record<string, unknown>, resource.resourceType, resource.resourceType, expand, issues);
  return issues;
}

function walkObject(node: Record<string, unknown>, typeName: string, path: string, expand: (url: string) => Expansion | undefined, issues: OperationOutcomeIssue[]): void {
  let elements: Record<string, InternalSchemaElement>;
  try {
    elements = getDataType(typeName).elements;
  } catch {
    return;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'resourceType' || key === 'extension' || key === 'modifierExtension' || key.startsWith('_')) continue;
    const { element, type } = elementFor(elements, key);
    if (!element || !type || skipTypes.has(type)) continue;
    const items = Array.isArray(value) ? value : [value];
    items.forEach((item, i) => {
      const itemPath = Array.isArray(value) ? `${path}.${key}[${i}]` : `${path}.${key}`;
      if (element.binding?.strength === 'required' && element.binding.valueSet) {
        const issue = checkBinding(item, type, element.binding.valueSet, itemPath, expand);
        if (issue) issues.push(issue);
      }
      if (item !== null && typeof item === 'object' && type !== 'CodeableConcept' && type !== 'Coding') {
        walkObject(item as Record<string, unknown>, type, itemPath, expand, issues);
      }
    });
  }
}

/** `onsetDateTime` → the `onset[x]` element with type dateTime. */
function elementFor(elements: Record<string, InternalSchemaElement>, key: string): { element?: InternalSchemaElement; type?: string } {
  const direct = elements[key];
  if (direct) return { element: direct, type: direct.type[0]?.code };
  for (const [name, element] of Object.entries(elements)) {
    if (!name.endsWith('[x]')) continue;
    const base = name.slice(0, -3);
    if (!key.startsWith(base)) continue;
    const suffix = key.slice(base.length);
    const type = element.type.find((t) => t.code.toLowerCase() === suffix.toLowerCase());
    if (type) return { element, type: type.code };
  }
  return {};
}

function checkBinding(value: unknown, type: string, valueSetUrl: string, path: string, expand: (url: string) => Expansion | undefined): OperationOutcomeIssue | undefined {
  const expansion = expand(valueSetUrl);
  if (!expansion) return undefined;
  const allowed = [...expansion.entries()].flatMap(([, codes]) => [...codes]);
  const example = allowed.slice(0, 6).join(', ');
  const valueSet = valueSetUrl.split('|')[0];
  if (type === 'code' && typeof value === 'string') {
    if ([...expansion.values()].some((codes) => codes.has(value))) return undefined;
    return issue(path, `"${value}" is not an allowed value here. Use one of: ${example}${allowed.length > 6 ? ', …' : ''}.`, valueSet);
  }
  const codings: Coding[] = type === 'Coding' ? [value as Coding] : type === 'CodeableConcept' ? ((value as { coding?: Coding[] }).coding ?? []) : [];
  if (type !== 'Coding' && type !== 'CodeableConcept') return undefined;
  if (codings.some((c) => c.system !== undefined && c.code !== undefined && expansion.get(c.system)?.has(c.code))) return undefined;
  const systems = [...expansion.keys()].join(' or ');
  return issue(path, `Use a code from ${systems} here (one of: ${example}${allowed.length > 6 ? ', …' : ''}).`, valueSet);
}

function issue(path: string, text: string, valueSet: string | undefined): OperationOutcomeIssue {
  return { severity: 'error', code: 'code-invalid', expression: [path], details: { text }, diagnostics: `required binding to ${valueSet}` };
}
