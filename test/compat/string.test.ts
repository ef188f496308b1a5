// Differential tests of GET, SET (every option), SETNX, SETEX, PSETEX, GETEX, GETDEL, GETSET, MGET,
// MSET and MSETNX against a real redis-server. Each case uses its own key prefix, so no case
// depends on another or on FLUSHALL.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Differential } from '../support/differential.js';
import type { Arg } from '../support/raw-client.js';
import { stringEncoding, type CollectionValue } from '../../storage/value.js';

const BIN = 'a\0b\xff\x80\r\nc';
/** 2100-01-01, in seconds and ms: absolute expiry times that both servers store exactly. */
const EXAT = '4102444800';
const PXAT = '4102444800123';

let d: Differential;
let prefixCounter = 0;
/** A key prefix no other case uses. */
function fresh(): string {
  return `s${++prefixCounter}:`;
}

/** Makes `key` hold a list on both servers (for WRONGTYPE cases). */
async function holdList(key: string): Promise<void> {
  const list: CollectionValue = { type: 'list', length: 1, encoding: () => 'quicklist', clone: () => list };
  d.ourServer.keyspace.db(0).set(key, list);
  expect((await d.redis.call('RPUSH', key, 'x')).toString()).toBe(':1\r\n');
}

/** The absolute expiry in ms (PEXPIRETIME: -1 none, -2 no key) on each server. */
async function expireTimes(key: string): Promise<{ ours: number; redis: number }> {
  const db = d.ourServer.keyspace.db(0);
  const ours = !db.has(key, Date.now()) ? -2 : (db.getExpire(key) ?? -1);
  const redis = Number((await d.redis.call('PEXPIRETIME', key)).toString().slice(1, -2));
  return { ours, redis };
}

/** Both servers hold the same expiry for each key; relative ones may differ by the delay between them. */
async function expectSameExpiry(keys: string[], toleranceMs = 0): Promise<void> {
  for (const key of keys) {
    const { ours, redis } = await expireTimes(key);
    if (toleranceMs === 0 || ours < 0 || redis < 0) expect({ key, at: ours }).toEqual({ key, at: redis });
    else expect(Math.abs(ours - redis), `expiry of ${JSON.stringify(key)}: ours ${ours}, redis ${redis}`).toBeLessThanOrEqual(toleranceMs);
  }
}

/** OBJECT ENCODING on Redis against what ours would report for the value. */
async function expectSameEncoding(key: string): Promise<void> {
  const db = d.ourServer.keyspace.db(0);
  const v = db.get(key, Date.now());
  const ours = typeof v === 'string' ? stringEncoding(v, db.stringForms.get(key)) : null;
  const reply = (await d.redis.call('OBJECT', 'ENCODING', key)).toString('latin1');
  expect({ key, encoding: ours }).toEqual({ key, encoding: reply.startsWith('$') ? reply.split('\r\n')[1] : null });
}

beforeAll(async () => {
  d = await Differential.start();
});
afterAll(async () => d.stop());

describe('GET and SET', () => {
  it('store and return values, binary ones included, with Redis arity errors', async () => {
    const p = fresh();
    await d.check([
      ['SET', `${p}k`, 'v'],
      ['GET', `${p}k`],
      ['GET', `${p}missing`],
      ['SET', `${p}k`, ''],
      ['GET', `${p}k`],
      ['SET', `${p}${BIN}`, BIN],
      ['GET', `${p}${BIN}`],
      ['SET', `${p}k`, 'x'.repeat(70000)],
      ['GET', `${p}k`],
      ['set', `${p}k`, '123'],
      ['Get', `${p}k`],
      ['SET', `${p}k`],
      ['SET'],
      ['GET'],
      ['GET', `${p}k`, 'extra'],
    ]);
  });

  it('SET NX, XX and GET answer and store as Redis does on present and missing keys', async () => {
    const p = fresh();
    const cases: Arg[][] = [];
    const optionSets = [['NX'], ['XX'], ['GET'], ['NX', 'GET'], ['XX', 'GET'], ['GET', 'NX'], ['nx', 'get'], ['GET', 'GET'], ['NX', 'NX'], ['XX', 'XX']];
    optionSets.forEach((opts, i) => {
      const present = `${p}present${i}`;
      const missing = `${p}missing${i}`;
      cases.push(['SET', present, 'old'], ['SET', present, 'new', ...opts], ['GET', present]);
      cases.push(['SET', missing, 'new', ...opts], ['GET', missing]);
    });
    await d.check(cases);
  });

  it('SET refuses every conflicting or malformed option combination as Redis does', async () => {
    const p = fresh();
    const tokens = ['NX', 'XX', 'GET', 'KEEPTTL', 'PERSIST', 'EX', 'PX', 'EXAT', 'PXAT', '100', 'nx', 'kEePtTl', 'NX\0junk', 'EXX'];
    const cases: Arg[][] = [];
    let i = 0;
    const add = (opts: string[]) => {
      const key = `${p}${i++}`;
      if (i % 2 === 0) cases.push(['SET', key, 'old']);
      cases.push(['SET', key, 'v', ...opts], ['GET', key]);
    };
    for (const a of tokens) {
      add([a]);
      for (const b of tokens) {
        add([a, b]);
        for (const c of tokens) add([a, b, c]);
      }
    }
    await d.checkPipeline(cases);
  });

  it('SET expiry values: not integers, not positive, and past the 64-bit range', async () => {
    const p = fresh();
    const values = ['0', '-1', 'abc', '1.5', '', ' 1', '+1', '01', '9223372036854775807', '9223372036854775808', '-9223372036854775808', '9223372036854775', '9223372036854776', '9223372036854', '100000000000000000', '10\0'];
    const cases: Arg[][] = [];
    for (const opt of ['EX', 'PX', 'EXAT', 'PXAT']) {
      for (const v of values) cases.push(['SET', `${p}${opt}${v}`, 'v', opt, v], ['GET', `${p}${opt}${v}`]);
    }
    await d.check(cases);
  });

  it('SET EX/PX/EXAT/PXAT/KEEPTTL leave the expiry Redis leaves', async () => {
    const p = fresh();
    await d.check([
      ['SET', `${p}exat`, 'v', 'EXAT', EXAT],
      ['SET', `${p}pxat`, 'v', 'PXAT', PXAT],
      ['SET', `${p}keep`, 'v', 'PXAT', PXAT],
      ['SET', `${p}keep`, 'w', 'KEEPTTL'],
      ['SET', `${p}drop`, 'v', 'PXAT', PXAT],
      ['SET', `${p}drop`, 'w'],
      ['SET', `${p}getkeep`, 'v', 'EXAT', EXAT],
      ['SET', `${p}getkeep`, 'w', 'GET', 'KEEPTTL', 'XX'],
      ['SET', `${p}huge`, 'v', 'PXAT', '9007199254740991'],
      ['SET', `${p}last`, 'v', 'EXAT', '1', 'EXAT', EXAT],
      ['SET', `${p}nxkeep`, 'v', 'PXAT', PXAT],
      ['SET', `${p}nxkeep`, 'w', 'NX', 'EX', '5'],
      ['GET', `${p}keep`],
      ['GET', `${p}getkeep`],
    ]);
    await expectSameExpiry(['exat', 'pxat', 'keep', 'drop', 'getkeep', 'huge', 'last', 'nxkeep'].map((k) => p + k));
    await d.check([
      ['SET', `${p}ex`, 'v', 'EX', '1000'],
      ['SET', `${p}px`, 'v', 'PX', '100000'],
      ['SET', `${p}exex`, 'v', 'EX', '5', 'EX', '1000'],
      ['SET', `${p}bigex`, 'v', 'EX', '900000000000000'],
    ]);
    await expectSameExpiry(['ex', 'px', 'exex', 'bigex'].map((k) => p + k), 2000);
  });

  it('a time already past makes the key read as absent, and KEEPTTL does not revive it', async () => {
    const p = fresh();
    await d.check([
      ['SET', `${p}a`, 'v', 'EXAT', '1'],
      ['GET', `${p}a`],
      ['SET', `${p}a`, 'w', 'GET', 'KEEPTTL'],
      ['GET', `${p}a`],
      ['SET', `${p}b`, 'v', 'PXAT', '1'],
      ['SET', `${p}b`, 'w', 'XX'],
      ['GET', `${p}b`],
      ['SET', `${p}b`, 'w', 'NX'],
      ['GET', `${p}b`],
    ]);
    await expectSameExpiry([`${p}a`, `${p}b`]);
  });

  it('SET GET on a key of another type fails without changing it; plain SET replaces it', async () => {
    const p = fresh();
    await holdList(`${p}l`);
    await d.check([
      ['SET', `${p}l`, 'v', 'GET'],
      ['SET', `${p}l`, 'v', 'NX', 'GET'],
      ['SET', `${p}l`, 'v', 'EX', '0', 'GET'],
      ['SET', `${p}l`, 'v', 'NX'],
      ['GET', `${p}l`],
      ['SET', `${p}l`, 'v', 'XX'],
      ['GET', `${p}l`],
    ]);
  });
});

describe('SETNX, SETEX, PSETEX', () => {
  it('answer, store and refuse as Redis does', async () => {
    const p = fresh();
    await holdList(`${p}l`);
    await d.check([
      ['SETNX', `${p}a`, '1'],
      ['SETNX', `${p}a`, '2'],
      ['GET', `${p}a`],
      ['SETNX', `${p}l`, 'x'],
      ['SETNX', `${p}a`],
      ['SETEX', `${p}b`, '100', BIN],
      ['GET', `${p}b`],
      ['PSETEX', `${p}c`, '100000', 'v'],
      ['GET', `${p}c`],
      ['SETEX', `${p}d`, '0', 'v'],
      ['SETEX', `${p}d`, '-5', 'v'],
      ['SETEX', `${p}d`, 'x', 'v'],
      ['SETEX', `${p}d`, '9223372036854775', 'v'],
      ['SETEX', `${p}d`, '9223372036854776', 'v'],
      ['PSETEX', `${p}d`, '0', 'v'],
      ['PSETEX', `${p}d`, '9223372036854775807', 'v'],
      ['PSETEX', `${p}d`, '1.5', 'v'],
      ['GET', `${p}d`],
      ['SETEX', `${p}l`, '100', 'v'],
      ['GET', `${p}l`],
      ['SETEX', `${p}d`, '100'],
      ['PSETEX', `${p}d`, '100', 'v', 'x'],
    ]);
    await expectSameExpiry([`${p}a`, `${p}b`, `${p}c`, `${p}d`, `${p}l`], 2000);
  });
});

describe('GETEX', () => {
  it('returns the value and sets, keeps or removes the expiry as Redis does', async () => {
    const p = fresh();
    await d.check([
      ['SET', `${p}a`, BIN],
      ['GETEX', `${p}a`],
      ['GETEX', `${p}a`, 'PXAT', PXAT],
      ['GETEX', `${p}a`],
      ['SET', `${p}b`, 'v', 'PXAT', PXAT],
      ['GETEX', `${p}b`, 'PERSIST'],
      ['SET', `${p}c`, 'v'],
      ['GETEX', `${p}c`, 'exat', EXAT],
      ['SET', `${p}d`, 'v', 'EXAT', EXAT],
      ['GETEX', `${p}d`, 'PXAT', PXAT, 'PXAT', PXAT],
      ['GETEX', `${p}missing`, 'EX', '10'],
      ['GETEX', `${p}missing`, 'EX', 'abc'],
      ['GETEX', `${p}missing`, 'EX', '0'],
      ['GETEX', `${p}missing`, 'NX'],
    ]);
    await expectSameExpiry([`${p}a`, `${p}b`, `${p}c`, `${p}d`]);
    await d.check([
      ['SET', `${p}e`, 'v'],
      ['GETEX', `${p}e`, 'EX', '1000'],
      ['SET', `${p}f`, 'v'],
      ['GETEX', `${p}f`, 'PX', '900000'],
    ]);
    await expectSameExpiry([`${p}e`, `${p}f`], 2000);
  });

  it('deletes the key when given an absolute time already past', async () => {
    const p = fresh();
    await d.check([
      ['SET', `${p}a`, 'v'],
      ['GETEX', `${p}a`, 'EXAT', '1'],
      ['GET', `${p}a`],
      ['SET', `${p}b`, 'v'],
      ['GETEX', `${p}b`, 'PXAT', '1000'],
      ['GETEX', `${p}b`],
    ]);
    await expectSameExpiry([`${p}a`, `${p}b`]);
  });

  it('refuses bad options and values in Redis order', async () => {
    const p = fresh();
    await holdList(`${p}l`);
    const cases: Arg[][] = [['SET', `${p}a`, 'v']];
    const tokens = ['EX', 'PX', 'EXAT', 'PXAT', 'PERSIST', 'persist', 'KEEPTTL', 'NX', 'GET', '10', '0', '-1', 'x', '9223372036854775807'];
    for (const a of tokens) {
      cases.push(['GETEX', `${p}a`, a], ['GETEX', `${p}l`, a], ['GETEX', `${p}none`, a]);
      for (const b of tokens) cases.push(['GETEX', `${p}a`, a, b], ['GETEX', `${p}l`, a, b], ['GETEX', `${p}none`, a, b]);
    }
    cases.push(['GETEX'], ['GETEX', `${p}a`, 'PX', '100', 'PERSIST'], ['GETEX', `${p}a`, 'PERSIST', 'EX', '100']);
    await d.checkPipeline(cases);
  });
});

describe('GETDEL and GETSET', () => {
  it('return the old value and delete or replace it', async () => {
    const p = fresh();
    await holdList(`${p}l`);
    await d.check([
      ['SET', `${p}a`, BIN, 'PXAT', PXAT],
      ['GETDEL', `${p}a`],
      ['GETDEL', `${p}a`],
      ['GET', `${p}a`],
      ['GETDEL', `${p}l`],
      ['GETDEL'],
      ['GETDEL', `${p}a`, 'x'],
      ['SET', `${p}b`, 'old', 'PXAT', PXAT],
      ['GETSET', `${p}b`, 'new'],
      ['GET', `${p}b`],
      ['GETSET', `${p}c`, 'first'],
      ['GETSET', `${p}l`, 'x'],
      ['GETSET', `${p}c`],
    ]);
    await expectSameExpiry([`${p}a`, `${p}b`, `${p}c`, `${p}l`]);
  });
});

describe('MGET, MSET, MSETNX', () => {
  it('read and write several keys as Redis does', async () => {
    const p = fresh();
    await holdList(`${p}l`);
    await d.check([
      ['MSET', `${p}a`, '1', `${p}b`, BIN, `${p}${BIN}`, ''],
      ['MGET', `${p}a`, `${p}b`, `${p}${BIN}`, `${p}missing`, `${p}l`, `${p}a`],
      ['MGET', `${p}missing`],
      ['MSET', `${p}a`, '1', `${p}b`],
      ['MSET', `${p}a`],
      ['MSET', `${p}dup`, '1', `${p}dup`, '2'],
      ['GET', `${p}dup`],
      ['MSETNX', `${p}c`, '1', `${p}a`, '2'],
      ['GET', `${p}c`],
      ['MSETNX', `${p}c`, '1', `${p}d`],
      ['MSETNX', `${p}c`, '1', `${p}d`, '2'],
      ['MSETNX', `${p}e`, '1', `${p}e`, '2'],
      ['GET', `${p}e`],
      ['MSETNX', `${p}f`, '1', `${p}l`, '2'],
      ['GET', `${p}f`],
      ['MSET', `${p}l`, 'now a string'],
      ['GET', `${p}l`],
      ['MGET'],
    ]);
  });

  it('MSET clears expiries; MSETNX treats an expired key as absent', async () => {
    const p = fresh();
    await d.check([
      ['SET', `${p}a`, 'v', 'PXAT', PXAT],
      ['SET', `${p}gone`, 'v', 'PXAT', '1'],
      ['MSET', `${p}a`, 'w'],
      ['MSETNX', `${p}gone`, 'x', `${p}new`, 'y'],
      ['MGET', `${p}a`, `${p}gone`, `${p}new`],
    ]);
    await expectSameExpiry([`${p}a`, `${p}gone`, `${p}new`]);
  });
});

describe('encodings', () => {
  it('SET-family values report the encoding Redis reports', async () => {
    const p = fresh();
    const values = ['0', '-1', '123', '9223372036854775807', '9223372036854775808', '-0', '01', 'x'.repeat(44), 'x'.repeat(45), '', BIN];
    for (const [i, v] of values.entries()) {
      await d.check([['SET', `${p}${i}`, v]]);
      await expectSameEncoding(`${p}${i}`);
    }
  });
});

describe('declarations', () => {
  const names = ['get', 'set', 'getex', 'getdel', 'getset', 'mget', 'mset', 'msetnx', 'setnx', 'setex', 'psetex', 'append', 'strlen', 'getrange', 'substr', 'setrange', 'incr', 'decr', 'incrby', 'decrby', 'incrbyfloat', 'lcs'];

  it('COMMAND INFO and GETKEYS describe every string command as Redis does', async () => {
    await d.check(names.map((n) => ['COMMAND', 'INFO', n]));
    await d.check([
      ['COMMAND', 'GETKEYS', 'MSET', 'a', '1', 'b', '2'],
      ['COMMAND', 'GETKEYS', 'LCS', 'a', 'b', 'IDX'],
      ['COMMAND', 'GETKEYS', 'SET', 'a', 'b', 'EX', '10'],
      ['COMMAND', 'GETKEYS', 'MGET', 'a', 'b', 'c'],
    ]);
  });

  it('COMMAND DOCS documents them as Redis does', async () => {
    // SET is left out: its arguments carry the version that added each option ("since"), which
    // the declarations' syntax notation cannot say yet.
    await d.check(names.filter((n) => n !== 'set').map((n) => ['COMMAND', 'DOCS', n]));
  });
});
