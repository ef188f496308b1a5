// XCLAIM and XAUTOCLAIM: giving pending entries of a consumer group to another consumer (Redis
// 7.0's xclaimCommand and xautoclaimCommand). Idle times are measured from the entry's time
// (ctx.now), so every node that applies the same entry claims the same entries.

import type { StreamValue } from '../storage/stream.js';
import { PendingEntry, counter, counterPlus, type ConsumerGroup, type Counter, type StreamConsumer } from '../storage/stream-group.js';
import { StreamId } from '../storage/stream-id.js';
import { eqIgnoreCase, parseInt64, parseInteger } from './args.js';
import type { CommandContext } from './context.js';
import { SYNTAX, cString } from './errors.js';
import { streamReadForWrite } from './stream-entries.js';
import { parseRangeBoundOrReply, parseStrictIdOrReply, readStreamId } from './stream-parse.js';
import { replyEntryById } from './stream-reply.js';
import type { CommandSpec } from './types.js';
import { Notify } from './notify.js';

/** The largest XAUTOCLAIM COUNT (LONG_MAX / 16, so that the work bound cannot overflow). */
const MAX_AUTOCLAIM_COUNT = 576460752303423487n;
/**
 * Redis first allocates 16 bytes per COUNT (virtual memory, not touched unless used). On x86-64
 * Linux 2^41 of them (32 TB) are granted and 2^42 (64 TB, half the address space) are not; in
 * between it depends on the process's mappings. Past 2^42 we answer the error Redis gives.
 */
const MAX_ALLOCATABLE_COUNT = 1n << 42n;
/** XAUTOCLAIM looks at up to this many entries per entry it may claim. */
const ATTEMPTS_FACTOR = 10;

function noGroup(argv: readonly string[]): string {
  return `NOGROUP No such key '${cString(argv[1]!)}' or consumer group '${cString(argv[2]!)}'`;
}

/** The stream and group at argv[1], argv[2]; null after replying WRONGTYPE or NOGROUP. */
function claimTarget(ctx: CommandContext, argv: readonly string[]): { s: StreamValue; g: ConsumerGroup } | null {
  const s = streamReadForWrite(ctx, argv[1]!);
  if (s === null) return null;
  const g = s?.group(argv[2]!);
  if (g === undefined) {
    ctx.reply.error(noGroup(argv));
    return null;
  }
  return { s: s!, g };
}

/** The claiming consumer, looked up (refreshing its seen-time) or created on first claim. */
function claimant(ctx: CommandContext, key: string, g: ConsumerGroup, name: string, now: number): StreamConsumer {
  const c = g.consumers.get(name);
  if (c === undefined) {
    ctx.notify(Notify.Stream, 'xgroup-createconsumer', key);
    return g.createConsumer(name, now);
  }
  c.seenTime = now;
  return c;
}

/** Moves a pending entry to `consumer` (from its owner, if another). */
function transfer(key: string, entry: PendingEntry, consumer: StreamConsumer): void {
  if (entry.consumer === consumer) return;
  entry.consumer?.pel.delete(key);
  consumer.pel.set(key, entry);
  entry.consumer = consumer;
}

/** Writes a claimed (live) entry, or its ID alone with JUSTID. */
function replyClaimed(ctx: CommandContext, s: StreamValue, id: StreamId, justId: boolean): void {
  if (justId) ctx.reply.bulk(id.toString());
  else replyEntryById(ctx.reply, s, id);
}

export const XCLAIM: CommandSpec = {
  name: 'xclaim',
  arity: -6,
  flags: ['write', 'fast'],
  acl: ['write', 'stream', 'fast'],
  keys: [{ flags: 'RW UPDATE', begin: 1, range: { lastKey: 0, step: 1, limit: 0 } }],
  tips: ['nondeterministic_output'],
  doc: {
    summary: 'Changes (or acquires) ownership of a message in a consumer group, as if the message was delivered to the specified consumer.',
    since: '5.0.0',
    group: 'stream',
    complexity: 'O(log N) with N being the number of messages in the PEL of the consumer group.',
    syntax:
      'key group consumer min-idle-time:string id [id ...] [IDLE ms] [TIME unix-time-milliseconds] [RETRYCOUNT count] [FORCE] [JUSTID] [LASTID id]',
  },
  exec(ctx, argv) {
    const t = claimTarget(ctx, argv);
    if (t === null) return;
    const { s, g } = t;
    const minIdleArg = parseInteger(argv[4]!);
    if (minIdleArg === null) return ctx.reply.error('ERR Invalid min-idle-time argument for XCLAIM');
    const minIdle = minIdleArg < 0 ? 0 : minIdleArg;
    // The IDs run up to the first argument that is not one; the options follow.
    const ids: StreamId[] = [];
    let j = 5;
    for (; j < argv.length; j++) {
      const id = new StreamId();
      if (readStreamId(argv[j]!, id, false, true) === 0) break;
      ids.push(id);
    }
    const now = ctx.now;
    let deliveryTime = -1;
    let retryCount: Counter = -1;
    let force = false;
    let justId = false;
    const lastId = new StreamId();
    for (; j < argv.length; j++) {
      const more = argv.length - 1 - j;
      const opt = argv[j]!;
      if (eqIgnoreCase(opt, 'force')) force = true;
      else if (eqIgnoreCase(opt, 'justid')) justId = true;
      else if (more !== 0 && (eqIgnoreCase(opt, 'idle') || eqIgnoreCase(opt, 'time') || eqIgnoreCase(opt, 'retrycount'))) {
        const name = opt.toUpperCase();
        const n = parseInt64(argv[++j]!);
        if (n === null) return ctx.reply.error(`ERR Invalid ${name} option argument for XCLAIM`);
        if (name === 'IDLE') deliveryTime = now - Number(n);
        else if (name === 'TIME') deliveryTime = Number(n);
        else retryCount = counter(n);
      } else if (more !== 0 && eqIgnoreCase(opt, 'lastid')) {
        if (!parseStrictIdOrReply(ctx, argv[++j]!, lastId)) return;
      } else {
        return ctx.reply.error(`ERR Unrecognized XCLAIM option '${cString(opt)}'`);
      }
    }
    if (lastId.compare(g.lastId) > 0) g.lastId.copyFrom(lastId);
    // A time in the future or before the epoch (clients computing it with their own clock) is now.
    if (deliveryTime < 0 || deliveryTime > now) deliveryTime = now;
    // The reply's length is known only once every ID is looked at: decide first, then write.
    const claimed: StreamId[] = [];
    let consumer: StreamConsumer | null = null;
    for (const id of ids) {
      const key = id.key();
      let entry = g.pel.get(key);
      if (!s.has(id)) {
        // Pending but deleted from the stream: dropped from the PEL.
        if (entry !== undefined) g.acknowledge(key, entry);
        continue;
      }
      if (force && entry === undefined) {
        entry = new PendingEntry(null, now, 1);
        g.pel.set(key, entry);
      }
      if (entry === undefined) continue;
      if (entry.consumer !== null && minIdle !== 0 && now - entry.deliveryTime < minIdle) continue;
      consumer ??= claimant(ctx, argv[1]!, g, argv[3]!, now);
      transfer(key, entry, consumer);
      entry.deliveryTime = deliveryTime;
      if (retryCount >= 0) entry.deliveryCount = retryCount;
      else if (!justId) entry.deliveryCount = counterPlus(entry.deliveryCount, 1);
      claimed.push(id);
    }
    ctx.reply.arrayLength(claimed.length);
    for (const id of claimed) replyClaimed(ctx, s, id, justId);
  },
};

export const XAUTOCLAIM: CommandSpec = {
  name: 'xautoclaim',
  arity: -6,
  flags: ['write', 'fast'],
  acl: ['write', 'stream', 'fast'],
  keys: [{ flags: 'RW DELETE', begin: 1, range: { lastKey: 0, step: 1, limit: 0 } }],
  tips: ['nondeterministic_output'],
  doc: {
    summary: 'Changes (or acquires) ownership of messages in a consumer group, as if the messages were delivered to the specified consumer.',
    since: '6.2.0',
    group: 'stream',
    complexity: 'O(1) if COUNT is small.',
    syntax: 'key group consumer min-idle-time:string start:string [COUNT count] [JUSTID]',
    history: [['7.0.0', 'Added an element to the reply array, containing deleted entries the command cleared from the PEL']],
  },
  exec(ctx, argv) {
    const minIdleArg = parseInteger(argv[4]!);
    if (minIdleArg === null) return ctx.reply.error('ERR Invalid min-idle-time argument for XAUTOCLAIM');
    const minIdle = minIdleArg < 0 ? 0 : minIdleArg;
    const start = new StreamId();
    if (!parseRangeBoundOrReply(ctx, argv[5]!, start, false)) return;
    let count = 100;
    let justId = false;
    for (let j = 6; j < argv.length; j++) {
      const opt = argv[j]!;
      if (eqIgnoreCase(opt, 'count') && j + 1 < argv.length) {
        const n = parseInt64(argv[++j]!);
        if (n === null || n < 1n || n > MAX_AUTOCLAIM_COUNT) return ctx.reply.error('ERR COUNT must be > 0');
        // Redis allocates room for COUNT deleted IDs first; past what it can allocate it says so.
        if (n > MAX_ALLOCATABLE_COUNT) return ctx.reply.error('ERR Insufficient memory, failed allocating transient memory, COUNT too high.');
        count = Number(n);
      } else if (eqIgnoreCase(opt, 'justid')) {
        justId = true;
      } else {
        return ctx.reply.error(SYNTAX);
      }
    }
    const t = claimTarget(ctx, argv);
    if (t === null) return;
    const { s, g } = t;
    const now = ctx.now;
    let attempts = count * ATTEMPTS_FACTOR;
    let consumer: StreamConsumer | null = null;
    const claimed: StreamId[] = [];
    const deleted: StreamId[] = [];
    let next = g.pel.ceiling(start.key());
    while (attempts-- > 0 && count > 0 && next !== undefined) {
      const key = next;
      const entry = g.pel.get(key)!;
      const id = new StreamId().setFromKey(key);
      next = g.pel.ceiling(key + '\0');
      if (!s.has(id)) {
        g.acknowledge(key, entry);
        deleted.push(id);
        count--;
        continue;
      }
      if (minIdle !== 0 && now - entry.deliveryTime < minIdle) continue;
      consumer ??= claimant(ctx, argv[1]!, g, argv[3]!, now);
      transfer(key, entry, consumer);
      entry.deliveryTime = now;
      if (!justId) entry.deliveryCount = counterPlus(entry.deliveryCount, 1);
      claimed.push(id);
      count--;
    }
    const reply = ctx.reply;
    reply.arrayLength(3);
    reply.bulk(next === undefined ? '0-0' : new StreamId().setFromKey(next).toString());
    reply.arrayLength(claimed.length);
    for (const id of claimed) replyClaimed(ctx, s, id, justId);
    reply.arrayLength(deleted.length);
    for (const id of deleted) reply.bulk(id.toString());
  },
};

export const streamClaimCommands: CommandSpec[] = [XCLAIM, XAUTOCLAIM];
