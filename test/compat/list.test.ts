// List commands against a real redis-server: hand-picked edge cases, then generated sequences.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Differential } from '../support/differential.js';
import { decodeReply, type Reply } from '../support/resp-reader.js';
import { RawClient } from '../support/raw-client.js';

const FAMILY = ['lpush', 'rpush', 'lpushx', 'rpushx', 'lpop', 'rpop', 'llen', 'lindex', 'lrange', 'lset', 'linsert', 'lrem', 'ltrim', 'lpos', 'lmove', 'rpoplpush', 'lmpop'];
const BIN = 'a\u0000b\u00ff\u0080\r\nc';
const BIN2 = '\u0000';
/** A far-future absolute expiry, so PEXPIRETIME compares exactly and nothing expires. */
const AT = '4102444800123';

function range(n: number, prefix = 'e'): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${i}`);
}

describe('list commands, differential', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());
  beforeEach(async () => d.reset());

  it('LPUSH, RPUSH, LPUSHX, RPUSHX: order, counts, binary elements, wrong arity and type', async () => {
    await d.check([
      ['LPUSH', 'l', 'a', 'b', 'c'],
      ['RPUSH', 'l', 'd', BIN, ''],
      ['LRANGE', 'l', '0', '-1'],
      ['LPUSHX', 'nope', 'x'],
      ['RPUSHX', 'nope', 'x', 'y'],
      ['EXISTS', 'nope'],
      ['LPUSHX', 'l', 'x', 'y'],
      ['RPUSHX', 'l', BIN2],
      ['LRANGE', 'l', '0', '-1'],
      ['LLEN', 'l'],
      ['TYPE', 'l'],
      ['OBJECT', 'ENCODING', 'l'],
      ['SET', 's', 'v'],
      ['LPUSH', 's', 'x'],
      ['RPUSH', 's', 'x'],
      ['LPUSHX', 's', 'x'],
      ['RPUSHX', 's', 'x'],
      ['GET', 'l'],
      ['LPUSH', 'l'],
      ['RPUSH'],
      ['LPUSHX', 'l'],
      ['rpushx', 'l'],
      ['lpush', BIN, BIN],
      ['LRANGE', BIN, '0', '0'],
    ]);
  });

  it('pushes keep the TTL of an existing list; a new list has none', async () => {
    await d.check([
      ['RPUSH', 'l', 'a'],
      ['PEXPIREAT', 'l', AT],
      ['LPUSH', 'l', 'b'],
      ['RPUSHX', 'l', 'c'],
      ['LSET', 'l', '0', 'z'],
      ['LINSERT', 'l', 'BEFORE', 'z', 'y'],
      ['LREM', 'l', '1', 'y'],
      ['LTRIM', 'l', '0', '1'],
      ['LPOP', 'l'],
      ['PEXPIRETIME', 'l'],
      ['LPOP', 'l'],
      ['EXISTS', 'l'],
      ['RPUSH', 'l', 'n'],
      ['PEXPIRETIME', 'l'],
    ]);
  });

  it('an expired list reads as absent and a push starts a new one', async () => {
    await d.check([
      ['RPUSH', 'l', 'old', 'older'],
      ['PEXPIRE', 'l', '30'],
    ]);
    await new Promise((r) => setTimeout(r, 80));
    await d.check([
      ['LLEN', 'l'],
      ['LRANGE', 'l', '0', '-1'],
      ['LINDEX', 'l', '0'],
      ['LPUSHX', 'l', 'x'],
      ['RPUSH', 'l', 'new'],
      ['LRANGE', 'l', '0', '-1'],
      ['PEXPIRETIME', 'l'],
    ]);
  });

  it('LPOP and RPOP with and without count', async () => {
    await d.check([
      ['RPUSH', 'l', 'a', 'b', 'c', 'd', 'e'],
      ['LPOP', 'l'],
      ['RPOP', 'l'],
      ['LPOP', 'l', '0'],
      ['RPOP', 'l', '0'],
      ['LPOP', 'l', '1'],
      ['RPUSH', 'l', 'x', 'y', 'z'],
      ['RPOP', 'l', '2'],
      ['LPOP', 'l', '100'],
      ['EXISTS', 'l'],
      ['LPOP', 'l'],
      ['RPOP', 'l'],
      ['LPOP', 'l', '0'],
      ['RPOP', 'l', '3'],
      ['RPUSH', 'l', 'a', 'b'],
      ['LPOP', 'l', '-1'],
      ['RPOP', 'l', 'x'],
      ['LPOP', 'l', '1.5'],
      ['LPOP', 'l', '99999999999999999999'],
      ['LPOP', 'l', '9223372036854775807'],
      ['LPOP', 'l', '1', '2'],
      ['RPOP', 'l', '1', '2', '3'],
      ['LPOP'],
      ['SET', 's', 'v'],
      ['LPOP', 's'],
      ['RPOP', 's', '0'],
      ['LPOP', 's', '-1'],
      ['LPOP', 'nope', '-1'],
      ['LPOP', 'nope', '0'],
    ]);
  });

  it('LRANGE with negative, reversed and out-of-range indexes', async () => {
    await d.check([
      ['RPUSH', 'l', ...range(10)],
      ['LRANGE', 'l', '0', '-1'],
      ['LRANGE', 'l', '-3', '-1'],
      ['LRANGE', 'l', '-100', '2'],
      ['LRANGE', 'l', '5', '100'],
      ['LRANGE', 'l', '7', '3'],
      ['LRANGE', 'l', '10', '20'],
      ['LRANGE', 'l', '-1', '-2'],
      ['LRANGE', 'l', '-9223372036854775808', '9223372036854775807'],
      ['LRANGE', 'l', '0', '0'],
      ['LRANGE', 'l', 'a', '1'],
      ['LRANGE', 'l', '0', '1.0'],
      ['LRANGE', 'nope', 'a', '1'],
      ['LRANGE', 'nope', '0', '-1'],
      ['LRANGE', 'l', '0'],
      ['SET', 's', 'v'],
      ['LRANGE', 's', '0', '-1'],
      ['LRANGE', 's', 'x', '-1'],
    ]);
  });

  it('LINDEX and LSET at both ends, out of range, on missing keys', async () => {
    await d.check([
      ['RPUSH', 'l', 'a', 'b', 'c'],
      ['LINDEX', 'l', '0'],
      ['LINDEX', 'l', '-1'],
      ['LINDEX', 'l', '-3'],
      ['LINDEX', 'l', '-4'],
      ['LINDEX', 'l', '3'],
      ['LINDEX', 'l', 'x'],
      ['LINDEX', 'l', '-0'],
      ['LINDEX', 'l', '+1'],
      ['LINDEX', 'l', '01'],
      ['LINDEX', 'l', ' 1'],
      ['LINDEX', 'l', '1 '],
      ['LINDEX', 'l', '9223372036854775808'],
      ['LINDEX', 'l', '-9223372036854775808'],
      ['LINDEX', 'nope', 'x'],
      ['LINDEX', 'nope', '0'],
      ['LSET', 'l', '0', 'A'],
      ['LSET', 'l', '-1', BIN],
      ['LSET', 'l', '3', 'x'],
      ['LSET', 'l', '-4', 'x'],
      ['LSET', 'l', 'x', 'y'],
      ['LSET', 'nope', '0', 'x'],
      ['LSET', 'nope', 'x', 'x'],
      ['LRANGE', 'l', '0', '-1'],
      ['SET', 's', 'v'],
      ['LINDEX', 's', '0'],
      ['LINDEX', 's', 'x'],
      ['LSET', 's', '0', 'x'],
      ['LSET', 's', 'x', 'x'],
      ['LINDEX', 'l'],
      ['LSET', 'l', '0'],
    ]);
  });

  it('LINSERT before and after, missing pivot, bad position word', async () => {
    await d.check([
      ['RPUSH', 'l', 'a', 'b', 'a'],
      ['LINSERT', 'l', 'BEFORE', 'a', 'x'],
      ['LINSERT', 'l', 'after', 'a', 'y'],
      ['LINSERT', 'l', 'After', BIN, 'z'],
      ['LINSERT', 'l', 'before', 'b', BIN],
      ['LINSERT', 'l', 'AFTER', BIN, BIN2],
      ['LRANGE', 'l', '0', '-1'],
      ['LINSERT', 'l', 'middle', 'a', 'x'],
      ['LINSERT', 'nope', 'before', 'a', 'x'],
      ['LINSERT', 'nope', 'sideways', 'a', 'x'],
      ['EXISTS', 'nope'],
      ['SET', 's', 'v'],
      ['LINSERT', 's', 'before', 'a', 'x'],
      ['LINSERT', 's', 'around', 'a', 'x'],
      ['LINSERT', 'l', 'before', 'a'],
    ]);
  });

  it('LREM from the head, from the tail, all, and to empty', async () => {
    await d.check([
      ['RPUSH', 'l', 'a', 'b', 'a', 'c', 'a', 'b', 'a'],
      ['LREM', 'l', '2', 'a'],
      ['LRANGE', 'l', '0', '-1'],
      ['LREM', 'l', '-1', 'b'],
      ['LRANGE', 'l', '0', '-1'],
      ['LREM', 'l', '0', 'a'],
      ['LRANGE', 'l', '0', '-1'],
      ['LREM', 'l', '0', 'zzz'],
      ['LREM', 'l', '-9223372036854775808', 'c'],
      ['LREM', 'l', '0', 'b'],
      ['EXISTS', 'l'],
      ['LREM', 'nope', '1', 'a'],
      ['LREM', 'nope', 'x', 'a'],
      ['LREM', 'l', '1.5', 'a'],
      ['SET', 's', 'v'],
      ['LREM', 's', '0', 'v'],
      ['LREM', 's', 'x', 'v'],
      ['LREM', 'l', '0'],
    ]);
  });

  it('LTRIM inside, across, outside and reversed ranges', async () => {
    const cases: Array<[string, string]> = [
      ['1', '-2'],
      ['0', '100'],
      ['-100', '1'],
      ['2', '1'],
      ['5', '10'],
      ['-1', '-1'],
      ['0', '-100'],
    ];
    for (const [start, stop] of cases) {
      await d.check([
        ['DEL', 'l'],
        ['RPUSH', 'l', 'a', 'b', 'c', 'd', 'e'],
        ['LTRIM', 'l', start, stop],
        ['LRANGE', 'l', '0', '-1'],
        ['EXISTS', 'l'],
      ]);
    }
    await d.check([
      ['LTRIM', 'nope', '0', '1'],
      ['LTRIM', 'nope', 'x', '1'],
      ['RPUSH', 'l', 'a'],
      ['LTRIM', 'l', '0', 'y'],
      ['SET', 's', 'v'],
      ['LTRIM', 's', '0', '1'],
      ['LTRIM', 's', 'x', '1'],
      ['LTRIM', 'l', '0'],
    ]);
  });

  it('LPOS with RANK, COUNT and MAXLEN, and its errors', async () => {
    await d.check([
      ['RPUSH', 'l', 'a', 'b', 'c', 'a', 'b', 'c', 'a', BIN],
      ['LPOS', 'l', 'a'],
      ['LPOS', 'l', 'c'],
      ['LPOS', 'l', BIN],
      ['LPOS', 'l', 'z'],
      ['LPOS', 'l', 'a', 'RANK', '2'],
      ['LPOS', 'l', 'a', 'RANK', '-1'],
      ['LPOS', 'l', 'a', 'RANK', '-3'],
      ['LPOS', 'l', 'a', 'RANK', '4'],
      ['LPOS', 'l', 'a', 'RANK', '-9223372036854775808'],
      ['LPOS', 'l', 'a', 'RANK', '-9223372036854775807'],
      ['LPOS', 'l', 'a', 'RANK', '9223372036854775807'],
      ['LPOS', 'l', 'a', 'COUNT', '0'],
      ['LPOS', 'l', 'a', 'COUNT', '2'],
      ['LPOS', 'l', 'a', 'COUNT', '2', 'RANK', '-1'],
      ['LPOS', 'l', 'a', 'COUNT', '0', 'RANK', '2'],
      ['LPOS', 'l', 'z', 'COUNT', '0'],
      ['LPOS', 'l', 'a', 'MAXLEN', '3'],
      ['LPOS', 'l', 'a', 'MAXLEN', '3', 'RANK', '2'],
      ['LPOS', 'l', 'a', 'MAXLEN', '1', 'RANK', '-1'],
      ['LPOS', 'l', 'a', 'MAXLEN', '2', 'RANK', '-1'],
      ['LPOS', 'l', 'a', 'COUNT', '0', 'MAXLEN', '7'],
      ['LPOS', 'l', 'a', 'rank', '1', 'count', '1', 'maxlen', '0', 'rank', '2'],
      ['LPOS', 'l', 'a', 'RANK', '0'],
      ['LPOS', 'l', 'a', 'RANK', 'x'],
      ['LPOS', 'l', 'a', 'COUNT', '-1'],
      ['LPOS', 'l', 'a', 'COUNT', 'x'],
      ['LPOS', 'l', 'a', 'MAXLEN', '-1'],
      ['LPOS', 'l', 'a', 'MAXLEN', 'x'],
      ['LPOS', 'l', 'a', 'RANK'],
      ['LPOS', 'l', 'a', 'COUNT'],
      ['LPOS', 'l', 'a', 'FOO', '1'],
      ['LPOS', 'nope', 'a'],
      ['LPOS', 'nope', 'a', 'COUNT', '1'],
      ['LPOS', 'nope', 'a', 'RANK', '0'],
      ['SET', 's', 'v'],
      ['LPOS', 's', 'v'],
      ['LPOS', 's', 'v', 'COUNT', '0'],
      ['LPOS', 's', 'v', 'RANK', '0'],
      ['LPOS', 'l'],
    ]);
  });

  it('LMOVE and RPOPLPUSH between lists, onto themselves, into new keys, with wrong types', async () => {
    await d.check([
      ['RPUSH', 'src', 'a', 'b', 'c'],
      ['LMOVE', 'src', 'dst', 'LEFT', 'RIGHT'],
      ['LMOVE', 'src', 'dst', 'right', 'left'],
      ['LMOVE', 'src', 'dst', 'Left', 'Left'],
      ['LRANGE', 'dst', '0', '-1'],
      ['EXISTS', 'src'],
      ['LMOVE', 'src', 'dst', 'LEFT', 'RIGHT'],
      ['LMOVE', 'dst', 'dst', 'LEFT', 'RIGHT'],
      ['LRANGE', 'dst', '0', '-1'],
      ['LMOVE', 'dst', 'dst', 'RIGHT', 'RIGHT'],
      ['RPOPLPUSH', 'dst', 'dst'],
      ['LRANGE', 'dst', '0', '-1'],
      ['RPUSH', 'one', BIN],
      ['LMOVE', 'one', 'one', 'LEFT', 'LEFT'],
      ['LRANGE', 'one', '0', '-1'],
      ['RPOPLPUSH', 'dst', BIN2],
      ['LRANGE', BIN2, '0', '-1'],
      ['RPOPLPUSH', 'nope', 'dst'],
      ['LMOVE', 'nope', 'dst', 'LEFT', 'LEFT'],
      ['SET', 's', 'v'],
      ['LMOVE', 's', 'dst', 'LEFT', 'LEFT'],
      ['LMOVE', 'dst', 's', 'LEFT', 'LEFT'],
      ['LMOVE', 'nope', 's', 'LEFT', 'LEFT'],
      ['RPOPLPUSH', 's', 'dst'],
      ['RPOPLPUSH', 'dst', 's'],
      ['LRANGE', 'dst', '0', '-1'],
      ['LMOVE', 'dst', 'x', 'UP', 'LEFT'],
      ['LMOVE', 'dst', 'x', 'LEFT', 'DOWN'],
      ['LMOVE', 's', 'x', 'LEFT', 'DOWN'],
      ['LMOVE', 'nope', 'x', 'UP', 'DOWN'],
      ['LMOVE', 'dst', 'x', 'LEFT'],
      ['RPOPLPUSH', 'dst'],
    ]);
  });

  it('LMOVE keeps the TTL of the destination and moves nothing of the source TTL', async () => {
    await d.check([
      ['RPUSH', 'src', 'a', 'b'],
      ['PEXPIREAT', 'src', AT],
      ['RPUSH', 'dst', 'x'],
      ['PEXPIREAT', 'dst', '4102444809999'],
      ['LMOVE', 'src', 'dst', 'LEFT', 'LEFT'],
      ['PEXPIRETIME', 'dst'],
      ['PEXPIRETIME', 'src'],
      ['LMOVE', 'src', 'new', 'LEFT', 'LEFT'],
      ['PEXPIRETIME', 'new'],
      ['EXISTS', 'src'],
    ]);
  });

  it('LMPOP: first non-empty key, COUNT, and its errors', async () => {
    await d.check([
      ['RPUSH', 'b', 'b1', 'b2', 'b3'],
      ['RPUSH', 'c', 'c1'],
      ['LMPOP', '3', 'a', 'b', 'c', 'LEFT'],
      ['LMPOP', '3', 'a', 'b', 'c', 'RIGHT', 'COUNT', '5'],
      ['LMPOP', '3', 'a', 'b', 'c', 'right', 'count', '1'],
      ['LMPOP', '3', 'a', 'b', 'c', 'LEFT'],
      ['LMPOP', '1', 'a', 'LEFT'],
      ['RPUSH', 'b', 'x', 'y'],
      ['SET', 's', 'v'],
      ['LMPOP', '2', 's', 'b', 'LEFT'],
      ['LMPOP', '2', 'b', 's', 'LEFT'],
      ['LMPOP', '2', 'nope', 's', 'LEFT'],
      ['LMPOP', '0', 'b', 'LEFT'],
      ['LMPOP', '-1', 'b', 'LEFT'],
      ['LMPOP', 'x', 'b', 'LEFT'],
      ['LMPOP', '2', 'b', 'LEFT'],
      ['LMPOP', '1', 'b', 'MIDDLE'],
      ['LMPOP', '1', 'b', 'LEFT', 'COUNT'],
      ['LMPOP', '1', 'b', 'LEFT', 'COUNT', '0'],
      ['LMPOP', '1', 'b', 'LEFT', 'COUNT', '-1'],
      ['LMPOP', '1', 'b', 'LEFT', 'COUNT', 'x'],
      ['LMPOP', '1', 'b', 'LEFT', 'COUNT', '1', 'COUNT', '1'],
      ['LMPOP', '1', 'b', 'LEFT', 'EXTRA'],
      ['LMPOP', '9223372036854775807', 'b', 'LEFT'],
      ['LMPOP', '1', 'b'],
      ['LMPOP', '1', 'b', 'LEFT', 'COUNT', '9223372036854775807'],
      ['EXISTS', 'b'],
    ]);
  });

  it('LLEN on lists, missing keys and other types', async () => {
    await d.check([
      ['LLEN', 'nope'],
      ['RPUSH', 'l', ...range(300)],
      ['LLEN', 'l'],
      ['SET', 's', 'v'],
      ['LLEN', 's'],
      ['LLEN'],
      ['LLEN', 'l', 'l'],
    ]);
  });

  it('long lists stay quicklist and answer as Redis across node boundaries', async () => {
    const big = range(1000, 'v');
    await d.check([
      ['RPUSH', 'l', ...big],
      ['LPUSH', 'l', ...range(500, 'h')],
      ['OBJECT', 'ENCODING', 'l'],
      ['LINDEX', 'l', '700'],
      ['LINDEX', 'l', '-700'],
      ['LRANGE', 'l', '490', '520'],
      ['LSET', 'l', '1000', 'S'],
      ['LINSERT', 'l', 'BEFORE', 'v600', 'I'],
      ['LINSERT', 'l', 'AFTER', 'h3', 'J'],
      ['LREM', 'l', '0', 'S'],
      ['LREM', 'l', '-1', 'v999'],
      ['LPOS', 'l', 'v500', 'RANK', '-1'],
      ['LPOS', 'l', 'v500', 'MAXLEN', '100'],
      ['LTRIM', 'l', '100', '-100'],
      ['LRANGE', 'l', '0', '-1'],
      ['LPOP', 'l', '600'],
      ['RPOP', 'l', '600'],
      ['LRANGE', 'l', '0', '-1'],
      ['OBJECT', 'ENCODING', 'l'],
      ['RPUSH', 'big', 'x'.repeat(70_000)],
      ['OBJECT', 'ENCODING', 'big'],
      ['LINDEX', 'big', '0'],
    ]);
  });

  it('list writes from another client abort a transaction watching the key, as in Redis; no-ops and reads do not', async () => {
    const others = await Promise.all([RawClient.connect(d.ourPort), RawClient.connect(d.redisPort)]);
    try {
      const cases: string[][][] = [
        [['RPUSH', 'w', 'x']],
        [['LPUSHX', 'w', 'x']],
        [['RPUSHX', 'nope', 'x']],
        [['LPOP', 'w']],
        [['RPOP', 'w', '0']],
        [['LPOP', 'w', '5']],
        [['LSET', 'w', '0', 'z']],
        [['LSET', 'w', '9', 'z']],
        [['LINSERT', 'w', 'BEFORE', 'b', 'z']],
        [['LINSERT', 'w', 'BEFORE', 'nope', 'z']],
        [['LREM', 'w', '0', 'b']],
        [['LREM', 'w', '0', 'nope']],
        [['LTRIM', 'w', '0', '-1']],
        [['LTRIM', 'w', '5', '9']],
        [['LMOVE', 'w', 'other', 'LEFT', 'LEFT']],
        [['RPUSH', 'src', 's'], ['RPOPLPUSH', 'src', 'w']],
        [['LMOVE', 'nope', 'w', 'LEFT', 'LEFT']],
        [['LMPOP', '2', 'nope', 'w', 'LEFT']],
        [['LLEN', 'w'], ['LRANGE', 'w', '0', '-1'], ['LINDEX', 'w', '0'], ['LPOS', 'w', 'a']],
      ];
      for (const writes of cases) {
        await d.check([['FLUSHALL'], ['RPUSH', 'w', 'a', 'b', 'c'], ['WATCH', 'w']]);
        for (const o of others) for (const c of writes) await o.call(...c);
        await d.check([['MULTI'], ['LRANGE', 'w', '0', '-1'], ['EXEC']]);
      }
    } finally {
      for (const o of others) o.close();
    }
  });

  it('inside MULTI the list commands queue and run as Redis does', async () => {
    await d.check([
      ['MULTI'],
      ['RPUSH', 'l', 'a', 'b'],
      ['LPOP', 'l', '-1'],
      ['LMOVE', 'l', 'l', 'LEFT', 'RIGHT'],
      ['LRANGE', 'l', '0', '-1'],
      ['LMPOP', '1', 'l', 'RIGHT', 'COUNT', '5'],
      ['LPUSH', 'l'],
      ['EXEC'],
      ['EXISTS', 'l'],
    ]);
  });

  it('COMMAND INFO and COMMAND GETKEYS describe the family as Redis does', async () => {
    await d.check(FAMILY.map((name) => ['COMMAND', 'INFO', name]));
    await d.check([
      ['COMMAND', 'GETKEYS', 'LMPOP', '2', 'a', 'b', 'LEFT'],
      ['COMMAND', 'GETKEYS', 'LMPOP', '2', 'a', 'LEFT'],
      ['COMMAND', 'GETKEYS', 'LMPOP', '3', 'a', 'LEFT'],
      ['COMMAND', 'GETKEYS', 'LMPOP', '0', 'a', 'LEFT'],
      ['COMMAND', 'GETKEYS', 'LMOVE', 's', 'd', 'LEFT', 'RIGHT'],
      ['COMMAND', 'GETKEYS', 'RPOPLPUSH', 's', 'd'],
      ['COMMAND', 'GETKEYS', 'LPUSH', 'k', 'a', 'b'],
    ]);
  });

  it('COMMAND DOCS: summaries, history, flags and arguments as Redis shows them', async () => {
    // Argument-level "since" (LPOP's count) is not expressible in the syntax notation: drop it.
    const withoutArgSince = (r: Reply): Reply => {
      if (!Array.isArray(r)) return r;
      const out: Reply[] = [];
      for (let i = 0; i < r.length; i++) {
        if (r[i] === 'since' && typeof r[i + 1] === 'string' && r.includes('type')) {
          i++;
          continue;
        }
        out.push(withoutArgSince(r[i]!));
      }
      return out;
    };
    for (const name of FAMILY) {
      const [ours, redis] = await Promise.all([d.ours.call('COMMAND', 'DOCS', name), d.redis.call('COMMAND', 'DOCS', name)]);
      expect(decodeReply(ours)[0]).toEqual(withoutArgSince(decodeReply(redis)[0]));
    }
  });

  it('generated command sequences answer as Redis does', async () => {
    const key = fc.constantFrom('a', 'b', 'c');
    const elem = fc.constantFrom('x', 'y', 'z', '', BIN, '12', '-1');
    const idx = fc.oneof(fc.integer({ min: -12, max: 12 }), fc.integer({ min: -400, max: 400 })).map(String);
    const end = fc.constantFrom('LEFT', 'RIGHT', 'left', 'right');
    const cmd = fc.oneof(
      fc.tuple(fc.constantFrom('LPUSH', 'RPUSH', 'LPUSHX', 'RPUSHX'), key, fc.array(elem, { minLength: 1, maxLength: 5 })).map(([c, k, es]) => [c, k, ...es]),
      fc.tuple(fc.constantFrom('LPUSH', 'RPUSH'), key, elem, fc.integer({ min: 100, max: 250 })).map(([c, k, e, n]) => [c, k, ...Array.from({ length: n }, (_, i) => (i % 5 === 0 ? e : `${e}${i % 7}`))]),
      fc.tuple(fc.constantFrom('LPOP', 'RPOP'), key).map(([c, k]) => [c, k]),
      fc.tuple(fc.constantFrom('LPOP', 'RPOP'), key, fc.integer({ min: -1, max: 150 })).map(([c, k, n]) => [c, k, String(n)]),
      fc.tuple(fc.constant('LRANGE'), key, idx, idx).map((a) => [...a]),
      fc.tuple(fc.constant('LINDEX'), key, idx).map((a) => [...a]),
      fc.tuple(fc.constant('LSET'), key, idx, elem).map((a) => [...a]),
      fc.tuple(fc.constant('LINSERT'), key, fc.constantFrom('BEFORE', 'AFTER'), elem, elem).map((a) => [...a]),
      fc.tuple(fc.constant('LLEN'), key).map((a) => [...a]),
      fc.tuple(fc.constant('LREM'), key, fc.integer({ min: -4, max: 4 }).map(String), elem).map((a) => [...a]),
      fc.tuple(fc.constant('LTRIM'), key, idx, idx).map((a) => [...a]),
      fc
        .tuple(key, elem, fc.option(fc.integer({ min: -3, max: 3 }).filter((r) => r !== 0)), fc.option(fc.nat(3)), fc.option(fc.nat(200)))
        .map(([k, e, rank, count, maxlen]) => [
          'LPOS',
          k,
          e,
          ...(rank === null ? [] : ['RANK', String(rank)]),
          ...(count === null ? [] : ['COUNT', String(count)]),
          ...(maxlen === null ? [] : ['MAXLEN', String(maxlen)]),
        ]),
      fc.tuple(fc.constant('LMOVE'), key, key, end, end).map((a) => [...a]),
      fc.tuple(fc.constant('RPOPLPUSH'), key, key).map((a) => [...a]),
      fc
        .tuple(fc.uniqueArray(key, { minLength: 1, maxLength: 3 }), end, fc.option(fc.integer({ min: 1, max: 150 })))
        .map(([ks, w, n]) => ['LMPOP', String(ks.length), ...ks, w, ...(n === null ? [] : ['COUNT', String(n)])]),
      fc.tuple(fc.constant('SET'), key, elem).map((a) => [...a]),
      fc.tuple(fc.constant('DEL'), key).map((a) => [...a]),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 1, maxLength: 40 }), async (cmds) => {
        await d.reset();
        await d.checkPipeline([...cmds, ['LRANGE', 'a', '0', '-1'], ['LRANGE', 'b', '0', '-1'], ['LRANGE', 'c', '0', '-1']]);
      }),
      { numRuns: 200 },
    );
    expect(true).toBe(true);
  });
});
