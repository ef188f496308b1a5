// Arguments of the stream commands, read as Redis 7.0 reads them (t_stream.c
// streamGenericParseIDOrReply, streamParseAddOrTrimArgsOrReply; util.c string2ull).

import { StreamId } from '../storage/stream-id.js';
import type { TrimArgs, TrimStrategy } from '../storage/stream.js';
import { counter, type Counter } from '../storage/stream-group.js';
import { isCanonicalInt64 } from '../storage/value.js';
import { eqIgnoreCase, parseInt64, parseInteger } from './args.js';
import type { CommandContext } from './context.js';
import { NOT_INTEGER, SYNTAX, cString } from './errors.js';

export const INVALID_STREAM_ID = 'ERR Invalid stream ID specified as stream command argument';

const TWO_32 = 4294967296;
const U64_MAX = (1n << 64n) - 1n;

/** Where readU64 leaves the number it read. */
let u64Hi = 0;
let u64Lo = 0;

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * An unsigned 64-bit number as Redis's string2ull reads it: a canonical integer (refused when
 * negative), or else whatever strtoull accepts whole (leading spaces, a sign, leading zeros; a
 * minus sign wraps around modulo 2^64). Leaves it in u64Hi/u64Lo; false when not a number.
 */
function readU64(s: string): boolean {
  const n = s.length;
  if (n !== 0 && n <= 15) {
    let v = 0;
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      v = v * 10 + (c - 48);
    }
    if (i === n) {
      u64Hi = Math.floor(v / TWO_32);
      u64Lo = v >>> 0;
      return true;
    }
  }
  if (s.charCodeAt(0) === 45 && isCanonicalInt64(s)) return false;
  let i = 0;
  while (i < n && isSpace(s.charCodeAt(i))) i++;
  let negative = false;
  if (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45) negative = s.charCodeAt(i++) === 45;
  const digitsStart = i;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
    i++;
  }
  if (i === digitsStart) return false;
  let v = BigInt(s.slice(digitsStart));
  if (v > U64_MAX) return false;
  if (negative) v = (-v) & U64_MAX;
  u64Hi = Number(v >> 32n);
  u64Lo = Number(v & 0xffffffffn);
  return true;
}

/** A parsed ID whose sequence is to be generated (`<ms>-*`, XADD only). */
const ID_AUTO_SEQ = 2;

/**
 * Reads a stream ID into `out`: `<ms>-<seq>`, `<ms>` alone (the sequence is then 0, or the
 * largest when `missingSeqMax`), and unless `strict`, `-` and `+` for the smallest and largest
 * IDs; with `autoSeq`, also `<ms>-*`. Returns 0 when invalid, 1 when read, ID_AUTO_SEQ for `<ms>-*`.
 * Redis reads the text as a C string: it stops at a NUL byte, and more than 127 bytes is invalid.
 */
export function readStreamId(arg: string, out: StreamId, missingSeqMax: boolean, strict: boolean, autoSeq = false): number {
  if (arg.length > 127) return 0;
  const s = cString(arg);
  if (s.length === 1) {
    const c = s.charCodeAt(0);
    if (c === 45 || c === 43) {
      if (strict) return 0;
      if (c === 45) out.setZero();
      else out.setMax();
      return 1;
    }
  }
  const dash = s.indexOf('-');
  if (!readU64(dash < 0 ? s : s.slice(0, dash))) return 0;
  const msHi = u64Hi;
  const msLo = u64Lo;
  let result = 1;
  if (dash < 0) {
    u64Hi = u64Lo = missingSeqMax ? 0xffffffff : 0;
  } else {
    const seq = s.slice(dash + 1);
    if (autoSeq && seq === '*') {
      u64Hi = u64Lo = 0;
      result = ID_AUTO_SEQ;
    } else if (!readU64(seq)) {
      return 0;
    }
  }
  out.msHi = msHi;
  out.msLo = msLo;
  out.seqHi = u64Hi;
  out.seqLo = u64Lo;
  return result;
}

/** An ID where `-` and `+` are allowed (streamParseIDOrReply); false after replying the error. */
export function parseIdOrReply(ctx: CommandContext, arg: string, out: StreamId, missingSeqMax = false): boolean {
  if (readStreamId(arg, out, missingSeqMax, false) !== 0) return true;
  ctx.reply.error(INVALID_STREAM_ID);
  return false;
}

/** An ID where `-` and `+` are not allowed (streamParseStrictIDOrReply). */
export function parseStrictIdOrReply(ctx: CommandContext, arg: string, out: StreamId): boolean {
  if (readStreamId(arg, out, false, true) !== 0) return true;
  ctx.reply.error(INVALID_STREAM_ID);
  return false;
}

/**
 * A bound of an ID interval (streamParseIntervalIDOrReply and the increment or decrement that
 * follows it): `(id` excludes the ID. Replies the error and returns false when invalid.
 */
export function parseRangeBoundOrReply(ctx: CommandContext, arg: string, out: StreamId, isEnd: boolean): boolean {
  if (arg.length > 1 && arg.charCodeAt(0) === 40) {
    if (readStreamId(arg.slice(1), out, isEnd, true) === 0) {
      ctx.reply.error(INVALID_STREAM_ID);
      return false;
    }
    if (isEnd ? out.decrement() : out.increment()) return true;
    ctx.reply.error(isEnd ? 'ERR invalid end ID for the interval' : 'ERR invalid start ID for the interval');
    return false;
  }
  return parseIdOrReply(ctx, arg, out, isEnd);
}

/** True when `s` as a C string is the one character `c` (`*`, `~`, `=`). */
function isCWord(s: string, c: number): boolean {
  return s.charCodeAt(0) === c && (s.length === 1 || s.charCodeAt(1) === 0);
}

/** XADD's and XTRIM's options (streamAddTrimArgs); one object reused by every call. */
export interface AddTrimArgs extends TrimArgs {
  /** TrimStrategy, or null when no trimming was asked for. */
  trim: TrimStrategy | null;
  /** XADD: the position of the ID argument. */
  idPos: number;
  /** XADD: an ID other than `*` was given, and its sequence too (not `<ms>-*`). */
  idGiven: boolean;
  seqGiven: boolean;
  readonly id: StreamId;
  noMkstream: boolean;
}

const addTrimArgs: AddTrimArgs = {
  strategy: 'maxlen',
  trim: null,
  maxlen: 0,
  minid: new StreamId(),
  approx: false,
  limit: 0,
  idPos: 0,
  idGiven: false,
  seqGiven: true,
  id: new StreamId(),
  noMkstream: false,
};

const BOTH_STRATEGIES = 'ERR syntax error, MAXLEN and MINID options at the same time are not compatible';

/**
 * Reads XADD's options up to the ID (xadd) or XTRIM's options; null after replying an error.
 * `nodeMaxEntries` is stream-node-max-entries, which sets the default LIMIT of `~` trimming.
 */
export function parseAddTrimArgs(ctx: CommandContext, argv: readonly string[], xadd: boolean, nodeMaxEntries: number): AddTrimArgs | null {
  const a = addTrimArgs;
  a.trim = null;
  a.approx = false;
  a.limit = 0;
  a.maxlen = 0;
  a.minid.setZero();
  a.idGiven = false;
  a.seqGiven = true;
  a.noMkstream = false;
  let limitGiven = false;
  const argc = argv.length;
  let i = 2;
  for (; i < argc; i++) {
    const more = argc - 1 - i;
    const opt = argv[i]!;
    if (xadd && isCWord(opt, 42)) break;
    const maxlen = more !== 0 && eqIgnoreCase(opt, 'maxlen');
    if (maxlen || (more !== 0 && eqIgnoreCase(opt, 'minid'))) {
      if (a.trim !== null) {
        ctx.reply.error(BOTH_STRATEGIES);
        return null;
      }
      a.approx = false;
      const next = argv[i + 1]!;
      if (more >= 2 && isCWord(next, 126)) {
        a.approx = true;
        i++;
      } else if (more >= 2 && isCWord(next, 61)) {
        i++;
      }
      if (maxlen) {
        const n = parseInteger(argv[i + 1]!);
        if (n === null) {
          ctx.reply.error(NOT_INTEGER);
          return null;
        }
        if (n < 0) {
          ctx.reply.error('ERR The MAXLEN argument must be >= 0.');
          return null;
        }
        a.maxlen = n;
      } else if (!parseStrictIdOrReply(ctx, argv[i + 1]!, a.minid)) {
        return null;
      }
      i++;
      a.trim = a.strategy = maxlen ? 'maxlen' : 'minid';
    } else if (more !== 0 && eqIgnoreCase(opt, 'limit')) {
      const n = parseInteger(argv[i + 1]!);
      if (n === null) {
        ctx.reply.error(NOT_INTEGER);
        return null;
      }
      if (n < 0) {
        ctx.reply.error('ERR The LIMIT argument must be >= 0.');
        return null;
      }
      a.limit = n;
      limitGiven = true;
      i++;
    } else if (xadd && eqIgnoreCase(opt, 'nomkstream')) {
      a.noMkstream = true;
    } else if (xadd) {
      // Anything else is the ID (or a syntax error reported as an invalid ID).
      const read = readStreamId(opt, a.id, false, true, true);
      if (read === 0) {
        ctx.reply.error(INVALID_STREAM_ID);
        return null;
      }
      a.idGiven = true;
      a.seqGiven = read !== ID_AUTO_SEQ;
      break;
    } else {
      ctx.reply.error(SYNTAX);
      return null;
    }
  }
  a.idPos = i;
  if (a.limit !== 0 && a.trim === null) {
    ctx.reply.error('ERR syntax error, LIMIT cannot be used without specifying a trimming strategy');
    return null;
  }
  if (!xadd && a.trim === null) {
    ctx.reply.error('ERR syntax error, XTRIM must be called with a trimming strategy');
    return null;
  }
  if (limitGiven) {
    if (!a.approx) {
      ctx.reply.error('ERR syntax error, LIMIT cannot be used without the special ~ option');
      return null;
    }
  } else if (a.approx) {
    // At most 100 nodes' worth of work when no LIMIT is given.
    a.limit = 100 * nodeMaxEntries;
    if (a.limit <= 0) a.limit = 10000;
    if (a.limit > 1000000) a.limit = 1000000;
  } else {
    a.limit = 0;
  }
  return a;
}

/** A 64-bit counter argument (ENTRIESADDED, ENTRIESREAD), exact; null after replying the error. */
export function parseCounterOrReply(ctx: CommandContext, arg: string): Counter | null {
  const n = parseInt64(arg);
  if (n === null) {
    ctx.reply.error(NOT_INTEGER);
    return null;
  }
  return counter(n);
}

/** A COUNT argument as getLongLongFromObjectOrReply reads it; null after replying the error. */
export function parseCountOrReply(ctx: CommandContext, arg: string): number | null {
  const n = parseInteger(arg);
  if (n === null) ctx.reply.error(NOT_INTEGER);
  return n;
}
