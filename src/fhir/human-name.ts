import type { HumanName } from '@medplum/fhirtypes';

/** "Aisha Khan": the first name of a resource in words, or undefined when it has none. Pure. */
export function nameText(names: readonly HumanName[] | undefined): string | undefined {
  const name = names?.[0];
  if (!name) return undefined;
  return name.text ?? ([...(name.given ?? []), name.family].filter(Boolean).join(' ') || undefined);
}
