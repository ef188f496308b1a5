// The options every *SCAN shares (commands/scan.ts) against a real redis-server: MATCH, COUNT and
// TYPE (SCAN only), with hand-picked edge cases and generated option lists, on SSCAN, HSCAN and
// ZSCAN over compact values (an intset or listpacks, returned whole, so the replies are the same bytes) and on SCAN, whose
// cursors are ours: there, errors must be the same and successes must both succeed.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Differential } from '../support/differential.js';

const KEYED_SCANS: ReadonlyArray<readonly string[]> = [
  ['SSCAN', 's', '0'],
  ['HSCAN', 'h', '0'],
  ['ZSCAN', 'z', '0'],
];

const SETUP: ReadonlyArray<readonly string[]> = [
  // Integers only: Redis 7.0 keeps other small sets in a hash table, whose order is its own.
  ['SADD', 's', '1', '2', '10', '11', '-5'],
  ['HSET', 'h', 'a1', 'v', 'b1', 'w', '\u00ffk', '\u0000'],
  ['ZADD', 'z', '1', 'a1', '2.5', 'b1', '-3', '\u00ff'],
];

describe('*SCAN options, differential', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
    await d.check(SETUP);
  });
  afterAll(async () => d.stop());

  it('MATCH, COUNT and TYPE on SSCAN, HSCAN and ZSCAN, and on missing keys', async () => {
    const options: string[][] = [
      [],
      ['MATCH', 'a*'],
      ['MATCH', '1*'],
      ['match', '*'],
      ['MATCH', '\u00ff'],
      ['COUNT', '1'],
      ['count', '100', 'MATCH', 'b?'],
      ['MATCH', 'a*', 'MATCH', 'b*'],
      ['COUNT', '0'],
      ['COUNT', '-1'],
      ['COUNT', 'x'],
      ['COUNT', '9223372036854775808'],
      ['COUNT', '1.5'],
      ['COUNT'],
      ['MATCH'],
      ['TYPE', 'set'],
      ['type', 'string'],
      ['MATCH', 'a*', 'COUNT'],
      ['NOVALUES'],
      ['FOO', 'bar'],
    ];
    const commands: string[][] = [];
    for (const scan of KEYED_SCANS) {
      for (const o of options) {
        commands.push([...scan, ...o]);
        // A missing key answers an empty scan before its options are read, as in Redis.
        commands.push([scan[0]!, 'missing', '0', ...o]);
      }
    }
    await d.check(commands);
  });

  it('SCAN refuses what Redis refuses, and TYPE only there', async () => {
    await d.check([
      ['SCAN', '0', 'COUNT', '0'],
      ['SCAN', '0', 'COUNT', 'x'],
      ['SCAN', '0', 'COUNT'],
      ['SCAN', '0', 'MATCH'],
      ['SCAN', '0', 'TYPE'],
      ['SCAN', '0', 'FOO', 'bar'],
      ['SCAN', '0', 'MATCH', 'zzz*', 'TYPE', 'hash', 'COUNT', '-5'],
      ['SCAN', 'x'],
      ['SSCAN', 's', 'x', 'COUNT', '0'],
      ['SCAN', '0', 'MATCH', 'nothing*', 'COUNT', '1000'],
      ['SCAN', '0', 'TYPE', 'zset', 'COUNT', '1000'],
      ['SCAN', '0', 'type', 'SET', 'COUNT', '1000'],
    ]);
  });

  const word = fc.constantFrom('MATCH', 'match', 'COUNT', 'Count', 'TYPE', 'type', 'NOVALUES', 'x', '*', 'a*', '1*', '?1', '0', '1', '-1', '10', '1e3', 'set', 'hash', '');
  const optionList = fc.array(word, { maxLength: 6 });

  it('generated option lists: the same replies on SSCAN, HSCAN and ZSCAN', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...KEYED_SCANS), optionList, async (scan, options) => {
        await d.check([[...scan, ...options]]);
      }),
      { numRuns: 200 },
    );
  });

  it('generated option lists: SCAN fails exactly where Redis does, with the same error', async () => {
    await fc.assert(
      fc.asyncProperty(optionList, async (options) => {
        const [ours, redis] = await Promise.all([d.ours.call('SCAN', '0', ...options), d.redis.call('SCAN', '0', ...options)]);
        const redisText = redis.toString('latin1');
        if (redisText.startsWith('-')) expect(ours.toString('latin1')).toBe(redisText);
        else expect(ours.toString('latin1').startsWith('*2\r\n')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
