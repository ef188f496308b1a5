// The stream commands that add, read by range, delete and trim entries: XADD, XLEN, XRANGE,
// XREVRANGE, XDEL, XTRIM, XSETID (Redis 7.0's t_stream.c). Reading with XREAD/XREADGROUP is in
// stream-read.ts, consumer groups in stream-group.ts, XINFO in stream-info.ts.

import { StreamValue } from '../storage/stream.js';
import { StreamId } from '../storage/stream-id.js';
import type { Counter } from '../storage/stream-group.js';
import type { StoredValue } from '../storage/value.js';
import { eqIgnoreCase } from './args.js';
import type { CommandContext } from './context.js';
import { NO_SUCH_KEY, SYNTAX, WRONGTYPE, wrongArity } from './errors.js';
import { parseAddTrimArgs, parseCountOrReply, parseCounterOrReply, parseRangeBoundOrReply, parseStrictIdOrReply } from './stream-parse.js';
import { replyRange } from './stream-reply.js';
import type { CommandSpec } from './types.js';
import { Notify } from './notify.js';

const TWO_32 = 4294967296;
/** STREAM_LISTPACK_MAX_SIZE: an entry's fields and values may not add up to more. */
const MAX_ENTRY_BYTES = 1 << 30;

const ID_TOO_SMALL = 'ERR The ID specified in XADD is equal or smaller than the target stream top item';

/** The stream at key for a read; undefined when missing, null after a WRONGTYPE reply. */
export function streamForRead(ctx: CommandContext, key: string): StreamValue | undefined | null {
  return asStream(ctx, ctx.lookupRead(key));
}

/** The stream at key for a write (an expired key is removed first); null after WRONGTYPE. */
export function streamForWrite(ctx: CommandContext, key: string): StreamValue | undefined | null {
  return asStream(ctx, ctx.db.getForWrite(key, ctx.now));
}

/** streamForWrite for the writes Redis looks up as reads (XACK, XCLAIM, XAUTOCLAIM: counted in keyspace_hits/misses). */
export function streamReadForWrite(ctx: CommandContext, key: string): StreamValue | undefined | null {
  return asStream(ctx, ctx.lookupReadForWrite(key));
}

function asStream(ctx: CommandContext, v: StoredValue | undefined): StreamValue | undefined | null {
  if (v === undefined || v instanceof StreamValue) return v;
  ctx.reply.error(WRONGTYPE);
  return null;
}

const newId = new StreamId();

/**
 * The ID of a new entry: `*` (the entry's time, or the last ID's next sequence when the clock is
 * not ahead of it), `<ms>-*` or explicit. Writes it into newId; false when it is not above the
 * last ID.
 */
function nextEntryId(s: StreamValue, now: number, idGiven: boolean, seqGiven: boolean, given: StreamId): boolean {
  const last = s.lastId;
  if (!idGiven) {
    const hi = Math.floor(now / TWO_32);
    const lo = now >>> 0;
    if (hi > last.msHi || (hi === last.msHi && lo > last.msLo)) {
      newId.msHi = hi;
      newId.msLo = lo;
      newId.seqHi = newId.seqLo = 0;
    } else {
      newId.copyFrom(last).increment();
    }
  } else if (!seqGiven && given.msHi === last.msHi && given.msLo === last.msLo) {
    if (last.seqHi === 0xffffffff && last.seqLo === 0xffffffff) return false;
    newId.copyFrom(last).increment();
  } else {
    newId.copyFrom(given);
  }
  return newId.compare(last) > 0;
}

export const XADD: CommandSpec = {
  name: 'xadd',
  arity: -5,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['write', 'stream', 'fast'],
  keys: [{ flags: 'RW UPDATE', begin: 1, range: { lastKey: 0, step: 1, limit: 0 }, notes: 'UPDATE instead of INSERT because of the optional trimming feature' }],
  tips: ['nondeterministic_output'],
  doc: {
    summary: 'Appends a new entry to a stream',
    since: '5.0.0',
    group: 'stream',
    complexity: 'O(1) when adding a new entry, O(N) when trimming where N being the number of entries evicted.',
    syntax: 'key [NOMKSTREAM] trim:[<MAXLEN | MINID> [= | ~] threshold [LIMIT count]] id_or_auto:<* | id> field value [field value ...]',
    history: [
      ['6.2.0', 'Added the `NOMKSTREAM` option, `MINID` trimming strategy and the `LIMIT` option.'],
      ['7.0.0', 'Added support for the `<ms>-*` explicit ID form.'],
    ],
  },
  exec(ctx, argv) {
    const settings = ctx.keyspace.encoding;
    const a = parseAddTrimArgs(ctx, argv, true, settings.streamNodeMaxEntries);
    if (a === null) return;
    const fieldPos = a.idPos + 1;
    const rest = argv.length - fieldPos;
    if (rest < 2 || rest % 2 === 1) return ctx.reply.error(wrongArity('xadd'));
    if (a.idGiven && a.seqGiven && a.id.isZero()) return ctx.reply.error('ERR The ID specified in XADD must be greater than 0-0');
    const key = argv[1]!;
    let s = streamForWrite(ctx, key);
    if (s === null) return;
    const created = s === undefined;
    if (s === undefined) {
      if (a.noMkstream) return ctx.reply.nullBulk();
      s = new StreamValue();
      ctx.db.set(key, s);
    }
    if (s.lastId.isMax()) return ctx.reply.error('ERR The stream has exhausted the last possible ID, unable to add more items');
    if (!nextEntryId(s, ctx.now, a.idGiven, a.seqGiven, a.id)) return ctx.reply.error(ID_TOO_SMALL);
    let bytes = 0;
    for (let i = fieldPos; i < argv.length; i++) bytes += argv[i]!.length;
    if (bytes > MAX_ENTRY_BYTES) return ctx.reply.error('ERR Elements are too large to be stored');
    s.append(newId, argv, fieldPos, rest / 2, settings);
    ctx.reply.bulk(newId.toString());
    if (!created) ctx.db.touched(key);
    ctx.notify(Notify.Stream, 'xadd', key);
    if (a.trim !== null && s.trim(a) !== 0) ctx.notify(Notify.Stream, 'xtrim', key);
  },
};

export const XLEN: CommandSpec = {
  name: 'xlen',
  arity: 2,
  flags: ['readonly', 'fast'],
  acl: ['read', 'stream', 'fast'],
  keys: [{ flags: 'RO', begin: 1, range: { lastKey: 0, step: 1, limit: 0 } }],
  doc: { summary: 'Return the number of entries in a stream', since: '5.0.0', group: 'stream', complexity: 'O(1)', syntax: 'key' },
  exec(ctx, argv) {
    const s = streamForRead(ctx, argv[1]!);
    if (s !== null) ctx.reply.integer(s === undefined ? 0 : s.length);
  },
};

const rangeStart = new StreamId();
const rangeEnd = new StreamId();

/** XRANGE and XREVRANGE (xrangeGenericCommand). */
function rangeCommand(ctx: CommandContext, argv: string[], rev: boolean): void {
  if (!parseRangeBoundOrReply(ctx, rev ? argv[3]! : argv[2]!, rangeStart, false)) return;
  if (!parseRangeBoundOrReply(ctx, rev ? argv[2]! : argv[3]!, rangeEnd, true)) return;
  let count = -1;
  for (let j = 4; j < argv.length; j++) {
    if (eqIgnoreCase(argv[j]!, 'count') && j + 1 < argv.length) {
      const n = parseCountOrReply(ctx, argv[++j]!);
      if (n === null) return;
      count = n < 0 ? 0 : n;
    } else {
      return ctx.reply.error(SYNTAX);
    }
  }
  const s = streamForRead(ctx, argv[1]!);
  if (s === null) return;
  if (s === undefined) return ctx.reply.arrayLength(0);
  if (count === 0) return ctx.reply.nullArray();
  replyRange(ctx.reply, s, rangeStart, rangeEnd, count === -1 ? 0 : count, rev);
}

const RANGE_HISTORY: Array<[string, string]> = [['6.2.0', 'Added exclusive ranges.']];

export const XRANGE: CommandSpec = {
  name: 'xrange',
  arity: -4,
  flags: ['readonly'],
  acl: ['read', 'stream'],
  keys: [{ flags: 'RO ACCESS', begin: 1, range: { lastKey: 0, step: 1, limit: 0 } }],
  doc: {
    summary: 'Return a range of elements in a stream, with IDs matching the specified IDs interval',
    since: '5.0.0',
    group: 'stream',
    complexity:
      'O(N) with N being the number of elements being returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1).',
    syntax: 'key start:string end:string [COUNT count]',
    history: RANGE_HISTORY,
  },
  exec(ctx, argv) {
    rangeCommand(ctx, argv, false);
  },
};

export const XREVRANGE: CommandSpec = {
  name: 'xrevrange',
  arity: -4,
  flags: ['readonly'],
  acl: ['read', 'stream'],
  keys: [{ flags: 'RO ACCESS', begin: 1, range: { lastKey: 0, step: 1, limit: 0 } }],
  doc: {
    summary:
      'Return a range of elements in a stream, with IDs matching the specified IDs interval, in reverse order (from greater to smaller IDs) compared to XRANGE',
    since: '5.0.0',
    group: 'stream',
    complexity:
      'O(N) with N being the number of elements returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1).',
    syntax: 'key end:string start:string [COUNT count]',
    history: RANGE_HISTORY,
  },
  exec(ctx, argv) {
    rangeCommand(ctx, argv, true);
  },
};

export const XDEL: CommandSpec = {
  name: 'xdel',
  arity: -3,
  flags: ['write', 'fast'],
  acl: ['write', 'stream', 'fast'],
  keys: [{ flags: 'RW DELETE', begin: 1, range: { lastKey: 0, step: 1, limit: 0 } }],
  doc: {
    summary:
      'Removes the specified entries from the stream. Returns the number of items actually deleted, that may be different from the number of IDs passed in case certain IDs do not exist.',
    since: '5.0.0',
    group: 'stream',
    complexity: 'O(1) for each single item to delete in the stream, regardless of the stream size.',
    syntax: 'key id [id ...]',
  },
  exec(ctx, argv) {
    const key = argv[1]!;
    const s = streamForWrite(ctx, key);
    if (s === null) return;
    if (s === undefined) return ctx.reply.integer(0);
    // Every ID is checked first, so that the command does all or nothing.
    const ids: StreamId[] = [];
    for (let j = 2; j < argv.length; j++) {
      const id = new StreamId();
      if (!parseStrictIdOrReply(ctx, argv[j]!, id)) return;
      ids.push(id);
    }
    let deleted = 0;
    for (const id of ids) if (s.delete(id)) deleted++;
    if (deleted !== 0) {
      ctx.db.signalModified(key);
      ctx.notify(Notify.Stream, 'xdel', key);
    }
    ctx.reply.integer(deleted);
  },
};

export const XTRIM: CommandSpec = {
  name: 'xtrim',
  arity: -4,
  flags: ['write'],
  acl: ['write', 'stream'],
  keys: [{ flags: 'RW DELETE', begin: 1, range: { lastKey: 0, step: 1, limit: 0 } }],
  tips: ['nondeterministic_output'],
  doc: {
    summary: "Trims the stream to (approximately if '~' is passed) a certain size",
    since: '5.0.0',
    group: 'stream',
    complexity:
      'O(N), with N being the number of evicted entries. Constant times are very small however, since entries are organized in macro nodes containing multiple entries that can be released with a single deallocation.',
    syntax: 'key trim:(<MAXLEN | MINID> [= | ~] threshold [LIMIT count])',
    history: [['6.2.0', 'Added the `MINID` trimming strategy and the `LIMIT` option.']],
  },
  exec(ctx, argv) {
    const a = parseAddTrimArgs(ctx, argv, false, ctx.keyspace.encoding.streamNodeMaxEntries);
    if (a === null) return;
    const key = argv[1]!;
    const s = streamForWrite(ctx, key);
    if (s === null) return;
    if (s === undefined) return ctx.reply.integer(0);
    const deleted = s.trim(a);
    if (deleted !== 0) {
      ctx.db.signalModified(key);
      ctx.notify(Notify.Stream, 'xtrim', key);
    }
    ctx.reply.integer(deleted);
  },
};

export const XSETID: CommandSpec = {
  name: 'xsetid',
  arity: -3,
  flags: ['write', 'denyoom', 'fast'],
  acl: ['write', 'stream', 'fast'],
  keys: [{ flags: 'RW UPDATE', begin: 1, range: { lastKey: 0, step: 1, limit: 0 } }],
  doc: {
    summary: 'An internal command for replicating stream values',
    since: '5.0.0',
    group: 'stream',
    complexity: 'O(1)',
    syntax: 'key last-id [ENTRIESADDED entries_added] [MAXDELETEDID max_deleted_entry_id]',
    history: [['7.0.0', 'Added the `entries_added` and `max_deleted_entry_id` arguments.']],
  },
  exec(ctx, argv) {
    const id = new StreamId();
    const maxDeleted = new StreamId();
    let entriesAdded: Counter = -1;
    if (!parseStrictIdOrReply(ctx, argv[2]!, id)) return;
    for (let i = 3; i < argv.length; i++) {
      const more = argv.length - 1 - i;
      const opt = argv[i]!;
      if (more !== 0 && eqIgnoreCase(opt, 'entriesadded')) {
        const n = parseCounterOrReply(ctx, argv[++i]!);
        if (n === null) return;
        if (n < 0) return ctx.reply.error('ERR entries_added must be positive');
        entriesAdded = n;
      } else if (more !== 0 && eqIgnoreCase(opt, 'maxdeletedid')) {
        if (!parseStrictIdOrReply(ctx, argv[++i]!, maxDeleted)) return;
        if (id.compare(maxDeleted) < 0) return ctx.reply.error('ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id');
      } else {
        return ctx.reply.error(SYNTAX);
      }
    }
    const key = argv[1]!;
    const s = streamForWrite(ctx, key);
    if (s === null) return;
    if (s === undefined) return ctx.reply.error(NO_SUCH_KEY);
    if (s.length > 0) {
      const top = new StreamId();
      s.lastEntryId(top);
      if (id.compare(top) < 0) return ctx.reply.error('ERR The ID specified in XSETID is smaller than the target stream top item');
      if (entriesAdded !== -1 && s.length > entriesAdded) {
        return ctx.reply.error('ERR The entries_added specified in XSETID is smaller than the target stream length');
      }
    }
    s.lastId.copyFrom(id);
    if (entriesAdded !== -1) s.entriesAdded = entriesAdded;
    if (!maxDeleted.isZero()) s.maxDeletedId.copyFrom(maxDeleted);
    ctx.notify(Notify.Stream, 'xsetid', key);
    ctx.reply.status('OK');
  },
};

export const streamEntryCommands: CommandSpec[] = [XADD, XLEN, XRANGE, XREVRANGE, XDEL, XTRIM, XSETID];
