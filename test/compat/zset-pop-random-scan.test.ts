// ZPOPMIN, ZPOPMAX, ZMPOP, ZRANDMEMBER and ZSCAN against a real redis-server. Random picks and the
// order of a skiplist scan differ by nature: for those, the properties of the replies are checked
// on both servers (length, membership, scores, no repeats, full coverage).

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Differential } from '../support/differential.js';
import { decodeReply, type Reply } from '../support/resp-reader.js';

const BIN = 'a\u0000b\u00ff\u0080\r\nc';
const AT = '4102444800123';

describe('sorted set pops, random members and scans, differential', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());
  beforeEach(async () => d.reset());

  async function both(...args: string[]): Promise<[Reply, Reply]> {
    const [a, b] = await Promise.all([d.ours.call(...args), d.redis.call(...args)]);
    return [decodeReply(a)[0], decodeReply(b)[0]];
  }

  /** The set at key on Redis, member -> score text. */
  async function zsetOf(key: string): Promise<Map<string, string>> {
    const [, flat] = (await both('ZRANGE', key, '0', '-1', 'WITHSCORES')) as [string[], string[]];
    const m = new Map<string, string>();
    for (let i = 0; i < flat.length; i += 2) m.set(flat[i]!, flat[i + 1]!);
    return m;
  }

  it('ZPOPMIN and ZPOPMAX: counts, ties, emptied keys, TTL, errors', async () => {
    await d.check([
      ['ZADD', 'z', '1', 'a', '1', 'b', '2', 'c', '3', 'd', '-inf', 'lo', 'inf', 'hi', '0', BIN],
      ['PEXPIREAT', 'z', AT],
      ['ZPOPMIN', 'z'],
      ['ZPOPMAX', 'z'],
      ['ZPOPMIN', 'z', '2'],
      ['ZPOPMAX', 'z', '0'],
      ['PEXPIRETIME', 'z'],
      ['ZPOPMAX', 'z', '100'],
      ['EXISTS', 'z'],
      ['ZPOPMIN', 'z'],
      ['ZPOPMIN', 'z', '3'],
      ['ZPOPMIN', 'z', '0'],
      ['ZPOPMIN', 'z', '-1'],
      ['ZPOPMIN', 'z', 'x'],
      ['ZPOPMIN', 'z', '1', '2'],
      ['ZPOPMAX', 'z', '1.5'],
      ['SET', 's', 'v'],
      ['ZPOPMIN', 's'],
      ['ZPOPMAX', 's', '0'],
      ['ZPOPMIN', 's', '-1'],
      ['ZPOPMIN'],
    ]);
  });

  it('ZMPOP: first non-empty key, MIN/MAX, COUNT, null reply, errors', async () => {
    await d.check([
      ['ZADD', 'z1', '1', 'a', '2', 'b', '3', 'c'],
      ['ZADD', 'z2', '10', 'x'],
      ['ZMPOP', '2', 'missing', 'z1', 'MIN'],
      ['ZMPOP', '2', 'missing', 'z1', 'max', 'COUNT', '5'],
      ['EXISTS', 'z1'],
      ['ZMPOP', '3', 'z1', 'missing', 'z2', 'MIN', 'COUNT', '1'],
      ['ZMPOP', '1', 'z2', 'MIN'],
      ['ZMPOP', '2', 'z1', 'z2', 'MIN'],
      ['ZADD', 'z1', '1', 'a'],
      ['SET', 's', 'v'],
      ['ZMPOP', '2', 's', 'z1', 'MIN'],
      ['ZMPOP', '2', 'missing', 's', 'MIN'],
      ['ZMPOP', '2', 'z1', 's', 'MIN'],
      ['ZMPOP', '0', 'z1', 'MIN'],
      ['ZMPOP', '-1', 'z1', 'MIN'],
      ['ZMPOP', 'x', 'z1', 'MIN'],
      ['ZMPOP', '1', 'z1', 'LEFT'],
      ['ZMPOP', '2', 'z1', 'MIN'],
      ['ZMPOP', '5', 'z1', 'MIN'],
      ['ZMPOP', '1', 'z1', 'MIN', 'COUNT'],
      ['ZMPOP', '1', 'z1', 'MIN', 'COUNT', '0'],
      ['ZMPOP', '1', 'z1', 'MIN', 'COUNT', '-1'],
      ['ZMPOP', '1', 'z1', 'MIN', 'COUNT', 'x'],
      ['ZMPOP', '1', 'z1', 'MIN', 'COUNT', '1', 'COUNT', '1'],
      ['ZMPOP', '1', 'z1', 'MIN', 'FOO'],
      ['ZMPOP', '1', 'z1'],
      ['EXISTS', 'z1'],
    ]);
  });

  it('pops from a large skiplist agree with Redis', async () => {
    const args: string[] = [];
    for (let i = 0; i < 2000; i++) args.push(String(i % 97), `m${i}`);
    await d.check([
      ['ZADD', 'z', ...args],
      ['ZPOPMIN', 'z', '150'],
      ['ZPOPMAX', 'z', '300'],
      ['ZMPOP', '1', 'z', 'MIN', 'COUNT', '129'],
      ['ZCARD', 'z'],
      ['ZRANGE', 'z', '0', '20', 'WITHSCORES'],
      ['ZPOPMAX', 'z', '5000'],
      ['EXISTS', 'z'],
    ]);
  });

  it('ZRANDMEMBER: deterministic cases compared exactly, errors', async () => {
    await d.check([
      ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '-0', BIN],
      ['ZRANDMEMBER', 'z', '0'],
      ['ZRANDMEMBER', 'z', '4'],
      ['ZRANDMEMBER', 'z', '100', 'WITHSCORES'],
      ['ZRANDMEMBER', 'missing'],
      ['ZRANDMEMBER', 'missing', '5'],
      ['ZRANDMEMBER', 'missing', '-5', 'WITHSCORES'],
      ['ZRANDMEMBER', 'z', 'x'],
      ['ZRANDMEMBER', 'z', '1.5'],
      ['ZRANDMEMBER', 'z', '1', 'WITHSCORE'],
      ['ZRANDMEMBER', 'z', '1', 'WITHSCORES', 'x'],
      ['ZRANDMEMBER', 'z', '-9223372036854775808'],
      ['ZRANDMEMBER', 'missing', '-9223372036854775808', 'WITHSCORES'],
      ['ZRANDMEMBER', 'missing', '-4611686018427387904', 'WITHSCORES'],
      ['ZRANDMEMBER', 'z', '-4611686018427387904', 'WITHSCOREZ'],
      ['SET', 's', 'v'],
      ['ZRANDMEMBER', 's'],
      ['ZRANDMEMBER', 's', '1'],
      ['ZRANDMEMBER', 's', '-4611686018427387904', 'WITHSCORES'],
    ]);
    await d.check([['CONFIG', 'SET', 'zset-max-listpack-entries', '0'], ['ZADD', 'sl', '1', 'a', '2', 'b', '-0', 'c'], ['ZRANDMEMBER', 'sl', '3', 'WITHSCORES'], ['CONFIG', 'SET', 'zset-max-listpack-entries', '128']]);
  });

  it('ZRANDMEMBER random picks have the right shape on both servers', async () => {
    const args: string[] = [];
    for (let i = 0; i < 300; i++) args.push(String(i / 4), `m${i}`);
    await d.check([['ZADD', 'big', ...args], ['ZADD', 'small', '1', 'a', '2.5', 'b', '3', 'c', '4', 'd', '5', 'e']]);
    for (const key of ['small', 'big']) {
      const zset = await zsetOf(key);
      const [one, oneRedis] = await both('ZRANDMEMBER', key);
      for (const r of [one, oneRedis]) expect(zset.has(r as string)).toBe(true);
      for (const count of [1, 2, 4, -1, -3, -20, 50, 120, 299, -400]) {
        for (const withScores of [false, true]) {
          const cmd = ['ZRANDMEMBER', key, String(count), ...(withScores ? ['WITHSCORES'] : [])];
          for (const reply of await both(...cmd)) {
            expect({ cmd, problem: shapeProblem(reply, zset, count, withScores) }).toEqual({ cmd, problem: null });
          }
        }
      }
    }
  });

  it('ZSCAN on a listpack: everything at once, MATCH, COUNT, options and errors', async () => {
    await d.check([
      ['ZADD', 'z', '1', 'a1', '2', 'b2', '1e17', 'a3', '-0', 'c', '0.1', BIN, '-inf', 'lo'],
      ['ZSCAN', 'z', '0'],
      ['ZSCAN', 'z', '12345'],
      ['ZSCAN', 'z', '0', 'MATCH', 'a*'],
      ['ZSCAN', 'z', '0', 'MATCH', '*', 'COUNT', '1'],
      ['ZSCAN', 'z', '0', 'COUNT', '1', 'MATCH', 'nomatch*'],
      ['ZSCAN', 'z', '0', 'COUNT', '0'],
      ['ZSCAN', 'z', '0', 'COUNT', 'x'],
      ['ZSCAN', 'z', '0', 'COUNT'],
      ['ZSCAN', 'z', '0', 'TYPE', 'zset'],
      ['ZSCAN', 'z', '0', 'NOVALUES'],
      ['ZSCAN', 'z', 'x'],
      ['ZSCAN', 'z', '-1'],
      ['ZSCAN', 'z', ''],
      ['ZSCAN', 'z', ' 1'],
      ['ZSCAN', 'z', '18446744073709551616'],
      ['ZSCAN', 'missing', '0'],
      ['ZSCAN', 'missing', '0', 'COUNT', '0'],
      ['ZSCAN', 'missing', 'x'],
      ['SET', 's', 'v'],
      ['ZSCAN', 's', '0'],
      ['ZSCAN', 's', 'x'],
    ]);
  });

  it('ZSCAN on a skiplist visits every member with its score, through changes', async () => {
    const args: string[] = [];
    for (let i = 0; i < 1000; i++) args.push(String(i * 1.5), `m${i}`);
    await d.check([['ZADD', 'z', ...args]]);
    const zset = await zsetOf('z');
    for (const client of [d.ours, d.redis]) {
      const seen = new Map<string, string>();
      let cursor = '0';
      let calls = 0;
      do {
        const [next, flat] = decodeReply(await client.call('ZSCAN', 'z', cursor, 'COUNT', '37'))[0] as [string, string[]];
        for (let i = 0; i < flat.length; i += 2) seen.set(flat[i]!, flat[i + 1]!);
        cursor = next;
        calls++;
      } while (cursor !== '0' && calls < 10000);
      expect(seen).toEqual(zset);
    }
    // MATCH filters members; members present for the whole scan are all returned despite changes.
    for (const client of [d.ours, d.redis]) {
      const seen = new Set<string>();
      let cursor = '0';
      let calls = 0;
      do {
        const [next, flat] = decodeReply(await client.call('ZSCAN', 'z', cursor, 'MATCH', 'm1*'))[0] as [string, string[]];
        for (let i = 0; i < flat.length; i += 2) seen.add(flat[i]!);
        if (calls === 3) await client.call('ZADD', 'z', '1', `extra${calls}`);
        cursor = next;
        calls++;
      } while (cursor !== '0' && calls < 10000);
      const expected = [...zset.keys()].filter((m) => m.startsWith('m1'));
      for (const m of expected) expect(seen.has(m)).toBe(true);
      for (const m of seen) expect(m.startsWith('m1')).toBe(true);
    }
  });

  it('ZSCAN ends while members are added as fast as it reads them', async () => {
    const args: string[] = [];
    for (let i = 0; i < 500; i++) args.push(String(i), `m${i}`);
    await d.check([['ZADD', 'z', ...args]]);
    for (const client of [d.ours, d.redis]) {
      const seen = new Set<string>();
      let cursor = '0';
      let calls = 0;
      let added = 0;
      do {
        const [next, flat] = decodeReply(await client.call('ZSCAN', 'z', cursor, 'COUNT', '20'))[0] as [string, string[]];
        for (let i = 0; i < flat.length; i += 2) seen.add(flat[i]!);
        const more: string[] = [];
        for (let j = 0; j < 40; j++) more.push('1', `new${added++}`);
        await client.call('ZADD', 'z', ...more);
        cursor = next;
        calls++;
      } while (cursor !== '0' && calls < 1000);
      expect(cursor).toBe('0');
      for (let i = 0; i < 500; i++) expect(seen.has(`m${i}`)).toBe(true);
    }
  });
});

/** Why a ZRANDMEMBER reply is wrong for `count` (null when it is right). */
function shapeProblem(reply: Reply, zset: Map<string, string>, count: number, withScores: boolean): string | null {
  if (!Array.isArray(reply)) return `not an array: ${String(reply)}`;
  const stride = withScores ? 2 : 1;
  const members: string[] = [];
  for (let i = 0; i < reply.length; i += stride) {
    const m = reply[i] as string;
    if (!zset.has(m)) return `unknown member ${JSON.stringify(m)}`;
    if (withScores && reply[i + 1] !== zset.get(m)) return `wrong score for ${JSON.stringify(m)}`;
    members.push(m);
  }
  const expected = count >= 0 ? Math.min(count, zset.size) : -count;
  if (members.length !== expected) return `length ${members.length}, expected ${expected}`;
  if (count > 0 && new Set(members).size !== members.length) return 'repeated members';
  return null;
}
