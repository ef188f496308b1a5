// A Map that is not bounded by V8's limit of 2^24 entries per Map.
//
// New keys go to the newest layer; a layer that is full stays as it is and a new one is opened.
// With one layer (every key space below ~8M keys) each operation is one Map call plus a null
// check, so the common case costs nothing; past it, a lookup tries the layers newest first.
// Iteration order is the layers' insertion orders one after the other, and a Map iterator stays
// valid across changes, which SCAN relies on.

/** Entries per layer; V8 throws past 2^24, and a rehash near that size is slow. */
export const DEFAULT_LAYER_CAPACITY = 1 << 23;

export class LayeredMap<K, V> {
  private first = new Map<K, V>();
  /** Older full layers, then the open one; null while `first` is the only layer. */
  private layers: Map<K, V>[] | null = null;
  private open: Map<K, V> = this.first;

  constructor(private readonly layerCapacity = DEFAULT_LAYER_CAPACITY) {}

  get size(): number {
    if (this.layers === null) return this.first.size;
    let n = 0;
    for (const m of this.layers) n += m.size;
    return n;
  }

  get(key: K): V | undefined {
    if (this.layers === null) return this.first.get(key);
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const v = this.layers[i]!.get(key);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  has(key: K): boolean {
    if (this.layers === null) return this.first.has(key);
    for (const m of this.layers) if (m.has(key)) return true;
    return false;
  }

  set(key: K, value: V): this {
    if (this.layers === null) {
      const m = this.first;
      if (m.size < this.layerCapacity || m.has(key)) {
        m.set(key, value);
        return this;
      }
      this.layers = [m];
    }
    for (const m of this.layers) {
      if (m !== this.open && m.has(key)) {
        m.set(key, value);
        return this;
      }
    }
    if (this.open.size >= this.layerCapacity && !this.open.has(key)) {
      this.open = new Map();
      this.layers.push(this.open);
    }
    this.open.set(key, value);
    return this;
  }

  delete(key: K): boolean {
    if (this.layers === null) return this.first.delete(key);
    for (const m of this.layers) if (m.delete(key)) return true;
    return false;
  }

  clear(): void {
    this.first = new Map();
    this.open = this.first;
    this.layers = null;
  }

  *entries(): IterableIterator<[K, V]> {
    if (this.layers === null) {
      yield* this.first.entries();
      return;
    }
    for (const m of this.layers) yield* m.entries();
  }

  *keys(): IterableIterator<K> {
    if (this.layers === null) {
      yield* this.first.keys();
      return;
    }
    for (const m of this.layers) yield* m.keys();
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }
}
