// A list value (Redis's t_list.c over a quicklist).
//
// Two layouts behind one class, so that command code sees one shape:
// - small: a plain array of the elements in order; cheap for the many short lists, and a push at
//   the head moves at most SMALL_MAX elements (a listpack node moves its bytes too);
// - chunked: a deque of fixed-size chunks. Element i sits at global slot `first + i`, that is
//   chunks[slot >> CHUNK_BITS][slot & CHUNK_MASK]. The directory keeps free entries (null) at
//   both ends, so a push at either end is O(1) amortised, and index access is O(1), better than
//   a quicklist's walk over nodes. Chunks leave memory as soon as they are emptied.
// The layout is not observable: Redis 7.0 reports every list as "quicklist" (listpack-encoded
// lists came in 7.2), so OBJECT ENCODING says quicklist whatever the size.

import type { CollectionValue } from './value.js';

const CHUNK_BITS = 7;
const CHUNK = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK - 1;
/** A small list moves to chunks when it would grow past this many elements... */
const SMALL_MAX = 128;
/** ...and back to a plain array when a removal leaves this many or fewer (hysteresis). */
const SMALL_AGAIN = 32;

type Chunk = Array<string | undefined>;

export class ListValue implements CollectionValue {
  readonly type = 'list' as const;
  length = 0;
  /** The elements in order while small; null once chunked. */
  private items: string[] | null;
  /** The chunk directory while chunked; entries outside the used range are null. */
  private chunks: Array<Chunk | null> | null = null;
  /** Global slot of element 0 while chunked. */
  private first = 0;

  /** A list holding `items` (taken over, not copied). */
  constructor(items: string[] = []) {
    this.items = items;
    this.length = items.length;
    if (items.length > SMALL_MAX) this.toChunks();
  }

  encoding(): string {
    return 'quicklist';
  }

  clone(): ListValue {
    const out: string[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.at(i));
    return new ListValue(out);
  }

  /** The element at `i`, 0 <= i < length. */
  at(i: number): string {
    const items = this.items;
    if (items !== null) return items[i]!;
    const slot = this.first + i;
    return this.chunks![slot >>> CHUNK_BITS]![slot & CHUNK_MASK]!;
  }

  /** Replaces the element at `i`, 0 <= i < length. */
  setAt(i: number, v: string): void {
    const items = this.items;
    if (items !== null) {
      items[i] = v;
      return;
    }
    const slot = this.first + i;
    this.chunks![slot >>> CHUNK_BITS]![slot & CHUNK_MASK] = v;
  }

  pushHead(v: string): void {
    const items = this.items;
    if (items !== null) {
      if (items.length < SMALL_MAX) {
        items.unshift(v);
        this.length++;
        return;
      }
      this.toChunks();
    }
    if (this.first === 0) this.recentre();
    const slot = --this.first;
    this.chunkFor(slot)[slot & CHUNK_MASK] = v;
    this.length++;
  }

  pushTail(v: string): void {
    const items = this.items;
    if (items !== null) {
      if (items.length < SMALL_MAX) {
        items.push(v);
        this.length++;
        return;
      }
      this.toChunks();
    }
    let slot = this.first + this.length;
    if (slot >>> CHUNK_BITS === this.chunks!.length) {
      this.recentre();
      slot = this.first + this.length;
    }
    this.chunkFor(slot)[slot & CHUNK_MASK] = v;
    this.length++;
  }

  /** Removes and returns the first element; undefined when empty. */
  popHead(): string | undefined {
    if (this.length === 0) return undefined;
    const items = this.items;
    this.length--;
    if (items !== null) return items.shift();
    const slot = this.first;
    const dir = this.chunks!;
    const chunk = dir[slot >>> CHUNK_BITS]!;
    const v = chunk[slot & CHUNK_MASK]!;
    chunk[slot & CHUNK_MASK] = undefined;
    this.first = slot + 1;
    if ((this.first & CHUNK_MASK) === 0) dir[slot >>> CHUNK_BITS] = null;
    if (this.length <= SMALL_AGAIN) this.toSmall();
    return v;
  }

  /** Removes and returns the last element; undefined when empty. */
  popTail(): string | undefined {
    if (this.length === 0) return undefined;
    const items = this.items;
    this.length--;
    if (items !== null) return items.pop();
    const slot = this.first + this.length;
    const dir = this.chunks!;
    const chunk = dir[slot >>> CHUNK_BITS]!;
    const v = chunk[slot & CHUNK_MASK]!;
    chunk[slot & CHUNK_MASK] = undefined;
    if ((slot & CHUNK_MASK) === 0) dir[slot >>> CHUNK_BITS] = null;
    if (this.length <= SMALL_AGAIN) this.toSmall();
    return v;
  }

  /** Inserts `v` so that it becomes element `i` (0 <= i <= length), moving the shorter side. */
  insertAt(i: number, v: string): void {
    const n = this.length;
    if (i < n >>> 1) {
      this.pushHead(v);
      for (let j = 0; j < i; j++) this.setAt(j, this.at(j + 1));
    } else {
      this.pushTail(v);
      for (let j = n; j > i; j--) this.setAt(j, this.at(j - 1));
    }
    this.setAt(i, v);
  }

  /** Index of the first element equal to `v` from the head, or -1. */
  indexOf(v: string): number {
    const items = this.items;
    if (items !== null) return items.indexOf(v);
    for (let i = 0, n = this.length; i < n; i++) if (this.at(i) === v) return i;
    return -1;
  }

  /**
   * Removes up to `limit` elements equal to `v` (all when limit is 0), found from the head, or
   * from the tail when `fromTail`; returns how many. Only the part of the list up to the last
   * removed element is moved, so removing near an end costs what reaching it costs.
   */
  removeEqual(v: string, limit: number, fromTail: boolean): number {
    const n = this.length;
    let removed = 0;
    if (!fromTail) {
      let last = -1;
      for (let i = 0; i < n; i++) {
        if (this.at(i) === v) {
          last = i;
          if (++removed === limit) break;
        }
      }
      if (removed === 0) return 0;
      // Keep the survivors of [0, last] packed against `last`, then drop the head.
      let w = last;
      for (let r = last; r >= 0; r--) {
        const e = this.at(r);
        if (e !== v) this.setAt(w--, e);
      }
      this.dropHead(removed);
    } else {
      let last = n;
      for (let i = n - 1; i >= 0; i--) {
        if (this.at(i) === v) {
          last = i;
          if (++removed === limit) break;
        }
      }
      if (removed === 0) return 0;
      let w = last;
      for (let r = last; r < n; r++) {
        const e = this.at(r);
        if (e !== v) this.setAt(w++, e);
      }
      this.dropTail(removed);
    }
    return removed;
  }

  /** Removes the first `k` elements (k <= length). */
  dropHead(k: number): void {
    if (k === 0) return;
    const items = this.items;
    if (items !== null) {
      if (k === items.length) items.length = 0;
      else items.splice(0, k);
      this.length -= k;
      return;
    }
    const dir = this.chunks!;
    let slot = this.first;
    let left = k;
    while (left > 0) {
      const off = slot & CHUNK_MASK;
      const take = Math.min(left, CHUNK - off);
      if (off + take === CHUNK) dir[slot >>> CHUNK_BITS] = null;
      else dir[slot >>> CHUNK_BITS]!.fill(undefined, off, off + take);
      slot += take;
      left -= take;
    }
    this.first = slot;
    this.length -= k;
    if (this.length <= SMALL_AGAIN) this.toSmall();
  }

  /** Removes the last `k` elements (k <= length). */
  dropTail(k: number): void {
    if (k === 0) return;
    const items = this.items;
    if (items !== null) {
      items.length -= k;
      this.length -= k;
      return;
    }
    const dir = this.chunks!;
    let end = this.first + this.length;
    let left = k;
    while (left > 0) {
      const last = end - 1;
      const off = last & CHUNK_MASK;
      const take = Math.min(left, off + 1);
      if (take === off + 1) dir[last >>> CHUNK_BITS] = null;
      else dir[last >>> CHUNK_BITS]!.fill(undefined, off + 1 - take, off + 1);
      end -= take;
      left -= take;
    }
    this.length -= k;
    if (this.length <= SMALL_AGAIN) this.toSmall();
  }

  /** The chunk holding global slot `slot`, created when absent. */
  private chunkFor(slot: number): Chunk {
    const dir = this.chunks!;
    const k = slot >>> CHUNK_BITS;
    const existing = dir[k];
    if (existing != null) return existing;
    const chunk = new Array<string | undefined>(CHUNK);
    dir[k] = chunk;
    return chunk;
  }

  /**
   * Gives the directory free entries at both ends: the used chunks move to the middle of a
   * directory twice their number (plus slack), so the next recentre is as many pushes away.
   */
  private recentre(): void {
    const dir = this.chunks!;
    const firstChunk = this.first >>> CHUNK_BITS;
    const used = this.length === 0 ? 0 : ((this.first + this.length - 1) >>> CHUNK_BITS) - firstChunk + 1;
    const size = used * 2 + 4;
    const next: Array<Chunk | null> = new Array(size).fill(null);
    const at = (size - used) >> 1;
    for (let j = 0; j < used; j++) next[at + j] = dir[firstChunk + j]!;
    this.chunks = next;
    this.first = (at << CHUNK_BITS) + (this.first & CHUNK_MASK);
  }

  private toChunks(): void {
    const items = this.items!;
    const n = items.length;
    const used = Math.ceil(n / CHUNK);
    const size = used * 2 + 4;
    const dir: Array<Chunk | null> = new Array(size).fill(null);
    const at = (size - used) >> 1;
    for (let j = 0; j < used; j++) {
      const chunk = new Array<string | undefined>(CHUNK);
      for (let i = 0, base = j << CHUNK_BITS; i < CHUNK && base + i < n; i++) chunk[i] = items[base + i];
      dir[at + j] = chunk;
    }
    this.chunks = dir;
    this.first = at << CHUNK_BITS;
    this.items = null;
  }

  private toSmall(): void {
    const n = this.length;
    const items: string[] = [];
    for (let i = 0; i < n; i++) {
      const slot = this.first + i;
      items.push(this.chunks![slot >>> CHUNK_BITS]![slot & CHUNK_MASK]!);
    }
    this.items = items;
    this.chunks = null;
    this.first = 0;
  }
}
