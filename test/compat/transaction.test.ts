// MULTI/EXEC/DISCARD/WATCH/UNWATCH against a real redis-server, including WATCH races between
// two clients and every way Redis invalidates a WATCH.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Differential } from '../support/differential.js';
import type { RawClient } from '../support/raw-client.js';

type Pair = { ours: RawClient; redis: RawClient };

describe('transactions against redis-server', () => {
  let d: Differential;
  let other: Pair;
  beforeAll(async () => {
    d = await Differential.start();
    other = await d.pair();
  });
  afterAll(async () => {
    other.ours.close();
    other.redis.close();
    await d.stop();
  });
  beforeEach(async () => {
    await d.check([['DISCARD'], ['UNWATCH']]).catch(() => {});
    await d.reset();
  });

  /** Runs the same command on the second client of both servers and compares the replies. */
  async function viaOther(...args: string[]): Promise<void> {
    const [a, b] = await Promise.all([other.ours.call(...args), other.redis.call(...args)]);
    expect(a.toString('latin1')).toBe(b.toString('latin1'));
  }

  it('answers the errors of MULTI, EXEC, DISCARD and WATCH as Redis does', async () => {
    await d.check([
      ['EXEC'],
      ['DISCARD'],
      ['MULTI'],
      ['MULTI'],
      ['WATCH', 'a'],
      ['EXEC'],
      ['WATCH'],
      ['MULTI', 'x'],
      ['EXEC', 'x'],
      ['MULTI'],
      ['DISCARD'],
      ['EXEC'],
    ]);
  });

  it('queues, runs and replies a transaction, with runtime errors failing only their command', async () => {
    await d.check([
      ['MULTI'],
      ['SET', 'a', '1'],
      ['INCR', 'a'],
      ['LPUSH', 'a', 'x'],
      ['GET', 'a'],
      ['RPUSH', 'l', 'x', 'y'],
      ['LRANGE', 'l', '0', '-1'],
      ['SELECT', '2'],
      ['SET', 'in2', 'v'],
      ['PING'],
      ['ECHO', 'e'],
      ['EXEC'],
      ['GET', 'in2'],
      ['SELECT', '0'],
      ['GET', 'in2'],
      ['MULTI'],
      ['EXEC'],
    ]);
  });

  it('aborts EXEC after an error while queueing (unknown command, arity, not allowed)', async () => {
    await d.check([
      ['MULTI'],
      ['SET', 'a', '1'],
      ['NOSUCH', 'x'],
      ['SET', 'b'],
      ['EXEC'],
      ['EXISTS', 'a'],
      ['MULTI'],
      ['SET', 'a', '1'],
      ['SHUTDOWN'],
      ['EXEC'],
      ['MULTI'],
      ['SET', 'a', '1'],
      ['MULTI'],
      ['WATCH', 'x'],
      ['EXEC'],
      ['GET', 'a'],
    ]);
  });

  it('runs blocking commands inside MULTI as their non-blocking forms', async () => {
    await d.check([
      ['MULTI'],
      ['BLPOP', 'l', '0'],
      ['BRPOP', 'l', '0'],
      ['BLMOVE', 'l', 'm', 'LEFT', 'LEFT', '0'],
      ['BRPOPLPUSH', 'l', 'm', '0'],
      ['BLMPOP', '0', '1', 'l', 'LEFT'],
      ['BZPOPMIN', 'z', '0'],
      ['BZMPOP', '0', '1', 'z', 'MAX'],
      ['RPUSH', 'l', 'v'],
      ['BLPOP', 'l', '0'],
      ['EXEC'],
    ]);
  });

  it('fails EXEC when another client changed a watched key, and not otherwise', async () => {
    await d.check([['SET', 'k', '1'], ['WATCH', 'k', 'untouched']]);
    await viaOther('GET', 'k');
    await viaOther('SET', 'untouched-neighbour', 'x');
    await viaOther('SET', 'k', '1', 'NX'); // refused: not a change
    await d.check([['MULTI'], ['INCR', 'k'], ['EXEC'], ['GET', 'k']]);
    await d.check([['WATCH', 'k']]);
    await viaOther('SET', 'k', '5');
    await d.check([['MULTI'], ['INCR', 'k'], ['EXEC'], ['GET', 'k']]);
  });

  const invalidations: Array<{ name: string; setup: string[][]; change: string[][] }> = [
    { name: 'DEL', setup: [['SET', 'k', 'v']], change: [['DEL', 'k']] },
    { name: 'EXPIRE', setup: [['SET', 'k', 'v']], change: [['EXPIRE', 'k', '100']] },
    { name: 'PERSIST', setup: [['SET', 'k', 'v', 'EX', '100']], change: [['PERSIST', 'k']] },
    { name: 'a list push', setup: [['RPUSH', 'k', 'a']], change: [['LPUSH', 'k', 'b']] },
    { name: 'a hash field', setup: [['HSET', 'k', 'f', 'v']], change: [['HSET', 'k', 'f', 'w']] },
    { name: 'a set member', setup: [['SADD', 'k', 'a']], change: [['SADD', 'k', 'b']] },
    { name: 'a sorted-set member', setup: [['ZADD', 'k', '1', 'a']], change: [['ZINCRBY', 'k', '1', 'a']] },
    { name: 'RENAME onto it', setup: [['SET', 'src', 'v']], change: [['RENAME', 'src', 'k']] },
    { name: 'FLUSHDB', setup: [['SET', 'k', 'v']], change: [['FLUSHDB']] },
    { name: 'FLUSHALL', setup: [['SET', 'k', 'v']], change: [['FLUSHALL']] },
    { name: 'SWAPDB', setup: [['SET', 'k', 'v']], change: [['SWAPDB', '0', '1']] },
    { name: 'SWAPDB bringing the key', setup: [['SELECT', '1'], ['SET', 'k', 'v'], ['SELECT', '0']], change: [['SWAPDB', '0', '1']] },
    { name: 'MOVE', setup: [['SET', 'k', 'v']], change: [['MOVE', 'k', '3']] },
    { name: 'APPEND', setup: [['SET', 'k', 'v']], change: [['APPEND', 'k', 'w']] },
    { name: 'a pop that empties it', setup: [['RPUSH', 'k', 'a']], change: [['LPOP', 'k']] },
  ];
  for (const c of invalidations) {
    it(`fails EXEC after ${c.name} on a watched key`, async () => {
      await d.check(c.setup);
      await d.check([['WATCH', 'k']]);
      for (const cmd of c.change) await viaOther(...cmd);
      await d.check([['MULTI'], ['PING'], ['EXEC']]);
    });
  }

  it('does not fail for FLUSHDB or SWAPDB when the watched key did not exist anywhere', async () => {
    await d.check([['WATCH', 'k'], ['MULTI'], ['PING']]);
    await viaOther('FLUSHDB');
    await viaOther('SWAPDB', '0', '1');
    await d.check([['EXEC']]);
  });

  it('fails EXEC when a watched key expires in between, not when it had already expired', async () => {
    await d.check([['SET', 'k', 'v', 'PX', '30'], ['WATCH', 'k']]);
    await new Promise((r) => setTimeout(r, 60));
    await d.check([['MULTI'], ['PING'], ['EXEC']]);
    await d.check([['SET', 'gone', 'v', 'PX', '1']]);
    await new Promise((r) => setTimeout(r, 20));
    await d.check([['WATCH', 'gone'], ['MULTI'], ['PING'], ['EXEC']]);
  });

  it('forgets watched keys after UNWATCH, EXEC and DISCARD', async () => {
    await d.check([['WATCH', 'k'], ['UNWATCH']]);
    await viaOther('SET', 'k', '1');
    await d.check([['MULTI'], ['GET', 'k'], ['EXEC']]);
    await d.check([['WATCH', 'k'], ['MULTI'], ['DISCARD']]);
    await viaOther('SET', 'k', '2');
    await d.check([['MULTI'], ['GET', 'k'], ['EXEC']]);
    await d.check([['WATCH', 'k'], ['MULTI'], ['EXEC']]);
    await viaOther('SET', 'k', '3');
    await d.check([['MULTI'], ['GET', 'k'], ['EXEC']]);
  });

  it('serves a blocked client from a transaction that pushes', async () => {
    const blocked = await d.pair();
    const waiting = Promise.all([blocked.ours.call('BLPOP', 'q', '0'), blocked.redis.call('BLPOP', 'q', '0')]);
    await d.waitBlocked(1);
    await d.check([['MULTI'], ['RPUSH', 'q', 'a', 'b'], ['LLEN', 'q'], ['EXEC'], ['LLEN', 'q']]);
    const [a, b] = await waiting;
    expect(a.toString('latin1')).toBe(b.toString('latin1'));
    blocked.ours.close();
    blocked.redis.close();
  });

  it('agrees with Redis on generated WATCH races between two clients', async () => {
    const key = fc.constantFrom('k1', 'k2');
    const step = fc.oneof(
      fc.tuple(fc.constant('me'), fc.constantFrom(['WATCH', 'k1'], ['WATCH', 'k1', 'k2'], ['UNWATCH'], ['MULTI'], ['EXEC'], ['DISCARD'], ['GET', 'k1'])),
      fc.tuple(fc.constant('me'), key.map((k) => ['INCR', k])),
      fc.tuple(fc.constant('other'), key.map((k) => ['INCR', k])),
      fc.tuple(fc.constant('other'), key.map((k) => ['SET', k, '1', 'NX'])),
      fc.tuple(fc.constant('other'), key.map((k) => ['DEL', k])),
      fc.tuple(fc.constant('other'), fc.constantFrom(['FLUSHDB'], ['GET', 'k2'])),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        await d.check([['DISCARD'], ['UNWATCH']]).catch(() => {});
        await d.reset();
        for (const [who, cmd] of steps) {
          if (who === 'me') await d.check([cmd]);
          else await viaOther(...cmd);
        }
      }),
      { numRuns: 150 },
    );
  });
});
