// Differential tests of APPEND, STRLEN, GETRANGE, SUBSTR, SETRANGE and LCS against a real
// redis-server, including the encodings APPEND and SETRANGE leave behind.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Differential } from '../support/differential.js';
import type { Arg } from '../support/raw-client.js';
import type { CollectionValue } from '../../storage/value.js';

const BIN = 'a\0b\xff\x80\r\nc';

let d: Differential;
let prefixCounter = 0;
function fresh(): string {
  return `r${++prefixCounter}:`;
}

async function holdList(key: string): Promise<void> {
  const list: CollectionValue = { type: 'list', length: 1, encoding: () => 'quicklist', clone: () => list };
  d.ourServer.keyspace.db(0).set(key, list);
  expect((await d.redis.call('RPUSH', key, 'x')).toString()).toBe(':1\r\n');
}

beforeAll(async () => {
  d = await Differential.start();
});
afterAll(async () => d.stop());

describe('APPEND and STRLEN', () => {
  it('append to missing, string, integer and binary values, with lengths and encodings', async () => {
    const p = fresh();
    await holdList(`${p}l`);
    await d.check([
      ['APPEND', `${p}a`, 'hello'],
      ['OBJECT', 'ENCODING', `${p}a`],
      ['APPEND', `${p}a`, ' world'],
      ['OBJECT', 'ENCODING', `${p}a`],
      ['GET', `${p}a`],
      ['STRLEN', `${p}a`],
      ['APPEND', `${p}n`, '12'],
      ['OBJECT', 'ENCODING', `${p}n`],
      ['APPEND', `${p}n`, '34'],
      ['OBJECT', 'ENCODING', `${p}n`],
      ['INCR', `${p}n`],
      ['OBJECT', 'ENCODING', `${p}n`],
      ['SET', `${p}e`, '123'],
      ['APPEND', `${p}e`, ''],
      ['OBJECT', 'ENCODING', `${p}e`],
      ['SET', `${p}e`, '123'],
      ['OBJECT', 'ENCODING', `${p}e`],
      ['APPEND', `${p}b`, BIN],
      ['APPEND', `${p}b`, BIN],
      ['GET', `${p}b`],
      ['STRLEN', `${p}b`],
      ['APPEND', `${p}empty`, ''],
      ['GET', `${p}empty`],
      ['STRLEN', `${p}empty`],
      ['APPEND', `${p}big`, 'x'.repeat(50)],
      ['OBJECT', 'ENCODING', `${p}big`],
      ['APPEND', `${p}l`, 'x'],
      ['STRLEN', `${p}l`],
      ['STRLEN', `${p}missing`],
      ['STRLEN', `${p}a`, 'x'],
      ['APPEND', `${p}a`],
    ]);
  });

  it('APPEND keeps the expiry and treats an expired key as absent', async () => {
    const p = fresh();
    await d.check([
      ['SET', `${p}a`, 'v', 'PXAT', '4102444800123'],
      ['APPEND', `${p}a`, 'w'],
      ['PEXPIRETIME', `${p}a`],
      ['SET', `${p}b`, 'v', 'PXAT', '1'],
      ['APPEND', `${p}b`, 'w'],
      ['GET', `${p}b`],
      ['PEXPIRETIME', `${p}b`],
      ['OBJECT', 'ENCODING', `${p}b`],
    ]);
  });
});

describe('GETRANGE and SUBSTR', () => {
  it('cut every value at every interesting index pair as Redis does', async () => {
    const p = fresh();
    const values = ['Hello World', '', 'x', '-12345', BIN, '9223372036854775807'];
    const indexes = ['0', '1', '2', '5', '10', '11', '12', '100', '-1', '-2', '-5', '-11', '-12', '-100', '9223372036854775807', '-9223372036854775808', '-9223372036854775807', '9007199254740993', '-9007199254740993', '-9007199254740992'];
    const cases: Arg[][] = [];
    values.forEach((v, i) => cases.push(['SET', `${p}${i}`, v]));
    values.forEach((_, i) => {
      for (const s of indexes) for (const e of indexes) cases.push(['GETRANGE', `${p}${i}`, s, e]);
    });
    await d.checkPipeline(cases);
  });

  it('check indexes before the key, and answer empty for a missing key', async () => {
    const p = fresh();
    await holdList(`${p}l`);
    await d.check([
      ['GETRANGE', `${p}missing`, '0', '-1'],
      ['GETRANGE', `${p}missing`, 'x', '-1'],
      ['GETRANGE', `${p}l`, '0', '-1'],
      ['GETRANGE', `${p}l`, '0', 'x'],
      ['GETRANGE', `${p}l`, '9223372036854775808', '1'],
      ['GETRANGE', `${p}l`, '1.0', '1'],
      ['GETRANGE', `${p}l`, '0'],
      ['SET', `${p}s`, 'hello'],
      ['SUBSTR', `${p}s`, '1', '3'],
      ['SUBSTR', `${p}s`, '-3', '-1'],
      ['SUBSTR', `${p}s`, '3', '1'],
      ['SUBSTR', `${p}l`, '0', '1'],
      ['SUBSTR', `${p}s`, 'a', '1'],
      ['SUBSTR', `${p}s`, '1'],
    ]);
  });
});

describe('SETRANGE', () => {
  it('overwrites, pads with zero bytes and refuses bad offsets as Redis does', async () => {
    const p = fresh();
    await holdList(`${p}l`);
    const offsets = ['0', '1', '3', '5', '6', '10', '-1', 'x', '1.5', '536870912', '9223372036854775807', '9223372036854775808'];
    const values = ['', 'ab', BIN];
    const cases: Arg[][] = [];
    let i = 0;
    for (const o of offsets) {
      for (const v of values) {
        const key = `${p}${i++}`;
        cases.push(['SETRANGE', `${key}new`, o, v], ['GET', `${key}new`]);
        cases.push(['SET', key, 'hello'], ['SETRANGE', key, o, v], ['GET', key], ['OBJECT', 'ENCODING', key]);
        cases.push(['SET', `${key}int`, '42'], ['SETRANGE', `${key}int`, o, v], ['OBJECT', 'ENCODING', `${key}int`]);
        cases.push(['SETRANGE', `${p}l`, o, v]);
      }
    }
    cases.push(['SETRANGE', `${p}x`, '0'], ['SETRANGE', `${p}x`, '0', 'a', 'b']);
    await d.checkPipeline(cases);
  });

  it('keeps the expiry, and a new key made by SETRANGE has none', async () => {
    const p = fresh();
    await d.check([
      ['SET', `${p}a`, 'hello', 'PXAT', '4102444800123'],
      ['SETRANGE', `${p}a`, '1', 'EL'],
      ['PEXPIRETIME', `${p}a`],
      ['SET', `${p}b`, 'hello', 'PXAT', '1'],
      ['SETRANGE', `${p}b`, '2', 'x'],
      ['GET', `${p}b`],
      ['PEXPIRETIME', `${p}b`],
    ]);
  });
});

describe('LCS', () => {
  it('answers the string, LEN and IDX with every option as Redis does', async () => {
    const p = fresh();
    await holdList(`${p}l`);
    await d.check([['MSET', `${p}a`, 'ohmytext', `${p}b`, 'mynewtext', `${p}c`, BIN, `${p}d`, `x${BIN}y`, `${p}i`, '12345']]);
    const optionSets = [
      [],
      ['LEN'],
      ['IDX'],
      ['idx', 'WITHMATCHLEN'],
      ['IDX', 'MINMATCHLEN', '4'],
      ['IDX', 'MINMATCHLEN', '4', 'WITHMATCHLEN'],
      ['IDX', 'MINMATCHLEN', '-5', 'WITHMATCHLEN'],
      ['IDX', 'MINMATCHLEN', '0'],
      ['MINMATCHLEN', '2'],
      ['WITHMATCHLEN'],
      ['LEN', 'WITHMATCHLEN'],
      ['IDX', 'LEN'],
      ['LEN', 'IDX'],
      ['MINMATCHLEN'],
      ['MINMATCHLEN', 'x'],
      ['IDX', 'MINMATCHLEN', '9223372036854775808'],
      ['FOO'],
      ['IDX\0junk'],
      ['LEN', 'LEN'],
    ];
    const pairs = [['a', 'b'], ['b', 'a'], ['a', 'a'], ['c', 'd'], ['a', 'missing'], ['missing', 'missing2'], ['i', 'a'], ['a', 'l'], ['l', 'missing']];
    const cases: Arg[][] = [];
    for (const [x, y] of pairs) for (const opts of optionSets) cases.push(['LCS', `${p}${x}`, `${p}${y}`, ...opts]);
    cases.push(['LCS', `${p}a`]);
    await d.checkPipeline(cases);
  });

  it('refuses a table larger than proto-max-bulk-len', async () => {
    const p = fresh();
    const big = 'a'.repeat(12000);
    await d.check([
      ['SET', `${p}a`, big],
      ['LCS', `${p}a`, `${p}a`, 'LEN'],
      ['LCS', `${p}a`, `${p}missing`, 'LEN'],
    ]);
  });

  it('agrees with Redis on generated strings and options', async () => {
    const p = fresh();
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '\0', '\xff'), maxLength: 24 });
    const options = fc.subarray(['IDX', 'WITHMATCHLEN', 'MINMATCHLEN']).chain((opts) =>
      fc.integer({ min: -1, max: 4 }).map((n) => opts.flatMap((o) => (o === 'MINMATCHLEN' ? [o, String(n)] : [o]))),
    );
    await fc.assert(
      fc.asyncProperty(text, text, options, async (a, b, opts) => {
        await d.checkPipeline([['MSET', `${p}a`, a, `${p}b`, b], ['LCS', `${p}a`, `${p}b`, ...opts], ['LCS', `${p}b`, `${p}a`, ...opts]]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('proto-max-bulk-len', () => {
  it('limits SETRANGE, APPEND and the LCS table when set below its default', async () => {
    const p = fresh();
    try {
      await d.check([
        ['CONFIG', 'SET', 'proto-max-bulk-len', '1mb'],
        ['SETRANGE', `${p}a`, '1048575', 'x'],
        ['STRLEN', `${p}a`],
        ['SETRANGE', `${p}b`, '1048576', 'x'],
        ['SETRANGE', `${p}a`, '1048574', 'xy'],
        ['SETRANGE', `${p}a`, '1048575', ''],
        ['SET', `${p}c`, 'x'.repeat(1048000)],
        ['APPEND', `${p}c`, 'y'.repeat(576)],
        ['APPEND', `${p}c`, 'z'],
        ['STRLEN', `${p}c`],
        ['SET', `${p}d`, 'x'.repeat(600)],
        ['LCS', `${p}d`, `${p}d`, 'LEN'],
        ['SET', `${p}e`, 'x'.repeat(400)],
        ['LCS', `${p}e`, `${p}e`, 'LEN'],
      ]);
    } finally {
      await d.check([['CONFIG', 'SET', 'proto-max-bulk-len', '512mb']]);
    }
  });
});
