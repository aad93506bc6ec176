/**
 * Answers of read queries keyed by everything they depend on (scheme, asOf, filters).
 * Every write calls invalidate(), so a cached figure is never stale.
 */
export class QueryCache {
  private readonly entries = new Map<string, unknown>();
  private readonly maxEntries: number;

  constructor(maxEntries = 500) {
    this.maxEntries = maxEntries;
  }

  /** The cached value for `key`, computing and storing it on a miss. */
  get<T>(key: string, compute: () => T): T {
    if (this.entries.has(key)) return this.entries.get(key) as T;
    const value = compute();
    // Oldest first: a Map iterates in insertion order.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, value);
    return value;
  }

  invalidate(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
