// One numbered database: the keys, their values and their expiry times.
//
// Reads take the caller's `now` and treat a key whose time has passed as absent without touching
// it; only writes (which run inside an entry of the write path, with the entry's time) remove an
// expired key. So every node that applies the same entries holds the same keys at every index.

import { LayeredMap } from './layered-map.js';
import type { StoredValue, StringForm } from './value.js';
import { ScanCursors } from './scan-cursors.js';

/**
 * Called after a key changed (written, deleted, expired); WATCH and blocked clients listen. A few
 * changes concern only one of them (`only`), as Redis signals them separately.
 */
export type KeyChangeListener = (db: Database, key: string, only?: 'watch' | 'blocked') => void;

export class Database {
  readonly dict: LayeredMap<string, StoredValue>;
  /** Absolute expiry time in ms for keys that have one (Redis's `expires` dict). */
  readonly expires: LayeredMap<string, number>;
  /** String keys not made as SET makes them (value.ts StringForm); writing the key forgets it. */
  readonly stringForms = new Map<string, StringForm>();
  /** Set by the key space while anyone listens; null keeps the write path to one check. */
  onChange: KeyChangeListener | null = null;
  /** Called just before every key is removed (FLUSHDB/FLUSHALL), while they can still be seen. */
  onFlush: ((db: Database) => void) | null = null;
  /** Keyspace notifications: a key was created, a write found a key expired (null while off). */
  onNewKey: KeyChangeListener | null = null;
  onExpired: KeyChangeListener | null = null;
  /** Live SCAN cursors over this database's keys and values; dropped with the keys (flush, swap). */
  readonly scanCursors = new ScanCursors();
  /** Keys removed because their time had passed, lazily or by active expiry (INFO expired_keys). */
  expiredKeys = 0;

  constructor(
    public id: number,
    layerCapacity?: number,
  ) {
    this.dict = new LayeredMap(layerCapacity);
    this.expires = new LayeredMap(layerCapacity);
  }

  /** Number of keys, counting expired keys not yet removed (as DBSIZE does in Redis). */
  get size(): number {
    return this.dict.size;
  }

  /** The value of a live key; an expired key reads as absent and is left in place. */
  get(key: string, now: number): StoredValue | undefined {
    const v = this.dict.get(key);
    if (v === undefined || this.expires.size === 0) return v;
    const at = this.expires.get(key);
    return at !== undefined && now > at ? undefined : v;
  }

  /** Like get, for a write: an expired key is removed first, as part of the writing entry. */
  getForWrite(key: string, now: number): StoredValue | undefined {
    const v = this.dict.get(key);
    if (v === undefined || this.expires.size === 0) return v;
    const at = this.expires.get(key);
    if (at !== undefined && now > at) {
      this.delete(key);
      this.expiredKeys++;
      if (this.onExpired !== null) this.onExpired(this, key);
      return undefined;
    }
    return v;
  }

  /** True when the key exists and has not expired at `now`. */
  has(key: string, now: number): boolean {
    return this.get(key, now) !== undefined;
  }

  /** True when the key is present but its time has passed (active expiry removes these). */
  isExpired(key: string, now: number): boolean {
    const at = this.expires.get(key);
    return at !== undefined && now > at && this.dict.has(key);
  }

  /** Stores a value and clears its expiry (Redis's setKey); keepTtl keeps an existing one. */
  set(key: string, value: StoredValue, keepTtl = false): void {
    const created = this.onNewKey !== null && !this.dict.has(key);
    this.dict.set(key, value);
    if (created) this.onNewKey!(this, key);
    if (!keepTtl && this.expires.size !== 0) this.expires.delete(key);
    if (this.stringForms.size !== 0) this.stringForms.delete(key);
    if (this.onChange !== null) this.onChange(this, key);
  }

  /** Replaces the value in place, keeping the expiry (a collection command that changed it). */
  replace(key: string, value: StoredValue): void {
    this.dict.set(key, value);
    if (this.onChange !== null) this.onChange(this, key);
  }

  delete(key: string): boolean {
    if (!this.dict.delete(key)) return false;
    if (this.expires.size !== 0) this.expires.delete(key);
    if (this.stringForms.size !== 0) this.stringForms.delete(key);
    if (this.onChange !== null) this.onChange(this, key);
    return true;
  }

  /** Tells listeners that a value changed in place (LPUSH into an existing list, ...). */
  touched(key: string): void {
    if (this.onChange !== null) this.onChange(this, key);
  }

  /**
   * Wakes the clients blocked on a key for a change that WATCH does not see (Redis's
   * signalKeyAsReady without signalModifiedKey: XGROUP DESTROY).
   */
  signalReady(key: string): void {
    if (this.onChange !== null) this.onChange(this, key, 'blocked');
  }

  /**
   * A change that WATCH sees but that gives blocked clients nothing new (Redis's
   * signalModifiedKey alone: XDEL, XTRIM).
   */
  signalModified(key: string): void {
    if (this.onChange !== null) this.onChange(this, key, 'watch');
  }

  getExpire(key: string): number | undefined {
    return this.expires.size === 0 ? undefined : this.expires.get(key);
  }

  /** Sets the absolute expiry (ms) of an existing key. */
  setExpire(key: string, at: number): void {
    this.expires.set(key, at);
    if (this.onChange !== null) this.onChange(this, key);
  }

  /** Removes the expiry; true when there was one. */
  persist(key: string): boolean {
    if (this.expires.size === 0 || !this.expires.delete(key)) return false;
    if (this.onChange !== null) this.onChange(this, key);
    return true;
  }

  /** Removes every key; returns how many there were. */
  flush(): number {
    if (this.onFlush !== null) this.onFlush(this);
    const n = this.dict.size;
    this.dict.clear();
    this.expires.clear();
    this.stringForms.clear();
    this.scanCursors.clear();
    return n;
  }
}
