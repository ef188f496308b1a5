// keyspace_hits and keyspace_misses (INFO stats) and keymiss events against a real redis-server:
// every command of every family runs on a key of each type and on a missing key, and afterwards
// both servers must have counted the same hits and misses and published the same keymiss events.
// Redis counts a lookup for reading (lookupKeyRead) and not one for writing (lookupKeyWrite), so
// these counters show which lookup each command makes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Differential } from '../support/differential.js';
import { ClientPair, label } from '../support/pubsub-clients.js';
import type { RawClient } from '../support/raw-client.js';

const SETUP: string[][] = [
  ['SET', 'str', 'abc'],
  ['RPUSH', 'lst', 'a', 'b', 'c'],
  ['HSET', 'hsh', 'f', 'v', 'n', '1'],
  ['SADD', 'st', 'a', 'b', 'm'],
  ['ZADD', 'zs', '1', 'a', '2', 'm'],
  ['XADD', 'stm', '1-1', 'f', 'v'],
  ['XGROUP', 'CREATE', 'stm', 'g', '0'],
  ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'stm', '>'],
  ['SET', 'other', 'x'],
];

const KEYS = ['str', 'lst', 'hsh', 'st', 'zs', 'stm', 'none'];

/** Each runs once with $k as each of KEYS. */
const TEMPLATES: string[][] = [
  // strings
  ['GET', '$k'], ['SET', '$k', 'v'], ['SET', '$k', 'v', 'GET'], ['SET', '$k', 'v', 'NX'], ['SET', '$k', 'v', 'XX'],
  ['GETEX', '$k'], ['GETEX', '$k', 'EX', '100'], ['GETDEL', '$k'], ['GETSET', '$k', 'v'], ['MGET', '$k', 'none'], ['MSET', '$k', 'v'],
  ['MSETNX', '$k', 'v'], ['SETNX', '$k', 'v'], ['SETEX', '$k', '10', 'v'], ['PSETEX', '$k', '10000', 'v'], ['APPEND', '$k', 'v'],
  ['STRLEN', '$k'], ['GETRANGE', '$k', '0', '-1'], ['SUBSTR', '$k', '0', '1'], ['SETRANGE', '$k', '1', 'v'], ['INCR', '$k'],
  ['DECR', '$k'], ['INCRBY', '$k', '2'], ['DECRBY', '$k', '2'], ['INCRBYFLOAT', '$k', '1.5'], ['LCS', '$k', 'str'], ['LCS', 'str', '$k'],
  // keys
  ['DEL', '$k'], ['UNLINK', '$k'], ['EXISTS', '$k', '$k'], ['TYPE', '$k'], ['RENAME', '$k', 'newkey'], ['RENAMENX', '$k', 'other'],
  ['COPY', '$k', 'newkey'], ['COPY', 'str', '$k'], ['MOVE', '$k', '1'], ['TOUCH', '$k'], ['OBJECT', 'ENCODING', '$k'],
  ['OBJECT', 'REFCOUNT', '$k'], ['OBJECT', 'IDLETIME', '$k'], ['OBJECT', 'FREQ', '$k'], ['EXPIRE', '$k', '100'], ['PEXPIRE', '$k', '100000'],
  ['EXPIREAT', '$k', '99999999999'], ['PEXPIREAT', '$k', '99999999999999'], ['TTL', '$k'], ['PTTL', '$k'], ['EXPIRETIME', '$k'],
  ['PEXPIRETIME', '$k'], ['PERSIST', '$k'], ['MEMORY', 'USAGE', '$k'],
  // hashes
  ['HSET', '$k', 'f', 'v'], ['HSETNX', '$k', 'f', 'v'], ['HMSET', '$k', 'f', 'v'], ['HGET', '$k', 'f'], ['HMGET', '$k', 'f', 'x'],
  ['HGETALL', '$k'], ['HDEL', '$k', 'f'], ['HLEN', '$k'], ['HSTRLEN', '$k', 'f'], ['HEXISTS', '$k', 'f'], ['HKEYS', '$k'], ['HVALS', '$k'],
  ['HINCRBY', '$k', 'n', '1'], ['HINCRBYFLOAT', '$k', 'n', '1'], ['HRANDFIELD', '$k'], ['HRANDFIELD', '$k', '2'], ['HSCAN', '$k', '0'],
  // lists
  ['LPUSH', '$k', 'a'], ['RPUSH', '$k', 'a'], ['LPUSHX', '$k', 'a'], ['RPUSHX', '$k', 'a'], ['LPOP', '$k'], ['RPOP', '$k', '2'],
  ['LRANGE', '$k', '0', '-1'], ['LINDEX', '$k', '0'], ['LSET', '$k', '0', 'x'], ['LINSERT', '$k', 'BEFORE', 'a', 'b'], ['LLEN', '$k'],
  ['LREM', '$k', '0', 'a'], ['LTRIM', '$k', '0', '1'], ['LPOS', '$k', 'a'], ['LMOVE', '$k', 'lst', 'LEFT', 'RIGHT'],
  ['LMOVE', 'lst', '$k', 'LEFT', 'RIGHT'], ['RPOPLPUSH', '$k', 'lst'], ['LMPOP', '1', '$k', 'LEFT'], ['LMPOP', '2', '$k', 'lst', 'LEFT'],
  ['BLPOP', '$k', '0.01'], ['BRPOP', '$k', 'lst', '0.01'], ['BLMOVE', '$k', 'lst', 'LEFT', 'RIGHT', '0.01'], ['BRPOPLPUSH', '$k', 'lst', '0.01'],
  ['BLMPOP', '0.01', '1', '$k', 'LEFT'],
  // sets
  ['SADD', '$k', 'm'], ['SREM', '$k', 'm'], ['SCARD', '$k'], ['SISMEMBER', '$k', 'm'], ['SMISMEMBER', '$k', 'm', 'x'], ['SMEMBERS', '$k'],
  ['SPOP', '$k'], ['SPOP', '$k', '2'], ['SRANDMEMBER', '$k'], ['SRANDMEMBER', '$k', '-2'], ['SMOVE', '$k', 'st', 'm'], ['SMOVE', 'st', '$k', 'a'],
  ['SINTER', '$k', 'st'], ['SUNION', '$k', 'st'], ['SDIFF', 'st', '$k'], ['SINTERSTORE', 'dst', '$k', 'st'], ['SUNIONSTORE', 'dst', '$k', 'st'],
  ['SDIFFSTORE', 'dst', 'st', '$k'], ['SINTERSTORE', '$k', 'st'], ['SINTERCARD', '2', '$k', 'st'], ['SSCAN', '$k', '0'],
  // sorted sets
  ['ZADD', '$k', '1', 'm'], ['ZINCRBY', '$k', '1', 'm'], ['ZREM', '$k', 'm'], ['ZCARD', '$k'], ['ZCOUNT', '$k', '-inf', 'inf'],
  ['ZLEXCOUNT', '$k', '-', '+'], ['ZSCORE', '$k', 'm'], ['ZMSCORE', '$k', 'm', 'x'], ['ZRANK', '$k', 'm'], ['ZREVRANK', '$k', 'm'],
  ['ZRANGE', '$k', '0', '-1'], ['ZRANGESTORE', 'dst', '$k', '0', '-1'], ['ZRANGESTORE', '$k', 'zs', '0', '-1'], ['ZRANGEBYSCORE', '$k', '-inf', 'inf'],
  ['ZREVRANGEBYSCORE', '$k', 'inf', '-inf'], ['ZRANGEBYLEX', '$k', '-', '+'], ['ZREVRANGEBYLEX', '$k', '+', '-'], ['ZREVRANGE', '$k', '0', '-1'],
  ['ZREMRANGEBYRANK', '$k', '0', '0'], ['ZREMRANGEBYSCORE', '$k', '1', '1'], ['ZREMRANGEBYLEX', '$k', '[a', '[b'], ['ZPOPMIN', '$k'],
  ['ZPOPMAX', '$k', '2'], ['ZMPOP', '1', '$k', 'MIN'], ['BZPOPMIN', '$k', '0.01'], ['BZPOPMAX', '$k', 'zs', '0.01'], ['BZMPOP', '0.01', '1', '$k', 'MAX'],
  ['ZUNIONSTORE', 'dst', '2', '$k', 'zs'], ['ZINTERSTORE', 'dst', '2', '$k', 'zs'], ['ZDIFFSTORE', 'dst', '2', 'zs', '$k'], ['ZUNIONSTORE', '$k', '1', 'zs'],
  ['ZUNION', '2', '$k', 'zs'], ['ZINTER', '2', '$k', 'zs'], ['ZDIFF', '2', 'zs', '$k'], ['ZINTERCARD', '2', '$k', 'zs'], ['ZRANDMEMBER', '$k'],
  ['ZRANDMEMBER', '$k', '-2'], ['ZSCAN', '$k', '0'],
  // streams
  ['XADD', '$k', '9-9', 'f', 'v'], ['XADD', '$k', 'NOMKSTREAM', '9-9', 'f', 'v'], ['XLEN', '$k'], ['XRANGE', '$k', '-', '+'], ['XREVRANGE', '$k', '+', '-'],
  ['XREAD', 'STREAMS', '$k', '0'], ['XREAD', 'BLOCK', '10', 'STREAMS', '$k', '1-1'], ['XDEL', '$k', '1-1'], ['XTRIM', '$k', 'MAXLEN', '0'],
  ['XSETID', '$k', '5-0'], ['XGROUP', 'CREATE', '$k', 'g2', '0'], ['XGROUP', 'CREATE', '$k', 'g2', '$', 'MKSTREAM'], ['XGROUP', 'SETID', '$k', 'g', '0'],
  ['XGROUP', 'DESTROY', '$k', 'g'], ['XGROUP', 'CREATECONSUMER', '$k', 'g', 'c2'], ['XGROUP', 'DELCONSUMER', '$k', 'g', 'c'],
  ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', '$k', '>'], ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', '$k', '0'],
  ['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '10', 'STREAMS', '$k', '>'], ['XACK', '$k', 'g', '1-1'], ['XPENDING', '$k', 'g'],
  ['XPENDING', '$k', 'g', '-', '+', '10'], ['XCLAIM', '$k', 'g', 'c2', '0', '1-1'], ['XAUTOCLAIM', '$k', 'g', 'c2', '0', '0'], ['XINFO', 'STREAM', '$k'],
  ['XINFO', 'STREAM', '$k', 'FULL'], ['XINFO', 'GROUPS', '$k'], ['XINFO', 'CONSUMERS', '$k', 'g'],
];

function statsOf(info: string): string {
  return (info.match(/keyspace_(hits|misses):\d+/g) ?? []).join(' ');
}

describe('keyspace hits, misses and keymiss events against redis-server', () => {
  let d: Differential;
  let sub: ClientPair;
  beforeAll(async () => {
    d = await Differential.start();
    await d.check([['CONFIG', 'SET', 'notify-keyspace-events', 'KEm']]);
    sub = await ClientPair.open(d);
    await sub.same('PSUBSCRIBE', '__key*__:*');
  });
  afterAll(async () => {
    sub.close();
    await d.stop();
  });

  async function stats(c: RawClient): Promise<string> {
    return statsOf((await c.call('INFO', 'stats')).toString('latin1'));
  }

  it('count every command as Redis does, on each type and on a missing key', async () => {
    const mismatches: string[] = [];
    for (const template of TEMPLATES) {
      for (const k of KEYS) {
        const command = template.map((a) => (a === '$k' ? k : a));
        await d.reset();
        await d.checkPipeline(SETUP);
        await d.check([['CONFIG', 'RESETSTAT']]);
        await sub.run(); // drops the events of the setup
        await Promise.all([d.ours.call(...command), d.redis.call(...command)]);
        const [ours, redis] = await Promise.all([stats(d.ours), stats(d.redis)]);
        const events = await sub.run();
        if (ours !== redis) mismatches.push(`${label(command)}: ours ${ours}, redis ${redis}`);
        if (events.ours.join('') !== events.redis.join('')) mismatches.push(`${label(command)}: events ours ${JSON.stringify(events.ours)}, redis ${JSON.stringify(events.redis)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('count the lookups of commands inside MULTI/EXEC, and reset with CONFIG RESETSTAT', async () => {
    await d.reset();
    await d.checkPipeline(SETUP);
    await d.check([['CONFIG', 'RESETSTAT'], ['MULTI'], ['GET', 'str'], ['GET', 'none'], ['HGET', 'hsh', 'f'], ['SET', 'str', 'v'], ['EXEC']]);
    const [ours, redis] = await Promise.all([stats(d.ours), stats(d.redis)]);
    expect(ours).toBe(redis);
    expect(redis).toBe('keyspace_hits:2 keyspace_misses:1');
    await d.check([['CONFIG', 'RESETSTAT']]);
    expect(await stats(d.ours)).toBe('keyspace_hits:0 keyspace_misses:0');
  });
});
