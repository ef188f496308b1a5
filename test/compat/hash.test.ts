// Differential tests of the hash commands against a real redis-server: hand-picked edge cases,
// then generated command sequences. HRANDFIELD's picks are random on both sides, so its replies
// are compared by shape (length, membership, repeats) and, where Redis's order is not random,
// by order.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Differential } from '../support/differential.js';
import { decodeReply, type Reply } from '../support/resp-reader.js';

const BIN = 'a\0b\xff\x80\r\nc';
const COMMANDS = ['hset', 'hsetnx', 'hmset', 'hget', 'hmget', 'hgetall', 'hdel', 'hlen', 'hstrlen', 'hexists', 'hkeys', 'hvals', 'hincrby', 'hincrbyfloat', 'hrandfield', 'hscan'];

let d: Differential;

beforeAll(async () => {
  d = await Differential.start();
});
afterAll(async () => d.stop());
beforeEach(async () => d.reset());

async function redisReply(...args: string[]): Promise<Reply> {
  return decodeReply(await d.redis.call(...args))[0];
}

async function oursReply(...args: string[]): Promise<Reply> {
  return decodeReply(await d.ours.call(...args))[0];
}

/** Both servers report the same OBJECT ENCODING for each key. */
async function sameEncoding(...keys: string[]): Promise<void> {
  await d.check(keys.map((k) => ['OBJECT', 'ENCODING', k]));
}

/** A listing command compared in order while Redis's hash is a listpack, as a multiset otherwise. */
async function checkListing(args: string[], key: string): Promise<void> {
  const encoding = await redisReply('OBJECT', 'ENCODING', key);
  await d.check([args], { sorted: encoding === 'hashtable' });
}

/** The hash at key on Redis, as a Map. */
async function hashOf(key: string): Promise<Map<string, string>> {
  const flat = (await redisReply('HGETALL', key)) as string[];
  const m = new Map<string, string>();
  for (let i = 0; i < flat.length; i += 2) m.set(flat[i]!, flat[i + 1]!);
  return m;
}

/** What must hold of an HRANDFIELD reply: its length, fields of the hash, values that match, no repeats for a positive count. */
function randomShape(reply: Reply, hash: Map<string, string>, count: number, withValues: boolean): string {
  if (!Array.isArray(reply)) return `not an array: ${String(reply)}`;
  const stride = withValues ? 2 : 1;
  const fields: string[] = [];
  for (let i = 0; i < reply.length; i += stride) {
    const f = reply[i] as string;
    if (!hash.has(f)) return `unknown field ${JSON.stringify(f)}`;
    if (withValues && reply[i + 1] !== hash.get(f)) return `wrong value for ${JSON.stringify(f)}`;
    fields.push(f);
  }
  const expected = count >= 0 ? Math.min(count, hash.size) : -count;
  if (fields.length !== expected) return `length ${fields.length}, expected ${expected}`;
  if (count > 0 && new Set(fields).size !== fields.length) return 'repeated fields';
  return 'ok';
}

/** HRANDFIELD with a count on both servers gives replies of the right shape. */
async function checkRandomFields(key: string, count: number, withValues: boolean): Promise<{ ours: Reply; redis: Reply }> {
  const hash = await hashOf(key);
  const args = ['HRANDFIELD', key, String(count), ...(withValues ? ['WITHVALUES'] : [])];
  const [ours, redis] = await Promise.all([oursReply(...args), redisReply(...args)]);
  expect({ args, shape: randomShape(ours, hash, count, withValues) }).toEqual({ args, shape: 'ok' });
  expect({ args, shape: randomShape(redis, hash, count, withValues) }).toEqual({ args, shape: 'ok' });
  return { ours, redis };
}

/** Sets the same small-encoding thresholds on both servers. */
async function thresholds(entries: number, value: number): Promise<void> {
  await d.check([
    ['CONFIG', 'SET', 'hash-max-listpack-entries', String(entries)],
    ['CONFIG', 'SET', 'hash-max-listpack-value', String(value)],
  ]);
}

describe('HSET, HMSET, HSETNX, HGET, HMGET', () => {
  it('set and read fields, binary and empty ones included', async () => {
    await d.check([
      ['HSET', 'h', 'f1', 'v1'],
      ['HSET', 'h', 'f1', 'v2', 'f2', 'v2', BIN, BIN, '', ''],
      ['HGET', 'h', 'f1'],
      ['HGET', 'h', BIN],
      ['HGET', 'h', ''],
      ['HGET', 'h', 'nope'],
      ['HGET', 'nokey', 'f1'],
      ['HMGET', 'h', 'f1', 'nope', BIN, 'f1'],
      ['HMGET', 'nokey', 'a', 'b'],
      ['HMSET', 'h', 'f3', 'v3', 'f1', 'v1'],
      ['HGETALL', 'h'],
      ['HSETNX', 'h', 'f1', 'other'],
      ['HSETNX', 'h', 'f9', 'new'],
      ['HSETNX', 'fresh', 'f', 'v'],
      ['HGETALL', 'fresh'],
      ['HLEN', 'h'],
    ]);
  });

  it('reject odd pairs and wrong arity with the command name', async () => {
    await d.check([
      ['HSET', 'h', 'f'],
      ['HSET', 'h', 'f', 'v', 'g'],
      ['HMSET', 'h', 'f', 'v', 'g'],
      ['hmset', 'h', 'f'],
      ['HSETNX', 'h', 'f'],
      ['HGET', 'h'],
      ['HMGET', 'h'],
      ['EXISTS', 'h'],
    ]);
  });

  it('answer WRONGTYPE on a string key, and leave it alone', async () => {
    await d.check([['SET', 's', 'x']]);
    await d.check([
      ['HSET', 's', 'f', 'v'],
      ['HMSET', 's', 'f', 'v'],
      ['HSETNX', 's', 'f', 'v'],
      ['HGET', 's', 'f'],
      ['HMGET', 's', 'f'],
      ['HGETALL', 's'],
      ['HKEYS', 's'],
      ['HVALS', 's'],
      ['HDEL', 's', 'f'],
      ['HLEN', 's'],
      ['HSTRLEN', 's', 'f'],
      ['HEXISTS', 's', 'f'],
      ['HINCRBY', 's', 'f', '1'],
      ['HINCRBYFLOAT', 's', 'f', '1'],
      ['HRANDFIELD', 's'],
      ['HRANDFIELD', 's', '2'],
      ['HSCAN', 's', '0'],
      ['GET', 's'],
    ]);
  });

  it('count a field set twice in one HSET once, keeping the last value', async () => {
    await d.check([['HSET', 'h', 'a', '1', 'a', '2', 'b', '3', 'a', '4'], ['HGETALL', 'h'], ['HMSET', 'h', 'b', '5', 'b', '6'], ['HGETALL', 'h']]);
  });

  it('treat an expired hash as missing and replace it with a new one', async () => {
    await d.check([['HSET', 'h', 'a', '1', 'b', '2'], ['PEXPIRE', 'h', '1']]);
    await new Promise((r) => setTimeout(r, 20));
    await d.check([['HLEN', 'h'], ['HGET', 'h', 'a'], ['HGETALL', 'h'], ['HSCAN', 'h', '0'], ['HRANDFIELD', 'h'], ['HINCRBY', 'h', 'a', '5'], ['HGETALL', 'h'], ['TTL', 'h']]);
  });

  it('COPY makes an independent hash', async () => {
    const args = ['HSET', 'big'];
    for (let i = 0; i < 600; i++) args.push(`f${i}`, `v${i}`);
    await d.check([['HSET', 'h', 'a', '1', 'b', '2'], ['COPY', 'h', 'h2'], ['HSET', 'h', 'a', 'changed', 'c', '3'], ['HDEL', 'h', 'b'], ['HGETALL', 'h2'], ['OBJECT', 'ENCODING', 'h2']]);
    await d.check([args, ['COPY', 'big', 'big2'], ['HDEL', 'big', 'f1', 'f2'], ['HSET', 'big', 'f3', 'x'], ['HLEN', 'big2'], ['HGET', 'big2', 'f3'], ['HGET', 'big2', 'f1'], ['OBJECT', 'ENCODING', 'big2']]);
  });

  it('keep a key expiry when fields change, and a new hash has none', async () => {
    await d.check([['HSET', 'h', 'a', '1'], ['EXPIRE', 'h', '1000'], ['HSET', 'h', 'b', '2'], ['HDEL', 'h', 'a'], ['HINCRBY', 'h', 'b', '1'], ['TTL', 'h']]);
    await d.check([['SET', 'old', 'x', 'EX', '1000'], ['DEL', 'old'], ['HSET', 'old', 'f', 'v'], ['TTL', 'old']]);
  });
});

describe('WATCH', () => {
  it('sees every change a hash command makes, and only changes', async () => {
    const watched = async (setup: string[][], change: string[]) =>
      d.check([['HSET', 'h', 'a', '1', 'b', '2'], ...setup, ['WATCH', 'h'], change, ['MULTI'], ['HGET', 'h', 'a'], ['EXEC']]);
    await watched([], ['HSET', 'h', 'a', '1']);
    await watched([], ['HSETNX', 'h', 'a', 'x']);
    await watched([], ['HSETNX', 'h', 'new', 'x']);
    await watched([], ['HDEL', 'h', 'zz']);
    await watched([], ['HDEL', 'h', 'b']);
    await watched([], ['HINCRBY', 'h', 'a', '0']);
    await watched([], ['HINCRBYFLOAT', 'h', 'a', 'x']);
    await watched([], ['HDEL', 'h', 'a', 'b']);
    await watched([], ['HGETALL', 'h']);
  });
});

describe('HDEL, HLEN, HSTRLEN, HEXISTS', () => {
  it('count what they remove, delete the emptied key, and read missing things as empty', async () => {
    await d.check([
      ['HSET', 'h', 'a', '1', 'b', '22', 'c', BIN],
      ['HDEL', 'h', 'a', 'a', 'zz'],
      ['HLEN', 'h'],
      ['HSTRLEN', 'h', 'b'],
      ['HSTRLEN', 'h', 'c'],
      ['HSTRLEN', 'h', 'zz'],
      ['HSTRLEN', 'nokey', 'b'],
      ['HEXISTS', 'h', 'b'],
      ['HEXISTS', 'h', 'a'],
      ['HEXISTS', 'nokey', 'a'],
      ['HLEN', 'nokey'],
      ['HDEL', 'nokey', 'a'],
      ['HDEL', 'h', 'b', 'c', 'b'],
      ['EXISTS', 'h'],
      ['HDEL', 'h'],
      ['HLEN', 'h', 'x'],
    ]);
  });
});

describe('HGETALL, HKEYS, HVALS', () => {
  it('list a listpack in insertion order, updates in place, a re-added field at the end', async () => {
    await d.check([
      ['HSET', 'h', 'z', '1', 'a', '2', 'm', '3'],
      ['HSET', 'h', 'a', 'updated'],
      ['HDEL', 'h', 'z'],
      ['HSET', 'h', 'z', 'back'],
      ['HGETALL', 'h'],
      ['HKEYS', 'h'],
      ['HVALS', 'h'],
      ['HGETALL', 'nokey'],
      ['HKEYS', 'nokey'],
      ['HVALS', 'nokey'],
    ]);
  });

  it('list a hash table completely (order unspecified)', async () => {
    const args = ['HSET', 'h'];
    for (let i = 0; i < 600; i++) args.push(`f${i}`, `v${i}`);
    await d.check([args, ['OBJECT', 'ENCODING', 'h']]);
    await d.check([['HGETALL', 'h'], ['HKEYS', 'h'], ['HVALS', 'h']], { sorted: true });
  });
});

describe('encodings', () => {
  it('switch to hashtable past 512 entries, exactly when Redis does, and never back', async () => {
    const args = ['HSET', 'h'];
    for (let i = 0; i < 512; i++) args.push(`f${i}`, 'v');
    await d.check([args, ['OBJECT', 'ENCODING', 'h'], ['HSETNX', 'h', 'f0', 'v'], ['OBJECT', 'ENCODING', 'h'], ['HSET', 'h', 'extra', 'v'], ['OBJECT', 'ENCODING', 'h']]);
    const del = ['HDEL', 'h'];
    for (let i = 0; i < 510; i++) del.push(`f${i}`);
    await d.check([del, ['OBJECT', 'ENCODING', 'h'], ['HLEN', 'h']]);
  });

  it('switch at a field or value longer than 64 bytes, whichever command writes it', async () => {
    const v64 = 'x'.repeat(64);
    const v65 = 'y'.repeat(65);
    await d.check([
      ['HSET', 'a', 'f', v64, v64, 'v'],
      ['OBJECT', 'ENCODING', 'a'],
      ['HSET', 'b', 'f', 'v', 'g', v65],
      ['OBJECT', 'ENCODING', 'b'],
      ['HSET', 'c', v65, 'v'],
      ['OBJECT', 'ENCODING', 'c'],
      ['HSET', 'd', 'f', 'v'],
      ['HSETNX', 'd', 'f', v65],
      ['OBJECT', 'ENCODING', 'd'],
      ['HSETNX', 'd', 'g', v65],
      ['OBJECT', 'ENCODING', 'd'],
      ['HINCRBY', 'e', v65, '5'],
      ['OBJECT', 'ENCODING', 'e'],
      ['HINCRBYFLOAT', 'g', v65, '1.5'],
      ['OBJECT', 'ENCODING', 'g'],
      ['HINCRBYFLOAT', 'i', 'f', '1e70'],
      ['OBJECT', 'ENCODING', 'i'],
      ['HGET', 'i', 'f'],
      ['HINCRBY', 'j', 'f', '-9223372036854775808'],
      ['OBJECT', 'ENCODING', 'j'],
    ]);
  });

  it('follow CONFIG SET thresholds for values written after the change', async () => {
    await thresholds(2, 3);
    try {
      await d.check([
        ['HSET', 'h', 'a', '1', 'b', '2'],
        ['OBJECT', 'ENCODING', 'h'],
        ['HSET', 'h', 'c', '3'],
        ['OBJECT', 'ENCODING', 'h'],
        ['HSET', 'k', 'abc', 'abc'],
        ['OBJECT', 'ENCODING', 'k'],
        ['HSET', 'k', 'abcd', '1'],
        ['OBJECT', 'ENCODING', 'k'],
      ]);
      await thresholds(0, 64);
      await d.check([['HSET', 'z', 'a', '1'], ['OBJECT', 'ENCODING', 'z']]);
    } finally {
      await thresholds(512, 64);
    }
  });
});

describe('HINCRBY and HINCRBYFLOAT', () => {
  it('add exactly over 64 bits and refuse what Redis refuses', async () => {
    await d.check([
      ['HINCRBY', 'h', 'n', '5'],
      ['HINCRBY', 'h', 'n', '-10'],
      ['HSET', 'h', 'big', '9223372036854775800', 'small', '-9223372036854775800', 'text', 'abc', 'sp', ' 1', 'lead', '01', 'f', '1.5'],
      ['HINCRBY', 'h', 'big', '7'],
      ['HINCRBY', 'h', 'big', '1'],
      ['HINCRBY', 'h', 'small', '-8'],
      ['HINCRBY', 'h', 'small', '-1'],
      ['HINCRBY', 'h', 'small', '9223372036854775807'],
      ['HINCRBY', 'h', 'text', '1'],
      ['HINCRBY', 'h', 'sp', '1'],
      ['HINCRBY', 'h', 'lead', '1'],
      ['HINCRBY', 'h', 'f', '1'],
      ['HINCRBY', 'h', 'n', '1.5'],
      ['HINCRBY', 'h', 'n', '+1'],
      ['HINCRBY', 'h', 'n', ''],
      ['HINCRBY', 'h', 'n', '9223372036854775808'],
      ['HINCRBY', 'h', 'n', '-9223372036854775808'],
      ['HINCRBY', 'h', 'n', '123456789012345678'],
      ['HINCRBY', 'nokey', 'n', 'x'],
      ['EXISTS', 'nokey'],
      ['HGETALL', 'h'],
    ]);
  });

  it('compute in long double and format as Redis does', async () => {
    await d.check([
      ['HINCRBYFLOAT', 'h', 'x', '0.1'],
      ['HINCRBYFLOAT', 'h', 'x', '0.2'],
      ['HINCRBYFLOAT', 'h', 'x', '-0.3'],
      ['HINCRBYFLOAT', 'h', 'y', '5.0e3'],
      ['HINCRBYFLOAT', 'h', 'y', '-1e-3'],
      ['HINCRBYFLOAT', 'h', 'z', '0x10'],
      ['HSET', 'h', 'i', '10', 'big', '1e4931', 'word', 'abc', 'nul', '1\x00'],
      ['HINCRBYFLOAT', 'h', 'i', '1.5'],
      ['HINCRBYFLOAT', 'h', 'big', '1e4931'],
      ['HINCRBYFLOAT', 'h', 'big', '1e4932'],
      ['HINCRBYFLOAT', 'h', 'word', '1'],
      ['HINCRBYFLOAT', 'h', 'nul', '1'],
      ['HINCRBYFLOAT', 'h', 'x', 'inf'],
      ['HINCRBYFLOAT', 'h', 'x', '-infinity'],
      ['HINCRBYFLOAT', 'h', 'x', 'nan'],
      ['HINCRBYFLOAT', 'h', 'x', 'abc'],
      ['HINCRBYFLOAT', 'h', 'x', ' 1'],
      ['HINCRBYFLOAT', 'h', 'x', ''],
      ['HINCRBYFLOAT', 'nokey', 'x', 'inf'],
      ['EXISTS', 'nokey'],
      ['OBJECT', 'ENCODING', 'h'],
    ]);
    // The 4932-digit value made the hash a table: its order is unspecified.
    await d.check([['HGETALL', 'h']], { sorted: true });
  });
});

describe('HRANDFIELD', () => {
  it('answers missing keys, zero counts and bad arguments as Redis', async () => {
    await d.check([
      ['HRANDFIELD', 'nokey'],
      ['HRANDFIELD', 'nokey', '3'],
      ['HRANDFIELD', 'nokey', '-3', 'WITHVALUES'],
      ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3'],
      ['HRANDFIELD', 'h', '0'],
      ['HRANDFIELD', 'h', '0', 'withvalues'],
      ['HRANDFIELD', 'h', 'x'],
      ['HRANDFIELD', 'h', '1.5'],
      ['HRANDFIELD', 'h', '2', 'WITHVALUE'],
      ['HRANDFIELD', 'h', '2', 'WITHVALUES', 'x'],
      ['HRANDFIELD', 'h', 'x', 'nope'],
      ['HRANDFIELD', 'h', '-9223372036854775808'],
      ['HRANDFIELD', 'nokey', '-9223372036854775808', 'WITHVALUES'],
      ['HRANDFIELD', 'h', '4611686018427387904', 'WITHVALUES'],
      ['HRANDFIELD', 'h', '-4611686018427387904', 'WITHVALUES'],
      ['HRANDFIELD', 'nokey', '4611686018427387903', 'WITHVALUES'],
      ['HRANDFIELD', 'nokey', '9223372036854775807'],
      ['HRANDFIELD', 'h', '9223372036854775808'],
    ]);
  });

  it('return the whole hash, in its order, for a count at least its size', async () => {
    await d.check([
      ['HSET', 'h', 'z', '1', 'a', '2', BIN, '3'],
      ['HRANDFIELD', 'h', '3'],
      ['HRANDFIELD', 'h', '100', 'WITHVALUES'],
      ['HRANDFIELD', 'h', '9223372036854775807'],
    ]);
    await thresholds(1, 64);
    try {
      await d.check([['HSET', 't', 'a', '1', 'b', '2', 'c', '3'], ['OBJECT', 'ENCODING', 't']]);
      await d.check([['HRANDFIELD', 't', '3'], ['HRANDFIELD', 't', '5', 'WITHVALUES']], { sorted: true });
    } finally {
      await thresholds(512, 64);
    }
  });

  it('sample a listpack without repeats in listpack order, and with repeats for a negative count', async () => {
    const args = ['HSET', 'h'];
    for (let i = 0; i < 20; i++) args.push(`f${String(i).padStart(2, '0')}`, `v${i}`);
    await d.check([args]);
    for (const count of [1, 2, 5, 19]) {
      for (const withValues of [false, true]) {
        const { ours } = await checkRandomFields('h', count, withValues);
        const fields = (ours as string[]).filter((_, i) => !withValues || i % 2 === 0);
        expect(fields).toEqual([...fields].sort());
      }
    }
    for (const count of [-1, -5, -40]) {
      await checkRandomFields('h', count, false);
      await checkRandomFields('h', count, true);
    }
    const single = await Promise.all([oursReply('HRANDFIELD', 'h'), redisReply('HRANDFIELD', 'h')]);
    for (const r of single) expect(typeof r === 'string' && r.startsWith('f')).toBe(true);
  });

  it('sample a hash table by every strategy', async () => {
    const args = ['HSET', 'h'];
    for (let i = 0; i < 1000; i++) args.push(`f${i}`, `v${i}`);
    await d.check([args, ['OBJECT', 'ENCODING', 'h']]);
    for (const count of [1, 10, 300, 400, 999, -3, -2000]) {
      await checkRandomFields('h', count, false);
      await checkRandomFields('h', count, true);
    }
    // Deletions and additions between samples (the table's random-pick array keeps up).
    const del = ['HDEL', 'h'];
    for (let i = 0; i < 900; i++) del.push(`f${i}`);
    await d.check([del, ['HSET', 'h', 'new1', 'x', 'f5', 'again']]);
    for (const count of [1, 50, -200]) await checkRandomFields('h', count, true);
  });

  it('spread picks over every field', async () => {
    await d.check([['HSET', 'h', 'a', '1', 'b', '2', 'c', '3', 'd', '4']]);
    const reply = (await oursReply('HRANDFIELD', 'h', '-4000')) as string[];
    const counts = new Map<string, number>();
    for (const f of reply) counts.set(f, (counts.get(f) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
    for (const c of counts.values()) expect(Math.abs(c - 1000)).toBeLessThan(200);
  });
});

describe('HSCAN', () => {
  it('returns a listpack whole with cursor 0, whatever the cursor, filtered by MATCH', async () => {
    await d.check([
      ['HSET', 'h', 'foo', '1', 'bar', '2', 'fox', '3', BIN, '4'],
      ['HSCAN', 'h', '0'],
      ['HSCAN', 'h', '17'],
      ['HSCAN', 'h', '0', 'MATCH', 'f*'],
      ['HSCAN', 'h', '0', 'match', '*', 'count', '1'],
      ['HSCAN', 'h', '0', 'MATCH', 'zz*'],
      ['HSCAN', 'h', '0', 'COUNT', '1', 'MATCH', 'b?r'],
      ['HSCAN', 'h', '-1'],
      ['HSCAN', 'h', '+3'],
      ['HSCAN', 'h', ''],
    ]);
  });

  it('refuses bad cursors and options, but not for a missing key', async () => {
    await d.check([
      ['HSET', 'h', 'a', '1'],
      ['HSCAN', 'h', 'x'],
      ['HSCAN', 'h', ' 1'],
      ['HSCAN', 'h', '18446744073709551616'],
      ['HSCAN', 'h', '18446744073709551615'],
      ['HSCAN', 'nokey', 'x'],
      ['HSCAN', 'h', '0', 'COUNT', '0'],
      ['HSCAN', 'h', '0', 'COUNT', '-1'],
      ['HSCAN', 'h', '0', 'COUNT', 'x'],
      ['HSCAN', 'h', '0', 'COUNT'],
      ['HSCAN', 'h', '0', 'MATCH'],
      ['HSCAN', 'h', '0', 'TYPE', 'hash'],
      ['HSCAN', 'h', '0', 'NOVALUES'],
      ['HSCAN', 'nokey', '0', 'COUNT', '0'],
      ['HSCAN', 'nokey', '0', 'TYPE', 'x'],
      ['HSCAN', 'h'],
    ]);
  });

  it('walks a hash table to cursor 0, returning every field once with its value', async () => {
    const args = ['HSET', 'h'];
    for (let i = 0; i < 700; i++) args.push(`k${i}`, `v${i}`);
    await d.check([args]);
    for (const match of [null, 'k1*']) {
      const walk = async (call: (...a: string[]) => Promise<Reply>) => {
        const seen = new Map<string, string>();
        let cursor = '0';
        let calls = 0;
        do {
          const [next, items] = (await call('HSCAN', 'h', cursor, 'COUNT', '50', ...(match ? ['MATCH', match] : []))) as [string, string[]];
          for (let i = 0; i < items.length; i += 2) seen.set(items[i]!, items[i + 1]!);
          cursor = next;
          calls++;
        } while (cursor !== '0' && calls < 1000);
        return seen;
      };
      const [ours, redis] = await Promise.all([walk(oursReply), walk(redisReply)]);
      expect(ours).toEqual(redis);
      expect(ours.size).toBe(match ? 111 : 700);
    }
  });
});

describe('declarations', () => {
  // COMMAND DOCS of every declared command is compared in command-docs.test.ts.
  it('COMMAND INFO matches Redis for every hash command', async () => {
    for (const name of COMMANDS) await d.check([['COMMAND', 'INFO', name]]);
  });
});

describe('generated sequences', () => {
  const key = fc.constantFrom('h1', 'h2', 's');
  const field = fc.constantFrom('a', 'b', 'c', 'd', 'e', '', 'longer-field', BIN);
  const value = fc.constantFrom('1', '-3', '0', 'x', '', '10.5', '9223372036854775807', 'value-of-more-than-12');
  const increment = fc.constantFrom('1', '-1', '100', '9223372036854775807', 'x', '1.5');
  const floatIncrement = fc.constantFrom('1', '-0.5', '1e3', 'inf', 'x', '0.1');
  const count = fc.integer({ min: -6, max: 8 });
  type Step = { args: string[]; kind: 'exact' | 'listing' | 'random' };
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.tuple(key, fc.array(fc.tuple(field, value), { minLength: 1, maxLength: 4 })).map(([k, pairs]) => ({ args: ['HSET', k, ...pairs.flat()], kind: 'exact' as const })),
    fc.tuple(key, field, value).map(([k, f, v]) => ({ args: ['HSETNX', k, f, v], kind: 'exact' as const })),
    fc.tuple(key, field).map(([k, f]) => ({ args: ['HGET', k, f], kind: 'exact' as const })),
    fc.tuple(key, fc.array(field, { minLength: 1, maxLength: 3 })).map(([k, fs]) => ({ args: ['HMGET', k, ...fs], kind: 'exact' as const })),
    fc.tuple(key, fc.array(field, { minLength: 1, maxLength: 3 })).map(([k, fs]) => ({ args: ['HDEL', k, ...fs], kind: 'exact' as const })),
    fc.tuple(fc.constantFrom('HLEN', 'EXISTS'), key).map(([c, k]) => ({ args: [c, k], kind: 'exact' as const })),
    fc.tuple(fc.constantFrom('HSTRLEN', 'HEXISTS'), key, field).map(([c, k, f]) => ({ args: [c, k, f], kind: 'exact' as const })),
    fc.tuple(fc.constantFrom('HGETALL', 'HKEYS', 'HVALS'), key).map(([c, k]) => ({ args: [c, k], kind: 'listing' as const })),
    fc.tuple(key).map(([k]) => ({ args: ['HSCAN', k, '0', 'COUNT', '100'], kind: 'listing' as const })),
    fc.tuple(key, field, increment).map(([k, f, i]) => ({ args: ['HINCRBY', k, f, i], kind: 'exact' as const })),
    fc.tuple(key, field, floatIncrement).map(([k, f, i]) => ({ args: ['HINCRBYFLOAT', k, f, i], kind: 'exact' as const })),
    fc.tuple(key, count, fc.boolean()).map(([k, c, wv]) => ({ args: ['HRANDFIELD', k, String(c), ...(wv ? ['WITHVALUES'] : [])], kind: 'random' as const })),
    key.map((k) => ({ args: ['SET', k, 'str'], kind: 'exact' as const })),
  );

  it('give the same replies and encodings as Redis', async () => {
    await thresholds(4, 12);
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
          await d.reset();
          for (const s of steps) {
            const k = s.args[1]!;
            if (s.kind === 'exact') {
              await d.check([s.args]);
            } else if (s.kind === 'listing') {
              const type = await redisReply('TYPE', k);
              if (type === 'hash' && s.args[0] === 'HSCAN') {
                // A table's HSCAN returns ~COUNT buckets on Redis: compare the elements only.
                const [ours, redis] = await Promise.all([oursReply(...s.args), redisReply(...s.args)]);
                const sorted = (r: Reply) => [...((r as Reply[])[1] as string[])].sort();
                expect(sorted(ours)).toEqual(sorted(redis));
              } else {
                await checkListing(s.args, k);
              }
            } else if ((await redisReply('TYPE', k)) === 'hash') {
              await checkRandomFields(k, Number(s.args[2]), s.args.length === 4);
            } else {
              await d.check([s.args]);
            }
            await sameEncoding(k);
          }
        }),
        { numRuns: 150 },
      );
    } finally {
      await thresholds(512, 64);
    }
  });
});
