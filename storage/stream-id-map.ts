// A map from stream IDs (as StreamId.key() strings) to values, iterable in ID order: what Redis
// keeps in a radix tree for a group's and each consumer's pending entries.
//
// Lookups go through a Map; the order is a list of sorted chunks, so that inserting or removing
// anywhere costs a binary search and a splice within one chunk of at most CHUNK keys, and the
// usual case (a new delivery, with the largest ID so far) is a push.

const CHUNK = 256;

export class IdMap<V> {
  private readonly values = new Map<string, V>();
  /** The keys in order, in non-empty chunks. */
  private chunks: string[][] = [];

  get size(): number {
    return this.values.size;
  }

  get(key: string): V | undefined {
    return this.values.get(key);
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  /** Adds or replaces; true when the key is new. */
  set(key: string, value: V): boolean {
    const values = this.values;
    const had = values.has(key);
    values.set(key, value);
    if (had) return false;
    const chunks = this.chunks;
    const last = chunks.length === 0 ? undefined : chunks[chunks.length - 1]!;
    if (last === undefined || key > last[last.length - 1]!) {
      if (last === undefined || last.length >= CHUNK) chunks.push([key]);
      else last.push(key);
      return true;
    }
    const c = this.chunkOf(key);
    const chunk = chunks[c]!;
    chunk.splice(lowerBound(chunk, key), 0, key);
    if (chunk.length > 2 * CHUNK) chunks.splice(c + 1, 0, chunk.splice(CHUNK));
    return true;
  }

  delete(key: string): boolean {
    if (!this.values.delete(key)) return false;
    const c = this.chunkOf(key);
    const chunk = this.chunks[c]!;
    chunk.splice(lowerBound(chunk, key), 1);
    if (chunk.length === 0) this.chunks.splice(c, 1);
    return true;
  }

  clear(): void {
    this.values.clear();
    this.chunks = [];
  }

  first(): string | undefined {
    return this.chunks.length === 0 ? undefined : this.chunks[0]![0];
  }

  last(): string | undefined {
    const chunks = this.chunks;
    if (chunks.length === 0) return undefined;
    const chunk = chunks[chunks.length - 1]!;
    return chunk[chunk.length - 1];
  }

  /** The smallest key >= key. */
  ceiling(key: string): string | undefined {
    const c = this.chunkOf(key);
    if (c === this.chunks.length) return undefined;
    const chunk = this.chunks[c]!;
    return chunk[lowerBound(chunk, key)];
  }

  /** A walk over the keys >= from, in order; valid until the map changes. */
  cursor(from: string): IdMapCursor {
    const c = this.chunkOf(from);
    const chunk = this.chunks[c];
    return new IdMapCursor(this.chunks, c, chunk === undefined ? 0 : lowerBound(chunk, from));
  }

  /** The index of the first chunk whose last key is >= key (chunks.length when none). */
  private chunkOf(key: string): number {
    const chunks = this.chunks;
    let lo = 0;
    let hi = chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = chunks[mid]!;
      if (chunk[chunk.length - 1]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export class IdMapCursor {
  constructor(
    private readonly chunks: readonly string[][],
    private c: number,
    private i: number,
  ) {}

  /** The next key, or undefined at the end. */
  next(): string | undefined {
    const chunk = this.chunks[this.c];
    if (chunk === undefined) return undefined;
    const key = chunk[this.i++]!;
    if (this.i === chunk.length) {
      this.c++;
      this.i = 0;
    }
    return key;
  }
}

function lowerBound(a: readonly string[], key: string): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
