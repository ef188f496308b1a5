// EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT (NX/XX/GT/LT, errors, overflow), TTL, PTTL, EXPIRETIME,
// PEXPIRETIME and PERSIST against a real redis-server. Relative times are only compared where the
// answer does not depend on the clock: -1/-2, deletions by a time in the past, and the absolute
// time set by EXPIREAT/PEXPIREAT.

import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { Differential } from '../support/differential.js';

const AT_S = '4102444800';
const AT_MS = '4102444800123';
const BIN = 'k\u0000\u00ff';

describe('expire family, differential', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());
  beforeEach(async () => d.reset());

  it('set absolute times exactly and read them back', async () => {
    await d.check([
      ['SET', 'a', '1'],
      ['SET', BIN, '1'],
      ['EXPIREAT', 'a', AT_S],
      ['EXPIRETIME', 'a'],
      ['PEXPIRETIME', 'a'],
      ['PEXPIREAT', BIN, AT_MS],
      ['EXPIRETIME', BIN],
      ['PEXPIRETIME', BIN],
      // EXPIRETIME rounds to the nearest second.
      ['PEXPIREAT', 'a', '4102444800499'],
      ['EXPIRETIME', 'a'],
      ['PEXPIREAT', 'a', '4102444800500'],
      ['EXPIRETIME', 'a'],
      ['PEXPIREAT', 'a', '4102444800999'],
      ['EXPIRETIME', 'a'],
      ['EXPIREAT', 'nope', AT_S],
      ['PEXPIREAT', 'nope', AT_MS],
      ['EXISTS', 'nope'],
    ]);
  });

  it('TTL family answers -2 for a missing key and -1 without expiry', async () => {
    await d.check([
      ['TTL', 'nope'],
      ['PTTL', 'nope'],
      ['EXPIRETIME', 'nope'],
      ['PEXPIRETIME', 'nope'],
      ['SET', 'a', '1'],
      ['TTL', 'a'],
      ['PTTL', 'a'],
      ['EXPIRETIME', 'a'],
      ['PEXPIRETIME', 'a'],
      ['TTL'],
      ['PTTL', 'a', 'b'],
      ['EXPIRETIME'],
      ['PEXPIRETIME', 'a', 'b'],
    ]);
  });

  it('a time in the past deletes the key and answers 1', async () => {
    await d.check([
      ['SET', 'a', '1'],
      ['EXPIRE', 'a', '0'],
      ['EXISTS', 'a'],
      ['SET', 'a', '1'],
      ['PEXPIRE', 'a', '-5'],
      ['EXISTS', 'a'],
      ['SET', 'a', '1'],
      ['EXPIREAT', 'a', '1'],
      ['EXISTS', 'a'],
      ['SET', 'a', '1'],
      ['PEXPIREAT', 'a', '-9223372036854775808'],
      ['EXISTS', 'a'],
      ['SET', 'a', '1'],
      ['EXPIRE', 'a', '-9223372036854775'],
      ['EXISTS', 'a'],
      ['EXPIRE', 'a', '-1'],
      ['PEXPIRE', 'nope', '0'],
    ]);
  });

  it('NX, XX, GT and LT decide as Redis does, with no expiry as infinite', async () => {
    await d.check([
      ['SET', 'a', '1'],
      ['PEXPIREAT', 'a', '4102444800000', 'XX'],
      ['PEXPIREAT', 'a', '4102444800000', 'GT'],
      ['PEXPIREAT', 'a', '4102444800000', 'LT'],
      ['PEXPIRETIME', 'a'],
      ['SET', 'a', '1'],
      ['PEXPIREAT', 'a', '4102444800000', 'NX'],
      ['PEXPIREAT', 'a', '4102444900000', 'NX'],
      ['PEXPIRETIME', 'a'],
      ['PEXPIREAT', 'a', '4102444900000', 'xx'],
      ['PEXPIRETIME', 'a'],
      ['PEXPIREAT', 'a', '4102444900000', 'gt'],
      ['PEXPIREAT', 'a', '4102444900001', 'gt'],
      ['PEXPIRETIME', 'a'],
      ['PEXPIREAT', 'a', '4102444900001', 'lt'],
      ['PEXPIREAT', 'a', '4102444800000', 'Lt'],
      ['PEXPIRETIME', 'a'],
      ['EXPIREAT', 'a', '4102444900', 'XX', 'GT'],
      ['PEXPIRETIME', 'a'],
      ['EXPIREAT', 'a', '4102444700', 'XX', 'LT'],
      ['PEXPIRETIME', 'a'],
      ['EXPIREAT', 'a', '4102444600', 'LT', 'LT', 'XX'],
      ['PEXPIRETIME', 'a'],
      // LT with a past time deletes; GT without expiry never does.
      ['EXPIRE', 'a', '-1', 'LT'],
      ['EXISTS', 'a'],
      ['SET', 'b', '1'],
      ['EXPIRE', 'b', '-1', 'GT'],
      ['EXISTS', 'b'],
      ['EXPIRE', 'b', '-1', 'LT'],
      ['EXISTS', 'b'],
      ['EXPIRE', 'nope', '10', 'NX'],
    ]);
  });

  it('option errors come before the time is parsed', async () => {
    await d.check([
      ['SET', 'a', '1'],
      ['EXPIRE', 'a', '10', 'NX', 'XX'],
      ['EXPIRE', 'a', '10', 'NX', 'GT'],
      ['EXPIRE', 'a', '10', 'LT', 'NX'],
      ['EXPIRE', 'a', '10', 'GT', 'LT'],
      ['EXPIRE', 'a', '10', 'XX', 'GT', 'LT'],
      ['EXPIRE', 'a', '10', 'foo'],
      ['EXPIRE', 'a', 'abc', 'foo', 'nx', 'xx'],
      ['EXPIRE', 'a', 'abc', 'nx', 'xx'],
      ['PEXPIRE', 'a', '10', 'fo\u0000o'],
      ['PEXPIRE', 'a', '10', 'a\r\nb'],
      ['EXPIRE', 'a', 'abc'],
      ['EXPIRE', 'a', '1.5'],
      ['EXPIRE', 'a', ''],
      ['EXPIRE', 'a', ' 1'],
      ['EXPIRE', 'a', '+1'],
      ['EXPIRE', 'a', '01'],
      ['EXPIRE', 'a'],
      ['PEXPIREAT'],
      ['PERSIST'],
      ['PERSIST', 'a', 'b'],
      ['PEXPIRETIME', 'a'],
    ]);
  });

  it('overflow of the unit conversion or of the addition is an invalid expire time', async () => {
    await d.check([
      ['SET', 'a', '1'],
      ['EXPIRE', 'a', '9223372036854775'],
      ['EXPIRE', 'a', '9223372036854776'],
      ['EXPIRE', 'a', '-9223372036854776'],
      ['EXPIRE', 'a', '9223372036854775807'],
      ['EXPIRE', 'a', '9223372036854775808'],
      ['PEXPIRE', 'a', '9223372036854775807'],
      ['PEXPIRE', 'a', '9223372036854775806'],
      ['PEXPIRE', 'a', '9223372036854775808'],
      ['EXPIREAT', 'a', '9223372036854775807'],
      ['EXPIREAT', 'a', '9223372036854776'],
      ['EXPIREAT', 'a', '-9223372036854776'],
      ['EXPIREAT', 'nope', '9223372036854776'],
      ['PEXPIREAT', 'a', '99999999999999999999'],
      ['EXISTS', 'a'],
      ['TTL', 'a'],
      // The largest times are accepted; the maximum reads back exactly.
      ['PEXPIREAT', 'a', '9223372036854775807'],
      ['PEXPIRETIME', 'a'],
      ['EXPIREAT', 'a', '9007199254740'],
      ['PEXPIRETIME', 'a'],
      ['EXPIRETIME', 'a'],
    ]);
  });

  it('PERSIST removes an expiry once', async () => {
    await d.check([
      ['PERSIST', 'nope'],
      ['SET', 'a', '1'],
      ['PERSIST', 'a'],
      ['PEXPIREAT', 'a', AT_MS],
      ['PERSIST', 'a'],
      ['PERSIST', 'a'],
      ['TTL', 'a'],
      ['PEXPIRETIME', 'a'],
    ]);
  });

  it('SET without KEEPTTL clears the expiry; an expired key reads as absent', async () => {
    await d.check([
      ['SET', 'a', '1'],
      ['PEXPIREAT', 'a', AT_MS],
      ['SET', 'a', '2'],
      ['PEXPIRETIME', 'a'],
      ['SET', 'b', '1'],
      ['PEXPIRE', 'b', '5'],
    ]);
    await new Promise((r) => setTimeout(r, 30));
    await d.check([
      ['TTL', 'b'],
      ['PTTL', 'b'],
      ['EXPIRETIME', 'b'],
      ['PEXPIRETIME', 'b'],
      ['PERSIST', 'b'],
      ['EXPIRE', 'b', '100'],
      ['EXISTS', 'b'],
    ]);
  });

  it('TTL and PTTL of a relative expiry are within the set time', async () => {
    // The clock-dependent answers are checked for range on both servers rather than compared.
    for (const client of [d.ours, d.redis]) {
      await client.call('SET', 'r', '1');
      await client.call('EXPIRE', 'r', '100');
      const ttl = Number((await client.call('TTL', 'r')).toString('latin1').slice(1));
      const pttl = Number((await client.call('PTTL', 'r')).toString('latin1').slice(1));
      if (ttl !== 100 || pttl < 99_000 || pttl > 100_000) throw new Error(`ttl ${ttl} pttl ${pttl} on port ${client.socket.remotePort}`);
      await client.call('PEXPIRE', 'r', '2500');
      const rounded = Number((await client.call('TTL', 'r')).toString('latin1').slice(1));
      if (rounded !== 2 && rounded !== 3) throw new Error(`TTL of 2500 ms is ${rounded}`);
    }
  });
});
