// Consumer groups of a stream (Redis's streamCG, streamConsumer, streamNACK): the last ID
// delivered to the group, its read counter, its pending entries list (PEL: delivered and not yet
// acknowledged) and its consumers, each with its own PEL. A pending entry is one object shared by
// the group's PEL and its owner's PEL.

import { IdMap } from './stream-id-map.js';
import type { StreamId } from './stream-id.js';

/** The group's entries_read when it is not known (SCG_INVALID_ENTRIES_READ). */
export const ENTRIES_READ_UNKNOWN = -1;

/**
 * A 64-bit counter of Redis's (entries added, entries read): a number while it is exact, which
 * is always in practice, and a BigInt only past 2^53 (XSETID and XGROUP may set any int64).
 */
export type Counter = number | bigint;

/** A counter from a BigInt: a number when exact. */
export function counter(v: bigint): Counter {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

/** a + b, exactly. */
export function counterPlus(a: Counter, b: number): Counter {
  if (typeof a === 'number') {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  return counter(BigInt(a) + BigInt(b));
}

/** a - b, exactly. */
export function counterMinus(a: Counter, b: Counter): Counter {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return counter(BigInt(a) - BigInt(b));
}

export class PendingEntry {
  constructor(
    /** Null only for an entry XCLAIM FORCE just created, before it is given its consumer. */
    public consumer: StreamConsumer | null,
    /** Milliseconds since the epoch of the last delivery. */
    public deliveryTime: number,
    /** Deliveries so far (RETRYCOUNT may set any int64). */
    public deliveryCount: Counter,
  ) {}
}

export class StreamConsumer {
  /** The pending entries delivered to this consumer. */
  readonly pel = new IdMap<PendingEntry>();

  constructor(
    readonly name: string,
    /** When the consumer last read or claimed (XINFO's seen-time and idle). */
    public seenTime: number,
  ) {}
}

export class ConsumerGroup {
  readonly pel = new IdMap<PendingEntry>();
  readonly consumers = new Map<string, StreamConsumer>();

  constructor(
    /** The last ID delivered to the group. */
    readonly lastId: StreamId,
    /** Entries read by the group so far (its logical position), or ENTRIES_READ_UNKNOWN. */
    public entriesRead: Counter,
  ) {}

  createConsumer(name: string, now: number): StreamConsumer {
    const c = new StreamConsumer(name, now);
    this.consumers.set(name, c);
    return c;
  }

  /** Removes a consumer and its pending entries from the group; returns how many it had. */
  deleteConsumer(consumer: StreamConsumer): number {
    const pending = consumer.pel.size;
    const cursor = consumer.pel.cursor('');
    for (let k = cursor.next(); k !== undefined; k = cursor.next()) this.pel.delete(k);
    this.consumers.delete(consumer.name);
    return pending;
  }

  /** Removes a pending entry from the group's PEL and its owner's. */
  acknowledge(key: string, entry: PendingEntry): void {
    this.pel.delete(key);
    entry.consumer?.pel.delete(key);
  }

  /** The consumers in Redis's order (its radix tree: by name, bytewise). */
  sortedConsumers(): StreamConsumer[] {
    return [...this.consumers.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  clone(): ConsumerGroup {
    const g = new ConsumerGroup(this.lastId.clone(), this.entriesRead);
    for (const c of this.consumers.values()) {
      const copy = g.createConsumer(c.name, c.seenTime);
      const cursor = c.pel.cursor('');
      for (let k = cursor.next(); k !== undefined; k = cursor.next()) {
        const e = c.pel.get(k)!;
        const entry = new PendingEntry(copy, e.deliveryTime, e.deliveryCount);
        copy.pel.set(k, entry);
        g.pel.set(k, entry);
      }
    }
    return g;
  }
}
