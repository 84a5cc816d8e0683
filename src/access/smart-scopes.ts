/**
 * SMART on FHIR v2 system scopes (`system/<Type|*>.<cruds>`) for a hospital system. They only
 * narrow what people have shared; they never widen it. v1 forms (`.read`, `.write`, `.*`) are read
 * as their v2 meaning. Pure.
 */
export interface SystemScope {
  resourceType: string; // or '*'
  rights: string; // letters from "cruds", in that order
}

export function parseScope(text: string): SystemScope | undefined {
  const match = /^system\/(\*|[A-Z][A-Za-z]+)\.(read|write|\*|c?r?u?d?s?)$/.exec(text.split('?')[0] ?? '');
  if (!match || match[2] === '') return undefined;
  const rights = match[2] === 'read' ? 'rs' : match[2] === 'write' ? 'cud' : match[2] === '*' ? 'cruds' : match[2]!;
  return { resourceType: match[1]!, rights };
}

export function scopesPermit(scopes: readonly string[], resourceType: string, letter: 'c' | 'r' | 'u' | 'd' | 's'): boolean {
  return scopes.some((text) => {
    const scope = parseScope(text);
    return scope !== undefined && (scope.resourceType === '*' || scope.resourceType === resourceType) && scope.rights.includes(letter);
  });
}
