// The blocking list commands against a real redis-server, with several clients over TCP: served at
// once, parked and served first come first served, timeouts, chains, type changes, disconnects.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Differential } from '../support/differential.js';
import { ClientPairs, sameReply, sendBoth, type ClientPair } from '../support/client-pairs.js';

describe('blocking list commands against redis-server', () => {
  let d: Differential;
  let pairs: ClientPairs;
  beforeAll(async () => {
    d = await Differential.start();
    pairs = new ClientPairs(d);
  });
  afterAll(async () => {
    pairs.closeAll();
    await d.stop();
  });
  beforeEach(async () => d.reset());

  const client = (): Promise<ClientPair> => pairs.connect();

  it('serves at once when a list has elements, and validates like Redis', async () => {
    await d.check([
      ['RPUSH', 'l', 'a', 'b', 'c', 'd', 'e'],
      ['BLPOP', 'none', 'l', '0'],
      ['BRPOP', 'l', 'none', '1.5'],
      ['BLMOVE', 'l', 'dst', 'LEFT', 'RIGHT', '0'],
      ['BRPOPLPUSH', 'l', 'dst', '0'],
      ['LRANGE', 'dst', '0', '-1'],
      ['BLMPOP', '0', '2', 'none', 'dst', 'RIGHT', 'COUNT', '5'],
      ['BLMPOP', '0', '1', 'l', 'left'],
      ['EXISTS', 'l', 'dst'],
      ['SET', 's', 'x'],
      ['BLPOP', 's', '0'],
      ['BLPOP', 'none', 's', '0'],
      ['BLMOVE', 's', 'd', 'LEFT', 'LEFT', '0'],
      ['RPUSH', 'l2', 'v'],
      ['BLMOVE', 'l2', 's', 'LEFT', 'LEFT', '0'],
      ['LLEN', 'l2'],
      ['BLPOP', 'l', '-1'],
      ['BLPOP', 'l', 'abc'],
      ['BLPOP', 'l', 'nan'],
      ['BLPOP', 'l', 'inf'],
      ['BLPOP', 'l', '1e400'],
      ['BLPOP', 'l', '9223372036854775807'],
      ['BLPOP', 'l', ''],
      ['BLPOP', 'l'],
      ['BLMOVE', 'l', 'd', 'UP', 'LEFT', '0'],
      ['BLMOVE', 'l', 'd', 'LEFT', 'DOWN', 'x'],
      ['BLMOVE', 'l', 'd', 'LEFT', 'LEFT', 'x'],
      ['BRPOPLPUSH', 'l', 'd', '-1'],
      ['BLMPOP', '0', '0', 'l', 'LEFT'],
      ['BLMPOP', '0', '-1', 'l', 'LEFT'],
      ['BLMPOP', '0', '1', 'l', 'MIDDLE'],
      ['BLMPOP', '0', '1', 'l', 'LEFT', 'COUNT', '0'],
      ['BLMPOP', '0', '1', 'l', 'LEFT', 'COUNT'],
      ['BLMPOP', '0', '5', 'l', 'LEFT'],
      ['BLMPOP', 'x', '1', 'l', 'LEFT'],
      ['BLMPOP', '-1', 'x', 'l', 'LEFT'],
      ['BLMPOP', '0', '1', 'l', 'LEFT', 'COUNT', '1', 'COUNT', '2'],
    ]);
  });

  it('times out with a null array for every blocking form', async () => {
    await d.check([
      ['BLPOP', 'none', '0.01'],
      ['BRPOP', 'none', 'other', '0.01'],
      ['BLMOVE', 'none', 'd', 'LEFT', 'LEFT', '0.01'],
      ['BRPOPLPUSH', 'none', 'd', '0.01'],
      ['BLMPOP', '0.01', '1', 'none', 'LEFT'],
    ]);
  });

  it('parks a client until a push, then answers both sides as Redis does', async () => {
    const b = await client();
    const waiting = sendBoth(b, 'BLPOP', 'l1', 'l2', '0');
    await d.waitBlocked(1);
    await d.check([['RPUSH', 'l2', 'x', 'y'], ['LRANGE', 'l2', '0', '-1']]);
    expect(await sameReply(waiting)).toBe('*2\r\n$2\r\nl2\r\n$1\r\nx\r\n');
    await d.waitBlocked(0);
  });

  it('serves parked clients first come, first served, one element each', async () => {
    const [b1, b2, b3] = [await client(), await client(), await client()];
    const w1 = sendBoth(b1, 'BRPOP', 'q', '0');
    await d.waitBlocked(1);
    const w2 = sendBoth(b2, 'BLPOP', 'q', '0');
    await d.waitBlocked(2);
    const w3 = sendBoth(b3, 'BLMPOP', '0', '1', 'q', 'LEFT', 'COUNT', '10');
    await d.waitBlocked(3);
    await d.check([['RPUSH', 'q', 'a', 'b']]);
    expect(await sameReply(w1)).toBe('*2\r\n$1\r\nq\r\n$1\r\nb\r\n');
    await sameReply(w2);
    await d.waitBlocked(1);
    await d.check([['RPUSH', 'q', 'c', 'd', 'e'], ['LLEN', 'q']]);
    await sameReply(w3);
    await d.check([['EXISTS', 'q']]);
  });

  it('chains BLMOVE into another waiting client', async () => {
    const [mover, popper] = [await client(), await client()];
    const moved = sendBoth(mover, 'BLMOVE', 'src', 'dst', 'LEFT', 'RIGHT', '0');
    await d.waitBlocked(1);
    const popped = sendBoth(popper, 'BLPOP', 'dst', '0');
    await d.waitBlocked(2);
    await d.check([['LPUSH', 'src', 'x']]);
    expect(await sameReply(moved)).toBe('$1\r\nx\r\n');
    expect(await sameReply(popped)).toBe('*2\r\n$3\r\ndst\r\n$1\r\nx\r\n');
    await d.check([['EXISTS', 'src', 'dst']]);
  });

  it('keeps waiting while the key holds another type, and is served once it is a list again', async () => {
    const b = await client();
    const waiting = sendBoth(b, 'BLPOP', 'k', '0');
    await d.waitBlocked(1);
    await d.check([['SET', 'k', 'string'], ['DEL', 'k']]);
    await d.waitBlocked(1);
    await d.check([['RPUSH', 'k', 'v']]);
    await sameReply(waiting);
  });

  it('serves a woken client from the key that became ready, even when another of its keys now holds another type', async () => {
    const [b1, b2] = [await client(), await client()];
    const w1 = sendBoth(b1, 'BLPOP', 'first', 'second', '0');
    await d.waitBlocked(1);
    const w2 = sendBoth(b2, 'BLMPOP', '0', '2', 'first', 'second', 'RIGHT', 'COUNT', '2');
    await d.waitBlocked(2);
    await d.check([['SET', 'first', 'now a string'], ['RPUSH', 'second', 'a', 'b', 'c']]);
    expect(await sameReply(w1)).toBe('*2\r\n$6\r\nsecond\r\n$1\r\na\r\n');
    await sameReply(w2);
    await d.check([['LRANGE', 'second', '0', '-1'], ['GET', 'first']]);
  });

  it('forgets a client that disconnects while blocked', async () => {
    const b = await client();
    void sendBoth(b, 'BLPOP', 'gone', '0').catch(() => {});
    await d.waitBlocked(1);
    b.ours.close();
    b.redis.close();
    await d.waitBlocked(0);
    await d.check([['RPUSH', 'gone', 'v'], ['LLEN', 'gone']]);
  });

  it('holds the commands pipelined behind a blocked one until it is served', async () => {
    const b = await client();
    const replies = Promise.all([b.ours.pipeline([['BLPOP', 'p', '0'], ['PING'], ['LLEN', 'p']]), b.redis.pipeline([['BLPOP', 'p', '0'], ['PING'], ['LLEN', 'p']])]);
    await d.waitBlocked(1);
    await d.check([['RPUSH', 'p', '1', '2']]);
    const [ours, redis] = await replies;
    expect(ours.map((r) => r.toString('latin1'))).toEqual(redis.map((r) => r.toString('latin1')));
    expect(ours[2]!.toString()).toBe(':1\r\n');
  });

  it('answers a blocked client whose timeout passes with a null array', async () => {
    const b = await client();
    expect(await sameReply(sendBoth(b, 'BLPOP', 'slow', '0.05'))).toBe('*-1\r\n');
    expect(await sameReply(sendBoth(b, 'PING'))).toBe('+PONG\r\n');
  });
});
