// Keyspace notifications (Redis's notify.c): with notify-keyspace-events set, a change to a key is
// published on `__keyspace@<db>__:<key>` (message: the event) and `__keyevent@<db>__:<event>`
// (message: the key). Handlers call ctx.notify(type, event, key) after a change; with
// notifications off (the default) that costs one flag test.
//
// Events are published while an entry is applied, so in a cluster every node tells its own
// subscribers about the changes it applies. Reads never remove a key (DESIGN.md), so where Redis
// publishes `expired` when a read finds a key expired, here the key's `expired` comes when a
// write or the active expiry cycle removes it. A keymiss (m) event comes from a lookup for reading
// that finds no key (CommandContext.lookupRead), on the node that serves the read.

import type { Database } from '../storage/database.js';
import type { Keyspace } from '../storage/keyspace.js';
import type { PubSub } from './pubsub-registry.js';

/** Event classes, the bits of notify-keyspace-events (notify.c). */
export const Notify = {
  Keyspace: 1 << 0,
  Keyevent: 1 << 1,
  Generic: 1 << 2,
  String: 1 << 3,
  List: 1 << 4,
  Set: 1 << 5,
  Hash: 1 << 6,
  Zset: 1 << 7,
  Expired: 1 << 8,
  Evicted: 1 << 9,
  Stream: 1 << 10,
  KeyMiss: 1 << 11,
  Module: 1 << 12,
  New: 1 << 13,
} as const;

/** The classes `A` stands for. */
const ALL = Notify.Generic | Notify.String | Notify.List | Notify.Set | Notify.Hash | Notify.Zset | Notify.Expired | Notify.Evicted | Notify.Stream | Notify.Module;

const CLASS_OF_CHAR: Record<string, number> = {
  A: ALL,
  g: Notify.Generic,
  $: Notify.String,
  l: Notify.List,
  s: Notify.Set,
  h: Notify.Hash,
  z: Notify.Zset,
  x: Notify.Expired,
  e: Notify.Evicted,
  K: Notify.Keyspace,
  E: Notify.Keyevent,
  t: Notify.Stream,
  m: Notify.KeyMiss,
  d: Notify.Module,
  n: Notify.New,
};

/** The order CONFIG GET spells the classes in, after A or instead of it. */
const CHAR_ORDER: Array<[number, string]> = [
  [Notify.Generic, 'g'],
  [Notify.String, '$'],
  [Notify.List, 'l'],
  [Notify.Set, 's'],
  [Notify.Hash, 'h'],
  [Notify.Zset, 'z'],
  [Notify.Expired, 'x'],
  [Notify.Evicted, 'e'],
  [Notify.Stream, 't'],
  [Notify.Module, 'd'],
  [Notify.New, 'n'],
];

/** notify-keyspace-events text to class bits (keyspaceEventsStringToFlags); -1 for an unknown character. The text ends at a NUL. */
export function keyspaceEventsToFlags(s: string): number {
  let flags = 0;
  for (const ch of s) {
    if (ch === '\0') break;
    const f = CLASS_OF_CHAR[ch];
    if (f === undefined) return -1;
    flags |= f;
  }
  return flags;
}

/** Class bits to the canonical text CONFIG GET shows (keyspaceEventsFlagsToString). */
export function keyspaceEventsToString(flags: number): string {
  let s = '';
  if ((flags & ALL) === ALL) s += 'A';
  else for (const [f, c] of CHAR_ORDER) if (flags & f) s += c;
  if (flags & Notify.Keyspace) s += 'K';
  if (flags & Notify.Keyevent) s += 'E';
  if (flags & Notify.KeyMiss) s += 'm';
  return s;
}

/** Publishes one event of a class that is enabled (the caller checked the class). */
export function publishKeyspaceEvent(pubsub: PubSub, event: string, key: string, dbid: number): void {
  if (pubsub.idle) return; // nobody could receive it
  const flags = pubsub.keyspaceEvents;
  if ((flags & Notify.Keyspace) !== 0) pubsub.publish(`__keyspace@${dbid}__:${key}`, event);
  if ((flags & Notify.Keyevent) !== 0) pubsub.publish(`__keyevent@${dbid}__:${event}`, key);
}

/**
 * Applies notify-keyspace-events. The events the storage layer sees itself (a key created, a key
 * found expired by a write) come through listeners installed only while their class is on.
 */
export function setKeyspaceEvents(pubsub: PubSub, keyspace: Keyspace, flags: number): void {
  pubsub.keyspaceEvents = flags;
  const publishing = (flags & (Notify.Keyspace | Notify.Keyevent)) !== 0;
  const onNewKey = publishing && (flags & Notify.New) !== 0 ? (db: Database, key: string) => publishKeyspaceEvent(pubsub, 'new', key, db.id) : null;
  const onExpired = publishing && (flags & Notify.Expired) !== 0 ? (db: Database, key: string) => publishKeyspaceEvent(pubsub, 'expired', key, db.id) : null;
  for (const db of keyspace.dbs) {
    db.onNewKey = onNewKey;
    db.onExpired = onExpired;
  }
}
