// Set operations over sorted sets and plain sets (Redis's zunionInterDiffGenericCommand): ZUNION,
// ZINTER, ZDIFF, their STORE forms and ZINTERCARD, with WEIGHTS and AGGREGATE SUM|MIN|MAX. A
// plain set counts as a sorted set whose scores are all 1.
//
// Floating point sums depend on their order, so the order is Redis's: inputs sorted by size
// (stable, as glibc's qsort is for these sizes) and, per element, added input after input.

import { SetValue } from '../storage/set.js';
import { SortedSet, sortedEntries } from '../storage/zset.js';
import { eqIgnoreCase, parseDouble, parseInteger } from './args.js';
import type { CommandContext } from './context.js';
import { NOT_INTEGER, SYNTAX, WRONGTYPE } from './errors.js';
import { formatDouble } from './format-double.js';
import type { CommandSpec, KeySpecDecl } from './types.js';
import { oneKey } from './zset-parse.js';
import { Notify } from './notify.js';

const UNION = 0;
const INTER = 1;
const DIFF = 2;

const SUM = 0;
const MIN = 1;
const MAX = 2;

const WEIGHT_NOT_FLOAT = 'ERR weight value is not a float';
const LIMIT_NEGATIVE = "ERR LIMIT can't be negative";

type Input = SortedSet | SetValue | undefined;

function sizeOf(v: Input): number {
  return v === undefined ? 0 : v.length;
}

/** The score of a member in an input (1 in a plain set), or undefined. */
function scoreIn(v: Input, member: string): number | undefined {
  if (v === undefined) return undefined;
  if (v instanceof SortedSet) return v.score(member);
  return v.has(member) ? 1 : undefined;
}

/**
 * Calls visit(member, score) for every element of a non-empty input; with `keep`, members are
 * strings that may be stored in a new value.
 */
function forEachElement(v: SortedSet | SetValue, keep: boolean, visit: (member: string, score: number) => boolean | void): void {
  const n = v.length;
  if (v instanceof SortedSet) {
    const c = v.cursor(0, keep);
    for (let i = 0; i < n; i++, c.forward()) if (visit(c.member, c.score) === false) return;
  } else {
    for (let i = 0; i < n; i++) if (visit(v.at(i), 1) === false) return;
  }
}

/** zunionInterAggregate: a sum that gives NaN (inf + -inf) is 0. */
function aggregate(target: number, value: number, how: number): number {
  if (how === SUM) {
    const t = target + value;
    return t !== t ? 0 : t;
  }
  if (how === MIN) return value < target ? value : target;
  return value > target ? value : target;
}

/**
 * `dst` is the destination key of the STORE forms (null otherwise); argv[numkeysIndex] is the
 * number of input keys; `cardinalityOnly` is ZINTERCARD.
 */
function setOperation(
  ctx: CommandContext,
  argv: string[],
  name: string,
  dst: string | null,
  numkeysIndex: number,
  op: number,
  cardinalityOnly: boolean,
): void {
  const setnum = parseInteger(argv[numkeysIndex]!);
  if (setnum === null) return ctx.reply.error(NOT_INTEGER);
  if (setnum < 1) return ctx.reply.error(`ERR at least 1 input key is needed for '${name}' command`);
  if (setnum > argv.length - (numkeysIndex + 1)) return ctx.reply.error(SYNTAX);
  const inputs: Input[] = [];
  const weights: number[] = [];
  for (let i = 0; i < setnum; i++) {
    const v = ctx.lookupRead(argv[numkeysIndex + 1 + i]!);
    if (v !== undefined && !(v instanceof SortedSet) && !(v instanceof SetValue)) return ctx.reply.error(WRONGTYPE);
    inputs.push(v);
    weights.push(1);
  }
  let how = SUM;
  let withScores = false;
  let limit = 0;
  let j = numkeysIndex + 1 + setnum;
  while (j < argv.length) {
    const remaining = argv.length - j;
    const opt = argv[j]!;
    if (op !== DIFF && !cardinalityOnly && remaining >= setnum + 1 && eqIgnoreCase(opt, 'weights')) {
      j++;
      for (let i = 0; i < setnum; i++, j++) {
        const w = parseDouble(argv[j]!);
        if (w === null) return ctx.reply.error(WEIGHT_NOT_FLOAT);
        weights[i] = w;
      }
    } else if (op !== DIFF && !cardinalityOnly && remaining >= 2 && eqIgnoreCase(opt, 'aggregate')) {
      const a = argv[j + 1]!;
      if (eqIgnoreCase(a, 'sum')) how = SUM;
      else if (eqIgnoreCase(a, 'min')) how = MIN;
      else if (eqIgnoreCase(a, 'max')) how = MAX;
      else return ctx.reply.error(SYNTAX);
      j += 2;
    } else if (dst === null && !cardinalityOnly && eqIgnoreCase(opt, 'withscores')) {
      withScores = true;
      j++;
    } else if (cardinalityOnly && remaining >= 2 && eqIgnoreCase(opt, 'limit')) {
      const l = parseInteger(argv[j + 1]!);
      if (l === null || l < 0) return ctx.reply.error(LIMIT_NEGATIVE);
      limit = l;
      j += 2;
    } else {
      return ctx.reply.error(SYNTAX);
    }
  }

  // Smallest inputs first, except for a difference (the first input is the one subtracted from).
  const order = inputs.map((_, i) => i);
  if (op !== DIFF) order.sort((a, b) => sizeOf(inputs[a]) - sizeOf(inputs[b]));
  const src = order.map((i) => inputs[i]);
  const w = order.map((i) => weights[i]!);

  const result = new Map<string, number>();
  let cardinality = 0;
  const first = src[0];
  if (op === INTER) {
    if (first !== undefined && first.length > 0) {
      forEachElement(first, dst !== null, (member, s) => {
        let score = w[0]! * s;
        if (score !== score) score = 0;
        let k = 1;
        for (; k < src.length; k++) {
          const other = src[k];
          if (other === first) {
            score = aggregate(score, s * w[k]!, how);
          } else {
            const found = scoreIn(other, member);
            if (found === undefined) break;
            score = aggregate(score, found * w[k]!, how);
          }
        }
        if (k < src.length) return;
        if (cardinalityOnly) {
          cardinality++;
          if (limit > 0 && cardinality >= limit) return false;
        } else {
          result.set(member, score);
        }
      });
    }
  } else if (op === UNION) {
    for (let i = 0; i < src.length; i++) {
      const v = src[i];
      if (v === undefined || v.length === 0) continue;
      const weight = w[i]!;
      forEachElement(v, dst !== null, (member, s) => {
        let score = weight * s;
        if (score !== score) score = 0;
        const prev = result.get(member);
        result.set(member, prev === undefined ? score : aggregate(prev, score, how));
      });
    }
  } else if (first !== undefined && first.length > 0 && !src.slice(1).includes(first)) {
    forEachElement(first, dst !== null, (member, s) => {
      for (let k = 1; k < src.length; k++) if (scoreIn(src[k], member) !== undefined) return;
      result.set(member, s);
    });
  }

  if (dst !== null) {
    if (result.size > 0) {
      ctx.db.set(dst, SortedSet.fromMap(result, ctx.keyspace.encoding));
      ctx.notify(Notify.Zset, name, dst);
    } else if (ctx.db.delete(dst)) {
      ctx.notify(Notify.Generic, 'del', dst);
    }
    ctx.reply.integer(result.size);
  } else if (cardinalityOnly) {
    ctx.reply.integer(cardinality);
  } else {
    const entries = sortedEntries(result);
    const reply = ctx.reply;
    reply.arrayLength(withScores ? entries.length * 2 : entries.length);
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      reply.bulk(e[0]);
      if (withScores) reply.bulk(formatDouble(e[1]));
    }
  }
}

/** The keys of the STORE forms: the destination, then numkeys inputs. */
const STORE_KEYS: KeySpecDecl[] = [
  ...oneKey('OW UPDATE'),
  { flags: 'RO ACCESS', begin: 2, keynum: { keyNumIdx: 0, firstKey: 1, step: 1 } },
];
const INPUT_KEYS: KeySpecDecl[] = [{ flags: 'RO ACCESS', begin: 1, keynum: { keyNumIdx: 0, firstKey: 1, step: 1 } }];

const UNION_COMPLEXITY =
  'O(N)+O(M*log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.';
const INTER_COMPLEXITY =
  'O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.';
const DIFF_COMPLEXITY =
  'O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.';

export const ZUNIONSTORE: CommandSpec = {
  name: 'zunionstore',
  arity: -4,
  flags: ['write', 'denyoom'],
  acl: ['write', 'sortedset'],
  keys: STORE_KEYS,
  doc: {
    summary: 'Add multiple sorted sets and store the resulting sorted set in a new key',
    since: '2.0.0',
    group: 'sorted-set',
    complexity:
      'O(N)+O(M log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.',
    syntax: 'destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE <SUM | MIN | MAX>]',
  },
  exec(ctx, argv) {
    setOperation(ctx, argv, 'zunionstore', argv[1]!, 2, UNION, false);
  },
};

export const ZINTERSTORE: CommandSpec = {
  name: 'zinterstore',
  arity: -4,
  flags: ['write', 'denyoom'],
  acl: ['write', 'sortedset'],
  keys: STORE_KEYS,
  doc: {
    summary: 'Intersect multiple sorted sets and store the resulting sorted set in a new key',
    since: '2.0.0',
    group: 'sorted-set',
    complexity: INTER_COMPLEXITY,
    syntax: 'destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE <SUM | MIN | MAX>]',
  },
  exec(ctx, argv) {
    setOperation(ctx, argv, 'zinterstore', argv[1]!, 2, INTER, false);
  },
};

export const ZDIFFSTORE: CommandSpec = {
  name: 'zdiffstore',
  arity: -4,
  flags: ['write', 'denyoom'],
  acl: ['write', 'sortedset'],
  keys: STORE_KEYS,
  doc: {
    summary: 'Subtract multiple sorted sets and store the resulting sorted set in a new key',
    since: '6.2.0',
    group: 'sorted-set',
    complexity: DIFF_COMPLEXITY,
    syntax: 'destination numkeys key [key ...]',
  },
  exec(ctx, argv) {
    setOperation(ctx, argv, 'zdiffstore', argv[1]!, 2, DIFF, false);
  },
};

export const ZUNION: CommandSpec = {
  name: 'zunion',
  arity: -3,
  flags: ['readonly'],
  acl: ['read', 'sortedset'],
  keys: INPUT_KEYS,
  doc: {
    summary: 'Add multiple sorted sets',
    since: '6.2.0',
    group: 'sorted-set',
    complexity: UNION_COMPLEXITY,
    syntax: 'numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE <SUM | MIN | MAX>] [WITHSCORES]',
  },
  exec(ctx, argv) {
    setOperation(ctx, argv, 'zunion', null, 1, UNION, false);
  },
};

export const ZINTER: CommandSpec = {
  name: 'zinter',
  arity: -3,
  flags: ['readonly'],
  acl: ['read', 'sortedset'],
  keys: INPUT_KEYS,
  doc: {
    summary: 'Intersect multiple sorted sets',
    since: '6.2.0',
    group: 'sorted-set',
    complexity: INTER_COMPLEXITY,
    syntax: 'numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE <SUM | MIN | MAX>] [WITHSCORES]',
  },
  exec(ctx, argv) {
    setOperation(ctx, argv, 'zinter', null, 1, INTER, false);
  },
};

export const ZDIFF: CommandSpec = {
  name: 'zdiff',
  arity: -3,
  flags: ['readonly'],
  acl: ['read', 'sortedset'],
  keys: INPUT_KEYS,
  doc: {
    summary: 'Subtract multiple sorted sets',
    since: '6.2.0',
    group: 'sorted-set',
    complexity: DIFF_COMPLEXITY,
    syntax: 'numkeys key [key ...] [WITHSCORES]',
  },
  exec(ctx, argv) {
    setOperation(ctx, argv, 'zdiff', null, 1, DIFF, false);
  },
};

export const ZINTERCARD: CommandSpec = {
  name: 'zintercard',
  arity: -3,
  flags: ['readonly'],
  acl: ['read', 'sortedset'],
  keys: INPUT_KEYS,
  doc: {
    summary: 'Intersect multiple sorted sets and return the cardinality of the result',
    since: '7.0.0',
    group: 'sorted-set',
    complexity: 'O(N*K) worst case with N being the smallest input sorted set, K being the number of input sorted sets.',
    syntax: 'numkeys key [key ...] [LIMIT limit]',
  },
  exec(ctx, argv) {
    setOperation(ctx, argv, 'zintercard', null, 1, INTER, true);
  },
};

export const zsetSetOpCommands: CommandSpec[] = [ZUNIONSTORE, ZINTERSTORE, ZDIFFSTORE, ZUNION, ZINTER, ZDIFF, ZINTERCARD];
