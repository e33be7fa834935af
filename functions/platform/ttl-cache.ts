/**
 * A per-instance cache of values that may be a little stale: each value is read at most once per
 * `ttlMs` (concurrent readers share the one read), a failed read is not kept, and `forget`
 * drops a value at once (the instance that changed it sees the change immediately; other
 * instances within `ttlMs`). Time is the system's, not the movable local clock.
 */
export function ttlCache<K, V>(ttlMs: number, load: (key: K) => Promise<V>) {
  const entries = new Map<K, { at: number; value: Promise<V> }>();
  return {
    get(key: K): Promise<V> {
      const now = Date.now();
      const hit = entries.get(key);
      if (hit && now - hit.at < ttlMs) return hit.value;
      const value = load(key);
      entries.set(key, { at: now, value });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      // Bounded: a warm instance serves one clinic, but never let it grow without limit.
      if (entries.size > 1000) entries.delete(entries.keys().next().value as K);
      return value;
    },
    forget(key?: K): void {
      if (key === undefined) entries.clear();
      else entries.delete(key);
    },
  };
}

/** How long a warm instance trusts the clinic settings and a person's profile it has read. */
export const cacheTtlMs = 10_000;
