// DEL, UNLINK, EXISTS, TOUCH, TYPE, RENAME, RENAMENX, COPY and MOVE against a real redis-server.
// Expiry times are absolute and fixed (PEXPIREAT in the far future) so PEXPIRETIME compares exactly.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Differential } from '../support/differential.js';
import { RawClient } from '../support/raw-client.js';

/** Far-future absolute expiry times, so nothing expires during a test. */
const AT1 = '4102444800123';
const AT2 = '4102444801999';
const BIN = 'k\u0000\u00ff\r\n\u0080';

describe('keys family, differential', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());
  beforeEach(async () => d.reset());

  it('DEL and UNLINK count the keys they removed, duplicates once', async () => {
    await d.check([
      ['SET', 'a', '1'],
      ['SET', 'b', '2'],
      ['SET', BIN, 'x'],
      ['DEL', 'a', 'a', 'missing'],
      ['DEL', 'a'],
      ['UNLINK', 'b', BIN, 'b'],
      ['EXISTS', 'a', 'b', BIN],
      ['DEL'],
      ['UNLINK'],
      ['del', 'nothing'],
    ]);
  });

  it('EXISTS and TOUCH count every occurrence of a live key', async () => {
    await d.check([
      ['SET', 'a', '1'],
      ['SET', BIN, ''],
      ['EXISTS', 'a'],
      ['EXISTS', 'a', 'a', 'a', 'nope', BIN],
      ['TOUCH', 'a', 'a', 'nope', BIN],
      ['TOUCH', 'nope'],
      ['EXISTS'],
      ['TOUCH'],
    ]);
  });

  it('TYPE names the type or none', async () => {
    await d.check([
      ['SET', 'a', '1'],
      ['TYPE', 'a'],
      ['TYPE', 'nope'],
      ['TYPE', BIN],
      ['TYPE'],
      ['TYPE', 'a', 'b'],
    ]);
  });

  it('RENAME moves the value and its expiry and overwrites the target', async () => {
    await d.check([
      ['RENAME', 'nope', 'x'],
      ['RENAME', 'nope', 'nope'],
      ['SET', 'a', 'va'],
      ['PEXPIREAT', 'a', AT1],
      ['SET', 'b', 'vb'],
      ['PEXPIREAT', 'b', AT2],
      ['RENAME', 'a', 'a'],
      ['PEXPIRETIME', 'a'],
      ['RENAME', 'a', 'b'],
      ['GET', 'a'],
      ['GET', 'b'],
      ['PEXPIRETIME', 'b'],
      ['SET', 'c', 'vc'],
      ['RENAME', 'c', 'b'],
      ['PEXPIRETIME', 'b'],
      ['RENAME', 'b', BIN],
      ['GET', BIN],
      ['RENAME', 'b'],
      ['RENAME', 'a', 'b', 'c'],
    ]);
  });

  it('RENAMENX refuses an existing target and answers 0 for the same name', async () => {
    await d.check([
      ['RENAMENX', 'nope', 'x'],
      ['RENAMENX', 'nope', 'nope'],
      ['SET', 'a', 'va'],
      ['SET', 'b', 'vb'],
      ['RENAMENX', 'a', 'a'],
      ['RENAMENX', 'a', 'b'],
      ['GET', 'b'],
      ['PEXPIREAT', 'a', AT1],
      ['RENAMENX', 'a', 'c'],
      ['EXISTS', 'a'],
      ['GET', 'c'],
      ['PEXPIRETIME', 'c'],
      ['RENAMENX', 'a'],
    ]);
  });

  it('RENAME keeps the encoding of the value it moves', async () => {
    await d.check([
      ['SET', 'n', '12345'],
      ['APPEND', 'r', 'short'],
      ['SET', 'e', 'embedded'],
      ['RENAME', 'n', 'n2'],
      ['RENAME', 'r', 'r2'],
      ['RENAME', 'e', 'e2'],
      ['OBJECT', 'ENCODING', 'n2'],
      ['OBJECT', 'ENCODING', 'r2'],
      ['OBJECT', 'ENCODING', 'e2'],
    ]);
  });

  it('COPY parses its options as Redis does', async () => {
    await d.check([
      ['SET', 'a', 'v'],
      ['COPY', 'a', 'a'],
      ['COPY', 'a', 'a', 'DB', '0'],
      ['COPY', 'a', 'b', 'DB'],
      ['COPY', 'a', 'b', 'DB', 'x'],
      ['COPY', 'a', 'b', 'DB', '1.5'],
      ['COPY', 'a', 'b', 'DB', '99999999999'],
      ['COPY', 'a', 'b', 'DB', '-2147483649'],
      ['COPY', 'a', 'b', 'DB', '99999999999999999999'],
      ['COPY', 'a', 'b', 'DB', '16'],
      ['COPY', 'a', 'b', 'DB', '-1'],
      ['COPY', 'a', 'b', 'foo'],
      ['COPY', 'a', 'b', 'REPLACE', 'foo'],
      ['COPY', 'a', 'b', 'DB', 'x', 'foo'],
      ['COPY', 'a', 'b', 'foo', 'DB', 'x'],
      ['COPY', 'nope', 'nope'],
      ['COPY', 'a'],
      ['EXISTS', 'b'],
    ]);
  });

  it('COPY copies value and expiry, within and across databases, REPLACE or not', async () => {
    await d.check([
      ['COPY', 'nope', 'b'],
      ['SET', 'a', 'v\u0000\u00ff'],
      ['PEXPIREAT', 'a', AT1],
      ['COPY', 'a', 'b'],
      ['GET', 'b'],
      ['PEXPIRETIME', 'b'],
      ['SET', 'c', 'old'],
      ['COPY', 'a', 'c'],
      ['GET', 'c'],
      ['COPY', 'a', 'c', 'replace'],
      ['GET', 'c'],
      ['PEXPIRETIME', 'c'],
      ['COPY', 'a', 'a', 'DB', '3'],
      ['COPY', 'a', 'a', 'DB', '3'],
      ['COPY', 'a', 'a', 'DB', '3', 'REPLACE', 'REPLACE'],
      ['SELECT', '3'],
      ['GET', 'a'],
      ['PEXPIRETIME', 'a'],
      ['COPY', 'a', 'z', 'DB', '3'],
      ['SELECT', '0'],
      ['EXISTS', 'z'],
      ['SET', 'n', '42'],
      ['APPEND', 'r', 'raw'],
      ['COPY', 'n', 'n2'],
      ['COPY', 'r', 'r2'],
      ['OBJECT', 'ENCODING', 'n2'],
      ['OBJECT', 'ENCODING', 'r2'],
      ['PEXPIRETIME', 'n2'],
    ]);
  });

  it('MOVE checks the database, refuses the same one and an existing target', async () => {
    await d.check([
      ['SET', 'a', 'v'],
      ['MOVE', 'a', 'x'],
      ['MOVE', 'a', '99999999999'],
      ['MOVE', 'a', '99999999999999999999'],
      ['MOVE', 'a', '16'],
      ['MOVE', 'a', '-1'],
      ['MOVE', 'a', '0'],
      ['MOVE', 'nope', '0'],
      ['MOVE', 'nope', '1'],
      ['PEXPIREAT', 'a', AT2],
      ['MOVE', 'a', '1'],
      ['EXISTS', 'a'],
      ['SET', 'a', 'again'],
      ['MOVE', 'a', '1'],
      ['GET', 'a'],
      ['SELECT', '1'],
      ['GET', 'a'],
      ['PEXPIRETIME', 'a'],
      ['MOVE', 'a', '15'],
      ['SELECT', '15'],
      ['PEXPIRETIME', 'a'],
      ['MOVE', 'a'],
    ]);
  });

  it('works on every collection type: TYPE, deep COPY, RENAME and MOVE keep value and encoding', async () => {
    const big = Array.from({ length: 600 }, (_, i) => [`f${i}`, `v${i}`]).flat();
    await d.check([
      ['RPUSH', 'l', 'a', 'b', 'c'],
      ['HSET', 'h', 'f', 'v', 'g', 'w'],
      ['HSET', 'bigh', ...big],
      ['SADD', 's', '1', '2', '3'],
      ['SADD', 'ss', 'x', 'y'],
      ['ZADD', 'z', '1', 'a', '2', 'b'],
      ['TYPE', 'l'],
      ['TYPE', 'h'],
      ['TYPE', 's'],
      ['TYPE', 'z'],
      ['PEXPIREAT', 'l', AT1],
      ['COPY', 'l', 'l2'],
      ['LPUSH', 'l2', 'x'],
      ['LRANGE', 'l', '0', '-1'],
      ['LRANGE', 'l2', '0', '-1'],
      ['PEXPIRETIME', 'l2'],
      ['COPY', 'h', 'h2'],
      ['HSET', 'h2', 'f', 'changed'],
      ['HGET', 'h', 'f'],
      ['COPY', 'bigh', 'bigh2'],
      ['HDEL', 'bigh2', 'f0'],
      ['HLEN', 'bigh'],
      ['HLEN', 'bigh2'],
      ['COPY', 's', 's2'],
      ['SREM', 's2', '1'],
      ['SCARD', 's'],
      ['COPY', 'ss', 'ss2'],
      ['SADD', 'ss2', 'z'],
      ['SCARD', 'ss'],
      ['COPY', 'z', 'z2'],
      ['ZADD', 'z2', '5', 'a'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      ['ZRANGE', 'z2', '0', '-1', 'WITHSCORES'],
      ['OBJECT', 'ENCODING', 'l2'],
      ['OBJECT', 'ENCODING', 'h2'],
      ['OBJECT', 'ENCODING', 'bigh2'],
      ['OBJECT', 'ENCODING', 's2'],
      ['OBJECT', 'ENCODING', 'ss2'],
      ['OBJECT', 'ENCODING', 'z2'],
      ['RENAME', 'l', 'l3'],
      ['TYPE', 'l3'],
      ['PEXPIRETIME', 'l3'],
      ['RENAMENX', 'z', 'z3'],
      ['ZSCORE', 'z3', 'b'],
      ['MOVE', 'h', '1'],
      ['COPY', 's', 's', 'DB', '1'],
      ['SELECT', '1'],
      ['HGETALL', 'h'],
      ['SCARD', 's'],
      ['OBJECT', 'ENCODING', 'h'],
      ['SELECT', '0'],
      ['RENAME', 'l3', 's2'],
      ['TYPE', 's2'],
      ['LLEN', 's2'],
    ]);
    await d.check(
      [
        ['SMEMBERS', 's'],
        ['SMEMBERS', 's2'],
        ['SCAN', '0', 'TYPE', 'list', 'COUNT', '1000'],
        ['SCAN', '0', 'TYPE', 'HASH', 'COUNT', '1000'],
        ['SCAN', '0', 'TYPE', 'set', 'COUNT', '1000'],
        ['SCAN', '0', 'TYPE', 'zset', 'COUNT', '1000'],
        ['KEYS', '*'],
      ],
      { sorted: true },
    );
  });

  it('RENAME, MOVE and COPY into a key wake a client blocked on it', async () => {
    const waiters = await Promise.all([RawClient.connect(d.ourPort), RawClient.connect(d.redisPort)]);
    try {
      const serve = async (setup: string[][], block: string[], writes: string[][]) => {
        for (const w of waiters) for (const c of setup) await w.call(...c);
        const pending = waiters.map((w) => w.call(...block));
        await new Promise((r) => setTimeout(r, 50));
        await d.check(writes);
        const [ours, redis] = await Promise.all(pending);
        expect(ours!.toString('latin1')).toBe(redis!.toString('latin1'));
      };
      await serve([], ['BLPOP', 'dst', '5'], [['RPUSH', 'src', 'a', 'b'], ['RENAME', 'src', 'dst'], ['LRANGE', 'dst', '0', '-1']]);
      await serve([['SELECT', '1']], ['BLPOP', 'm', '5'], [['RPUSH', 'm', 'x'], ['MOVE', 'm', '1'], ['EXISTS', 'm']]);
      await serve([['SELECT', '0']], ['BLPOP', 'copy', '5'], [['RPUSH', 'orig', 'y'], ['COPY', 'orig', 'copy'], ['LLEN', 'orig'], ['EXISTS', 'copy']]);
    } finally {
      for (const w of waiters) w.close();
    }
  });

  it('keys and expiry commands from another client abort a transaction watching the key', async () => {
    const others = await Promise.all([RawClient.connect(d.ourPort), RawClient.connect(d.redisPort)]);
    try {
      const cases: string[][][] = [
        [['EXPIRE', 'w', '100']],
        [['PEXPIREAT', 'w', AT1], ['PERSIST', 'w']],
        [['PERSIST', 'w']],
        [['RENAME', 'w', 'w2']],
        [['SET', 'z', '1'], ['RENAME', 'z', 'w']],
        [['COPY', 'w', 'w3']],
        [['SET', 'z', '1'], ['COPY', 'z', 'w', 'REPLACE']],
        [['MOVE', 'w', '1']],
        [['DEL', 'w']],
        [['EXISTS', 'w'], ['TYPE', 'w'], ['TTL', 'w'], ['OBJECT', 'ENCODING', 'w']],
      ];
      for (const writes of cases) {
        await d.check([['FLUSHALL'], ['SET', 'w', 'v'], ['WATCH', 'w']]);
        for (const o of others) for (const c of writes) await o.call(...c);
        await d.check([['MULTI'], ['GET', 'w'], ['EXEC']]);
      }
    } finally {
      for (const o of others) o.close();
    }
  });

  it('treats logically expired keys as absent in every command', async () => {
    await d.check([
      ['SET', 'e1', 'v'],
      ['SET', 'e2', 'v'],
      ['SET', 'e3', 'v'],
      ['SET', 'e4', 'v'],
      ['SET', 'live', 'v'],
      ['PEXPIRE', 'e1', '5'],
      ['PEXPIRE', 'e2', '5'],
      ['PEXPIRE', 'e3', '5'],
      ['PEXPIRE', 'e4', '5'],
    ]);
    await new Promise((r) => setTimeout(r, 30));
    await d.check([
      ['EXISTS', 'e1', 'e2', 'live'],
      ['TOUCH', 'e1', 'live'],
      ['TYPE', 'e1'],
      ['RENAME', 'e1', 'x'],
      ['RENAMENX', 'e2', 'x'],
      ['RENAME', 'live', 'e3'],
      ['GET', 'e3'],
      ['COPY', 'e4', 'y'],
      ['MOVE', 'e4', '1'],
      ['DEL', 'e4', 'e3'],
    ]);
  });
});
