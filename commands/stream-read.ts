// XREAD and XREADGROUP (Redis 7.0's xreadCommand, streamReplyWithRange with a group, and
// blocked.c serveClientsBlockedOnStreamKey).
//
// Blocking: when nothing can be served and BLOCK was given, the arguments are rewritten in place
// into a form that means the same when run again (`$` becomes the stream's last ID, COUNT is made
// explicit: Redis serves a woken client at most 1000 entries when no COUNT was given) and the
// client is parked on the keys. A client's readiness check runs when one of its keys changes;
// when it says yes it moves that key first in the arguments, and the command, run again through
// the write path while its client is still marked blocked, answers for that key only, as Redis
// serves a blocked client from the one key that became ready.

import { ReplyWriter } from '../protocol/reply-writer.js';
import type { Database } from '../storage/database.js';
import { StreamValue, StreamIterator } from '../storage/stream.js';
import { PendingEntry, counterPlus, type ConsumerGroup, type StreamConsumer } from '../storage/stream-group.js';
import { StreamId } from '../storage/stream-id.js';
import { eqIgnoreCase, parseInteger } from './args.js';
import type { ReadyCheck } from './blocking.js';
import type { CommandContext } from './context.js';
import { SYNTAX, WRONGTYPE, cString } from './errors.js';
import { INVALID_STREAM_ID, readStreamId } from './stream-parse.js';
import { replyEntry } from './stream-reply.js';
import type { CommandSpec } from './types.js';
import { Notify } from './notify.js';

/** What a woken client is served at most when it gave no COUNT (XREAD_BLOCKED_DEFAULT_COUNT). */
const BLOCKED_DEFAULT_COUNT = 1000;

/** XREAD/XREADGROUP's arguments (one object reused: a command runs at a time). */
interface ReadArgs {
  group: string | null;
  consumer: string;
  count: number;
  /** Milliseconds to block, -1 without BLOCK. */
  block: number;
  /** BLOCK's and COUNT's arguments as given (a number beyond 2^53 would not print back the same). */
  blockArg: string;
  countArg: string;
  noack: boolean;
  streamsPos: number;
  nstreams: number;
}

const args: ReadArgs = { group: null, consumer: '', count: 0, block: -1, noack: false, blockArg: '', countArg: '', streamsPos: 0, nstreams: 0 };

/** Parses the options; null after replying an error. */
function parseReadArgs(ctx: CommandContext, argv: readonly string[], xreadgroup: boolean): ReadArgs | null {
  const a = args;
  a.group = null;
  a.consumer = '';
  a.count = 0;
  a.block = -1;
  a.noack = false;
  a.streamsPos = 0;
  const argc = argv.length;
  for (let i = 1; i < argc; i++) {
    const more = argc - i - 1;
    const o = argv[i]!;
    if (more !== 0 && eqIgnoreCase(o, 'block')) {
      const ms = parseInteger(argv[++i]!);
      if (ms === null) {
        ctx.reply.error('ERR timeout is not an integer or out of range');
        return null;
      }
      if (ms < 0) {
        ctx.reply.error('ERR timeout is negative');
        return null;
      }
      a.block = ms;
      a.blockArg = argv[i]!;
    } else if (more !== 0 && eqIgnoreCase(o, 'count')) {
      const n = parseInteger(argv[++i]!);
      if (n === null) {
        ctx.reply.error('ERR value is not an integer or out of range');
        return null;
      }
      a.count = n < 0 ? 0 : n;
      a.countArg = argv[i]!;
    } else if (more !== 0 && eqIgnoreCase(o, 'streams')) {
      a.streamsPos = i + 1;
      const n = argc - a.streamsPos;
      if (n % 2 !== 0) {
        ctx.reply.error("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.");
        return null;
      }
      a.nstreams = n / 2;
      break;
    } else if (more >= 2 && eqIgnoreCase(o, 'group')) {
      if (!xreadgroup) {
        ctx.reply.error('ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.');
        return null;
      }
      a.group = argv[i + 1]!;
      a.consumer = argv[i + 2]!;
      i += 2;
    } else if (eqIgnoreCase(o, 'noack')) {
      if (!xreadgroup) {
        ctx.reply.error('ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.');
        return null;
      }
      a.noack = true;
    } else {
      ctx.reply.error(SYNTAX);
      return null;
    }
  }
  if (a.streamsPos === 0) {
    ctx.reply.error(SYNTAX);
    return null;
  }
  if (xreadgroup && a.group === null) {
    ctx.reply.error('ERR Missing GROUP option for XREADGROUP');
    return null;
  }
  return a;
}

/** Per-stream state of one call, grown as needed and reused. */
const streams: Array<StreamValue | undefined> = [];
const groups: Array<ConsumerGroup | undefined> = [];
const ids: StreamId[] = [];
/** Collects the per-stream parts of the reply, whose count is known only at the end. */
const parts = new ReplyWriter();
const lastValid = new StreamId();
const start = new StreamId();

function noGroup(key: string, group: string): string {
  return `NOGROUP No such key '${cString(key)}' or consumer group '${cString(group)}' in XREADGROUP with GROUP option`;
}

function xread(ctx: CommandContext, argv: string[], xreadgroup: boolean): void {
  const a = parseReadArgs(ctx, argv, xreadgroup);
  if (a === null) return;
  if (ctx.client.blockedOnKeys) return serveBlocked(ctx, argv, a);
  const n = a.nstreams;
  const keysPos = a.streamsPos;
  const idsPos = keysPos + n;
  while (ids.length < n) ids.push(new StreamId());
  for (let i = 0; i < n; i++) {
    const key = argv[keysPos + i]!;
    const v = ctx.lookupRead(key);
    if (v !== undefined && !(v instanceof StreamValue)) return ctx.reply.error(WRONGTYPE);
    streams[i] = v;
    groups[i] = undefined;
    if (a.group !== null) {
      const g = v?.group(a.group);
      if (g === undefined) return ctx.reply.error(noGroup(key, a.group));
      groups[i] = g;
    }
    const arg = argv[idsPos + i]!;
    const id = ids[i]!;
    if (arg === '$') {
      if (xreadgroup) {
        return ctx.reply.error(
          'ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.',
        );
      }
      if (v !== undefined) id.copyFrom(v.lastId);
      else id.setZero();
    } else if (arg === '>') {
      if (!xreadgroup) return ctx.reply.error('ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.');
      // The largest ID stands for ">", as in Redis.
      id.setMax();
    } else if (readStreamId(arg, id, false, true) === 0) {
      return ctx.reply.error(INVALID_STREAM_ID);
    }
  }
  let served = 0;
  for (let i = 0; i < n; i++) {
    const s = streams[i];
    // Redis looks every key up again here: counted a second time in keyspace_hits/misses.
    ctx.countLookup(argv[keysPos + i]!, s);
    if (s === undefined) continue;
    const gt = ids[i]!;
    const g = groups[i];
    let history = false;
    let serve = false;
    if (g !== undefined) {
      if (!gt.isMax()) {
        serve = history = true;
      } else if (s.length !== 0 && s.lastEntryId(lastValid) && lastValid.compare(g.lastId) > 0) {
        serve = true;
        gt.copyFrom(g.lastId);
      }
    } else if (s.length !== 0 && s.lastEntryId(lastValid) && lastValid.compare(gt) > 0) {
      serve = true;
    }
    if (!serve) continue;
    served++;
    // Redis creates (or refreshes) the consumer only for a stream it serves.
    const consumer = g === undefined ? undefined : lookupConsumer(ctx, argv[keysPos + i]!, g, a.consumer);
    parts.arrayLength(2);
    parts.bulk(argv[keysPos + i]!);
    start.copyFrom(gt).increment();
    if (history) replyFromConsumerPel(parts, s, start, a.count, consumer!, ctx.now);
    else replyRange(parts, s, start, a.count, g, consumer, a.noack, ctx.now);
  }
  if (served !== 0) {
    ctx.reply.arrayLength(served);
    for (const b of parts.take()) ctx.reply.raw(b);
    return;
  }
  if (a.block < 0 || ctx.blocker === null) return ctx.reply.nullArray();
  block(ctx, argv, a, xreadgroup);
}

/** The consumer of a reading group, created on first use; a lookup refreshes its seen-time. */
function lookupConsumer(ctx: CommandContext, key: string, g: ConsumerGroup, name: string): StreamConsumer {
  const c = g.consumers.get(name);
  if (c === undefined) {
    ctx.notify(Notify.Stream, 'xgroup-createconsumer', key);
    return g.createConsumer(name, ctx.now);
  }
  c.seenTime = ctx.now;
  return c;
}

/**
 * Writes the entries from `from` on (at most count, 0 for all); with a group, delivers them:
 * the group's last ID and read counter move, and unless noack each entry becomes pending for
 * the consumer (taken over from another consumer if it was pending there).
 */
function replyRange(
  reply: ReplyWriter,
  s: StreamValue,
  from: StreamId,
  count: number,
  g: ConsumerGroup | undefined,
  consumer: StreamConsumer | undefined,
  noack: boolean,
  now: number,
): void {
  let n = 0;
  const it = new StreamIterator(s).start(from, null, false);
  while ((count === 0 || n < count) && it.next()) n++;
  reply.arrayLength(n);
  it.start(from, null, false);
  for (let i = 0; i < n && it.next(); i++) {
    const id = it.id;
    if (g !== undefined) s.advanceGroup(g, id);
    replyEntry(reply, it.node!, it.pos, id);
    if (g === undefined || noack) continue;
    const key = id.key();
    const owner = consumer!;
    const pending = g.pel.get(key);
    if (pending === undefined) {
      const entry = new PendingEntry(owner, now, 1);
      g.pel.set(key, entry);
      owner.pel.set(key, entry);
    } else {
      pending.consumer?.pel.delete(key);
      pending.consumer = owner;
      pending.deliveryTime = now;
      pending.deliveryCount = 1;
      owner.pel.set(key, pending);
    }
  }
}

/**
 * XREADGROUP with an ID: the consumer's own pending entries after it (at most count). An entry
 * deleted from the stream since is answered as [id, nil]; the others count one more delivery.
 */
function replyFromConsumerPel(reply: ReplyWriter, s: StreamValue, from: StreamId, count: number, consumer: StreamConsumer, now: number): void {
  const keys: string[] = [];
  const cursor = consumer.pel.cursor(from.key());
  for (let k = cursor.next(); k !== undefined && (count === 0 || keys.length < count); k = cursor.next()) keys.push(k);
  reply.arrayLength(keys.length);
  const id = new StreamId();
  const it = new StreamIterator(s);
  for (const k of keys) {
    id.setFromKey(k);
    it.start(id, id, false);
    if (!it.next()) {
      reply.arrayLength(2);
      reply.bulk(id.toString());
      reply.nullArray();
      continue;
    }
    replyEntry(reply, it.node!, it.pos, it.id);
    const entry = consumer.pel.get(k)!;
    entry.deliveryTime = now;
    entry.deliveryCount = counterPlus(entry.deliveryCount, 1);
  }
}

// ---------------------------------------------------------------------------------------------
// Blocking.

/** Parks the client: rewrites the arguments into their blocked form, then blocks on the keys. */
function block(ctx: CommandContext, argv: string[], a: ReadArgs, xreadgroup: boolean): void {
  const n = a.nstreams;
  const keys = argv.slice(a.streamsPos, a.streamsPos + n);
  const resolved = xreadgroup ? [] : ids.slice(0, n).map((id) => id.toString());
  const count = a.count === 0 ? String(BLOCKED_DEFAULT_COUNT) : a.countArg;
  const blocked = [argv[0]!];
  if (xreadgroup) blocked.push('GROUP', a.group!, a.consumer);
  blocked.push('COUNT', count, 'BLOCK', a.blockArg);
  if (a.noack) blocked.push('NOACK');
  blocked.push('STREAMS', ...keys);
  if (xreadgroup) for (let i = 0; i < n; i++) blocked.push('>');
  else blocked.push(...resolved);
  argv.length = 0;
  argv.push(...blocked);
  const keysPos = argv.length - 2 * n;
  // The check outlives this call: it captures values, not the reused argument object.
  const group = a.group!;
  const ready: ReadyCheck = xreadgroup
    ? (db, key) => readyForGroup(db, key, argv, keysPos, n, group)
    : (db, key) => readyForRead(db, key, argv, keysPos, n);
  ctx.blocker!.block(keys, a.block === 0 ? 0 : ctx.now + a.block, ready);
}

const waited = new StreamId();

/** Moves the pair (key, ID) at index i of the streams to the front: the one a woken run serves. */
function serveFirst(argv: string[], keysPos: number, n: number, i: number): void {
  if (i === 0) return;
  const key = argv[keysPos + i]!;
  const id = argv[keysPos + n + i]!;
  argv[keysPos + i] = argv[keysPos]!;
  argv[keysPos + n + i] = argv[keysPos + n]!;
  argv[keysPos] = key;
  argv[keysPos + n] = id;
}

/** XREAD: ready when the key holds a stream whose last ID is above the one waited after. */
function readyForRead(db: Database, key: string, argv: string[], keysPos: number, n: number): boolean {
  const v = db.dict.get(key);
  if (!(v instanceof StreamValue)) return false;
  const i = argv.indexOf(key, keysPos) - keysPos;
  readStreamId(argv[keysPos + n + i]!, waited, false, true);
  if (v.lastId.compare(waited) <= 0) return false;
  serveFirst(argv, keysPos, n, i);
  return true;
}

/**
 * XREADGROUP: ready when the stream has entries after the group's last ID, and also when the key
 * or the group is gone (the woken run then answers with Redis's error).
 */
function readyForGroup(db: Database, key: string, argv: string[], keysPos: number, n: number, group: string): boolean {
  const v = db.dict.get(key);
  if (v instanceof StreamValue) {
    const g = v.group(group);
    if (g !== undefined && v.lastId.compare(g.lastId) <= 0) return false;
  }
  serveFirst(argv, keysPos, n, argv.indexOf(key, keysPos) - keysPos);
  return true;
}

/** The run of a woken client: serves the first stream only, as Redis serves the ready key. */
function serveBlocked(ctx: CommandContext, argv: string[], a: ReadArgs): void {
  const key = argv[a.streamsPos]!;
  // Serving a woken client is not a lookup the stats count (Redis uses LOOKUP_NOSTATS).
  const v = ctx.db.get(key, ctx.now);
  let g: ConsumerGroup | undefined;
  if (a.group !== null) {
    if (!(v instanceof StreamValue)) return ctx.reply.error('UNBLOCKED the stream key no longer exists');
    g = v.group(a.group);
    if (g === undefined) return ctx.reply.error('NOGROUP the consumer group this client was blocked on no longer exists');
    start.copyFrom(g.lastId);
  } else {
    readStreamId(argv[a.streamsPos + a.nstreams]!, start, false, true);
  }
  if (!(v instanceof StreamValue) || v.lastId.compare(start) <= 0) return ctx.blocker!.block([key], 0, () => false);
  start.increment();
  const consumer = g === undefined ? undefined : lookupConsumer(ctx, key, g, a.consumer);
  ctx.reply.arrayLength(1);
  ctx.reply.arrayLength(2);
  ctx.reply.bulk(key);
  replyRange(ctx.reply, v, start, a.count, g, consumer, a.noack, ctx.now);
}

// ---------------------------------------------------------------------------------------------

/** Redis's xreadGetKeys: the keys after STREAMS, found by skipping the options before it. */
function readKeys(argv: readonly string[]): number[] {
  let pos = -1;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (eqIgnoreCase(arg, 'block') || eqIgnoreCase(arg, 'count')) i++;
    else if (eqIgnoreCase(arg, 'group')) i += 2;
    else if (eqIgnoreCase(arg, 'noack')) continue;
    else {
      if (eqIgnoreCase(arg, 'streams')) pos = i;
      break;
    }
  }
  const num = argv.length - pos - 1;
  if (pos === -1 || num === 0 || num % 2 !== 0) return [];
  const keys: number[] = [];
  for (let i = pos + 1; i < argv.length - num / 2; i++) keys.push(i);
  return keys;
}

const STREAMS_KEYS = [{ flags: 'RO ACCESS', begin: { keyword: 'STREAMS', startFrom: 1 }, range: { lastKey: -1, step: 1, limit: 2 } }] as const;

export const XREAD: CommandSpec = {
  name: 'xread',
  arity: -4,
  flags: ['readonly', 'blocking', 'movablekeys'],
  acl: ['read', 'stream', 'blocking'],
  keys: STREAMS_KEYS,
  doc: {
    summary: 'Return never seen elements in multiple streams, with IDs greater than the ones reported by the caller for each stream. Can block.',
    since: '5.0.0',
    group: 'stream',
    complexity:
      'For each stream mentioned: O(N) with N being the number of elements being returned, it means that XREAD-ing with a fixed COUNT is O(1). Note that when the BLOCK option is used, XADD will pay O(M) time in order to serve the M clients blocked on the stream getting new data.',
    syntax: '[COUNT count] [BLOCK milliseconds:integer] streams:(STREAMS key [key ...] id [id ...])',
  },
  getKeys: readKeys,
  exec(ctx, argv) {
    xread(ctx, argv, false);
  },
};

export const XREADGROUP: CommandSpec = {
  name: 'xreadgroup',
  arity: -7,
  flags: ['write', 'blocking', 'movablekeys'],
  acl: ['write', 'stream', 'blocking'],
  keys: [{ flags: 'RO ACCESS', begin: { keyword: 'STREAMS', startFrom: 4 }, range: { lastKey: -1, step: 1, limit: 2 } }],
  doc: {
    summary:
      'Return new entries from a stream using a consumer group, or access the history of the pending entries for a given consumer. Can block.',
    since: '5.0.0',
    group: 'stream',
    complexity:
      'For each stream mentioned: O(M) with M being the number of elements returned. If M is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1). On the other side when XREADGROUP blocks, XADD will pay the O(N) time in order to serve the N clients blocked on the stream getting new data.',
    syntax: 'GROUP group consumer [COUNT count] [BLOCK milliseconds:integer] [NOACK] streams:(STREAMS key [key ...] id [id ...])',
  },
  getKeys: readKeys,
  exec(ctx, argv) {
    xread(ctx, argv, true);
  },
};

export const streamReadCommands: CommandSpec[] = [XREAD, XREADGROUP];
