// Cursors for SCAN, HSCAN, SSCAN and ZSCAN.
//
// Redis walks its hash table with a reverse-binary cursor. Our collections are V8 Maps/Sets,
// whose iterators stay valid across insertions and deletions and visit every entry present from
// start to end exactly once: that is the SCAN guarantee. So a cursor names a live iterator kept
// here. Iterators are bounded in number; a cursor that is unknown (evicted, from before a
// restart, or invented) restarts the iteration from the beginning, which may return elements
// again (allowed by SCAN) but never skips one.

/** Live cursors kept at most; the least recently used is dropped past this. */
export const MAX_LIVE_CURSORS = 10_000;

interface LiveCursor {
  /** The collection being iterated; a cursor used on another collection restarts. */
  owner: object;
  iterator: Iterator<unknown>;
}

export class ScanCursors {
  private readonly live = new Map<number, LiveCursor>();
  private nextId = 1;

  constructor(private readonly capacity = MAX_LIVE_CURSORS) {}

  /**
   * Visits up to `count` entries of `source` from `cursor` (0 = start) and returns them with the
   * cursor to continue from (0 when the iteration is complete).
   */
  scan<T>(owner: object, source: () => Iterator<T>, cursor: number, count: number): { cursor: number; items: T[] } {
    let it: Iterator<T> | undefined;
    if (cursor !== 0) {
      const found = this.live.get(cursor);
      if (found !== undefined) {
        this.live.delete(cursor);
        if (found.owner === owner) it = found.iterator as Iterator<T>;
      }
    }
    it ??= source();
    const items: T[] = [];
    for (let i = 0; i < count; i++) {
      const r = it.next();
      if (r.done) return { cursor: 0, items };
      items.push(r.value);
    }
    const id = this.allocateId();
    this.live.set(id, { owner, iterator: it });
    if (this.live.size > this.capacity) this.live.delete(this.live.keys().next().value!);
    return { cursor: id, items };
  }

  /** Forgets every cursor (FLUSHALL, SWAPDB: iterators of replaced collections are useless). */
  clear(): void {
    this.live.clear();
  }

  get size(): number {
    return this.live.size;
  }

  private allocateId(): number {
    // Cursors stay below 2^53 so that they print and parse exactly.
    const id = this.nextId;
    this.nextId = id >= Number.MAX_SAFE_INTEGER ? 1 : id + 1;
    return id;
  }
}
