import { parseScope, type SystemScope } from '../access/smart-scopes.ts';

/** Granting SMART Backend Services scopes at the token endpoint: what was asked for, narrowed to what was registered. Pure. */

export { parseScope };

const order = 'cruds';

export const formatScope = (scope: SystemScope): string => `system/${scope.resourceType}.${scope.rights}`;

/**
 * What may be granted: each requested scope narrowed to what the client was registered for
 * (same type or `*`); scopes that keep no rights are dropped.
 */
export function grantScopes(requested: string, registered: readonly string[]): string[] {
  const allowed = registered.map(parseScope).filter((s): s is SystemScope => s !== undefined);
  const granted = new Map<string, string>();
  for (const text of requested.split(/\s+/).filter(Boolean)) {
    const asked = parseScope(text);
    if (!asked) continue;
    for (const allow of allowed) {
      const type = asked.resourceType === '*' ? allow.resourceType : allow.resourceType === '*' || allow.resourceType === asked.resourceType ? asked.resourceType : undefined;
      if (!type) continue;
      const rights = [...order].filter((letter) => asked.rights.includes(letter) && allow.rights.includes(letter) && !(granted.get(type) ?? '').includes(letter)).join('');
      if (rights) granted.set(type, [...order].filter((l) => (granted.get(type) ?? '').includes(l) || rights.includes(l)).join(''));
    }
  }
  return [...granted].map(([resourceType, rights]) => formatScope({ resourceType, rights }));
}
