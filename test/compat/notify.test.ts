// Keyspace notifications of the data type families (strings, lists, hashes, sets, sorted sets,
// streams) against a real redis-server: a subscriber on `__key*__:*` on each server must receive
// the same events, in the same order, after every command; with `new` events on and off, and with
// notify-keyspace-events selecting only some classes. The keys family's events (del, rename, ...)
// have their own test (keys-notify.test.ts); they appear here as the types' commands cause them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Differential } from '../support/differential.js';
import { ClientPair, label } from '../support/pubsub-clients.js';
import type { Arg } from '../support/raw-client.js';

const STRINGS: Arg[][] = [
  ['SET', 's', 'v'],
  ['SET', 's', 'v2', 'EX', '100'],
  ['SET', 's', 'v3', 'KEEPTTL'],
  ['SET', 's', 'v', 'NX'],
  ['SET', 's', 'v4', 'XX', 'GET'],
  ['SET', 'absent', 'v', 'XX'],
  ['SET', 's', 'v', 'EX', '0'],
  ['SETNX', 's', 'x'],
  ['SETNX', 's2', 'x'],
  ['SETEX', 's3', '10', 'v'],
  ['PSETEX', 's4', '100000', 'v'],
  ['GETSET', 's', 'new'],
  ['GETDEL', 's'],
  ['GETDEL', 's'],
  ['GETEX', 's2', 'EX', '100'],
  ['GETEX', 's2', 'PERSIST'],
  ['GETEX', 's2'],
  ['GETEX', 's3', 'PXAT', '1'],
  ['GETEX', 'absent', 'EX', '10'],
  ['MSET', 'a', '1', 'b', '2', 'a', '3'],
  ['MSETNX', 'a', '1', 'c', '3'],
  ['MSETNX', 'c', '3', 'd', '4'],
  ['INCR', 'n'],
  ['INCRBY', 'n', '5'],
  ['DECR', 'n'],
  ['DECRBY', 'n', '2'],
  ['INCRBYFLOAT', 'f', '1.5'],
  ['INCRBYFLOAT', 'f', 'x'],
  ['INCR', 'd'],
  ['INCR', 's2'],
  ['APPEND', 'ap', 'x'],
  ['APPEND', 'ap', ''],
  ['SETRANGE', 'sr', '0', ''],
  ['SETRANGE', 'sr', '2', 'ab'],
  ['SETRANGE', 'sr', '0', ''],
  ['SETRANGE', 'sr', '1', 'Z'],
  ['LPUSH', 'list', 'x'],
  ['SET', 'list', 'overwritten'],
  ['APPEND', 'list', '\u0000\u00ff'],
  ['GET', 'list'],
];

const LISTS: Arg[][] = [
  ['LPUSH', 'l', 'a', 'b'],
  ['RPUSH', 'l', 'c'],
  ['LPUSHX', 'nol', 'x'],
  ['RPUSHX', 'l', 'd', 'e'],
  ['LINSERT', 'l', 'BEFORE', 'a', 'z'],
  ['LINSERT', 'l', 'AFTER', 'nope', 'z'],
  ['LSET', 'l', '0', 'q'],
  ['LSET', 'l', '99', 'q'],
  ['LPOP', 'l'],
  ['RPOP', 'l', '2'],
  ['LPOP', 'l', '0'],
  ['LREM', 'l', '0', 'zz'],
  ['LREM', 'l', '1', 'a'],
  ['LTRIM', 'l', '0', '0'],
  ['LTRIM', 'l', '0', '-1'],
  ['LTRIM', 'l', '1', '0'],
  ['RPUSH', 'src', '1', '2', '3'],
  ['LMOVE', 'src', 'dst', 'LEFT', 'RIGHT'],
  ['RPOPLPUSH', 'src', 'src'],
  ['LMOVE', 'src', 'dst', 'RIGHT', 'LEFT'],
  ['LMOVE', 'src', 'dst', 'LEFT', 'LEFT'],
  ['LMOVE', 'src', 'dst', 'LEFT', 'LEFT'],
  ['LMPOP', '2', 'nothing', 'dst', 'LEFT', 'COUNT', '2'],
  ['LMPOP', '1', 'dst', 'RIGHT', 'COUNT', '5'],
  ['RPUSH', 'b1', 'x', 'y'],
  ['BLPOP', 'nothing', 'b1', '0'],
  ['BRPOP', 'b1', '0'],
  ['RPUSH', 'b2', 'x'],
  ['BLMOVE', 'b2', 'b3', 'LEFT', 'LEFT', '0'],
  ['BRPOPLPUSH', 'b3', 'b2', '0'],
  ['BLMPOP', '0', '1', 'b2', 'LEFT'],
  ['SET', 'str', 'x'],
  ['LPUSH', 'str', 'x'],
  ['LMOVE', 'b1', 'str', 'LEFT', 'LEFT'],
];

const HASHES: Arg[][] = [
  ['HSET', 'h', 'a', '1', 'b', '2'],
  ['HSET', 'h', 'a', '1'],
  ['HSETNX', 'h', 'a', 'x'],
  ['HSETNX', 'h', 'c', '3'],
  ['HSETNX', 'h2', 'c', '3'],
  ['HMSET', 'h', 'd', '4'],
  ['HINCRBY', 'h', 'n', '1'],
  ['HINCRBY', 'h', 'a', '9223372036854775807'],
  ['HINCRBYFLOAT', 'h', 'f', '1.5'],
  ['HINCRBYFLOAT', 'h', 'f', 'x'],
  ['HDEL', 'h', 'zz'],
  ['HDEL', 'h', 'a', 'b'],
  ['HDEL', 'h', 'c', 'd', 'n', 'f'],
  ['HDEL', 'h2', 'c'],
  ['HINCRBY', 'h3', 'x', '-5'],
  ['HINCRBYFLOAT', 'h4', 'x', '-5'],
  ['HGETALL', 'h3'],
];

const SETS: Arg[][] = [
  ['SADD', 's', 'a', 'b'],
  ['SADD', 's', 'a'],
  ['SREM', 's', 'zz'],
  ['SREM', 's', 'a'],
  ['SMOVE', 's', 'd', 'b'],
  ['SMOVE', 'd', 'd', 'b'],
  ['SMOVE', 'd', 'd', 'zz'],
  ['SMOVE', 'd', 'e', 'zz'],
  ['SADD', 'e', 'b'],
  ['SMOVE', 'd', 'e', 'b'],
  ['SPOP', 'e'],
  ['SPOP', 'e'],
  ['SADD', 'p', '1', '2', '3', '4'],
  ['SPOP', 'p', '0'],
  ['SPOP', 'p', '2'],
  ['SPOP', 'p', '5'],
  ['SPOP', 'p', '5'],
  ['SADD', 's1', 'a', 'b', 'c'],
  ['SADD', 's2', 'b', 'c', 'd'],
  ['SINTERSTORE', 'i', 's1', 's2'],
  ['SUNIONSTORE', 'u', 's1', 's2'],
  ['SDIFFSTORE', 'df', 's1', 's2'],
  ['SDIFFSTORE', 'df', 's1', 's1'],
  ['SINTERSTORE', 'u', 's1', 'missing'],
  ['SINTERSTORE', 'u', 's1', 'missing'],
  ['SUNIONSTORE', 'i', 'missing'],
  ['SINTERSTORE', 's1', 's1', 's2'],
  ['SREM', 's1', 'b', 'c'],
];

const ZSETS: Arg[][] = [
  ['ZADD', 'z', '1', 'a', '2', 'b'],
  ['ZADD', 'z', '1', 'a'],
  ['ZADD', 'z', 'INCR', '5', 'a'],
  ['ZADD', 'z', 'XX', '3', 'nope'],
  ['ZADD', 'z', 'NX', 'INCR', '3', 'a'],
  ['ZADD', 'z', 'CH', '9', 'a'],
  ['ZADD', 'z', 'GT', '1', 'a'],
  ['ZINCRBY', 'z', '1', 'b'],
  ['ZINCRBY', 'z2', '1', 'b'],
  ['ZREM', 'z', 'nope'],
  ['ZREM', 'z', 'a'],
  ['ZREMRANGEBYSCORE', 'z', '100', '200'],
  ['ZREMRANGEBYSCORE', 'z', '0', '100'],
  ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c'],
  ['ZREMRANGEBYRANK', 'z', '5', '9'],
  ['ZREMRANGEBYRANK', 'z', '0', '0'],
  ['ZREMRANGEBYLEX', 'z', '[b', '[b'],
  ['ZREMRANGEBYLEX', 'z', '-', '+'],
  ['ZADD', 'z1', '1', 'a', '2', 'b'],
  ['ZADD', 'z2', '1', 'b', '2', 'c'],
  ['ZUNIONSTORE', 'un', '2', 'z1', 'z2'],
  ['ZINTERSTORE', 'in', '2', 'z1', 'z2'],
  ['ZDIFFSTORE', 'di', '2', 'z1', 'z2'],
  ['ZINTERSTORE', 'un', '2', 'z1', 'missing'],
  ['ZDIFFSTORE', 'in', '1', 'missing'],
  ['ZDIFFSTORE', 'in', '1', 'missing'],
  ['ZRANGESTORE', 'rs', 'z1', '0', '-1'],
  ['ZRANGESTORE', 'rs', 'z1', '5', '9'],
  ['ZPOPMIN', 'z1'],
  ['ZPOPMAX', 'z1', '10'],
  ['ZPOPMIN', 'z1'],
  ['ZPOPMIN', 'z2', '0'],
  ['ZMPOP', '2', 'nothing', 'z2', 'MAX'],
  ['ZMPOP', '1', 'z2', 'MIN', 'COUNT', '9'],
  ['ZADD', 'bz', '1', 'a', '2', 'b'],
  ['BZPOPMIN', 'nothing', 'bz', '0'],
  ['BZPOPMAX', 'bz', '0'],
  ['ZADD', 'bz', '1', 'a'],
  ['BZMPOP', '0', '1', 'bz', 'MIN'],
];

const STREAMS: Arg[][] = [
  ['XADD', 'x', '1-1', 'f', 'v'],
  ['XADD', 'x', '1-1', 'f', 'v'],
  ['XADD', 'nostream', 'NOMKSTREAM', '*', 'f', 'v'],
  ['XADD', 'x', 'MAXLEN', '1', '2-1', 'f', 'v'],
  ['XADD', 'x', 'MAXLEN', '5', '3-1', 'f', 'v'],
  ['XDEL', 'x', '9-9'],
  ['XDEL', 'x', '2-1'],
  ['XTRIM', 'x', 'MAXLEN', '5'],
  ['XTRIM', 'x', 'MAXLEN', '0'],
  ['XSETID', 'x', '10-1'],
  ['XGROUP', 'CREATE', 'x', 'g', '0'],
  ['XGROUP', 'CREATE', 'x', 'g', '0'],
  ['XGROUP', 'CREATE', 'made', 'g', '$', 'MKSTREAM'],
  ['XGROUP', 'SETID', 'x', 'g', '0'],
  ['XGROUP', 'CREATECONSUMER', 'x', 'g', 'alice'],
  ['XGROUP', 'CREATECONSUMER', 'x', 'g', 'alice'],
  ['XADD', 'x', '11-1', 'f', 'v'],
  ['XREADGROUP', 'GROUP', 'g', 'bob', 'COUNT', '1', 'STREAMS', 'x', '>'],
  ['XCLAIM', 'x', 'g', 'carol', '0', '11-1'],
  ['XAUTOCLAIM', 'x', 'g', 'dave', '0', '0'],
  ['XACK', 'x', 'g', '11-1'],
  ['XGROUP', 'DELCONSUMER', 'x', 'g', 'alice'],
  ['XGROUP', 'DELCONSUMER', 'x', 'g', 'nobody'],
  ['XGROUP', 'DESTROY', 'x', 'g'],
  ['XGROUP', 'DESTROY', 'x', 'g'],
  ['XADD', 'x', 'MINID', '12', '12-1', 'f', 'v'],
];

const FAMILIES: Array<[string, Arg[][]]> = [
  ['strings', STRINGS],
  ['lists', LISTS],
  ['hashes', HASHES],
  ['sets', SETS],
  ['sorted sets', ZSETS],
  ['streams', STREAMS],
];

describe('keyspace notifications of the data types against redis-server', () => {
  let d: Differential;
  let sub: ClientPair;
  beforeAll(async () => {
    d = await Differential.start(['--enable-debug-command', 'yes']);
    sub = await ClientPair.open(d);
    await sub.same('PSUBSCRIBE', '__key*__:*');
  });
  afterAll(async () => {
    sub.close();
    await d.stop();
  });

  /** Runs each command on both servers; after each, the subscriber must have the same events. */
  async function sameEvents(commands: readonly Arg[][]): Promise<number> {
    let events = 0;
    if (commands.length === 0) {
      const r = await sub.run();
      expect(r.ours, 'events').toEqual(r.redis);
    }
    for (const c of commands) {
      // Which members SPOP takes is random: only its events are compared.
      if (c[0] === 'SPOP') await Promise.all([d.ours.call(...c), d.redis.call(...c)]);
      else await d.check([c]);
      const r = await sub.run();
      expect(r.ours, `events of ${label(c)}`).toEqual(r.redis);
      events += r.ours.length - 1;
    }
    return events;
  }

  for (const flags of ['KEA', 'KEAn']) {
    for (const [family, commands] of FAMILIES) {
      it(`${family} publish Redis's events (${flags})`, async () => {
        await d.reset();
        await sub.run(); // drops what a failed test left
        await d.check([['CONFIG', 'SET', 'notify-keyspace-events', flags]]);
        expect(await sameEvents(commands)).toBeGreaterThan(commands.length / 2);
        await d.check([['CONFIG', 'SET', 'notify-keyspace-events', '']]);
      });
    }
  }

  it('publishes only the classes and channels that notify-keyspace-events selects', async () => {
    const mixed: Arg[][] = [
      ['SET', 'k', 'v'],
      ['LPUSH', 'l', 'a'],
      ['SADD', 's', 'a'],
      ['HSET', 'h', 'f', 'v'],
      ['ZADD', 'z', '1', 'a'],
      ['XADD', 'x', '1-1', 'f', 'v'],
      ['DEL', 'k', 'l'],
      ['EXPIRE', 's', '100'],
    ];
    for (const flags of ['Kl', 'E$', 'Eg', 'Kgz', 'Ksh', 'Et', 'K', 'E', 'A', 'Kn', 'En$']) {
      await d.reset();
      await d.check([['CONFIG', 'SET', 'notify-keyspace-events', flags], ['CONFIG', 'GET', 'notify-keyspace-events']]);
      await sameEvents(mixed);
    }
    await d.check([['CONFIG', 'SET', 'notify-keyspace-events', '']]);
  });

  it('publishes the events of a blocked client served by another client\'s push, after the push', async () => {
    await d.reset();
    await d.check([['CONFIG', 'SET', 'notify-keyspace-events', 'KEAn']]);
    const waiter = await ClientPair.open(d);
    const replies = Promise.all([waiter.ours.call('BLPOP', 'q', '0'), waiter.redis.call('BLPOP', 'q', '0')]);
    await d.waitBlocked(1);
    await sameEvents([['RPUSH', 'q', 'job']]);
    const [a, b] = await replies;
    expect(a.toString('latin1')).toBe(b.toString('latin1'));
    const zwaiter = Promise.all([waiter.ours.call('BZPOPMIN', 'zq', '0'), waiter.redis.call('BZPOPMIN', 'zq', '0')]);
    await d.waitBlocked(1);
    await sameEvents([['ZADD', 'zq', '1', 'a', '2', 'b']]);
    const [za, zb] = await zwaiter;
    expect(za.toString('latin1')).toBe(zb.toString('latin1'));
    waiter.close();
    await d.check([['CONFIG', 'SET', 'notify-keyspace-events', '']]);
  });

  it('publishes expired when a write finds the key expired, before the write\'s own events', async () => {
    await d.reset();
    await d.check([['CONFIG', 'SET', 'notify-keyspace-events', 'KEAn']]);
    // With both active expiry cycles stopped, only the writes find the keys expired.
    await d.redis.call('DEBUG', 'SET-ACTIVE-EXPIRE', '0');
    d.ourServer.activeExpiry.stop();
    try {
      await sameEvents([
        ['SET', 'e1', 'v', 'PX', '5'],
        ['RPUSH', 'e2', 'v'],
        ['PEXPIRE', 'e2', '5'],
        ['HSET', 'e3', 'f', 'v'],
        ['PEXPIRE', 'e3', '5'],
        ['SADD', 'e4', 'm'],
        ['PEXPIRE', 'e4', '5'],
      ]);
      await new Promise((r) => setTimeout(r, 20));
      await sameEvents([
        ['SET', 'e1', 'again'],
        ['RPUSH', 'e2', 'again'],
        ['HDEL', 'e3', 'f'],
        ['SMOVE', 'e4', 'e1', 'm'],
      ]);
    } finally {
      await d.redis.call('DEBUG', 'SET-ACTIVE-EXPIRE', '1');
      d.ourServer.activeExpiry.start();
    }
    // A time already past: the key expires at once, and the active cycles of both remove it.
    await sameEvents([['SET', 'past', 'v', 'PXAT', '1']]);
    await new Promise((r) => setTimeout(r, 300));
    await sameEvents([]);
    await d.check([['CONFIG', 'SET', 'notify-keyspace-events', '']]);
  });

  it('publishes the same events for generated write sequences', async () => {
    await d.check([['CONFIG', 'SET', 'notify-keyspace-events', 'KEAn']]);
    const key = fc.constantFrom('k1', 'k2', 'k3');
    const member = fc.constantFrom('a', 'b', 'c', '1', '2');
    const command: fc.Arbitrary<Arg[]> = fc.oneof(
      fc.tuple(key, member).map(([k, v]) => ['SET', k, v]),
      fc.tuple(key, member).map(([k, v]) => ['APPEND', k, v]),
      key.map((k) => ['INCR', k]),
      key.map((k) => ['GETDEL', k]),
      fc.tuple(fc.constantFrom('LPUSH', 'RPUSH', 'LPUSHX', 'SADD', 'SREM', 'LREM'), key, member).map(([c, k, v]) => (c === 'LREM' ? [c, k, '0', v] : [c, k, v])),
      fc.tuple(fc.constantFrom('LPOP', 'RPOP', 'ZPOPMIN', 'ZPOPMAX'), key).map(([c, k]) => [c, k]),
      fc.tuple(key, member, member).map(([k, f, v]) => ['HSET', k, f, v]),
      fc.tuple(key, member).map(([k, f]) => ['HDEL', k, f]),
      fc.tuple(key, member).map(([k, f]) => ['HINCRBY', k, f, '2']),
      fc.tuple(key, fc.integer({ min: -2, max: 3 }), member).map(([k, s, m]) => ['ZADD', k, String(s), m]),
      fc.tuple(key, member).map(([k, m]) => ['ZREM', k, m]),
      fc.tuple(key, key, member).map(([a, b, m]) => ['SMOVE', a, b, m]),
      fc.tuple(key, key).map(([a, b]) => ['LMOVE', a, b, 'LEFT', 'RIGHT']),
      fc.tuple(key, key).map(([a, b]) => ['SUNIONSTORE', a, b]),
      fc.tuple(key, key).map(([a, b]) => ['ZINTERSTORE', a, '1', b]),
      fc.tuple(key, key).map(([a, b]) => ['RENAME', a, b]),
      fc.tuple(key, key).map(([a, b]) => ['COPY', a, b, 'REPLACE']),
      fc.tuple(key, fc.constantFrom('0', '1', '-1')).map(([k, i]) => ['LTRIM', k, i, '0']),
      key.map((k) => ['DEL', k]),
      key.map((k) => ['EXPIRE', k, '100']),
      key.map((k) => ['XADD', k, '*', 'f', 'v']),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 20 }), async (commands) => {
        await d.reset();
        await sub.run(); // drops the events of a failed run
        for (const c of commands) {
          // XADD * answers a time-based ID, different on each server: only its events are compared.
          if (c[0] === 'XADD') await Promise.all([d.ours.call(...c), d.redis.call(...c)]);
          else await d.check([c]);
          const r = await sub.run();
          expect(r.ours, c.join(' ')).toEqual(r.redis);
        }
      }),
      { numRuns: 150 },
    );
    await d.check([['CONFIG', 'SET', 'notify-keyspace-events', '']]);
  });
});
