// Generated sequences of the keys and expiry commands, mixed with SET/GET and a few collection
// writes, on a handful of keys in two databases, compared reply by reply with redis-server.
// Expiry times are absolute and far (or relative and not positive, which deletes at once), so
// every answer is independent of the clock; unordered replies (KEYS, SCAN) compare as sets.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { Differential } from '../support/differential.js';

const KEYS = ['a', 'b', 'c', 'k\u0000\u00ff', '{x}'];
const FAR = ['4102444800000', '4102444800500', '4102444801499', '5000000000000'];

const key = fc.constantFrom(...KEYS);
const value = fc.constantFrom('v', '', '12', '-7', '9999', 'x'.repeat(45), '\u0000\u00ff');
const condition = fc.constantFrom<string[]>([], ['NX'], ['XX'], ['GT'], ['LT'], ['NX', 'GT'], ['xx', 'lt'], ['bad']);
const db = fc.constantFrom('0', '1', '16', 'x');

const command: fc.Arbitrary<string[]> = fc.oneof(
  fc.tuple(key, value).map(([k, v]) => ['SET', k, v]),
  key.map((k) => ['GET', k]),
  fc.tuple(key, fc.constantFrom('a', 'b')).map(([k, m]) => ['RPUSH', k, m]),
  fc.tuple(key, fc.constantFrom('1', '2')).map(([k, m]) => ['SADD', k, m]),
  fc.array(key, { minLength: 1, maxLength: 3 }).map((ks) => ['DEL', ...ks]),
  fc.array(key, { minLength: 1, maxLength: 3 }).map((ks) => ['UNLINK', ...ks]),
  fc.array(key, { minLength: 1, maxLength: 3 }).map((ks) => ['EXISTS', ...ks]),
  fc.array(key, { minLength: 1, maxLength: 3 }).map((ks) => ['TOUCH', ...ks]),
  key.map((k) => ['TYPE', k]),
  fc.tuple(key, key).map(([a, b]) => ['RENAME', a, b]),
  fc.tuple(key, key).map(([a, b]) => ['RENAMENX', a, b]),
  fc.tuple(key, key, fc.constantFrom<string[]>([], ['REPLACE'], ['DB', '1'], ['DB', '1', 'REPLACE'], ['DB', '0'], ['DB', 'x'], ['FOO'])).map(([a, b, o]) => ['COPY', a, b, ...o]),
  fc.tuple(key, db).map(([k, n]) => ['MOVE', k, n]),
  fc.tuple(key, fc.constantFrom(...FAR, '1', '-5'), condition).map(([k, t, c]) => ['PEXPIREAT', k, t, ...c]),
  fc.tuple(key, fc.constantFrom('4102444800', '4102444801', '0'), condition).map(([k, t, c]) => ['EXPIREAT', k, t, ...c]),
  fc.tuple(key, fc.constantFrom('0', '-1', 'x', '9223372036854775807'), condition).map(([k, t, c]) => ['EXPIRE', k, t, ...c]),
  fc.tuple(key, fc.constantFrom('0', '-100')).map(([k, t]) => ['PEXPIRE', k, t]),
  key.map((k) => ['PERSIST', k]),
  key.map((k) => ['EXPIRETIME', k]),
  key.map((k) => ['PEXPIRETIME', k]),
  key.map((k) => ['OBJECT', 'ENCODING', k]),
  fc.constantFrom<string[]>(['SELECT', '0'], ['SELECT', '1'], ['DBSIZE'], ['KEYS', '*'], ['KEYS', '?'], ['SCAN', '0', 'COUNT', '100'], ['SCAN', '0', 'MATCH', '[ab]', 'TYPE', 'string']),
);

const UNORDERED = new Set(['KEYS', 'SCAN']);

describe('keys family, generated sequences', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());

  it('answers every generated sequence as Redis does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 30 }), async (commands) => {
        await d.reset();
        for (const c of commands) await d.check([c], { sorted: UNORDERED.has(c[0]!) });
      }),
      { numRuns: 250 },
    );
  });
});
