// A least-recently-used map bounded by bytes: what the matrix keeps of the detail blocks it
// fetched when zoomed in (the browser's memory stays bounded however far one wanders).

export class ByteLru<K, V> {
  private map = new Map<K, { value: V; bytes: number }>();
  private used = 0;

  /** `budget`: bytes kept at most; `onEvict` hears each value dropped. */
  constructor(readonly budget: number, private onEvict: (key: K, value: V) => void = () => {}) {}

  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.map.size;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** The value (now the most recently used), or undefined. */
  get(key: K): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    this.map.delete(key);
    this.map.set(key, e);
    return e.value;
  }

  /** The value without touching its recency. */
  peek(key: K): V | undefined {
    return this.map.get(key)?.value;
  }

  /** Add (or replace) a value; older values go until the total fits (`keep`: keys never evicted now). */
  set(key: K, value: V, bytes: number, keep: ReadonlySet<K> = new Set()): void {
    this.delete(key);
    this.map.set(key, { value, bytes });
    this.used += bytes;
    for (const [k, e] of this.map) {
      if (this.used <= this.budget) break;
      if (k === key || keep.has(k)) continue;
      this.map.delete(k);
      this.used -= e.bytes;
      this.onEvict(k, e.value);
    }
  }

  delete(key: K): boolean {
    const e = this.map.get(key);
    if (!e) return false;
    this.map.delete(key);
    this.used -= e.bytes;
    this.onEvict(key, e.value);
    return true;
  }

  clear(): void {
    for (const k of [...this.map.keys()]) this.delete(k);
  }

  keys(): K[] {
    return [...this.map.keys()];
  }

  values(): V[] {
    return [...this.map.values()].map((e) => e.value);
  }
}
