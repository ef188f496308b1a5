// WATCH's bookkeeping (Redis's multi.c watched_keys): which clients watch which keys, and which
// clients saw a watched key change since (their EXEC will answer a null array).
//
// Everything here changes only while entries are applied (a write touches a key, FLUSHDB, SWAPDB)
// or when a client watches or forgets its keys, so a node that applies the same entries reaches
// the same verdict for the same EXEC.

import type { Database } from '../storage/database.js';

/** Who watches: a client (any object with identity). */
export type Watcher = object;

interface WatchedKey {
  db: number;
  key: string;
  /** The key had already expired when it was watched, so its expiring later is no change. */
  expiredAtWatch: boolean;
}

export class WatchTable {
  /** db index → key → clients watching it. */
  private readonly byKey: Array<Map<string, Set<Watcher>>> = [];
  /** client → the keys it watches. */
  private readonly byClient = new Map<Watcher, WatchedKey[]>();
  /** Clients whose watched keys changed. */
  private readonly dirty = new Set<Watcher>();

  /** Number of clients watching keys (the key-change listener is installed while non-zero). */
  get size(): number {
    return this.byClient.size;
  }

  watch(w: Watcher, db: Database, key: string, now: number): void {
    let keys = this.byClient.get(w);
    if (keys === undefined) this.byClient.set(w, (keys = []));
    else if (keys.some((k) => k.db === db.id && k.key === key)) return;
    keys.push({ db: db.id, key, expiredAtWatch: db.isExpired(key, now) });
    const table = (this.byKey[db.id] ??= new Map());
    const watchers = table.get(key);
    if (watchers === undefined) table.set(key, new Set([w]));
    else watchers.add(w);
  }

  /** UNWATCH, EXEC, DISCARD, RESET, disconnect: forget every key this client watches. */
  unwatchAll(w: Watcher): void {
    this.dirty.delete(w);
    const keys = this.byClient.get(w);
    if (keys === undefined) return;
    this.byClient.delete(w);
    for (const k of keys) {
      const table = this.byKey[k.db]!;
      const watchers = table.get(k.key)!;
      watchers.delete(w);
      if (watchers.size === 0) table.delete(k.key);
    }
  }

  /** A key was written or deleted: its watchers' transactions will fail (touchWatchedKey). */
  keyChanged(db: number, key: string): void {
    const watchers = this.byKey[db]?.get(key);
    if (watchers !== undefined) for (const w of watchers) this.dirty.add(w);
  }

  /**
   * A database is about to be emptied (FLUSHDB/FLUSHALL) or swapped with `other`: watchers of keys
   * that exist in it (or, for a swap, in the other) see a change (touchAllWatchedKeysInDb).
   */
  databaseReplaced(db: Database, other: Database | null): void {
    const table = this.byKey[db.id];
    if (table === undefined) return;
    for (const [key, watchers] of table) {
      if (db.dict.has(key) || (other !== null && other.dict.has(key))) for (const w of watchers) this.dirty.add(w);
    }
  }

  /**
   * True when EXEC must fail: a watched key changed, or one that was alive when watched has
   * expired by `now` (Redis 7.0's isWatchedKeyExpired).
   */
  isDirty(w: Watcher, dbs: readonly Database[], now: number): boolean {
    if (this.dirty.has(w)) return true;
    const keys = this.byClient.get(w);
    if (keys === undefined) return false;
    for (const k of keys) if (!k.expiredAtWatch && dbs[k.db]!.isExpired(k.key, now)) return true;
    return false;
  }

  /** True when the client watches something that changed (CLIENT LIST flag d). */
  hasChanged(w: Watcher): boolean {
    return this.dirty.has(w);
  }

  /** Keys watched by a client (CLIENT LIST watch=, INFO). */
  watchedCount(w: Watcher): number {
    return this.byClient.get(w)?.length ?? 0;
  }
}
