// OBJECT ENCODING and OBJECT REFCOUNT of string values against a real redis-server, after the
// writes that make a string otherwise than SET does: INCRBYFLOAT (embstr, never an int), APPEND and
// SETRANGE (raw), COPY (a duplicate: a shared small integer's copy is an int of its own, refcount
// 1), and RENAME and MOVE, which carry the object as it is. Hand-picked cases, then
// generated write sequences with every key's encoding and refcount compared after each.

import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { Differential } from '../support/differential.js';

const KEYS = ['a', 'b', 'c'];

/** ENCODING and REFCOUNT of every key, in database 0 and database 1. */
function inspectAll(): string[][] {
  const out: string[][] = [];
  for (const db of ['0', '1']) {
    out.push(['SELECT', db]);
    for (const k of KEYS) out.push(['OBJECT', 'ENCODING', k], ['OBJECT', 'REFCOUNT', k]);
  }
  out.push(['SELECT', '0']);
  return out;
}

describe('string encodings and refcounts, differential', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());
  beforeEach(async () => d.reset());

  it('INCRBYFLOAT stores embstr (raw past 44 bytes), even for an integer result, until another write', async () => {
    await d.check([
      ['INCRBYFLOAT', 'a', '1.5'],
      ['OBJECT', 'ENCODING', 'a'],
      ['OBJECT', 'REFCOUNT', 'a'],
      ['INCRBYFLOAT', 'a', '1.5'],
      ['GET', 'a'],
      ['OBJECT', 'ENCODING', 'a'],
      ['OBJECT', 'REFCOUNT', 'a'],
      ['SET', 'b', '5'],
      ['INCRBYFLOAT', 'b', '0'],
      ['OBJECT', 'ENCODING', 'b'],
      ['OBJECT', 'REFCOUNT', 'b'],
      ['INCRBYFLOAT', 'c', '-3'],
      ['OBJECT', 'ENCODING', 'c'],
      ['INCRBYFLOAT', 'c', '1e50'],
      ['OBJECT', 'ENCODING', 'c'],
      // Another write stores the value as SET would again.
      ['INCR', 'a'],
      ['OBJECT', 'ENCODING', 'a'],
      ['OBJECT', 'REFCOUNT', 'a'],
      ['INCRBYFLOAT', 'b', '1'],
      ['SET', 'b', '6'],
      ['OBJECT', 'ENCODING', 'b'],
      ['OBJECT', 'REFCOUNT', 'b'],
      ['INCRBYFLOAT', 'b', '1'],
      ['APPEND', 'b', 'x'],
      ['OBJECT', 'ENCODING', 'b'],
      // RENAME and MOVE carry the value as it was made.
      ['INCRBYFLOAT', 'a', '1'],
      ['RENAME', 'a', 'b'],
      ['OBJECT', 'ENCODING', 'b'],
      ['MOVE', 'b', '1'],
      ['SELECT', '1'],
      ['OBJECT', 'ENCODING', 'b'],
      ['SELECT', '0'],
    ]);
  });

  it('COPY duplicates the object: a shared integer becomes an int of refcount 1, other forms stay', async () => {
    await d.check([
      ['SET', 'a', '5'],
      ['COPY', 'a', 'b'],
      ['OBJECT', 'REFCOUNT', 'a'],
      ['OBJECT', 'REFCOUNT', 'b'],
      ['OBJECT', 'ENCODING', 'b'],
      // The copy carries its own object through RENAME and MOVE, and into another COPY.
      ['RENAME', 'b', 'c'],
      ['OBJECT', 'REFCOUNT', 'c'],
      ['COPY', 'c', 'b', 'DB', '1'],
      ['MOVE', 'c', '1'],
      ['SELECT', '1'],
      ['OBJECT', 'REFCOUNT', 'b'],
      ['OBJECT', 'REFCOUNT', 'c'],
      ['OBJECT', 'ENCODING', 'c'],
      ['SELECT', '0'],
      // A write stores the shared object again.
      ['SET', 'b', '5'],
      ['OBJECT', 'REFCOUNT', 'b'],
      ['COPY', 'a', 'c'],
      ['INCR', 'c'],
      ['OBJECT', 'REFCOUNT', 'c'],
      // Larger and negative integers, embstr, raw and INCRBYFLOAT's embstr are copied as they are.
      ['SET', 'a', '123456'],
      ['COPY', 'a', 'b', 'REPLACE'],
      ['OBJECT', 'ENCODING', 'b'],
      ['OBJECT', 'REFCOUNT', 'b'],
      ['SET', 'a', '-5'],
      ['COPY', 'a', 'b', 'REPLACE'],
      ['OBJECT', 'REFCOUNT', 'b'],
      ['SET', 'a', 'hello'],
      ['COPY', 'a', 'b', 'REPLACE'],
      ['OBJECT', 'ENCODING', 'b'],
      ['APPEND', 'a', ''],
      ['COPY', 'a', 'b', 'REPLACE'],
      ['OBJECT', 'ENCODING', 'b'],
      ['DEL', 'a'],
      ['INCRBYFLOAT', 'a', '3'],
      ['COPY', 'a', 'b', 'REPLACE'],
      ['OBJECT', 'ENCODING', 'b'],
      ['OBJECT', 'REFCOUNT', 'b'],
    ]);
  });

  const key = fc.constantFrom(...KEYS);
  const value = fc.constantFrom('5', '0', '9999', '10000', '-1', '007', '1.5', 'abc', '', 'x'.repeat(45), '\u0000\u00ff');
  const float = fc.constantFrom('1.5', '0.5', '-2', '3', '0', '1e50', '-1e-5');
  const write: fc.Arbitrary<string[]> = fc.oneof(
    fc.tuple(key, value).map(([k, v]) => ['SET', k, v]),
    fc.tuple(key, value).map(([k, v]) => ['SET', k, v, 'KEEPTTL']),
    fc.tuple(key, value).map(([k, v]) => ['GETSET', k, v]),
    fc.tuple(key, value).map(([k, v]) => ['SETNX', k, v]),
    fc.tuple(key, value, key, value).map(([k, v, k2, v2]) => ['MSET', k, v, k2, v2]),
    key.map((k) => ['INCR', k]),
    key.map((k) => ['DECR', k]),
    fc.tuple(key, fc.constantFrom('1', '-10000', '9990')).map(([k, n]) => ['INCRBY', k, n]),
    fc.tuple(key, float).map(([k, f]) => ['INCRBYFLOAT', k, f]),
    fc.tuple(key, value).map(([k, v]) => ['APPEND', k, v]),
    fc.tuple(key, fc.constantFrom('0', '2'), value).map(([k, o, v]) => ['SETRANGE', k, o, v]),
    fc.tuple(key, key).map(([a, b]) => ['RENAME', a, b]),
    fc.tuple(key, key, fc.constantFrom<string[]>([], ['REPLACE'], ['DB', '1'], ['DB', '1', 'REPLACE'])).map(([a, b, o]) => ['COPY', a, b, ...o]),
    key.map((k) => ['MOVE', k, '1']),
    key.map((k) => ['DEL', k]),
    key.map((k) => ['GETDEL', k]),
  );

  it('generated write sequences: every key reports the encoding and refcount Redis reports', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 8 }), async (writes) => {
        await d.reset();
        for (const w of writes) await d.check([w, ...inspectAll()]);
      }),
      { numRuns: 150 },
    );
  });
});
