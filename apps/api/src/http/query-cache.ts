/**
 * Answers of read queries keyed by everything they depend on (scheme, asOf, filters).
 * Every write calls invalidate(), so a cached answer is never stale; the figure engine's kept
 * answers listen (onInvalidate) and go stale only where the write reaches them.
 */
export class QueryCache {
  private readonly entries = new Map<string, unknown>();
  private readonly maxEntries: number;
  private readonly listeners: Array<() => void> = [];

  constructor(maxEntries = 500) {
    this.maxEntries = maxEntries;
  }

  /** The cached value for `key`, computing and storing it on a miss. */
  get<T>(key: string, compute: () => T): T {
    if (this.entries.has(key)) return this.entries.get(key) as T;
    const value = compute();
    this.set(key, value);
    return value;
  }

  /** The cached value for `key`, or undefined. */
  peek<T>(key: string): T | undefined {
    return this.entries.get(key) as T | undefined;
  }

  set(key: string, value: unknown): void {
    // Oldest first: a Map iterates in insertion order.
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, value);
  }

  invalidate(): void {
    this.entries.clear();
    for (const listener of this.listeners) listener();
  }

  /** Calls `listener` on every invalidate (a write), e.g. to mark figures kept elsewhere stale. */
  onInvalidate(listener: () => void): void {
    this.listeners.push(listener);
  }

  get size(): number {
    return this.entries.size;
  }
}
