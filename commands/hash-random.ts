// HRANDFIELD (Redis 7.0's hrandfieldCommand), with the strategies Redis picks by count; what
// shows of them is the length of the reply, whether fields repeat, and the order when it is not
// random (the whole hash in its order; a listpack's unique sample in listpack order).

import type { HashValue } from '../storage/hash.js';
import type { CommandContext } from './context.js';
import type { CommandSpec } from './types.js';
import { eqIgnoreCase } from './args.js';
import { OUT_OF_RANGE, SYNTAX } from './errors.js';
import { hashToRead } from './hash-lookup.js';
import { SUB_STRATEGY_MUL, parseRandomCount, shuffleFront } from './set-random.js';

/** With WITHVALUES the count must stay within ±LONG_MAX/2 (the reply has twice as many items). */
const HALF_LONG_MAX = 4611686018427387903n;

/** Texts this short hold numbers below 10^18, within ±LONG_MAX/2. */
const SHORT_COUNT_TEXT = 19;

function beyondHalfRange(text: string): boolean {
  if (text.length < SHORT_COUNT_TEXT) return false;
  const n = BigInt(text);
  return n > HALF_LONG_MAX || n < -HALF_LONG_MAX;
}

function replyField(ctx: CommandContext, hash: HashValue, field: string, withValues: boolean): void {
  ctx.reply.bulk(field);
  if (withValues) ctx.reply.bulk(hash.get(field)!);
}

function randomFields(ctx: CommandContext, hash: HashValue, count: number, withValues: boolean): void {
  const size = hash.length;
  const n = Math.abs(count);
  const stride = withValues ? 2 : 1;
  // A negative count may repeat fields: n independent picks, in random order.
  if (count < 0 || n === 1) {
    ctx.reply.arrayLength(n * stride);
    if (hash.isCompact) {
      const pairs = hash.pairs();
      for (let k = 0; k < n; k++) {
        const i = 2 * ctx.randomInt(size);
        ctx.reply.bulk(pairs[i]!);
        if (withValues) ctx.reply.bulk(pairs[i + 1]!);
      }
    } else {
      for (let k = 0; k < n; k++) replyField(ctx, hash, hash.randomField(ctx), withValues);
    }
    return;
  }
  if (n >= size) return ctx.reply.bulkArray(withValues ? hash.pairs() : hash.fields());
  ctx.reply.arrayLength(n * stride);
  if (hash.isCompact) {
    // Selection sampling: each entry is taken with probability needed/left, so the sample is
    // uniform and comes out in listpack order.
    const pairs = hash.pairs();
    let needed = n;
    for (let i = 0; needed > 0; i++) {
      if (ctx.randomInt(size - i) >= needed) continue;
      needed--;
      ctx.reply.bulk(pairs[2 * i]!);
      if (withValues) ctx.reply.bulk(pairs[2 * i + 1]!);
    }
    return;
  }
  if (n * SUB_STRATEGY_MUL > size) {
    const items = withValues ? hash.pairs() : hash.fields();
    shuffleFront(items, n, stride, ctx);
    for (let i = 0; i < n * stride; i++) ctx.reply.bulk(items[i]!);
    return;
  }
  const picked = new Set<string>();
  while (picked.size < n) {
    const field = hash.randomField(ctx);
    if (picked.has(field)) continue;
    picked.add(field);
    replyField(ctx, hash, field, withValues);
  }
}

export const HRANDFIELD: CommandSpec = {
  name: 'hrandfield',
  arity: -2,
  flags: ['readonly'],
  acl: ['hash'],
  keys: [{ flags: 'RO ACCESS', begin: 1, range: { lastKey: 0, step: 1, limit: 0 } }],
  tips: ['nondeterministic_output'],
  doc: {
    summary: 'Get one or multiple random fields from a hash',
    since: '6.2.0',
    group: 'hash',
    complexity: 'O(N) where N is the number of fields returned',
    syntax: 'key options:[count [WITHVALUES]]',
  },
  exec(ctx, argv) {
    if (argv.length >= 3) {
      const count = parseRandomCount(ctx, argv[2]!);
      if (count === null) return;
      if (argv.length > 4 || (argv.length === 4 && !eqIgnoreCase(argv[3]!, 'withvalues'))) return ctx.reply.error(SYNTAX);
      const withValues = argv.length === 4;
      if (withValues && beyondHalfRange(argv[2]!)) return ctx.reply.error(OUT_OF_RANGE);
      const hash = hashToRead(ctx, argv[1]!);
      if (hash === null) return;
      if (hash === undefined || count === 0) return ctx.reply.arrayLength(0);
      return randomFields(ctx, hash, count, withValues);
    }
    const hash = hashToRead(ctx, argv[1]!);
    if (hash === null) return;
    if (hash === undefined) return ctx.reply.nullBulk();
    ctx.reply.bulk(hash.randomField(ctx));
  },
};
