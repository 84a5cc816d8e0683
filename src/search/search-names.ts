import { FhirError } from '../fhir/errors.ts';
import { isSupportedType } from '../fhir/resource-types.ts';
import { shown, type SearchPairs } from './search-limits.ts';
import { supportedParamMap } from './search-params.ts';

/** The parameters that shape the answer rather than filter it. */
const resultParams: ReadonlySet<string> = new Set(['_count', '_offset', '_sort', '_include', '_revinclude', '_summary', '_elements', '_total', '_format', '_pretty']);

/** FHIR's search modifiers (the SQL compiler says which of them it answers). */
const modifiers: ReadonlySet<string> = new Set(['missing', 'exact', 'contains', 'not', 'text', 'above', 'below', 'in', 'not-in', 'of-type', 'identifier', 'iterate']);

/**
 * Every parameter name, modifier and include target of a search must be one the service knows,
 * checked against Sets and Maps only. Names such as `__proto__` or `constructor` are then ordinary
 * unknown names, refused with 400, and never reach a lookup in a plain object (in @medplum/core's
 * parser or ours) where they would find Object.prototype instead of a parameter.
 */
export function checkSearchNames(resourceType: string, pairs: SearchPairs): void {
  const params = supportedParamMap(resourceType);
  for (const [key, value] of pairs) {
    const colon = key.indexOf(':');
    const code = colon < 0 ? key : key.slice(0, colon);
    const modifier = colon < 0 ? undefined : key.slice(colon + 1);
    if (code.includes('.') || code === '_has') {
      throw new FhirError('bad-request', `Chained parameters such as "${shown(key)}" are not supported yet: search the other resource first.`);
    }
    if (!resultParams.has(code) && !params.has(code)) {
      throw new FhirError('bad-request', `The search parameter "${shown(code)}" is not supported for ${resourceType}.`);
    }
    if (modifier !== undefined && !modifiers.has(modifier) && !isSupportedType(modifier)) {
      throw new FhirError('bad-request', `The modifier ":${shown(modifier)}" is not supported for "${shown(code)}".`);
    }
    if (code === '_include' || code === '_revinclude') checkIncludeTarget(code, value);
  }
}

/** `_include=Type:param[:TargetType]`, where param is a reference parameter of Type. */
function checkIncludeTarget(code: string, value: string): void {
  const [type = '', param = '', target, ...rest] = value.split(':');
  const definition = isSupportedType(type) ? supportedParamMap(type).get(param) : undefined;
  const targetOk = target === undefined || isSupportedType(target);
  if (!definition || definition.type !== 'reference' || !targetOk || rest.length > 0) {
    throw new FhirError('bad-request', `${code}=${shown(value)} is not something this service can include: use Type:parameter, for example Condition:subject.`);
  }
}
