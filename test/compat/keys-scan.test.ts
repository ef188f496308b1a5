// KEYS, SCAN and RANDOMKEY against a real redis-server: glob patterns (hand-picked and generated),
// SCAN's options and errors, full iterations compared as sets, the SCAN guarantee under
// concurrent inserts and deletes, and RANDOMKEY with expired keys.

import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Differential } from '../support/differential.js';
import { RawClient } from '../support/raw-client.js';
import { decodeReply, type Reply } from '../support/resp-reader.js';

function decode(buf: Buffer): Reply {
  return decodeReply(buf)[0];
}

/** Every key a complete SCAN iteration returns, sorted, without duplicates. */
async function scanAll(client: RawClient, options: string[] = []): Promise<string[]> {
  const seen = new Set<string>();
  let cursor = '0';
  for (let calls = 0; ; calls++) {
    if (calls > 100_000) throw new Error('SCAN did not finish');
    const reply = decode(await client.call('SCAN', cursor, ...options)) as [string, string[]];
    for (const k of reply[1]) seen.add(k);
    cursor = reply[0];
    if (cursor === '0') return [...seen].sort();
  }
}

const KEYSET = ['a', 'b', 'ab', 'abc', 'hello', 'hallo', 'hxllo', 'h\u0000llo', '*', '?', '[', ']', '\\', 'x\u00ff', '\u0080', '', 'A', 'user:1', 'user:22', 'user:333'];

describe('KEYS, SCAN, RANDOMKEY, differential', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());
  beforeEach(async () => d.reset());

  async function setAll(keys: readonly string[]): Promise<void> {
    if (keys.length > 0) await d.checkPipeline(keys.map((k) => ['SET', k, 'v']));
  }

  it('KEYS with hand-picked patterns', async () => {
    await setAll(KEYSET);
    const patterns = ['*', '**', '?', '??', 'h?llo', 'h[ae]llo', 'h[^e]llo', 'h[a-z]llo', 'h[z-a]llo', 'user:*', 'user:??', '\\*', '\\?', '[', '[[]', '\\[', '[\\]]', '\\\\', '*\u00ff', '[\u0080-\u00ff]*', 'a*', '*b*', '', 'nomatch*', '*'.repeat(20) + 'c', 'a*'.repeat(1002)];
    await d.check(
      patterns.map((p) => ['KEYS', p]),
      { sorted: true },
    );
    await d.check([['KEYS'], ['KEYS', 'a', 'b']]);
  });

  it('KEYS agrees with Redis on generated keys and patterns', async () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', '*', '?', '[', ']', '^', '-', '\\', '\u0000', '\u00ff', '\u0080', 'A');
    const word = (max: number) => fc.array(alphabet, { maxLength: max }).map((cs) => cs.join(''));
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(word(5), { minLength: 1, maxLength: 12 }), fc.array(word(7), { minLength: 1, maxLength: 4 }), async (keys, patterns) => {
        await d.reset();
        await setAll(keys);
        await d.check(
          patterns.map((p) => ['KEYS', p]),
          { sorted: true },
        );
      }),
      { numRuns: 150 },
    );
  });

  it('SCAN rejects bad cursors and options as Redis does', async () => {
    await setAll(['a']);
    await d.check([
      ['SCAN', ' 0'],
      ['SCAN', '0 '],
      ['SCAN', 'x'],
      ['SCAN', '0x10'],
      ['SCAN', '+'],
      ['SCAN', '-'],
      ['SCAN', '1.5'],
      ['SCAN', '18446744073709551616'],
      ['SCAN', '-18446744073709551616'],
      ['SCAN', '99999999999999999999999'],
      ['SCAN', '0', 'COUNT', '0'],
      ['SCAN', '0', 'COUNT', '-1'],
      ['SCAN', '0', 'COUNT', 'x'],
      ['SCAN', '0', 'COUNT', '9223372036854775808'],
      ['SCAN', '0', 'COUNT'],
      ['SCAN', '0', 'MATCH'],
      ['SCAN', '0', 'TYPE'],
      ['SCAN', '0', 'foo', 'bar'],
      ['SCAN', '0', 'MATCH', '*', 'COUNT'],
      ['SCAN', '0', 'COUNT', 'x', 'foo'],
      ['SCAN'],
    ]);
  });

  it('SCAN from 0 on a small key space returns everything with cursor 0', async () => {
    await setAll(['a', 'b', 'c', '']);
    await d.check(
      [
        ['SCAN', '0'],
        ['SCAN', ''],
        ['SCAN', '-0'],
        ['SCAN', '+0'],
        ['SCAN', '000'],
        ['scan', '0', 'count', '100'],
        ['SCAN', '0', 'MATCH', '*'],
        ['SCAN', '0', 'MATCH', '**'],
        ['SCAN', '0', 'MATCH', '[ab]'],
        ['SCAN', '0', 'MATCH', 'z*'],
        ['SCAN', '0', 'TYPE', 'string'],
        ['SCAN', '0', 'TYPE', 'STRING'],
        ['SCAN', '0', 'TYPE', 'list'],
        ['SCAN', '0', 'TYPE', 'none'],
        ['SCAN', '0', 'TYPE', 'foo'],
        ['SCAN', '0', 'MATCH', 'a', 'MATCH', 'b'],
        ['SCAN', '0', 'COUNT', '1', 'COUNT', '1000', 'TYPE', 'string', 'MATCH', '?'],
      ],
      { sorted: true },
    );
  });

  it('full SCAN iterations return the same keys as Redis, with MATCH, COUNT and TYPE', async () => {
    const keys: string[] = [];
    for (let i = 0; i < 1500; i++) keys.push(i % 3 === 0 ? `user:${i}` : i % 3 === 1 ? `item:${i}\u00ff` : `k\u0000${i}`);
    await setAll(keys);
    const variants: string[][] = [[], ['COUNT', '1'], ['COUNT', '7'], ['COUNT', '1000'], ['MATCH', 'user:*'], ['MATCH', '*1?'], ['MATCH', 'item:*', 'COUNT', '50'], ['TYPE', 'string', 'COUNT', '20'], ['TYPE', 'hash']];
    for (const v of variants) {
      const [ours, redis] = await Promise.all([scanAll(d.ours, v), scanAll(d.redis, v)]);
      expect(ours.length, `SCAN ${v.join(' ')}`).toBe(redis.length);
      expect(ours).toEqual(redis);
    }
  });

  it('SCAN and KEYS skip logically expired keys', async () => {
    await setAll(['live1', 'live2', 'gone1', 'gone2', 'gone3']);
    await d.checkPipeline([
      ['PEXPIRE', 'gone1', '5'],
      ['PEXPIRE', 'gone2', '5'],
      ['PEXPIRE', 'gone3', '5'],
      ['PEXPIREAT', 'live2', '4102444800000'],
    ]);
    await new Promise((r) => setTimeout(r, 30));
    await d.check([['KEYS', '*'], ['KEYS', '*e*'], ['SCAN', '0', 'COUNT', '100'], ['SCAN', '0', 'TYPE', 'string']], { sorted: true });
  });

  it('SCAN keeps its cursors per database and restarts after FLUSHALL', async () => {
    const keys = Array.from({ length: 200 }, (_, i) => `k${i}`);
    await setAll(keys);
    const first = decode(await d.ours.call('SCAN', '0', 'COUNT', '10')) as [string, string[]];
    expect(first[0]).not.toBe('0');
    // The same cursor in an empty database finds nothing; back in db 0 it goes on.
    await d.ours.call('SELECT', '5');
    const elsewhere = decode(await d.ours.call('SCAN', first[0])) as [string, string[]];
    expect(elsewhere).toEqual(['0', []]);
    await d.ours.call('SELECT', '0');
    const seen = new Set(first[1]);
    let cursor = first[0];
    const stale = cursor;
    while (cursor !== '0') {
      const r = decode(await d.ours.call('SCAN', cursor, 'COUNT', '10')) as [string, string[]];
      for (const k of r[1]) seen.add(k);
      cursor = r[0];
    }
    expect([...seen].sort()).toEqual([...keys].sort());
    // After a flush, an old cursor names nothing: the new keys come from the start.
    await d.ours.call('FLUSHALL');
    await d.ours.call('SET', 'fresh', '1');
    expect(decode(await d.ours.call('SCAN', stale, 'COUNT', '100'))).toEqual(['0', ['fresh']]);
  });

  it('a key present for the whole iteration is returned, under concurrent inserts and deletes', async () => {
    const stable = Array.from({ length: 3000 }, (_, i) => `stable:${i}`);
    const churn = Array.from({ length: 3000 }, (_, i) => `churn:${i}`);
    await setAll([...stable, ...churn]);
    for (const [name, scanner, writer] of [
      ['ours', d.ours, await RawClient.connect(d.ourPort)],
      ['redis', d.redis, await RawClient.connect(d.redisPort)],
    ] as const) {
      const seen = new Set<string>();
      let cursor = '0';
      let round = 0;
      do {
        const r = decode(await scanner.call('SCAN', cursor, 'COUNT', '25')) as [string, string[]];
        for (const k of r[1]) seen.add(k);
        cursor = r[0];
        // Between calls: delete some churn keys, add new ones, re-add deleted ones.
        const batch: string[][] = [];
        for (let j = 0; j < 20; j++) {
          batch.push(['DEL', `churn:${(round * 37 + j * 101) % 3000}`]);
          batch.push(['SET', `new:${round}:${j}`, 'v']);
          batch.push(['SET', `churn:${(round * 53 + j * 7) % 3000}`, 'again']);
        }
        await writer.pipeline(batch);
        round++;
      } while (cursor !== '0');
      const missing = stable.filter((k) => !seen.has(k));
      expect(missing, `${name}: stable keys never returned`).toEqual([]);
      expect(round, name).toBeGreaterThan(100);
      writer.close();
    }
  });

  it('RANDOMKEY: none in an empty database, the only key, never an expired one', async () => {
    await d.check([['RANDOMKEY'], ['RANDOMKEY', 'x']]);
    await setAll(['only\u0000']);
    await d.check([['RANDOMKEY'], ['RANDOMKEY']]);
    await d.reset();
    const doomed = Array.from({ length: 500 }, (_, i) => `doomed:${i}`);
    await setAll(doomed);
    await d.checkPipeline(doomed.map((k) => ['PEXPIRE', k, '5']));
    await new Promise((r) => setTimeout(r, 30));
    await d.check([['RANDOMKEY'], ['RANDOMKEY']]);
    await setAll([...doomed.slice(0, 300), 'survivor']);
    await d.checkPipeline(doomed.slice(0, 300).map((k) => ['PEXPIRE', k, '5']));
    await new Promise((r) => setTimeout(r, 30));
    await d.check([['RANDOMKEY'], ['RANDOMKEY'], ['RANDOMKEY']]);
  });

  it('RANDOMKEY reaches every key of the database over many calls', async () => {
    const keys = Array.from({ length: 100 }, (_, i) => `r${i}`);
    await setAll(keys);
    for (const client of [d.ours, d.redis]) {
      const seen = new Set<string>();
      const replies = await client.pipeline(Array.from({ length: 3000 }, () => ['RANDOMKEY']));
      for (const r of replies) seen.add(decode(r) as string);
      expect([...seen].sort()).toEqual([...keys].sort());
    }
  });
});
