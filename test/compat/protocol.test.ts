// Malformed and unusual requests sent as raw bytes to our server and to a real redis-server: the
// replies and whether the connection is closed must be the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Differential } from '../support/differential.js';

describe('protocol edge cases against redis-server', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());

  const inputs = [
    'PING\r\n',
    'PING\n',
    'PING\r\r\n',
    '\r\n\r\n  \t \r\nPING\r\n',
    '*0\r\n*-1\r\nPING\r\n',
    '*-5\r\nPING\r\n',
    '*01\r\n',
    '*+1\r\n',
    '*1 \r\n',
    '* 1\r\n',
    '*2147483648\r\n',
    '*99999999999999999999\r\n',
    '*x\r\n',
    '*1\r\n$-1\r\n',
    '*1\r\n$01\r\n',
    '*1\r\n$+4\r\nPING\r\n',
    '*1\r\n$536870913\r\n',
    '*1\r\nx\r\n',
    '*1\r\n\r\n',
    '*1\r\n:4\r\nPING\r\n',
    '*1\r\n$4\r\nPINGxx*1\r\n$4\r\nPING\r\n',
    '*2\r\n$4\r\nECHO\r\n$0\r\n\r\n',
    'ECHO "a b"\r\n',
    "ECHO 'a b'\r\n",
    'ECHO "\\x41\\x4a\\n\\r\\t\\b\\a\\z\\\\"\r\n',
    "ECHO 'it\\'s'\r\n",
    'ECHO a"b c"\r\n',
    'ECHO a"b c"d\r\n',
    'ECHO "a b\r\n',
    "ECHO 'a b\r\n",
    'ECHO "\\x4"\r\n',
    'PING\r\nPING\r\n*1\r\n$4\r\nPING\r\nPING\r\n',
    'nosuch\r\n',
    'nosuch a b "c d"\r\n',
    '*3\r\n$6\r\nnosuch\r\n$3\r\na\r\nb\r\n$0\r\n\r\n',
    'PING a b\r\n',
    'GET\r\n',
    'ECHO\r\n',
  ];

  for (const input of inputs) {
    it(`answers ${JSON.stringify(input)} as Redis does`, async () => {
      await d.reconnect();
      const r = await d.rawExchange(input);
      expect(r.ours).toBe(r.redis);
      expect(r.oursClosed).toBe(r.redisClosed);
    });
  }

  it('answers a too big inline request as Redis does', async () => {
    await d.reconnect();
    const r = await d.rawExchange('A'.repeat(70 * 1024), 300);
    expect(r.ours).toBe(r.redis);
    expect(r.oursClosed).toBe(r.redisClosed);
  });

  it('answers a too big count line as Redis does', async () => {
    await d.reconnect();
    const r = await d.rawExchange('*' + '1'.repeat(70 * 1024), 300);
    expect(r.ours).toBe(r.redis);
    expect(r.oursClosed).toBe(r.redisClosed);
  });

  it('answers generated mixes of valid and broken requests as Redis does', async () => {
    const piece = fc.constantFrom(
      '*1\r\n$4\r\nPING\r\n',
      '*2\r\n$4\r\nECHO\r\n$3\r\nabc\r\n',
      'PING\r\n',
      'ECHO "x y"\r\n',
      '\r\n',
      '*0\r\n',
      '*-1\r\n',
      '*1\r\n$3\r\n',
      '$3\r\n',
      '*x\r\n',
      '"unbalanced\r\n',
      'abc',
      '\n',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 6 }), async (pieces) => {
        await d.reconnect();
        const r = await d.rawExchange(pieces.join(''), 60);
        expect(r.ours).toBe(r.redis);
        expect(r.oursClosed).toBe(r.redisClosed);
      }),
      { numRuns: 60 },
    );
  });
});
