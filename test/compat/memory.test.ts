// MEMORY's answers that do not depend on the allocator, against a real redis-server. The sizes
// MEMORY USAGE reports are estimates of each server's own layout, so only their shape is compared.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Differential } from '../support/differential.js';
import { decodeReply } from '../support/resp-reader.js';

describe('MEMORY against redis-server', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());

  it('answers help, purge, missing keys and bad arguments as Redis does', async () => {
    await d.check([
      ['MEMORY', 'HELP'],
      ['MEMORY', 'PURGE'],
      ['MEMORY', 'USAGE', 'missing'],
      ['MEMORY', 'USAGE', 'missing', 'SAMPLES', '0'],
      ['SET', 'k', 'v'],
      ['MEMORY', 'USAGE', 'k', 'SAMPLES', 'x'],
      ['MEMORY', 'USAGE', 'k', 'SAMPLES', '-1'],
      ['MEMORY', 'USAGE', 'k', 'SAMPLES'],
      ['MEMORY', 'USAGE', 'k', 'bogus', '1'],
      ['MEMORY', 'USAGE'],
      ['MEMORY'],
      ['MEMORY', 'nosuch'],
    ]);
  });

  it('estimates a positive size that grows with the value', async () => {
    await d.ours.call('SET', 'small', 'x');
    await d.ours.call('SET', 'large', 'x'.repeat(10_000));
    const [small] = decodeReply(await d.ours.call('MEMORY', 'USAGE', 'small'));
    const [large] = decodeReply(await d.ours.call('MEMORY', 'USAGE', 'large'));
    expect(small).toBeGreaterThan(0);
    expect(large as number).toBeGreaterThan((small as number) + 9_000);
  });
});
