// PING, ECHO, QUIT, RESET, SELECT, HELLO and AUTH against a real redis-server, with and without
// requirepass, hand-picked and as generated sequences (fast-check). Client ids differ between the
// two servers and are masked before comparing.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Differential } from '../support/differential.js';
import { StreamSession } from '../support/stream-session.js';
import type { Arg } from '../support/raw-client.js';

const BIN = 'v\u0000\u00ff\r\n\u0080';

/** HELLO's map carries the connection id, which differs between the two servers. */
function maskIds(text: string): string {
  return text.replace(/\$2\r\nid\r\n:\d+\r\n/g, '$2\r\nid\r\n:ID\r\n');
}

async function sessions(d: Differential): Promise<[StreamSession, StreamSession]> {
  return Promise.all([StreamSession.connect(d.ourPort), StreamSession.connect(d.redisPort)]);
}

/** Sends the same commands to both on fresh connections and compares the whole reply streams. */
async function sameStream(d: Differential, commands: ReadonlyArray<readonly Arg[]>): Promise<void> {
  const [a, b] = await sessions(d);
  try {
    const [ra, rb] = await Promise.all([a.exchange(commands), b.exchange(commands)]);
    expect({ text: maskIds(ra.text), closed: ra.closed }).toEqual({ text: maskIds(rb.text), closed: rb.closed });
  } finally {
    a.close();
    b.close();
  }
}

describe('connection commands, differential', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());
  beforeEach(async () => d.reset());

  it('PING and ECHO', async () => {
    await d.check([
      ['PING'],
      ['ping', BIN],
      ['PING', ''],
      ['PING', 'a', 'b'],
      ['ECHO', BIN],
      ['ECHO', ''],
      ['ECHO'],
      ['ECHO', 'a', 'b'],
      ['echo', 'x'.repeat(100_000)],
    ]);
  });

  it('SELECT picks one of 16 databases and refuses the rest as Redis does', async () => {
    await d.check([
      ['SET', 'k', 'zero'],
      ['SELECT', '15'],
      ['GET', 'k'],
      ['SET', 'k', 'fifteen'],
      ['SELECT', '16'],
      ['GET', 'k'],
      ['SELECT', '-1'],
      ['SELECT', 'abc'],
      ['SELECT', '1.5'],
      ['SELECT', '0x1'],
      ['SELECT', '01'],
      ['SELECT', '+1'],
      ['SELECT', ' 1'],
      ['SELECT', ''],
      ['SELECT', '2147483647'],
      ['SELECT', '2147483648'],
      ['SELECT', '-2147483649'],
      ['SELECT', '4294967296'],
      ['SELECT', '9223372036854775807'],
      ['SELECT', '9999999999999999999'],
      ['SELECT'],
      ['SELECT', '1', '2'],
      ['SELECT', '0'],
      ['GET', 'k'],
    ]);
  });

  it('QUIT answers OK and closes, without running what was pipelined after it', async () => {
    await sameStream(d, [['SET', 'q', '1'], ['QUIT'], ['SET', 'q', '2']]);
    await sameStream(d, [['QUIT', 'extra', 'args']]);
    await d.check([['GET', 'q']]);
    const raw = await d.rawExchange('PING\r\nQUIT\r\nPING\r\n');
    expect(raw.oursClosed).toBe(raw.redisClosed);
    expect(raw.ours).toBe(raw.redis);
    await d.reconnect();
  });

  it('RESET returns a connection to its first state', async () => {
    await sameStream(d, [
      ['SELECT', '3'],
      ['SET', 'r', 'three'],
      ['CLIENT', 'SETNAME', 'someone'],
      ['CLIENT', 'NO-EVICT', 'on'],
      ['RESET'],
      ['GET', 'r'],
      ['CLIENT', 'GETNAME'],
      ['SELECT', '3'],
      ['GET', 'r'],
      ['CLIENT', 'REPLY', 'OFF'],
      ['PING'],
      ['RESET'],
      ['PING'],
      ['CLIENT', 'REPLY', 'SKIP'],
      ['RESET'],
      ['PING'],
      ['RESET', 'extra'],
    ]);
  });

  it('HELLO answers protocol 2 as Redis does, and refuses protocol 3 as an unsupported version', async () => {
    await sameStream(d, [
      ['HELLO'],
      ['HELLO', '2'],
      ['hello', '2', 'setname', 'conn-1'],
      ['CLIENT', 'GETNAME'],
      ['HELLO', '2', 'AUTH', 'default', 'anything', 'SETNAME', 'conn-2'],
      ['CLIENT', 'GETNAME'],
      ['HELLO', '2', 'AUTH', 'nobody', 'x'],
      ['HELLO', 'abc'],
      ['HELLO', '2.0'],
      ['HELLO', '02'],
      ['HELLO', '1'],
      ['HELLO', '4'],
      ['HELLO', '-1'],
      ['HELLO', '9223372036854775808'],
      ['HELLO', '2', 'SETNAME'],
      ['HELLO', '2', 'AUTH', 'a'],
      ['HELLO', '2', 'SETNAME', 'a b'],
      ['HELLO', '2', 'SETNAME', 'a\u0000b'],
      ['HELLO', '2', 'FOO'],
      ['HELLO', '2', 'SETNAME', 'x', 'BAR\u0000baz'],
      ['CLIENT', 'GETNAME'],
    ]);
    // RESP3 is not offered: HELLO 3 gets the reply Redis 7.0 gives to a protocol it does not know.
    const [ours, redis] = await Promise.all([d.ours.call('HELLO', '3'), d.redis.call('HELLO', '4')]);
    expect(ours.toString('latin1')).toBe(redis.toString('latin1'));
    expect(ours.toString('latin1')).toBe('-NOPROTO unsupported protocol version\r\n');
  });

  it('AUTH without a password configured', async () => {
    await d.check([['AUTH', 'x'], ['AUTH', 'a', 'b'], ['AUTH', 'default', 'x'], ['AUTH', 'default', ''], ['AUTH', 'a', 'b', 'c'], ['AUTH'], ['PING']]);
  });

  const connectionCommand = fc.oneof(
    fc.constantFrom<Arg[]>(['PING'], ['RESET'], ['HELLO'], ['HELLO', '2'], ['HELLO', '3'], ['CLIENT', 'GETNAME'], ['GET', 'k'], ['AUTH', 'x']),
    fc.constantFrom('0', '1', '15', '16', '-1', 'x').map((n): Arg[] => ['SELECT', n]),
    fc.constantFrom('a', BIN, '').map((v): Arg[] => ['SET', 'k', v]),
    fc.constantFrom('a', 'b c', '').map((m): Arg[] => ['ECHO', m]),
    fc.constantFrom('n1', 'n 2', '').map((n): Arg[] => ['CLIENT', 'SETNAME', n]),
    fc.constantFrom('n1', 'bad name').map((n): Arg[] => ['HELLO', '2', 'SETNAME', n]),
    fc.constantFrom('ON', 'OFF', 'SKIP', 'bad').map((m): Arg[] => ['CLIENT', 'REPLY', m]),
  );

  it('generated sequences of connection commands answer as Redis does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(connectionCommand, { minLength: 1, maxLength: 15 }), async (commands) => {
        // HELLO 3 is answered as an unsupported version: compare it with Redis's answer to HELLO 4.
        const forRedis = commands.map((c) => (c[0] === 'HELLO' && c[1] === '3' ? ['HELLO', '4'] : c));
        const [a, b] = await sessions(d);
        try {
          const [ra, rb] = await Promise.all([a.exchange(commands), b.exchange(forRedis)]);
          expect(maskIds(ra.text)).toBe(maskIds(rb.text));
        } finally {
          a.close();
          b.close();
        }
        await d.reset();
      }),
      { numRuns: 150 },
    );
  });
});

describe('AUTH and requirepass, differential', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start(['--requirepass', 'secret']);
  });
  afterAll(async () => d.stop());

  it('refuses commands until AUTH, and RESET forgets the authentication', async () => {
    await sameStream(d, [
      ['GET', 'k'],
      ['PING'],
      ['nosuchcommand', 'x'],
      ['GET'],
      ['CLIENT', 'ID'],
      ['HELLO'],
      ['HELLO', '2'],
      ['HELLO', '2', 'SETNAME', 'early'],
      ['HELLO', '2', 'AUTH', 'default', 'wrong'],
      ['AUTH', 'wrong'],
      ['AUTH', 'nobody', 'secret'],
      ['AUTH', 'a', 'b', 'c'],
      ['QUIT', 'x', 'y'],
    ]);
    await sameStream(d, [
      ['AUTH', 'secret'],
      ['SET', 'k', 'v'],
      ['GET', 'k'],
      ['AUTH', 'wrong'],
      ['GET', 'k'],
      ['RESET'],
      ['GET', 'k'],
      ['AUTH', 'default', 'secret'],
      ['GET', 'k'],
      ['RESET'],
      ['HELLO', '2', 'AUTH', 'default', 'secret', 'SETNAME', 'named'],
      ['CLIENT', 'GETNAME'],
      ['GET', 'k'],
      ['HELLO', '2', 'AUTH', 'default', 'wrong'],
      ['GET', 'k'],
    ]);
  });
});
