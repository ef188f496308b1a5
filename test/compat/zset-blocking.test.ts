// BZPOPMIN, BZPOPMAX and BZMPOP against a real redis-server, with several clients over TCP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Differential } from '../support/differential.js';
import { ClientPairs, sameReply, sendBoth, type ClientPair } from '../support/client-pairs.js';

describe('blocking sorted-set pops against redis-server', () => {
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

  const same = (p: ClientPair, ...args: string[]): Promise<string> => sameReply(sendBoth(p, ...args));

  it('serves at once, validates and times out like Redis', async () => {
    await d.check([
      ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '-inf', 'low', 'inf', 'high'],
      ['BZPOPMIN', 'none', 'z', '0'],
      ['BZPOPMAX', 'z', '0'],
      ['BZMPOP', '0', '2', 'none', 'z', 'MIN', 'COUNT', '2'],
      ['BZMPOP', '0', '1', 'z', 'max', 'COUNT', '10'],
      ['EXISTS', 'z'],
      ['SET', 's', 'x'],
      ['BZPOPMIN', 's', '0'],
      ['BZMPOP', '0', '1', 's', 'MIN'],
      ['BZPOPMIN', 'z', '-1'],
      ['BZPOPMIN', 'z', 'x'],
      ['BZPOPMAX', 'z', '1e400'],
      ['BZMPOP', '0', '0', 'z', 'MIN'],
      ['BZMPOP', '0', '1', 'z', 'MIDDLE'],
      ['BZMPOP', '0', '1', 'z', 'MIN', 'COUNT', '0'],
      ['BZMPOP', 'x', '1', 'z', 'MIN'],
      ['BZMPOP', '-1', 'x', 'z', 'MIN'],
      ['BZMPOP', '-1', '1', 'z', 'MIN'],
      ['BZMPOP', '0', '3', 'z', 'MIN'],
      ['BZPOPMIN', 'none', '0.01'],
      ['BZPOPMAX', 'none', '0.01'],
      ['BZMPOP', '0.01', '1', 'none', 'MAX'],
    ]);
  });

  it('parks clients and serves them in order when members arrive', async () => {
    const [b1, b2] = [await client(), await client()];
    const w1 = same(b1, 'BZPOPMIN', 'z1', 'z2', '0');
    await d.waitBlocked(1);
    const w2 = same(b2, 'BZMPOP', '0', '1', 'z2', 'MAX', 'COUNT', '5');
    await d.waitBlocked(2);
    await d.check([['ZADD', 'z2', '5', 'five', '1', 'one', '3', 'three']]);
    expect(await w1).toBe('*3\r\n$2\r\nz2\r\n$3\r\none\r\n$1\r\n1\r\n');
    await w2;
    await d.check([['EXISTS', 'z2']]);
  });

  it('serves a woken client from the key that became ready, even when another of its keys now holds another type', async () => {
    const b = await client();
    const w = same(b, 'BZPOPMIN', 'z1', 'z2', '0');
    await d.waitBlocked(1);
    await d.check([['SET', 'z1', 'string'], ['ZADD', 'z2', '1', 'm']]);
    expect(await w).toBe('*3\r\n$2\r\nz2\r\n$1\r\nm\r\n$1\r\n1\r\n');
  });

  it('keeps waiting on a key of another type', async () => {
    const b = await client();
    const w = same(b, 'BZPOPMAX', 'k', '0');
    await d.waitBlocked(1);
    await d.check([['RPUSH', 'k', 'x'], ['DEL', 'k']]);
    await d.waitBlocked(1);
    await d.check([['ZADD', 'k', '1', 'm']]);
    await w;
  });
});
