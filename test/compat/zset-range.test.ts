// Sorted set ranges against a real redis-server: ZRANGE and its options, ZRANGESTORE, the older
// range commands and ZREMRANGEBY*, in both encodings.

import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { Differential } from '../support/differential.js';

const BIN = 'a\u0000b\u00ff\u0080\r\nc';

describe('sorted set ranges, differential', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());
  beforeEach(async () => d.reset());

  /** Runs the same checks with the set small (listpack) and then as a skiplist. */
  async function bothEncodings(setup: string[][], checks: string[][]): Promise<void> {
    for (const entries of ['128', '0']) {
      await d.check([['FLUSHALL'], ['CONFIG', 'SET', 'zset-max-listpack-entries', entries], ...setup]);
      await d.check(checks);
    }
    await d.check([['CONFIG', 'SET', 'zset-max-listpack-entries', '128']]);
  }

  const SCORED = [['ZADD', 'z', '1', 'a', '2', 'b', '2', 'c', '3', 'd', '-inf', 'lo', 'inf', 'hi', '2.5', BIN, '10', 'e']];

  it('ZRANGE by rank: negative and out-of-range indexes, REV, WITHSCORES, bad input', async () => {
    const cmds: string[][] = [];
    for (const [a, b] of [['0', '-1'], ['0', '0'], ['-1', '-1'], ['-100', '100'], ['3', '2'], ['7', '100'], ['8', '9'], ['-2', '-100'], ['1', '-2']]) {
      cmds.push(['ZRANGE', 'z', a!, b!], ['ZRANGE', 'z', a!, b!, 'REV', 'WITHSCORES'], ['ZREVRANGE', 'z', a!, b!, 'withscores']);
    }
    cmds.push(
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES', 'WITHSCORES'],
      ['ZRANGE', 'z', 'x', '1'],
      ['ZRANGE', 'z', '0', '1.5'],
      ['ZRANGE', 'z', '0', '9223372036854775807'],
      ['ZRANGE', 'z', '-9223372036854775808', '0'],
      ['ZRANGE', 'z', '0', '-1', 'REV', 'REV'],
      ['ZRANGE', 'z', '0', '-1', 'FOO'],
      ['ZRANGE', 'z', '0', '-1', 'LIMIT', '0', '1'],
      ['ZRANGE', 'z', '0', '-1', 'LIMIT', '0', '-1'],
      ['ZRANGE', 'z', '0', '-1', 'LIMIT', '0'],
      ['ZRANGE', 'z', '0', '-1', 'LIMIT', 'x', '1'],
      ['ZREVRANGE', 'z', '0', '-1', 'REV'],
      ['ZREVRANGE', 'z', '0', '-1', 'BYSCORE'],
      ['ZREVRANGE', 'z', '0', '-1', 'LIMIT', '0', '1'],
      ['ZRANGE', 'missing', '0', '-1'],
      ['ZRANGE', 'missing', 'x', '-1'],
      ['ZRANGE', 'z', '0'],
      ['SET', 's', 'v'],
      ['ZRANGE', 's', '0', '-1'],
      ['ZREVRANGE', 's', '0', '-1'],
    );
    await bothEncodings(SCORED, cmds);
  });

  it('score ranges: exclusive bounds, infinities, LIMIT with odd offsets and counts', async () => {
    const cmds: string[][] = [];
    const ranges = [
      ['-inf', '+inf'], ['2', '2'], ['(2', '3'], ['2', '(3'], ['(2', '(2'], ['3', '1'], ['(-inf', '(inf'], ['-inf', '-inf'],
      ['inf', 'inf'], ['', '('], ['1e400', 'inf'], ['-1e400', '0'], [' 2', '\t3'], ['2\u0000x', '3'],
    ];
    for (const [min, max] of ranges) {
      cmds.push(
        ['ZRANGEBYSCORE', 'z', min!, max!, 'WITHSCORES'],
        ['ZREVRANGEBYSCORE', 'z', max!, min!, 'WITHSCORES'],
        ['ZRANGE', 'z', min!, max!, 'BYSCORE'],
        ['ZRANGE', 'z', max!, min!, 'BYSCORE', 'REV', 'WITHSCORES'],
      );
    }
    for (const [off, cnt] of [['0', '2'], ['1', '2'], ['2', '0'], ['0', '-1'], ['0', '-5'], ['-1', '2'], ['7', '5'], ['8', '1'], ['100', '1'], ['3', '100']]) {
      cmds.push(
        ['ZRANGEBYSCORE', 'z', '-inf', '+inf', 'LIMIT', off!, cnt!],
        ['ZRANGEBYSCORE', 'z', '(1', '3', 'WITHSCORES', 'LIMIT', off!, cnt!],
        ['ZREVRANGEBYSCORE', 'z', '+inf', '-inf', 'LIMIT', off!, cnt!, 'WITHSCORES'],
        ['ZRANGE', 'z', '(1', '10', 'BYSCORE', 'LIMIT', off!, cnt!],
        ['ZRANGE', 'z', '10', '(1', 'BYSCORE', 'REV', 'LIMIT', off!, cnt!],
      );
    }
    cmds.push(
      ['ZRANGEBYSCORE', 'z', 'x', '1'],
      ['ZRANGEBYSCORE', 'z', '1', 'nan'],
      ['ZRANGEBYSCORE', 'z', '((1', '2'],
      ['ZRANGEBYSCORE', 'z', '1', '2', 'LIMIT', '1'],
      ['ZRANGEBYSCORE', 'z', '1', '2', 'LIMIT', '1', 'x'],
      ['ZRANGEBYSCORE', 'z', '1', '2', 'REV'],
      ['ZRANGEBYSCORE', 'z', '1', '2', 'BYLEX'],
      ['ZRANGEBYSCORE', 'missing', '1', '2'],
      ['ZRANGEBYSCORE', 'missing', 'x', '2'],
      ['ZRANGE', 'z', '1', '2', 'BYSCORE', 'BYLEX'],
      ['ZRANGE', 'z', '1', '2', 'BYSCORE', 'BYSCORE'],
      ['ZRANGE', 'z', '-inf', '+inf', 'BYSCORE', 'LIMIT', '1', '1', 'LIMIT', '2', '2', 'WITHSCORES'],
    );
    await bothEncodings(SCORED, cmds);
  });

  it('lex ranges on equal scores: [ ( - +, LIMIT, REV and the errors', async () => {
    const setup = [['ZADD', 'z', '0', 'a', '0', 'b', '0', 'bb', '0', 'c', '0', 'd', '0', BIN, '0', '', '0', '\u00ff', '0', 'B']];
    const cmds: string[][] = [];
    const ranges = [
      ['-', '+'], ['[b', '[c'], ['(b', '[c'], ['[b', '(c'], ['(b', '(bb'], ['[c', '[b'], ['+', '-'], ['-', '-'], ['+', '+'],
      ['[', '+'], ['(', '+'], ['-', '['], ['[a', '(a'], ['[a', '[a'], ['+\u0000x', '+'], ['-', '[\u00ff'], ['[a\u0000', '+'],
    ];
    for (const [min, max] of ranges) {
      cmds.push(
        ['ZRANGEBYLEX', 'z', min!, max!],
        ['ZREVRANGEBYLEX', 'z', max!, min!],
        ['ZRANGE', 'z', min!, max!, 'BYLEX'],
        ['ZRANGE', 'z', max!, min!, 'BYLEX', 'REV'],
        ['ZLEXCOUNT', 'z', min!, max!],
      );
    }
    for (const [off, cnt] of [['0', '2'], ['1', '3'], ['2', '0'], ['0', '-1'], ['-1', '2'], ['8', '5'], ['9', '1'], ['100', '1']]) {
      cmds.push(
        ['ZRANGEBYLEX', 'z', '-', '+', 'LIMIT', off!, cnt!],
        ['ZRANGEBYLEX', 'z', '[b', '+', 'LIMIT', off!, cnt!],
        ['ZREVRANGEBYLEX', 'z', '+', '-', 'LIMIT', off!, cnt!],
        ['ZRANGE', 'z', '(c', '-', 'BYLEX', 'REV', 'LIMIT', off!, cnt!],
      );
    }
    cmds.push(
      ['ZRANGEBYLEX', 'z', 'a', '+'],
      ['ZRANGEBYLEX', 'z', '-', 'c'],
      ['ZRANGEBYLEX', 'z', '', '+'],
      ['ZRANGEBYLEX', 'z', '-x', '+'],
      ['ZRANGEBYLEX', 'z', '-', '+', 'WITHSCORES'],
      ['ZRANGE', 'z', '-', '+', 'BYLEX', 'WITHSCORES'],
      ['ZRANGEBYLEX', 'z', '-', '+', 'LIMIT', '0'],
      ['ZRANGEBYLEX', 'missing', '-', '+'],
      ['ZRANGEBYLEX', 'missing', 'x', '+'],
    );
    await bothEncodings(setup, cmds);
  });

  it('lex ranges over mixed scores in a listpack follow its element-by-element walk', async () => {
    const setup = [['ZADD', 'z', '1', 'd', '2', 'a', '3', 'c', '4', 'b', '5', 'e', '6', 'a0']];
    const cmds: string[][] = [];
    for (const [min, max] of [['-', '+'], ['[b', '[c'], ['(a', '[d'], ['[c', '+'], ['-', '(c'], ['[e', '+'], ['[a', '[a']]) {
      cmds.push(
        ['ZRANGEBYLEX', 'z', min!, max!],
        ['ZREVRANGEBYLEX', 'z', max!, min!],
        ['ZRANGEBYLEX', 'z', min!, max!, 'LIMIT', '1', '2'],
        ['ZREVRANGEBYLEX', 'z', max!, min!, 'LIMIT', '1', '-1'],
        ['ZLEXCOUNT', 'z', min!, max!],
      );
    }
    await d.check([...setup, ...cmds]);
    for (const [min, max] of [['[b', '[c'], ['(a', '[d'], ['-', '(c']]) {
      await d.check([['DEL', 'y'], ['ZADD', 'y', '1', 'd', '2', 'a', '3', 'c', '4', 'b', '5', 'e'], ['ZREMRANGEBYLEX', 'y', min!, max!], ['ZRANGE', 'y', '0', '-1']]);
    }
  });

  it('ZRANGESTORE: ranks, scores, lex, REV, LIMIT, empty results delete the destination', async () => {
    const cmds: string[][] = [
      ['ZRANGESTORE', 'dst', 'z', '0', '-1'],
      ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
      ['OBJECT', 'ENCODING', 'dst'],
      ['ZRANGESTORE', 'dst', 'z', '1', '2', 'REV'],
      ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
      ['ZRANGESTORE', 'dst', 'z', '(1', '+inf', 'BYSCORE', 'LIMIT', '1', '3'],
      ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
      ['ZRANGESTORE', 'dst', 'z', '+inf', '-inf', 'BYSCORE', 'REV', 'LIMIT', '0', '2'],
      ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
      ['ZRANGESTORE', 'dst', 'z', '-', '+', 'BYLEX'],
      ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
      ['SET', 'str', 'v'],
      ['PEXPIRE', 'dst', '100000'],
      ['ZRANGESTORE', 'dst', 'z', '0', '0'],
      ['TTL', 'dst'],
      ['ZRANGESTORE', 'str', 'z', '0', '0'],
      ['TYPE', 'str'],
      ['ZRANGESTORE', 'dst', 'z', '5', '1'],
      ['EXISTS', 'dst'],
      ['ZRANGESTORE', 'dst', 'z', '0', '1'],
      ['ZRANGESTORE', 'dst', 'missing', '0', '-1'],
      ['EXISTS', 'dst'],
      ['ZRANGESTORE', 'dst', 'str', '0', '-1'],
      ['ZRANGESTORE', 'dst', 'z', '0', '-1', 'WITHSCORES'],
      ['ZRANGESTORE', 'dst', 'z', '0', '-1', 'LIMIT', '0', '1'],
      ['ZRANGESTORE', 'dst', 'z', '0'],
      ['ZRANGESTORE', 'z', 'z', '1', '2'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
    ];
    await bothEncodings(SCORED, cmds);
    const long = 'x'.repeat(65);
    await d.check([
      ['ZADD', 'big', '1', 'a', '2', long, '-0', 'z'],
      ['ZRANGESTORE', 'd1', 'big', '0', '0'],
      ['OBJECT', 'ENCODING', 'd1'],
      ['ZRANGESTORE', 'd2', 'big', '0', '-1'],
      ['OBJECT', 'ENCODING', 'd2'],
      ['ZRANGE', 'd2', '0', '-1', 'WITHSCORES'],
      ['CONFIG', 'SET', 'zset-max-listpack-entries', '2'],
      ['ZRANGESTORE', 'd3', 'd1', '0', '-1'],
      ['OBJECT', 'ENCODING', 'd3'],
      ['ZADD', 'three', '1', 'a', '2', 'b', '3', 'c'],
      ['ZRANGESTORE', 'd4', 'three', '0', '-1'],
      ['OBJECT', 'ENCODING', 'd4'],
      ['ZRANGESTORE', 'd5', 'three', '0', '1'],
      ['OBJECT', 'ENCODING', 'd5'],
      // Elements added before the conversion were stored by a listpack (-0 became 0).
      ['CONFIG', 'SET', 'zset-max-listpack-entries', '0'],
      ['ZADD', 'negz', '-0', 'a', '-0', 'b', '-0', 'c', '-0', 'd', '-0', 'xx'],
      ['CONFIG', 'SET', 'zset-max-listpack-entries', '2'],
      ['ZRANGESTORE', 'd6', 'negz', '0', '-1'],
      ['ZRANGE', 'd6', '0', '-1', 'WITHSCORES'],
      ['ZRANGESTORE', 'd7', 'negz', '0', '-1', 'REV'],
      ['ZRANGE', 'd7', '0', '-1', 'WITHSCORES'],
      ['ZRANGESTORE', 'd9', 'negz', '-inf', '+inf', 'BYSCORE'],
      ['ZRANGE', 'd9', '0', '-1', 'WITHSCORES'],
      ['ZRANGESTORE', 'd10', 'negz', '+', '-', 'BYLEX', 'REV'],
      ['ZRANGE', 'd10', '0', '-1', 'WITHSCORES'],
      ['ZRANGESTORE', 'd11', 'negz', '0', '1'],
      ['ZRANGE', 'd11', '0', '-1', 'WITHSCORES'],
      ['CONFIG', 'SET', 'zset-max-listpack-value', '1'],
      ['ZRANGESTORE', 'd12', 'negz', '+inf', '-inf', 'BYSCORE', 'REV'],
      ['ZRANGE', 'd12', '0', '-1', 'WITHSCORES'],
      ['ZRANGESTORE', 'd8', 'negz', '0', '-1', 'REV'],
      ['ZRANGE', 'd8', '0', '-1', 'WITHSCORES'],
      ['OBJECT', 'ENCODING', 'd8'],
      ['CONFIG', 'SET', 'zset-max-listpack-value', '64'],
      ['CONFIG', 'SET', 'zset-max-listpack-entries', '128'],
    ]);
  });

  it('ZREMRANGEBYRANK, ZREMRANGEBYSCORE, ZREMRANGEBYLEX: counts, emptied keys, errors', async () => {
    const cmds: string[][] = [
      ['ZREMRANGEBYRANK', 'z', '5', '1'],
      ['ZREMRANGEBYRANK', 'z', '100', '200'],
      ['ZREMRANGEBYRANK', 'z', '-1', '-1'],
      ['ZREMRANGEBYRANK', 'z', '0', '0'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      ['ZREMRANGEBYSCORE', 'z', '(2', '3'],
      ['ZREMRANGEBYSCORE', 'z', '5', '4'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      ['ZREMRANGEBYSCORE', 'z', 'x', '3'],
      ['ZREMRANGEBYRANK', 'z', 'x', '3'],
      ['ZREMRANGEBYRANK', 'z', '0', '3.5'],
      ['ZREMRANGEBYLEX', 'z', 'x', '+'],
      ['ZREMRANGEBYRANK', 'missing', '0', '-1'],
      ['ZREMRANGEBYSCORE', 'missing', '0', '1'],
      ['ZREMRANGEBYLEX', 'missing', '-', '+'],
      ['ZREMRANGEBYRANK', 'missing', 'x', '1'],
      ['ZREMRANGEBYRANK', 'z', '-100', '100'],
      ['EXISTS', 'z'],
      ['ZADD', 'l', '0', 'a', '0', 'b', '0', 'c', '0', 'd'],
      ['ZREMRANGEBYLEX', 'l', '(a', '[c'],
      ['ZRANGE', 'l', '0', '-1'],
      ['ZREMRANGEBYLEX', 'l', '-', '+'],
      ['EXISTS', 'l'],
      ['SET', 's', 'v'],
      ['ZREMRANGEBYRANK', 's', '0', '1'],
      ['ZREMRANGEBYSCORE', 's', '0', '1'],
      ['ZREMRANGEBYLEX', 's', '-', '+'],
      ['ZREMRANGEBYRANK', 's', 'x', '1'],
    ];
    await bothEncodings(SCORED, cmds);
  });

  it('ranges over a large skiplist agree with Redis', async () => {
    const args: string[] = [];
    for (let i = 0; i < 3000; i++) args.push(String((i * 7919) % 1000), `m${i}`);
    const cmds: string[][] = [['ZADD', 'z', ...args]];
    for (const [a, b] of [['0', '9'], ['1000', '1019'], ['-20', '-1'], ['2990', '3010'], ['1499', '1501']]) {
      cmds.push(['ZRANGE', 'z', a!, b!, 'WITHSCORES'], ['ZREVRANGE', 'z', a!, b!]);
    }
    for (const [min, max] of [['100', '101'], ['(998', '+inf'], ['-inf', '(1'], ['500', '500']]) {
      cmds.push(['ZRANGEBYSCORE', 'z', min!, max!], ['ZCOUNT', 'z', min!, max!], ['ZREVRANGEBYSCORE', 'z', max!, min!, 'LIMIT', '2', '5']);
    }
    for (const m of ['m0', 'm1', 'm2999', 'm1500', 'nope']) cmds.push(['ZRANK', 'z', m], ['ZREVRANK', 'z', m], ['ZSCORE', 'z', m]);
    cmds.push(
      ['ZREMRANGEBYRANK', 'z', '100', '1999'],
      ['ZCARD', 'z'],
      ['ZRANGE', 'z', '90', '110', 'WITHSCORES'],
      ['ZREMRANGEBYSCORE', 'z', '(10', '900'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      ['OBJECT', 'ENCODING', 'z'],
    );
    await d.check(cmds);
  });
});
