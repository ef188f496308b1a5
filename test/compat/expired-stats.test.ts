// INFO stats expired_keys counts keys removed by expiry (by a write that meets them or by the
// active cycle), and CONFIG RESETSTAT zeroes it, as on redis-server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Differential } from '../support/differential.js';

describe('expired_keys against redis-server', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());

  const expiredKeys = async (): Promise<[string, string]> => {
    const pick = (b: Buffer) => /expired_keys:(\d+)/.exec(b.toString('latin1'))![1]!;
    const [a, b] = await Promise.all([d.ours.call('INFO', 'stats'), d.redis.call('INFO', 'stats')]);
    return [pick(a), pick(b)];
  };

  it('counts expired keys once they are gone, and restarts from 0 after CONFIG RESETSTAT', async () => {
    await d.check([['CONFIG', 'RESETSTAT'], ['SET', 'a', '1', 'PX', '10'], ['SET', 'b', '1', 'PX', '10'], ['SET', 'c', '1']]);
    expect(await expiredKeys()).toEqual(['0', '0']);
    // Both servers' active expiry cycles run every 100 ms; a loaded machine may delay them.
    for (let i = 0; i < 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const [a, b] = await expiredKeys();
      if (a === '2' && b === '2') break;
    }
    expect(await expiredKeys()).toEqual(['2', '2']);
    await d.check([['CONFIG', 'RESETSTAT']]);
    expect(await expiredKeys()).toEqual(['0', '0']);
  });
});
