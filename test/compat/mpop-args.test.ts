// The arguments LMPOP, BLMPOP, ZMPOP and BZMPOP share (commands/mpop-args.ts) against a real
// redis-server: generated argument lists after the command name (and the timeout of the blocking
// forms, which run inside MULTI so that they never block), on lists, sorted sets and a string.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { Differential } from '../support/differential.js';

const SETUP: ReadonlyArray<readonly string[]> = [
  ['RPUSH', 'l1', 'a', 'b', 'c'],
  ['RPUSH', 'l2', '\u0000', '\u00ff'],
  ['ZADD', 'z1', '1', 'a', '2', 'b', '3', 'c'],
  ['ZADD', 'z2', '-1.5', 'x'],
  ['SET', 's', 'v'],
];

describe('LMPOP, BLMPOP, ZMPOP, BZMPOP arguments, differential', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());

  const numkeys = fc.constantFrom('0', '1', '2', '3', '-1', 'x', '', '01', '9223372036854775807', '9223372036854775808');
  const key = fc.constantFrom('l1', 'l2', 'z1', 'z2', 's', 'missing');
  const word = fc.constantFrom('LEFT', 'right', 'MIN', 'max', 'MIDDLE');
  const token = fc.oneof(key, word, fc.constantFrom('COUNT', 'count', '0', '1', '2', '-1', '10', 'x'));
  /** Mostly well formed (numkeys keys, a word, maybe COUNT), sometimes anything. */
  const args = fc.oneof(
    fc
      .tuple(fc.array(key, { minLength: 1, maxLength: 3 }), word, fc.constantFrom<string[]>([], ['COUNT', '2'], ['count', '10'], ['COUNT', '0'], ['COUNT', '1', 'COUNT', '1'], ['COUNT']), fc.boolean())
      .map(([keys, w, count, miscount]) => [String(keys.length + (miscount ? 1 : 0)), ...keys, w, ...count]),
    fc.tuple(numkeys, fc.array(token, { maxLength: 6 })).map(([n, rest]) => [n, ...rest]),
  );
  const call = fc.tuple(fc.constantFrom('LMPOP', 'ZMPOP', 'BLMPOP', 'BZMPOP'), args);

  it('generated argument lists: the same replies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 4 }), async (calls) => {
        await d.reset();
        await d.check(SETUP);
        for (const [name, rest] of calls) {
          if (name.startsWith('B')) await d.check([['MULTI'], [name, '0', ...rest], ['EXEC']]);
          else await d.check([[name, ...rest]]);
        }
      }),
      { numRuns: 150 },
    );
  });
});
