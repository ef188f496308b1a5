// Cursors for SCAN, HSCAN, SSCAN and ZSCAN.
//
// Redis walks its hash table with a reverse-binary cursor. Our collections are V8 Maps/Sets,
// whose iterators stay valid across insertions and deletions and visit every entry present from
// start to end exactly once: that is the SCAN guarantee. So a cursor names a live iterator kept
// here. Iterators are bounded in number; a cursor that is unknown (evicted, from before a
// restart, or invented) restarts the iteration from the beginning, which may return elements
// again (allowed by SCAN) but never skips one.
//
// A live Map iterator has a cost while it is not advanced: V8 keeps, for it, every hash table the
// Map has outgrown since (each rehash chains the old table to the new one), so one abandoned
// cursor on a Map with steady churn holds more memory at each rehash, without bound. refresh()
// (called about every second) advances each idle iterator by one entry, kept aside for the next
// call, which moves it to the current table; a cursor idle for long is dropped.

/** Live cursors kept at most; the least recently used is dropped past this. */
export const MAX_LIVE_CURSORS = 10_000;

/** refresh() calls a cursor may stay unused before it is dropped (about ten minutes). */
export const MAX_IDLE_REFRESHES = 600;

interface LiveCursor {
  /** The collection being iterated; a cursor used on another collection restarts. */
  owner: object;
  iterator: Iterator<unknown>;
  /** Entries read ahead by refresh(), to be returned first; null when none. */
  ahead: unknown[] | null;
  /** The iterator has ended (found while reading ahead). */
  ended: boolean;
  /** refresh() calls since the cursor was last used. */
  idle: number;
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
    let resumed: LiveCursor | undefined;
    if (cursor !== 0) {
      const found = this.live.get(cursor);
      if (found !== undefined) {
        this.live.delete(cursor);
        if (found.owner === owner) resumed = found;
      }
    }
    const it = resumed === undefined ? source() : (resumed.iterator as Iterator<T>);
    const items: T[] = [];
    let ahead = resumed === undefined ? null : (resumed.ahead as T[] | null);
    let ended = resumed !== undefined && resumed.ended;
    if (ahead !== null) {
      const n = Math.min(count, ahead.length);
      for (let i = 0; i < n; i++) items.push(ahead[i]!);
      ahead = n === ahead.length ? null : ahead.slice(n);
    }
    while (items.length < count && !ended) {
      const r = it.next();
      if (r.done) ended = true;
      else items.push(r.value);
    }
    if (ended && ahead === null) return { cursor: 0, items };
    const id = this.allocateId();
    this.live.set(id, { owner, iterator: it, ahead, ended, idle: 0 });
    if (this.live.size > this.capacity) this.live.delete(this.live.keys().next().value!);
    return { cursor: id, items };
  }

  /**
   * Advances every live iterator by one entry, kept for the cursor's next call, so that no
   * iterator holds tables its Map has outgrown; drops cursors left unused for `maxIdle` calls.
   */
  refresh(maxIdle = MAX_IDLE_REFRESHES): void {
    for (const [id, c] of this.live) {
      if (++c.idle >= maxIdle) {
        this.live.delete(id);
        continue;
      }
      if (c.ended) continue;
      const r = c.iterator.next();
      if (r.done) c.ended = true;
      else (c.ahead ??= []).push(r.value);
    }
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
