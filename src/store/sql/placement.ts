import { createHash } from 'node:crypto';

/**
 * Where a row lives: the value of the `compartment` column, which Citus shards on. A person's
 * record is stored under her Patient id. The shared directory (compartment '' to everyone outside
 * the store) would hash to one shard that every professional's lookup hits; so each directory
 * resource is stored in one of a few directory buckets ('~0' … '~f', chosen by its type and id),
 * spread over the shards. A search of the directory names every bucket; a read by id finds its
 * bucket in resource_locations. '~' never begins a Patient id (ids are [A-Za-z0-9-.]).
 */
export const directoryBuckets: readonly string[] = Array.from({ length: 16 }, (_, i) => `~${i.toString(16)}`);

/** The stored compartment of a resource in the logical compartment `compartment`. */
export function storedCompartment(compartment: string, resourceType: string, id: string): string {
  if (compartment !== '') return compartment;
  const first = createHash('sha256').update(`${resourceType}/${id}`).digest()[0]!;
  return directoryBuckets[first % directoryBuckets.length]!;
}

/** The logical compartment of a stored one: '' for every directory bucket. */
export function logicalCompartment(stored: string): string {
  return stored.startsWith('~') ? '' : stored;
}

/** The stored compartments a list of logical ones covers (the directory is every bucket). */
export function storedCompartments(compartments: readonly string[]): string[] {
  return compartments.flatMap((c) => (c === '' ? directoryBuckets : [c]));
}
