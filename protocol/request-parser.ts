// Incremental RESP2 request parser: multibulk (`*N\r\n$len\r\n...`) and inline commands, with
// Redis 7.0's limits and error strings (networking.c processMultibulkBuffer/processInlineBuffer).
//
// Pull style: feed() appends bytes, next() returns one complete command at a time, so the caller
// can stop between commands (back-pressure) and resume later. Arguments come out as one-byte
// ("latin1") strings: binary-safe, one char per byte, the representation the key space holds.

import {
  BIG_ARG,
  DEFAULT_PROTO_MAX_BULK_LEN,
  DEFAULT_QUERY_BUFFER_LIMIT,
  INLINE_MAX_SIZE,
  UNAUTHENTICATED_MAX_ARGS,
  UNAUTHENTICATED_MAX_BULK,
} from './limits.js';
import { splitInlineArgs } from './inline-args.js';

const CR = 13;
const LF = 10;
const STAR = 42;
const EMPTY = Buffer.alloc(0);
const INT_MAX = 2147483647;

type Latin1Buffer = Buffer & { latin1Slice(start: number, end: number): string };

/** Why the parser stopped for good; the caller replies with `error` (if any) and closes. */
export interface ParserFailure {
  /** The error reply text without the leading '-', or null to close without a reply. */
  error: string | null;
  /** What the log says. */
  reason: string;
}

export class RequestParser {
  /** `proto-max-bulk-len`. */
  maxBulkLen = DEFAULT_PROTO_MAX_BULK_LEN;
  /** `client-query-buffer-limit`: bytes one pending request may hold. */
  queryBufferLimit = DEFAULT_QUERY_BUFFER_LIMIT;
  /** Set while the client has not authenticated and a password is required. */
  authRequired = false;
  /** Set once the input can no longer be parsed; next() then always returns null. */
  failure: ParserFailure | null = null;

  private buf: Buffer = EMPTY;
  private pos = 0;
  // State of a multibulk request split across chunks.
  private argv: string[] | null = null;
  private argsLeft = 0;
  private bulkLen = -1;
  private argvBytes = 0;
  // A big bulk is copied into a buffer of its exact size instead of re-concatenating chunks.
  private big: Buffer | null = null;
  private bigFilled = 0;
  /** Bytes the big bulk will take with its CRLF; the buffer grows towards it as data arrives. */
  private bigSize = 0;

  /** Bytes received and not yet returned as a command (the query buffer). */
  get pendingBytes(): number {
    return this.buf.length - this.pos + this.argvBytes + this.bigFilled;
  }

  feed(chunk: Buffer): void {
    if (this.failure !== null) return;
    if (this.big !== null) {
      const take = Math.min(chunk.length, this.bigSize - this.bigFilled);
      this.growBig(this.bigFilled + take);
      chunk.copy(this.big, this.bigFilled, 0, take);
      this.bigFilled += take;
      if (take === chunk.length) return this.checkQueryLimit();
      chunk = chunk.subarray(take);
    }
    if (this.pos >= this.buf.length) {
      this.buf = chunk;
    } else {
      this.buf = Buffer.concat([this.buf.subarray(this.pos), chunk]);
    }
    this.pos = 0;
    this.checkQueryLimit();
  }

  /** The next complete command, or null when more input is needed (or the parser failed). */
  next(): string[] | null {
    if (this.failure !== null) return null;
    for (;;) {
      if (this.argv === null) {
        if (this.big !== null) return null; // unreachable: a big bulk always has argv
        const buf = this.buf;
        let pos = this.pos;
        if (pos >= buf.length) return null;
        if (buf[pos] !== STAR) {
          const inline = this.parseInline();
          if (inline === undefined) continue; // a blank line: nothing to run
          return inline;
        }
        const nl = findCR(buf, pos);
        if (nl < 0 || nl + 1 >= buf.length) {
          if (buf.length - pos > INLINE_MAX_SIZE) return this.fail('Protocol error: too big mbulk count string');
          return null;
        }
        const count = parseLongLong(buf, pos + 1, nl);
        if (count === null || count > INT_MAX) return this.fail('Protocol error: invalid multibulk length');
        if (count > UNAUTHENTICATED_MAX_ARGS && this.authRequired)
          return this.fail('Protocol error: unauthenticated multibulk length');
        pos = nl + 2;
        this.pos = pos;
        if (count <= 0) continue;
        this.argv = [];
        this.argsLeft = count;
        this.bulkLen = -1;
      }
      const argv = this.readBulks();
      if (argv === null) return null;
      return argv;
    }
  }

  /** Reads the bulks of the current multibulk request; the argv when complete, else null. */
  private readBulks(): string[] | null {
    const argv = this.argv!;
    if (this.big !== null) {
      if (this.bigFilled < this.bigSize) return null;
      argv.push((this.big as Latin1Buffer).latin1Slice(0, this.bigSize - 2));
      this.argvBytes += this.bigSize;
      this.big = null;
      this.bigFilled = 0;
      this.bulkLen = -1;
      this.argsLeft--;
    }
    const buf = this.buf as Latin1Buffer;
    let pos = this.pos;
    while (this.argsLeft > 0) {
      if (this.bulkLen < 0) {
        const nl = findCR(buf, pos);
        if (nl < 0 || nl + 1 >= buf.length) {
          this.pos = pos;
          if (buf.length - pos > INLINE_MAX_SIZE) return this.fail('Protocol error: too big bulk count string');
          return null;
        }
        if (buf[pos] !== 36 /* $ */) {
          const got = buf[pos] === CR || buf[pos] === LF ? ' ' : String.fromCharCode(buf[pos]!);
          return this.fail(`Protocol error: expected '$', got '${got}'`);
        }
        const len = parseLongLong(buf, pos + 1, nl);
        if (len === null || len < 0 || len > this.maxBulkLen) return this.fail('Protocol error: invalid bulk length');
        if (len > UNAUTHENTICATED_MAX_BULK && this.authRequired)
          return this.fail('Protocol error: unauthenticated bulk length');
        pos = nl + 2;
        this.bulkLen = len;
        if (len >= BIG_ARG && buf.length - pos < len + 2) {
          // Copy what we have into a buffer of its own that feed() fills. It grows with the data
          // received, so a client that only declares a huge length does not make us hold it.
          this.bigSize = len + 2;
          this.big = Buffer.allocUnsafe(Math.min(this.bigSize, Math.max(BIG_ARG * 2, (buf.length - pos) * 2)));
          this.bigFilled = buf.copy(this.big, 0, pos);
          this.buf = EMPTY;
          this.pos = 0;
          this.checkQueryLimit();
          return null;
        }
      }
      const len = this.bulkLen;
      if (buf.length - pos < len + 2) {
        this.pos = pos;
        return null;
      }
      argv.push(len <= 4 ? shortString(buf, pos, len) : buf.latin1Slice(pos, pos + len));
      this.argvBytes += len;
      pos += len + 2; // Redis does not check that the two bytes are CRLF; neither do we.
      this.bulkLen = -1;
      this.argsLeft--;
    }
    this.pos = pos;
    this.argv = null;
    this.argvBytes = 0;
    return argv;
  }

  /** One inline command; undefined for a line with no arguments, null when incomplete/failed. */
  private parseInline(): string[] | null | undefined {
    const buf = this.buf;
    const start = this.pos;
    const nl = buf.indexOf(LF, start);
    if (nl < 0) {
      if (buf.length - start > INLINE_MAX_SIZE) return this.fail('Protocol error: too big inline request');
      return null;
    }
    let end = nl;
    if (end > start && buf[end - 1] === CR) end--;
    const args = splitInlineArgs(buf, start, end);
    if (args === null) return this.fail('Protocol error: unbalanced quotes in request');
    this.pos = nl + 1;
    return args.length === 0 ? undefined : args;
  }

  /** Makes the big bulk's buffer hold at least `needed` bytes, doubling up to its final size. */
  private growBig(needed: number): void {
    const big = this.big!;
    if (needed <= big.length) return;
    const grown = Buffer.allocUnsafe(Math.min(this.bigSize, Math.max(needed, big.length * 2)));
    big.copy(grown, 0, 0, this.bigFilled);
    this.big = grown;
  }

  private checkQueryLimit(): void {
    if (this.failure === null && this.pendingBytes > this.queryBufferLimit) {
      this.failure = { error: null, reason: 'closing client that reached max query buffer length' };
      this.release();
    }
  }

  private fail(error: string): null {
    this.failure = { error: 'ERR ' + error, reason: error };
    this.release();
    return null;
  }

  private release(): void {
    this.buf = EMPTY;
    this.pos = 0;
    this.argv = null;
    this.big = null;
    this.bigFilled = 0;
    this.bigSize = 0;
    this.argvBytes = 0;
  }
}

/**
 * The index of the next CR from `pos`, or -1. Count and length lines are a few bytes long, and a
 * loop here is cheaper than Buffer#indexOf's call into C++; long lines fall back to indexOf.
 */
function findCR(buf: Buffer, pos: number): number {
  const end = Math.min(buf.length, pos + 24);
  for (let i = pos; i < end; i++) if (buf[i] === CR) return i;
  return end === buf.length ? -1 : buf.indexOf(CR, end);
}

/** Strings of up to 4 bytes (command names, small values) without a call into C++ (~5x faster). */
function shortString(buf: Buffer, pos: number, len: number): string {
  switch (len) {
    case 0:
      return '';
    case 1:
      return String.fromCharCode(buf[pos]!);
    case 2:
      return String.fromCharCode(buf[pos]!, buf[pos + 1]!);
    case 3:
      return String.fromCharCode(buf[pos]!, buf[pos + 1]!, buf[pos + 2]!);
    default:
      return String.fromCharCode(buf[pos]!, buf[pos + 1]!, buf[pos + 2]!, buf[pos + 3]!);
  }
}

/**
 * Redis's string2ll over buf[start, end): optional '-', no '+', no leading zeros, no spaces, at
 * most 20 characters. Returns null when the text is not such an integer or overflows 64 bits.
 * Values past 2^53 lose precision, but every caller compares them against far smaller limits.
 */
export function parseLongLong(buf: Uint8Array, start: number, end: number): number | null {
  const len = end - start;
  if (len <= 0 || len >= 21) return null;
  if (len === 1 && buf[start] === 48) return 0;
  let p = start;
  let negative = false;
  if (buf[p] === 45 /* - */) {
    negative = true;
    p++;
    if (p === end) return null;
  }
  let c = buf[p]!;
  if (c < 49 || c > 57) return null;
  let value = c - 48;
  for (p++; p < end; p++) {
    c = buf[p]!;
    if (c < 48 || c > 57) return null;
    value = value * 10 + (c - 48);
  }
  return negative ? -value : value;
}
