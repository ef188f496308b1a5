// LCS (t_string.c lcsCommand): the longest common subsequence of two string values by the classic
// dynamic-programming table, walked back from the end to build the string and the matching ranges.
// The walk follows Redis's exactly (which neighbour it prefers on ties, when a range is emitted),
// because IDX's ranges depend on it.

import type { CommandContext } from './context.js';
import type { CommandSpec } from './types.js';
import { parseInteger } from './args.js';
import { NOT_INTEGER, SYNTAX } from './errors.js';
import { optionIs } from './string-options.js';
import { exceedsTransientLimit } from './string-limits.js';

const NOT_STRINGS = 'ERR The specified keys must contain string values';
const LEN_AND_IDX = 'ERR If you want both the length and indexes, please just use IDX.';
const TABLE_TOO_BIG = 'ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len';

export const LCS: CommandSpec = {
  name: 'lcs',
  arity: -3,
  flags: ['readonly'],
  acl: ['string'],
  keys: [{ flags: 'RO ACCESS', begin: 1, range: { lastKey: 1, step: 1, limit: 0 } }],
  doc: {
    summary: 'Find longest common substring',
    since: '7.0.0',
    group: 'string',
    complexity: 'O(N*M) where N and M are the lengths of s1 and s2, respectively',
    syntax: 'key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN]',
  },
  exec(ctx, argv) {
    const a = ctx.lookupRead(argv[1]!) ?? '';
    const b = ctx.lookupRead(argv[2]!) ?? '';
    if (typeof a !== 'string' || typeof b !== 'string') return ctx.reply.error(NOT_STRINGS);
    let getIdx = false;
    let getLen = false;
    let withMatchLen = false;
    let minMatchLen = 0;
    for (let j = 3; j < argv.length; j++) {
      const opt = argv[j]!;
      if (optionIs(opt, 'IDX')) getIdx = true;
      else if (optionIs(opt, 'LEN')) getLen = true;
      else if (optionIs(opt, 'WITHMATCHLEN')) withMatchLen = true;
      else if (optionIs(opt, 'MINMATCHLEN') && j < argv.length - 1) {
        const n = parseInteger(argv[++j]!);
        if (n === null) return ctx.reply.error(NOT_INTEGER);
        minMatchLen = Math.max(n, 0);
      } else return ctx.reply.error(SYNTAX);
    }
    if (getIdx && getLen) return ctx.reply.error(LEN_AND_IDX);
    if (exceedsTransientLimit(ctx, (a.length + 1) * (b.length + 1) * 4)) return ctx.reply.error(TABLE_TOO_BIG);
    const table = lcsTable(a, b);
    if (getLen) return ctx.reply.integer(table[table.length - 1]!);
    walkBack(ctx, a, b, table, getIdx, withMatchLen, minMatchLen);
  },
};

/** table[i * (b.length + 1) + j] = LCS length of a[0..i) and b[0..j). */
function lcsTable(a: string, b: string): Uint32Array {
  const alen = a.length;
  const width = b.length + 1;
  const table = new Uint32Array((alen + 1) * width);
  for (let i = 1; i <= alen; i++) {
    const ca = a.charCodeAt(i - 1);
    const row = i * width;
    const up = row - width;
    for (let j = 1; j < width; j++) {
      if (ca === b.charCodeAt(j - 1)) {
        table[row + j] = table[up + j - 1]! + 1;
      } else {
        const left = table[row + j - 1]!;
        const above = table[up + j]!;
        table[row + j] = above > left ? above : left;
      }
    }
  }
  return table;
}

/**
 * Walks the table back from its end, building the common string and, for IDX, the ranges of
 * contiguous matches (longest last in the strings, first in the reply), as Redis does.
 */
function walkBack(
  ctx: CommandContext,
  a: string,
  b: string,
  table: Uint32Array,
  getIdx: boolean,
  withMatchLen: boolean,
  minMatchLen: number,
): void {
  const alen = a.length;
  const width = b.length + 1;
  const total = table[table.length - 1]!;
  const common = getIdx ? null : Buffer.allocUnsafe(total);
  const ranges: number[] = [];
  let idx = total;
  let i = alen;
  let j = b.length;
  // arangeStart === alen means no range is open.
  let aStart = alen;
  let aEnd = 0;
  let bStart = 0;
  let bEnd = 0;
  while (i > 0 && j > 0) {
    let emit = false;
    if (a.charCodeAt(i - 1) === b.charCodeAt(j - 1)) {
      if (common !== null) common[idx - 1] = a.charCodeAt(i - 1);
      if (aStart === alen) {
        aStart = aEnd = i - 1;
        bStart = bEnd = j - 1;
      } else if (aStart === i && bStart === j) {
        aStart--;
        bStart--;
      } else {
        emit = true;
      }
      if (aStart === 0 || bStart === 0) emit = true;
      idx--;
      i--;
      j--;
    } else {
      const above = table[(i - 1) * width + j]!;
      const left = table[i * width + j - 1]!;
      if (above > left) i--;
      else j--;
      if (aStart !== alen) emit = true;
    }
    if (emit) {
      const matchLen = aEnd - aStart + 1;
      if (getIdx && (minMatchLen === 0 || matchLen >= minMatchLen)) ranges.push(aStart, aEnd, bStart, bEnd, matchLen);
      aStart = alen;
    }
  }
  if (common !== null) return ctx.reply.bulk(common.toString('latin1'));
  const reply = ctx.reply;
  reply.arrayLength(4);
  reply.bulk('matches');
  reply.arrayLength(ranges.length / 5);
  for (let r = 0; r < ranges.length; r += 5) {
    reply.arrayLength(withMatchLen ? 3 : 2);
    reply.arrayLength(2);
    reply.integer(ranges[r]!);
    reply.integer(ranges[r + 1]!);
    reply.arrayLength(2);
    reply.integer(ranges[r + 2]!);
    reply.integer(ranges[r + 3]!);
    if (withMatchLen) reply.integer(ranges[r + 4]!);
  }
  reply.bulk('len');
  reply.integer(total);
}
