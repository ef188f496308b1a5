// The numbered databases of one server (or one Raft group's state machine).

import { Database } from './database.js';
import { EncodingSettings } from './encoding-settings.js';

export class Keyspace {
  readonly dbs: Database[] = [];
  /** Called after SWAPDB exchanged the databases at these two positions. */
  onSwap: ((a: number, b: number) => void) | null = null;
  /** Lookups for reading that found a live key, and that found none (INFO keyspace_hits/misses). */
  readHits = 0;
  readMisses = 0;
  /** Encoding thresholds shared by every database (hash-max-listpack-entries, ...). */
  readonly encoding = new EncodingSettings();

  constructor(databases: number, layerCapacity?: number) {
    for (let i = 0; i < databases; i++) this.dbs.push(new Database(i, layerCapacity));
  }

  db(index: number): Database {
    return this.dbs[index]!;
  }

  /** SWAPDB: clients address databases by number, so swapping the slots swaps what they see. */
  swap(a: number, b: number): void {
    const da = this.dbs[a]!;
    const db = this.dbs[b]!;
    this.dbs[a] = db;
    this.dbs[b] = da;
    da.id = b;
    db.id = a;
    // A cursor names an iteration of the database that was in that slot: clients would resume
    // another database's iteration under the same number.
    da.scanCursors.clear();
    db.scanCursors.clear();
    if (this.onSwap !== null) this.onSwap(a, b);
  }

  /** FLUSHALL; returns how many keys were removed. */
  flushAll(): number {
    let n = 0;
    for (const d of this.dbs) n += d.flush();
    return n;
  }

  /** Keys removed by expiry in every database (INFO stats expired_keys). */
  get expiredKeys(): number {
    let n = 0;
    for (const d of this.dbs) n += d.expiredKeys;
    return n;
  }

  get totalKeys(): number {
    let n = 0;
    for (const d of this.dbs) n += d.size;
    return n;
  }
}
