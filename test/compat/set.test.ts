// Differential tests of the set commands against a real redis-server: hand-picked edge cases,
// then generated command sequences. SPOP and SRANDMEMBER pick at random on both sides, so their
// replies are compared by shape (length, membership, repeats), and exactly where Redis's order is
// not random (an intset's ascending order).

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Differential } from '../support/differential.js';
import { decodeReply, type Reply } from '../support/resp-reader.js';

const BIN = 'a\0b\xff\x80\r\nc';
const COMMANDS = [
  'sadd', 'srem', 'scard', 'sismember', 'smismember', 'smembers', 'spop', 'srandmember', 'smove',
  'sinter', 'sunion', 'sdiff', 'sinterstore', 'sunionstore', 'sdiffstore', 'sintercard', 'sscan',
];

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

function range(from: number, to: number, prefix = ''): string[] {
  const out: string[] = [];
  for (let i = from; i < to; i++) out.push(`${prefix}${i}`);
  return out;
}

/**
 * A reply listing a set (SMEMBERS, SINTER, SUNION, SDIFF of keys at argv[1...]): compared in
 * order when Redis's result is an intset (ascending order), as a multiset otherwise. The result
 * is an intset when every source is an intset or missing and it fits in set-max-intset-entries.
 */
async function checkMembers(args: string[], intsetLimit: number): Promise<void> {
  let intsets = true;
  for (const key of args.slice(1)) {
    const encoding = await redisReply('OBJECT', 'ENCODING', key);
    if (encoding !== null && encoding !== 'intset') intsets = false;
  }
  const reply = await redisReply(...args);
  const ordered = intsets && Array.isArray(reply) && reply.length <= intsetLimit;
  await d.check([args], { sorted: !ordered });
}

/** What must hold of a random reply: its length, members of the set, no repeats for a positive count. */
function randomShape(reply: Reply, members: Set<string>, count: number): string {
  if (!Array.isArray(reply)) return `not an array: ${String(reply)}`;
  for (const m of reply) if (!members.has(m as string)) return `unknown member ${JSON.stringify(m)}`;
  const expected = count >= 0 ? Math.min(count, members.size) : -count;
  if (reply.length !== expected) return `length ${reply.length}, expected ${expected}`;
  if (count > 0 && new Set(reply).size !== reply.length) return 'repeated members';
  return 'ok';
}

async function membersOf(key: string): Promise<Set<string>> {
  return new Set((await redisReply('SMEMBERS', key)) as string[]);
}

/** SRANDMEMBER or SPOP with a count on both servers gives replies of the right shape; returns them. */
async function checkRandom(command: 'SRANDMEMBER' | 'SPOP', key: string, count: number): Promise<{ ours: string[]; redis: string[] }> {
  const members = await membersOf(key);
  const args = [command, key, String(count)];
  const [ours, redis] = await Promise.all([oursReply(...args), redisReply(...args)]);
  expect({ args, shape: randomShape(ours, members, count) }).toEqual({ args, shape: 'ok' });
  expect({ args, shape: randomShape(redis, members, count) }).toEqual({ args, shape: 'ok' });
  return { ours: ours as string[], redis: redis as string[] };
}

/** After an SPOP, puts the popped members back on each server, so that both hold the same set again. */
async function restore(key: string, popped: { ours: string[]; redis: string[] }): Promise<void> {
  if (popped.ours.length > 0) await d.ours.call('SADD', key, ...popped.ours);
  if (popped.redis.length > 0) await d.redis.call('SADD', key, ...popped.redis);
}

async function intsetEntries(n: number): Promise<void> {
  await d.check([['CONFIG', 'SET', 'set-max-intset-entries', String(n)]]);
}

describe('SADD, SREM, SCARD, SISMEMBER, SMISMEMBER, SMEMBERS', () => {
  it('add, remove and test members, binary and empty ones included', async () => {
    await d.check([
      ['SADD', 's', 'a', 'b', 'a', BIN, ''],
      ['SADD', 's', 'a'],
      ['SCARD', 's'],
      ['SISMEMBER', 's', BIN],
      ['SISMEMBER', 's', ''],
      ['SISMEMBER', 's', 'zz'],
      ['SISMEMBER', 'nokey', 'a'],
      ['SMISMEMBER', 's', 'a', 'zz', BIN, 'a'],
      ['SMISMEMBER', 'nokey', 'a', 'b'],
      ['SREM', 's', 'a', 'a', 'zz'],
      ['SREM', 'nokey', 'a'],
      ['SCARD', 'nokey'],
      ['SMEMBERS', 'nokey'],
      ['SREM', 's', 'b', BIN, '', 'b'],
      ['EXISTS', 's'],
    ]);
    await d.check([['SADD', 't', 'x', 'y', 'z'], ['SMEMBERS', 't']], { sorted: true });
  });

  it('answer WRONGTYPE and wrong arity as Redis', async () => {
    await d.check([['SET', 'str', 'x']]);
    await d.check([
      ['SADD', 'str', 'a'],
      ['SREM', 'str', 'a'],
      ['SCARD', 'str'],
      ['SISMEMBER', 'str', 'a'],
      ['SMISMEMBER', 'str', 'a'],
      ['SMEMBERS', 'str'],
      ['SPOP', 'str'],
      ['SPOP', 'str', '2'],
      ['SRANDMEMBER', 'str'],
      ['SRANDMEMBER', 'str', '2'],
      ['SMOVE', 'str', 'x', 'a'],
      ['SINTER', 'str'],
      ['SUNION', 'nokey', 'str'],
      ['SDIFF', 'nokey', 'str'],
      ['SINTERCARD', '2', 'nokey', 'str'],
      ['SSCAN', 'str', '0'],
      ['SADD', 's'],
      ['SREM', 's'],
      ['SISMEMBER', 's'],
      ['SMISMEMBER', 's'],
      ['SMOVE', 'a', 'b'],
      ['SINTERSTORE', 'd'],
      ['SPOP'],
      ['GET', 'str'],
    ]);
  });

  it('treat an expired set as missing, as a source and as a destination', async () => {
    await d.check([['SADD', 's', '1', '2'], ['SADD', 't', 'a', '2'], ['PEXPIRE', 's', '1']]);
    await new Promise((r) => setTimeout(r, 20));
    await d.check([
      ['SCARD', 's'],
      ['SISMEMBER', 's', '1'],
      ['SMEMBERS', 's'],
    ]);
    await d.check([['SUNION', 's', 't']], { sorted: true });
    await d.check([
      ['SINTERSTORE', 'd', 's', 't'],
      ['SMOVE', 's', 't', '1'],
      ['SMOVE', 't', 's', 'a'],
      ['SMEMBERS', 's'],
      ['TTL', 's'],
      ['SPOP', 'gone'],
    ]);
  });

  it('COPY makes an independent set', async () => {
    await d.check([
      ['SADD', 'i', '1', '2', '3'],
      ['COPY', 'i', 'i2'],
      ['SREM', 'i', '1'],
      ['SADD', 'i', '4'],
      ['SMEMBERS', 'i2'],
      ['SADD', 'm', 'a', 'b', 'c'],
      ['COPY', 'm', 'm2'],
      ['SREM', 'm', 'a'],
      ['SADD', 'm', 'd'],
      ['SCARD', 'm2'],
      ['SISMEMBER', 'm2', 'a'],
      ['SISMEMBER', 'm2', 'd'],
      ['OBJECT', 'ENCODING', 'm2'],
    ]);
  });

  it('keep a key expiry while members change', async () => {
    await d.check([['SADD', 's', '1', '2', '3'], ['EXPIRE', 's', '1000'], ['SADD', 's', 'x'], ['SREM', 's', '1']]);
    await Promise.all([d.ours.call('SPOP', 's'), d.redis.call('SPOP', 's')]);
    await d.check([['SCARD', 's'], ['TTL', 's']]);
  });
});

describe('WATCH', () => {
  it('sees every change a set command makes, and only changes', async () => {
    // The change's own reply may be random (SPOP): what is compared is whether EXEC ran.
    const watched = async (key: string, change: string[]) => {
      await d.check([['SADD', 's', '1', '2', '3'], ['SADD', 't', '3', 'x'], ['WATCH', key]]);
      await Promise.all([d.ours.call(...change), d.redis.call(...change)]);
      await d.check([['MULTI'], ['EXISTS', key], ['EXEC'], ['FLUSHALL']]);
    };
    await watched('s', ['SADD', 's', '1']);
    await watched('s', ['SADD', 's', '4']);
    await watched('s', ['SREM', 's', '9']);
    await watched('s', ['SREM', 's', '1']);
    await watched('t', ['SMOVE', 's', 't', '3']);
    await watched('s', ['SMOVE', 's', 't', '3']);
    await watched('t', ['SMOVE', 's', 't', '1']);
    await watched('s', ['SMOVE', 's', 't', '9']);
    await watched('s', ['SPOP', 's', '0']);
    await watched('s', ['SPOP', 's']);
    await watched('s', ['SPOP', 's', '3']);
    await watched('t', ['SINTERSTORE', 't', 's', 'nokey']);
    await watched('t', ['SUNIONSTORE', 't', 's']);
    await watched('s', ['SUNIONSTORE', 't', 's']);
    await watched('s', ['SRANDMEMBER', 's', '2']);
  });
});

describe('encodings', () => {
  it('keep integers in an intset, listed in ascending order, the int64 ends included', async () => {
    await d.check([
      ['SADD', 's', '5', '-3', '9223372036854775807', '-9223372036854775808', '0', '4294967296', '9007199254740993'],
      ['OBJECT', 'ENCODING', 's'],
      ['SMEMBERS', 's'],
      ['SISMEMBER', 's', '9007199254740993'],
      ['SISMEMBER', 's', '9007199254740992'],
      ['SISMEMBER', 's', '05'],
      ['SREM', 's', '05', '+5', '5.0'],
      ['SMEMBERS', 's'],
    ]);
  });

  it('turn into a hash table at a non-canonical integer or past 512 members, and never back', async () => {
    for (const odd of ['01', '-0', '+1', ' 1', '1.0', '9223372036854775808', '-9223372036854775809', 'a']) {
      await d.check([['DEL', 's'], ['SADD', 's', '1', odd], ['OBJECT', 'ENCODING', 's'], ['SREM', 's', odd], ['OBJECT', 'ENCODING', 's']]);
    }
    await d.check([['SADD', 'big', ...range(0, 512)], ['OBJECT', 'ENCODING', 'big'], ['SADD', 'big', '512'], ['OBJECT', 'ENCODING', 'big']]);
    await d.check([['SREM', 'big', ...range(0, 500)], ['OBJECT', 'ENCODING', 'big'], ['SCARD', 'big']]);
    await d.check([['SADD', 'str', 'a'], ['OBJECT', 'ENCODING', 'str'], ['SADD', 'int', '7'], ['OBJECT', 'ENCODING', 'int']]);
  });

  it('follow set-max-intset-entries for sets written after the change', async () => {
    await intsetEntries(2);
    try {
      await d.check([['SADD', 's', '1', '2'], ['OBJECT', 'ENCODING', 's'], ['SADD', 's', '3'], ['OBJECT', 'ENCODING', 's']]);
      await intsetEntries(0);
      await d.check([['SADD', 'z', '1'], ['OBJECT', 'ENCODING', 'z'], ['SMOVE', 'nokey', 'w', '1'], ['SADD', 'src', '4'], ['SMOVE', 'src', 'w', '4'], ['OBJECT', 'ENCODING', 'w']]);
    } finally {
      await intsetEntries(512);
    }
  });
});

describe('SMOVE', () => {
  it('moves a member, creating, deleting and converting as Redis does', async () => {
    await d.check([
      ['SET', 'str', 'x'],
      ['SMOVE', 'nokey', 'str', 'a'],
      ['SADD', 'src', '1', '2', 'a'],
      ['SMOVE', 'src', 'str', '1'],
      ['SMOVE', 'str', 'src', '1'],
      ['SMOVE', 'src', 'src', '1'],
      ['SMOVE', 'src', 'src', 'zz'],
      ['SMOVE', 'src', 'dst', 'zz'],
      ['EXISTS', 'dst'],
      ['SMOVE', 'src', 'dst', '1'],
      ['OBJECT', 'ENCODING', 'dst'],
      ['SMOVE', 'src', 'dst', 'a'],
      ['OBJECT', 'ENCODING', 'dst'],
      ['SMOVE', 'src', 'dst', '2'],
      ['EXISTS', 'src'],
      ['SCARD', 'dst'],
      ['SADD', 'other', 'b'],
      ['SMOVE', 'other', 'dst', 'b'],
      ['SMOVE', 'dst', 'new', 'b'],
      ['OBJECT', 'ENCODING', 'new'],
      ['SADD', 'again', '1'],
      ['SMOVE', 'again', 'dst', '1'],
      ['SCARD', 'dst'],
    ]);
  });

  it('keeps the source expiry, and the destination one when it exists', async () => {
    await d.check([
      ['SADD', 'a', '1', '2'],
      ['SADD', 'b', '3'],
      ['EXPIRE', 'a', '1000'],
      ['EXPIRE', 'b', '2000'],
      ['SMOVE', 'a', 'b', '1'],
      ['TTL', 'a'],
      ['TTL', 'b'],
      ['SMOVE', 'a', 'c', '2'],
      ['TTL', 'c'],
    ]);
  });
});

describe('SINTER, SUNION, SDIFF and their STORE forms', () => {
  async function fill(): Promise<void> {
    await d.check([
      ['SADD', 'i1', '1', '2', '3', '4', '5'],
      ['SADD', 'i2', '5', '3', '9', '1'],
      ['SADD', 'i3', '3'],
      ['SADD', 'm1', '1', '2', 'a', 'b', BIN],
      ['SADD', 'm2', '2', 'b', 'c', BIN],
      ['SET', 'str', 'x'],
    ]);
  }

  it('list intset results in ascending order and read missing keys as empty sets', async () => {
    await fill();
    await d.check([
      ['SINTER', 'i1', 'i2'],
      ['SINTER', 'i1', 'i2', 'i3'],
      ['SINTER', 'i1', 'nokey'],
      ['SINTER', 'nokey'],
      ['SINTER', 'i1', 'i1'],
      ['SUNION', 'i1', 'i2', 'nokey'],
      ['SUNION', 'nokey'],
      ['SDIFF', 'i1', 'i2'],
      ['SDIFF', 'i1', 'nokey', 'i3'],
      ['SDIFF', 'nokey', 'i1'],
      ['SDIFF', 'i1', 'i1'],
      ['SDIFF', 'i1', 'i2', 'i1'],
      ['SMEMBERS', 'i2'],
      ['SINTER', 'nokey', 'str'],
      ['SINTER', 'str', 'nokey'],
      ['SUNION', 'i1', 'str'],
      ['SDIFF', 'nokey', 'str'],
    ]);
  });

  it('combine hash tables (order unspecified)', async () => {
    await fill();
    await d.check(
      [
        ['SINTER', 'm1', 'm2'],
        ['SINTER', 'm1', 'i1'],
        ['SINTER', 'i1', 'm1'],
        ['SUNION', 'm1', 'm2', 'i2'],
        ['SDIFF', 'm1', 'm2'],
        ['SDIFF', 'm2', 'i1', 'm1'],
        ['SDIFF', 'i1', 'm1'],
      ],
      { sorted: true },
    );
  });

  it('store results, overwrite any type, delete the destination on an empty result, drop its expiry', async () => {
    await fill();
    await d.check([
      ['SINTERSTORE', 'd1', 'i1', 'i2'],
      ['OBJECT', 'ENCODING', 'd1'],
      ['SMEMBERS', 'd1'],
      ['SINTERSTORE', 'd2', 'm1', 'm2'],
      ['OBJECT', 'ENCODING', 'd2'],
      ['SINTERSTORE', 'd3', 'm1', 'i1'],
      ['OBJECT', 'ENCODING', 'd3'],
      ['SMEMBERS', 'd3'],
      ['SUNIONSTORE', 'str', 'i1', 'i3'],
      ['TYPE', 'str'],
      ['SMEMBERS', 'str'],
      ['EXPIRE', 'str', '1000'],
      ['SDIFFSTORE', 'str', 'i1', 'i2'],
      ['TTL', 'str'],
      ['SMEMBERS', 'str'],
      ['SDIFFSTORE', 'str', 'i3', 'i1'],
      ['EXISTS', 'str'],
      ['SET', 'str', 'x'],
      ['SINTERSTORE', 'str', 'i1', 'nokey'],
      ['EXISTS', 'str'],
      ['SUNIONSTORE', 'i1', 'i1', 'i3', 'nokey'],
      ['SUNIONSTORE', 'none', 'nokey'],
      ['EXISTS', 'none'],
      ['SINTERSTORE', 'x', 'str', 'i1'],
      ['SET', 'str', 'x'],
      ['SUNIONSTORE', 'x', 'i1', 'str'],
      ['SINTERSTORE', 'i1', 'i1', 'i2'],
      ['SMEMBERS', 'i1'],
    ]);
    await d.check([['SMEMBERS', 'd2'], ['SUNIONSTORE', 'd4', 'm1', 'i2'], ['SMEMBERS', 'd4'], ['SDIFFSTORE', 'd5', 'm1', 'i2'], ['SMEMBERS', 'd5']], { sorted: true });
  });

  it('make hash tables of large results, and pick the SDIFF algorithm Redis picks', async () => {
    await d.check([
      ['SADD', 'a', ...range(0, 600)],
      ['SADD', 'b', ...range(0, 500)],
      ['SADD', 'c', ...range(300, 1000)],
      ['SUNIONSTORE', 'u', 'a', 'c'],
      ['OBJECT', 'ENCODING', 'u'],
      // Testing each member: (600 + 600) / 2 <= 600 + 500, the result is built from 100 survivors.
      ['SDIFFSTORE', 'd1', 'a', 'b'],
      ['OBJECT', 'ENCODING', 'd1'],
      ['SCARD', 'd1'],
      // Add then remove: (600 * 4) / 2 > 600 + 1 + 1 + 1, the result held all 600 members first.
      ['SADD', 'x', '0'],
      ['SADD', 'y', '1'],
      ['SADD', 'z', '2'],
      ['SDIFFSTORE', 'd2', 'a', 'x', 'y', 'z'],
      ['OBJECT', 'ENCODING', 'd2'],
      ['SCARD', 'd2'],
      ['SADD', 'w', ...range(10, 600)],
      ['SDIFFSTORE', 'd3', 'a', 'x', 'y', 'w'],
      ['OBJECT', 'ENCODING', 'd3'],
      ['SCARD', 'd3'],
      ['SINTERSTORE', 'd4', 'a', 'c'],
      ['OBJECT', 'ENCODING', 'd4'],
      ['SINTERCARD', '2', 'a', 'c'],
    ]);
    await d.check([['SMEMBERS', 'd3']], { sorted: true });
  });
});

describe('SINTERCARD', () => {
  it('counts the intersection up to LIMIT and checks its arguments as Redis', async () => {
    await d.check([
      ['SADD', 'a', '1', '2', '3', 'x'],
      ['SADD', 'b', '2', '3', 'x', 'y'],
      ['SET', 'str', 'v'],
      ['SINTERCARD', '2', 'a', 'b'],
      ['SINTERCARD', '2', 'a', 'b', 'LIMIT', '2'],
      ['SINTERCARD', '2', 'a', 'b', 'limit', '0'],
      ['SINTERCARD', '2', 'a', 'b', 'LIMIT', '10'],
      ['SINTERCARD', '1', 'a', 'LIMIT', '1', 'LIMIT', '0'],
      ['SINTERCARD', '1', 'a', 'b'],
      ['SINTERCARD', '2', 'a', 'nokey'],
      ['SINTERCARD', '2', 'nokey', 'str'],
      ['SINTERCARD', '0', 'a'],
      ['SINTERCARD', '-1', 'a'],
      ['SINTERCARD', 'x', 'a'],
      ['SINTERCARD', '3', 'a', 'b'],
      ['SINTERCARD', '1', 'a', 'LIMIT'],
      ['SINTERCARD', '1', 'a', 'LIMIT', '-1'],
      ['SINTERCARD', '1', 'a', 'LIMIT', 'x'],
      ['SINTERCARD', '1', 'a', 'foo', '1'],
      ['SINTERCARD', '1'],
      ['SINTERCARD', '9223372036854775808', 'a'],
    ]);
  });
});

describe('SPOP and SRANDMEMBER', () => {
  it('answer missing keys, zero counts and bad arguments as Redis', async () => {
    await d.check([
      ['SPOP', 'nokey'],
      ['SPOP', 'nokey', '3'],
      ['SPOP', 'nokey', '-1'],
      ['SPOP', 'nokey', 'x'],
      ['SRANDMEMBER', 'nokey'],
      ['SRANDMEMBER', 'nokey', '3'],
      ['SRANDMEMBER', 'nokey', '-3'],
      ['SRANDMEMBER', 'nokey', 'x'],
      ['SRANDMEMBER', 'nokey', '-9223372036854775808'],
      ['SADD', 's', '1', '2', '3'],
      ['SPOP', 's', '0'],
      ['SPOP', 's', '-1'],
      ['SPOP', 's', '1.5'],
      ['SPOP', 's', '1', '2'],
      ['SPOP', 's', '9223372036854775808'],
      ['SRANDMEMBER', 's', '0'],
      ['SRANDMEMBER', 's', '1', '2'],
      ['SRANDMEMBER', 's', '-9223372036854775808'],
      ['SRANDMEMBER', 's', '9223372036854775807'],
      ['SCARD', 's'],
    ]);
  });

  it('return a whole intset in ascending order, and SPOP of all as SUNION lists it', async () => {
    await d.check([
      ['SADD', 's', '3', '1', '2', '-5'],
      ['SRANDMEMBER', 's', '4'],
      ['SRANDMEMBER', 's', '100'],
      ['SPOP', 's', '4'],
      ['EXISTS', 's'],
      // A hash table of integers pops whole as an intset would list them.
      ['SADD', 't', '5', '3', '1', 'a'],
      ['SREM', 't', 'a'],
      ['SPOP', 't', '10'],
      ['EXISTS', 't'],
    ]);
  });

  it('popping most of a table keeps the rest in a new set that may be an intset', async () => {
    await d.check([['SADD', 'b', ...range(1, 11), 'a'], ['SREM', 'b', 'a'], ['OBJECT', 'ENCODING', 'b'], ['EXPIRE', 'b', '1000']]);
    const popped = await checkRandom('SPOP', 'b', 9);
    expect(popped.ours.length).toBe(9);
    await d.check([['OBJECT', 'ENCODING', 'b'], ['SCARD', 'b'], ['TTL', 'b']]);
  });

  it('pop and sample by every strategy, from intsets and tables', async () => {
    for (const members of [range(0, 20), range(0, 1000, 'm')]) {
      await d.check([['DEL', 's'], ['SADD', 's', ...members]]);
      for (const count of [1, 2, 7, 300, 600, 999, -1, -5, -2000]) {
        if (count <= members.length) await checkRandom('SRANDMEMBER', 's', count);
      }
      for (const count of [1, 3, 15, 900]) {
        if (count >= members.length) continue;
        const popped = await checkRandom('SPOP', 's', count);
        await d.check([['SCARD', 's'], ['OBJECT', 'ENCODING', 's']]);
        await restore('s', popped);
        await d.check([['SCARD', 's']]);
      }
      const single = await Promise.all([oursReply('SPOP', 's'), redisReply('SPOP', 's')]);
      for (const m of single) expect(members.includes(m as string)).toBe(true);
    }
  });

  it('spread picks over every member', async () => {
    await d.check([['SADD', 's', 'a', 'b', 'c', 'd']]);
    const reply = (await oursReply('SRANDMEMBER', 's', '-4000')) as string[];
    const counts = new Map<string, number>();
    for (const m of reply) counts.set(m, (counts.get(m) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
    for (const c of counts.values()) expect(Math.abs(c - 1000)).toBeLessThan(200);
  });
});

describe('SSCAN', () => {
  it('returns an intset whole with cursor 0, filtered by MATCH, and checks its arguments', async () => {
    await d.check([
      ['SADD', 's', '10', '2', '-7', '11'],
      ['SSCAN', 's', '0'],
      ['SSCAN', 's', '99', 'COUNT', '1'],
      ['SSCAN', 's', '0', 'MATCH', '1*'],
      ['SSCAN', 's', '0', 'MATCH', '-*', 'COUNT', '5'],
      ['SSCAN', 's', 'x'],
      ['SSCAN', 's', '-1'],
      ['SSCAN', 's', '0', 'COUNT', '0'],
      ['SSCAN', 's', '0', 'TYPE', 'set'],
      ['SSCAN', 'nokey', '0', 'COUNT', '0'],
      ['SSCAN', 'nokey', 'x'],
      ['SSCAN', 's'],
    ]);
  });

  it('walks a hash table to cursor 0, returning every member once', async () => {
    await d.check([['SADD', 's', ...range(0, 700, 'k')]]);
    for (const match of [null, 'k1*']) {
      const walk = async (call: (...a: string[]) => Promise<Reply>) => {
        const seen = new Set<string>();
        let cursor = '0';
        let calls = 0;
        do {
          const [next, items] = (await call('SSCAN', 's', cursor, 'COUNT', '40', ...(match ? ['MATCH', match] : []))) as [string, string[]];
          for (const m of items) seen.add(m);
          cursor = next;
          calls++;
        } while (cursor !== '0' && calls < 1000);
        return [...seen].sort();
      };
      const [ours, redis] = await Promise.all([walk(oursReply), walk(redisReply)]);
      expect(ours).toEqual(redis);
      expect(ours.length).toBe(match ? 111 : 700);
    }
  });
});

describe('declarations', () => {
  // COMMAND DOCS of every declared command is compared in command-docs.test.ts.
  it('COMMAND INFO matches Redis for every set command', async () => {
    for (const name of COMMANDS) await d.check([['COMMAND', 'INFO', name]]);
  });
});

describe('generated sequences', () => {
  const key = fc.constantFrom('s1', 's2', 's3', 'str');
  const member = fc.constantFrom('1', '2', '3', '-7', '10', '01', 'a', 'b', '', BIN, '9223372036854775807');
  const count = fc.integer({ min: -5, max: 8 });
  type Step = { args: string[]; kind: 'exact' | 'members' | 'srandmember' | 'spop' };
  const keys = fc.array(key, { minLength: 1, maxLength: 3 });
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.tuple(key, fc.array(member, { minLength: 1, maxLength: 5 })).map(([k, ms]) => ({ args: ['SADD', k, ...ms], kind: 'exact' as const })),
    fc.tuple(key, fc.array(member, { minLength: 1, maxLength: 3 })).map(([k, ms]) => ({ args: ['SREM', k, ...ms], kind: 'exact' as const })),
    fc.tuple(key, member).map(([k, m]) => ({ args: ['SISMEMBER', k, m], kind: 'exact' as const })),
    fc.tuple(key, fc.array(member, { minLength: 1, maxLength: 3 })).map(([k, ms]) => ({ args: ['SMISMEMBER', k, ...ms], kind: 'exact' as const })),
    fc.tuple(fc.constantFrom('SCARD', 'EXISTS', 'TYPE'), key).map(([c, k]) => ({ args: [c, k], kind: 'exact' as const })),
    fc.tuple(key, key, member).map(([a, b, m]) => ({ args: ['SMOVE', a, b, m], kind: 'exact' as const })),
    key.map((k) => ({ args: ['SMEMBERS', k], kind: 'members' as const })),
    fc.tuple(fc.constantFrom('SINTER', 'SUNION', 'SDIFF'), keys).map(([c, ks]) => ({ args: [c, ...ks], kind: 'members' as const })),
    fc.tuple(fc.constantFrom('SINTERSTORE', 'SUNIONSTORE', 'SDIFFSTORE'), key, keys).map(([c, k, ks]) => ({ args: [c, k, ...ks], kind: 'exact' as const })),
    fc.tuple(keys, fc.nat({ max: 3 })).map(([ks, limit]) => ({ args: ['SINTERCARD', String(ks.length), ...ks, 'LIMIT', String(limit)], kind: 'exact' as const })),
    fc.tuple(key, count).map(([k, c]) => ({ args: ['SRANDMEMBER', k, String(c)], kind: 'srandmember' as const })),
    fc.tuple(key, fc.nat({ max: 8 })).map(([k, c]) => ({ args: ['SPOP', k, String(c)], kind: 'spop' as const })),
    key.map((k) => ({ args: ['SET', k, 'v'], kind: 'exact' as const })),
  );

  it('give the same replies and encodings as Redis', async () => {
    await intsetEntries(4);
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
          await d.reset();
          for (const s of steps) {
            const k = s.args[1]!;
            const isSet = (await redisReply('TYPE', k)) === 'set';
            if (s.kind === 'exact') {
              await d.check([s.args]);
            } else if (s.kind === 'members') {
              await checkMembers(s.args, 4);
            } else if (!isSet) {
              await d.check([s.args]);
            } else if (s.kind === 'srandmember') {
              await checkRandom('SRANDMEMBER', k, Number(s.args[2]));
            } else {
              await restore(k, await checkRandom('SPOP', k, Number(s.args[2])));
            }
            for (const touched of new Set(s.args.slice(1).filter((a) => a.startsWith('s')))) await d.check([['OBJECT', 'ENCODING', touched]]);
          }
        }),
        { numRuns: 150 },
      );
    } finally {
      await intsetEntries(512);
    }
  });
});
