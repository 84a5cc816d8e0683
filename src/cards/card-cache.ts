/**
 * What cards and printouts are made from and made into, kept in this process: least recently used
 * first out, bounded by bytes. Every key names the versions of what the entry shows (see
 * card-facts.ts), so an entry can never be served after a change, on this instance or any other:
 * a change makes a new key, and the old entry only waits to be pushed out. Nothing here is shared
 * between processes, so several instances each make a card once per change and stay correct.
 */
export interface CardCache {
  get<V>(key: string): V | undefined;
  /** `bytes`: about what the value holds, for the bound; a value larger than the whole cache is not kept. */
  set(key: string, value: unknown, bytes: number): void;
  /** The value under `key`, or made once: callers asking for the same key while it is being made share the one making. */
  getOrMake<V>(key: string, make: () => Promise<{ value: V; bytes: number }>): Promise<V>;
  /** How full it is, for tests and metrics. */
  stats(): { entries: number; bytes: number; maxBytes: number };
}

/** 64 MiB: a card, its summary and its printouts are about 40 KiB, so some 1,600 people's at once. */
export const defaultCardCacheBytes = 64 * 2 ** 20;

export function createCardCache(maxBytes = defaultCardCacheBytes): CardCache {
  // A Map keeps insertion order: deleting and setting again moves a key to the newest end.
  const entries = new Map<string, { value: unknown; bytes: number }>();
  const making = new Map<string, Promise<unknown>>();
  let total = 0;
  const remove = (key: string): void => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    total -= entry.bytes;
  };
  const cache: CardCache = {
    get<V>(key: string): V | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      entries.set(key, entry);
      return entry.value as V;
    },
    set(key, value, bytes) {
      remove(key);
      if (bytes > maxBytes) return;
      entries.set(key, { value, bytes });
      total += bytes;
      for (const oldest of entries.keys()) {
        if (total <= maxBytes) break;
        remove(oldest);
      }
    },
    async getOrMake<V>(key: string, make: () => Promise<{ value: V; bytes: number }>): Promise<V> {
      const kept = cache.get<V>(key);
      if (kept !== undefined) return kept;
      const inFlight = making.get(key);
      if (inFlight) return inFlight as Promise<V>;
      const made = make()
        .then(({ value, bytes }) => {
          cache.set(key, value, bytes);
          return value;
        })
        .finally(() => making.delete(key));
      making.set(key, made);
      return made;
    },
    stats: () => ({ entries: entries.size, bytes: total, maxBytes }),
  };
  return cache;
}
