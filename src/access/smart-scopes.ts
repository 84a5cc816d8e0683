/**
 * SMART on FHIR v2 scopes for a hospital system (system/<Type>.<cruds>): what the system asked for
 * and was granted at its token. They only narrow what people have shared; they never widen it.
 */
export function scopesPermit(scopes: readonly string[], resourceType: string, letter: 'c' | 'r' | 'u' | 'd' | 's'): boolean {
  return scopes.some((scope) => {
    const match = /^system\/(\*|[A-Za-z]+)\.([cruds]+|read|write|\*)$/.exec(scope.split('?')[0] ?? '');
    if (!match || (match[1] !== '*' && match[1] !== resourceType)) return false;
    const rights = match[2] === 'read' ? 'rs' : match[2] === 'write' ? 'cud' : match[2] === '*' ? 'cruds' : match[2]!;
    return rights.includes(letter);
  });
}
