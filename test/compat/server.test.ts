// Server commands compared with a real redis-server: DBSIZE, FLUSHDB, FLUSHALL, SWAPDB, TIME,
// LASTSAVE, SHUTDOWN's arguments and its effect, DEBUG SLEEP/POPULATE/HELP and the DEBUG guard.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Differential } from '../support/differential.js';
import { decodeReply } from '../support/resp-reader.js';

describe('server commands', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start(['--enable-debug-command', 'yes']);
  });
  afterAll(async () => d.stop());

  it('DBSIZE, FLUSHDB and FLUSHALL with their modes and errors', async () => {
    await d.check([
      ['FLUSHALL'],
      ['DBSIZE'],
      ['SET', 'a', '1'],
      ['SET', 'b', '2', 'EX', '100'],
      ['SADD', 's', 'x'],
      ['DBSIZE'],
      ['dbsize', 'x'],
      ['FLUSHDB', 'async', 'x'],
      ['FLUSHDB', 'foo'],
      ['FLUSHDB', 'SYNC'],
      ['DBSIZE'],
      ['SET', 'a', '1'],
      ['SWAPDB', '0', '5'],
      ['SET', 'c', '1'],
      ['FLUSHDB', 'Async'],
      ['SWAPDB', '0', '5'],
      ['DBSIZE'],
      ['FLUSHALL', 'foo'],
      ['FLUSHALL', 'ASYNC', 'SYNC'],
      ['FLUSHALL', 'sync'],
      ['DBSIZE'],
      ['FLUSHALL', 'ASYNC'],
      ['GET', 'a'],
    ]);
  });

  it('SWAPDB swaps what the databases hold, with Redis errors', async () => {
    await d.check([
      ['FLUSHALL'],
      ['SET', 'k', 'zero'],
      ['SWAPDB', '0', '1'],
      ['GET', 'k'],
      ['SET', 'k', 'one'],
      ['SWAPDB', '1', '0'],
      ['GET', 'k'],
      ['SWAPDB', '0', '0'],
      ['GET', 'k'],
      ['SWAPDB', 'a', '1'],
      ['SWAPDB', '0', 'a'],
      ['SWAPDB', 'a', 'b'],
      ['SWAPDB', '0', '100'],
      ['SWAPDB', '-1', '0'],
      ['SWAPDB', '0', '16'],
      ['SWAPDB', '0', '2147483648'],
      ['SWAPDB', '0', '1.5'],
      ['SWAPDB', '0'],
      ['SWAPDB', '15', '0'],
      ['GET', 'k'],
      ['DBSIZE'],
    ]);
  });

  it('TIME and LASTSAVE give the shapes Redis gives', async () => {
    await d.check([['TIME', 'x'], ['LASTSAVE', 'x']]);
    const [ours] = decodeReply(await d.ours.call('TIME'));
    const [redis] = decodeReply(await d.redis.call('TIME'));
    expect(ours).toHaveLength(2);
    const [s, us] = ours as string[];
    expect(s).toMatch(/^\d+$/);
    expect(us).toMatch(/^\d{1,6}$/);
    expect(Math.abs(Number(s) - Number((redis as string[])[0]))).toBeLessThanOrEqual(2);
    const [lastsave] = decodeReply(await d.ours.call('LASTSAVE'));
    expect(Math.abs((lastsave as number) - Date.now() / 1000)).toBeLessThan(600);
  });

  it('SHUTDOWN refuses bad arguments and ABORT without a shutdown as Redis does', async () => {
    await d.check([
      ['SHUTDOWN', 'foo'],
      ['SHUTDOWN', 'save', 'nosave'],
      ['SHUTDOWN', 'abort', 'now'],
      ['SHUTDOWN', 'NOSAVE', 'abort'],
      ['SHUTDOWN', 'abort'],
      ['SHUTDOWN', 'ABORT'],
    ]);
  });

  it('DEBUG SLEEP, POPULATE and errors', async () => {
    await d.check([
      ['FLUSHALL'],
      ['DEBUG'],
      ['DEBUG', 'nosuch'],
      ['DEBUG', 'sleep'],
      ['DEBUG', 'sleep', '0', '1'],
      ['DEBUG', 'SLEEP', '0'],
      ['DEBUG', 'sleep', 'abc'],
      ['DEBUG', 'sleep', '-1'],
      ['DEBUG', 'sleep', '0.01'],
      ['DEBUG', 'populate'],
      ['DEBUG', 'populate', '-1'],
      ['DEBUG', 'populate', 'abc'],
      ['DEBUG', 'populate', '1', '2', '3', '4'],
      ['DEBUG', 'populate', '3', 'p', '-1'],
      ['DEBUG', 'populate', '3', 'p', 'x'],
      ['DEBUG', 'POPULATE', '3'],
      ['GET', 'key:0'],
      ['GET', 'key:2'],
      ['DEBUG', 'populate', '3', 'p', '0'],
      ['GET', 'p:1'],
      ['DEBUG', 'populate', '2', 'q', '10'],
      ['GET', 'q:1'],
      ['DEBUG', 'populate', '2', 'r', '3'],
      ['GET', 'r:1'],
      ['DEBUG', 'populate', '2', ''],
      ['GET', ':1'],
      ['DEBUG', 'populate', '2', 'n\u0000ul'],
      ['GET', 'n:0'],
      ['DEBUG', 'populate', '1', 'x'.repeat(200)],
      ['GET', 'x'.repeat(127)],
      ['SET', 'key:1', 'mine'],
      ['DEBUG', 'populate', '3'],
      ['GET', 'key:1'],
      ['DEBUG', 'populate', '0'],
      ['DBSIZE'],
      ['DEBUG', 'populate', '5', '\u00ff\u0000', '2'],
      ['DBSIZE'],
    ]);
    const [keys] = decodeReply(await d.ours.call('KEYS', '*'));
    const [redisKeys] = decodeReply(await d.redis.call('KEYS', '*'));
    expect((keys as string[]).sort()).toEqual((redisKeys as string[]).sort());
    const help = decodeReply(await d.ours.call('DEBUG', 'HELP'))[0] as string[];
    expect(help[0]).toBe('DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:');
    const redisHelp = decodeReply(await d.redis.call('DEBUG', 'HELP'))[0] as string[];
    // Our help lists what we implement; each of its entries is Redis's text for that subcommand.
    for (const line of help) expect(redisHelp).toContain(line);
  });

  it('DEBUG SLEEP stops the server for that long', async () => {
    const start = Date.now();
    await d.ours.call('DEBUG', 'SLEEP', '0.2');
    expect(Date.now() - start).toBeGreaterThanOrEqual(190);
  });

  it('generated sequences over databases answer as Redis does', async () => {
    const key = fc.constantFrom('a', 'b', 'key:0', 'key:1', 'p:0');
    const db = fc.oneof(fc.integer({ min: 0, max: 3 }).map(String), fc.constantFrom('16', '-1', 'x'));
    const command = fc.oneof(
      fc.tuple(key, fc.string({ maxLength: 3 })).map(([k, v]) => ['SET', k, v]),
      key.map((k) => ['GET', k]),
      key.map((k) => ['DEL', k]),
      key.map((k) => ['EXISTS', k]),
      fc.constant(['DBSIZE']),
      fc.constantFrom(['FLUSHDB'], ['FLUSHDB', 'ASYNC'], ['FLUSHDB', 'sync'], ['FLUSHDB', 'bad'], ['FLUSHALL'], ['FLUSHALL', 'SYNC']),
      fc.tuple(db, db).map(([a, b]) => ['SWAPDB', a, b]),
      fc.tuple(fc.integer({ min: -1, max: 3 }), fc.constantFrom('key', 'p'), fc.integer({ min: 0, max: 12 })).map(([n, p, size]) => ['DEBUG', 'POPULATE', String(n), p, String(size)]),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 15 }), async (commands) => {
        await d.check([['FLUSHALL'], ...commands]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('DEBUG without enable-debug-command', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());

  it('is refused with Redis error, whatever the subcommand', async () => {
    await d.check([['DEBUG', 'SLEEP', '0'], ['DEBUG', 'HELP'], ['DEBUG', 'populate', '10'], ['DEBUG', 'nosuch'], ['DBSIZE']]);
  });
});

describe('SHUTDOWN', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());

  it('closes the connection without a reply and stops the server', async () => {
    const { ours, redis, oursClosed, redisClosed } = await d.rawExchange('*1\r\n$4\r\nPING\r\n*2\r\n$8\r\nSHUTDOWN\r\n$6\r\nNOSAVE\r\n*1\r\n$4\r\nPING\r\n', 1000);
    // No reply to SHUTDOWN and nothing after it. Redis exits without sending what it still
    // held for the client (here the first PONG); our shutdown sends the replies in flight first.
    expect(ours).toBe('+PONG\r\n');
    expect(['', '+PONG\r\n']).toContain(redis);
    expect([oursClosed, redisClosed]).toEqual([true, true]);
    // Nothing listens any more.
    await expect((await import('../support/raw-client.js')).RawClient.connect(d.ourPort)).rejects.toThrow();
  });
});
