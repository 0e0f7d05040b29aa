/**
 * Values that never change for their key — a blob by its sha, a tree by its commit sha, a comparison by
 * its two commit shas — least recently used first out, bounded by a weight (bytes, entries). Because a key
 * names its value, an entry never goes stale. Concurrent loads of one key share a single fetch; a failed
 * fetch is not kept.
 */
export class ContentCache<V> {
  private readonly entries = new Map<string, V>();
  private readonly pending = new Map<string, Promise<V>>();
  private weight = 0;

  constructor(
    private readonly maxWeight: number,
    private readonly weigh: (value: V) => number,
  ) {}

  async load(key: string, fetch: () => Promise<V>): Promise<V> {
    if (this.entries.has(key)) {
      const hit = this.entries.get(key)!;
      // Re-insert to mark it most recently used (a Map iterates in insertion order).
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const loading = fetch().then((value) => {
      this.store(key, value);
      return value;
    });
    this.pending.set(key, loading);
    try {
      return await loading;
    } finally {
      this.pending.delete(key);
    }
  }

  get size(): { entries: number; weight: number } {
    return { entries: this.entries.size, weight: this.weight };
  }

  private store(key: string, value: V): void {
    const weight = this.weigh(value);
    if (weight > this.maxWeight || this.entries.has(key)) return;
    this.entries.set(key, value);
    this.weight += weight;
    for (const [oldest, old] of this.entries) {
      if (this.weight <= this.maxWeight) break;
      this.entries.delete(oldest);
      this.weight -= this.weigh(old);
    }
  }
}
