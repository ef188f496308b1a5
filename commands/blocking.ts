// Clients blocked on keys (BLPOP, BLMOVE, BZPOPMIN, XREAD BLOCK, ...), as Redis's blocked.c.
//
// A blocking command that finds nothing asks ctx.blocker to park its client on the keys. When a
// write changes one of those keys, the key becomes "ready"; after that write, the router serves
// the waiting clients first come, first served by running each one's command again *through the
// write path* — so that in a cluster the pop is an entry that every node applies (DESIGN.md). A
// retried command that still finds nothing calls block() again, which then only records that the
// client keeps its place in the queue.

import type { Command } from './command-table.js';
import type { CommandContext } from './context.js';
import type { Database } from '../storage/database.js';
import { parseLongDouble } from './long-double.js';

/** Says whether `key` holds something the blocked command could take now. */
export type ReadyCheck = (db: Database, key: string) => boolean;

/** What a blocking command calls when it finds nothing: park this client on these keys. */
export interface Blocker {
  /** deadline: absolute ms, or 0 to wait forever. */
  block(keys: readonly string[], deadline: number, ready: ReadyCheck): void;
}

/** A parked client. */
export class BlockedClient {
  /** Set once served, timed out or unblocked: queues skip it from then on. */
  done = false;

  constructor(
    readonly ctx: CommandContext,
    readonly cmd: Command,
    readonly argv: string[],
    readonly db: number,
    readonly keys: readonly string[],
    readonly deadline: number,
    readonly ready: ReadyCheck,
    /** Called (once) after the client was served, so its connection resumes and flushes. */
    readonly resume: () => void,
  ) {}
}

/** The per-database queues of blocked clients, and the keys that became ready. */
export class BlockingRegistry {
  /** db index → key → clients in the order they blocked. */
  private readonly queues: Array<Map<string, BlockedClient[]>> = [];
  private readyKeys: Array<[number, string]> = [];
  private readonly readySet = new Set<string>();
  private blockedCount = 0;

  /** Number of clients blocked now (INFO blocked_clients). */
  get size(): number {
    return this.blockedCount;
  }

  get hasReadyKeys(): boolean {
    return this.readyKeys.length !== 0;
  }

  add(bc: BlockedClient): void {
    const queues = (this.queues[bc.db] ??= new Map());
    for (const key of bc.keys) {
      const q = queues.get(key);
      if (q === undefined) queues.set(key, [bc]);
      else if (!q.includes(bc)) q.push(bc);
    }
    this.blockedCount++;
  }

  /** Removes a client from every queue (served, timed out, unblocked or disconnected). */
  remove(bc: BlockedClient): void {
    if (bc.done) return;
    bc.done = true;
    this.blockedCount--;
    const queues = this.queues[bc.db];
    if (queues === undefined) return;
    for (const key of bc.keys) {
      const q = queues.get(key);
      if (q === undefined) continue;
      const i = q.indexOf(bc);
      if (i >= 0) q.splice(i, 1);
      if (q.length === 0) queues.delete(key);
    }
  }

  /** True when some client waits on this key (the key-change listener asks before recording). */
  isWatched(db: number, key: string): boolean {
    return this.queues[db]?.has(key) ?? false;
  }

  /** True when some client waits in this database. */
  hasWaiters(db: number): boolean {
    const q = this.queues[db];
    return q !== undefined && q.size !== 0;
  }

  /** Records that a key with waiters changed; serveReady will look at it. */
  keyChanged(db: number, key: string): void {
    if (!this.isWatched(db, key)) return;
    const id = `${db}\0${key}`;
    if (this.readySet.has(id)) return;
    this.readySet.add(id);
    this.readyKeys.push([db, key]);
  }

  /**
   * Serves the clients waiting on the keys that became ready, in the order the keys became ready
   * and, per key, in the order the clients blocked (Redis's handleClientsBlockedOnKeys). `retry`
   * runs a client's command again, to be served from `key`, and returns true when it was served.
   */
  serveReady(dbs: readonly Database[], retry: (bc: BlockedClient, key: string) => boolean): void {
    while (this.readyKeys.length !== 0) {
      const batch = this.readyKeys;
      this.readyKeys = [];
      this.readySet.clear();
      for (const [dbIndex, key] of batch) {
        const q = this.queues[dbIndex]?.get(key);
        if (q === undefined) continue;
        const db = dbs[dbIndex]!;
        for (const bc of [...q]) {
          // Not `break`: a stream's readers each wait for their own ID or group, so a client
          // that cannot be served does not mean the ones behind it cannot.
          if (bc.done || !bc.ready(db, key)) continue;
          if (retry(bc, key)) {
            this.remove(bc);
            bc.resume();
          }
        }
      }
    }
  }

  /**
   * SWAPDB: clients stay on their database number, whose keys are now the other database's; every
   * key they wait on may hold something now (Redis's scanDatabaseForReadyKeys).
   */
  databaseSwapped(a: number, b: number): void {
    for (const db of [a, b]) {
      const queues = this.queues[db];
      if (queues !== undefined) for (const key of queues.keys()) this.keyChanged(db, key);
    }
  }

  /**
   * FLUSHDB/FLUSHALL: every key waited on in the database is gone; a check decides what that
   * means to its client (a stream group reader gets UNBLOCKED, as Redis's scanDatabaseForDeletedKeys).
   */
  databaseFlushed(db: number): void {
    const queues = this.queues[db];
    if (queues !== undefined) for (const key of queues.keys()) this.keyChanged(db, key);
  }

  /** Clients whose deadline has passed at `now`. */
  *expired(now: number): IterableIterator<BlockedClient> {
    for (const queues of this.queues) {
      if (queues === undefined) continue;
      for (const q of queues.values()) {
        for (const bc of q) if (bc.deadline !== 0 && bc.deadline <= now && !bc.done) yield bc;
      }
    }
  }
}

/**
 * A blocking command's timeout argument in seconds with decimals, as Redis 7.0 reads it
 * (getTimeoutFromObjectOrReply): an absolute deadline in ms, 0 for "forever", or an error text.
 */
export function parseBlockingTimeout(arg: string, now: number): number | string {
  const parsed = parseLongDouble(arg);
  if (parsed === null) return 'ERR timeout is not a float or out of range';
  let seconds = parsed.exponent === Infinity ? Infinity : Number(parsed.significand) * 2 ** parsed.exponent;
  if (seconds === 0 && parsed.significand !== 0n) seconds = Number.MIN_VALUE; // ceil of a tiny value is 1 ms
  const ms = Math.ceil((parsed.negative ? -seconds : seconds) * 1000);
  // C converts an out-of-range long double to LLONG_MIN, which then reads as negative.
  if (!Number.isFinite(ms) || ms >= 9223372036854775807) return 'ERR timeout is negative';
  if (ms < 0) return 'ERR timeout is negative';
  return ms === 0 ? 0 : now + ms;
}

/** parseBlockingTimeout for a handler: the deadline, or undefined after replying the error. */
export function blockingDeadline(ctx: CommandContext, arg: string): number | undefined {
  const d = parseBlockingTimeout(arg, ctx.now);
  if (typeof d === 'string') {
    ctx.reply.error(d);
    return undefined;
  }
  return d;
}

/** COMMAND DOCS history of the blocking pops that took integer timeouts before 6.0. */
export const TIMEOUT_HISTORY: Array<[string, string]> = [['6.0.0', '`timeout` is interpreted as a double instead of an integer.']];
