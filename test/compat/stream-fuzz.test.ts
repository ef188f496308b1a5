// Generated stream workloads sent to our server and to redis-server and compared reply by reply:
// XADD with explicit, `ms-*` and `*` IDs (above the clock, so `*` is deterministic) and trimming,
// XDEL, XTRIM, XSETID, ranges, consumer groups with XREADGROUP, XACK, XCLAIM/XAUTOCLAIM JUSTID, XPENDING
// and XINFO (read counters, lag, node counts; after each sequence every pending entry with XINFO
// STREAM FULL). Small nodes make node boundaries frequent.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Differential } from '../support/differential.js';
import { decode, fullStreamInfo, timedDifference } from '../support/timed-replies.js';

const KEYS = ['s1', 's2', 'str', 'none'];
const SKEYS = ['s1', 's2'];
/** Milliseconds far above the clock: `*` then always takes the last ID's next sequence. */
const BASE_MS = 4000000000000;
const GROUPS = ['g1', 'g2'];
const CONSUMERS = ['alice', 'bob', 'carol'];

const key = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...SKEYS) }, { weight: 1, arbitrary: fc.constantFrom(...KEYS) });
const ms = fc.integer({ min: 0, max: 40 }).map((n) => String(BASE_MS + n));
const seq = fc.integer({ min: 0, max: 4 }).map(String);
const id = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(ms, seq).map(([m, s]) => `${m}-${s}`) },
  { weight: 2, arbitrary: ms },
  { weight: 1, arbitrary: fc.constantFrom('0-1', '0', '18446744073709551615-18446744073709551615', 'bad', '-', '+') },
  { weight: 1, arbitrary: fc.constantFrom('18446744073709551614-3', '18446744073709551615-18446744073709551614', '9007199254740993-1') },
);
const addId = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(ms, seq).map(([m, s]) => `${m}-${s}`) },
  { weight: 3, arbitrary: fc.constant('*') },
  { weight: 2, arbitrary: ms.map((m) => `${m}-*`) },
  { weight: 1, arbitrary: fc.constantFrom('0-0', 'x') },
);
const bound = fc.oneof(
  { weight: 4, arbitrary: id },
  { weight: 2, arbitrary: fc.constantFrom('-', '+') },
  { weight: 2, arbitrary: fc.tuple(ms, seq).map(([m, s]) => `(${m}-${s}`) },
);
const field = fc.constantFrom('f', 'g', 'name', '1', '');
const value = fc.oneof(fc.constantFrom('v', '', '12', '-5', 'x\u0000\u00ff'), fc.string({ maxLength: 80, unit: 'binary-ascii' }));
const fieldsAndValues = fc.oneof(
  { weight: 4, arbitrary: value.map((v) => ['f', v]) },
  { weight: 2, arbitrary: fc.tuple(value, value).map(([a, b]) => ['f', a, 'g', b]) },
  { weight: 1, arbitrary: fc.array(fc.tuple(field, value), { minLength: 1, maxLength: 4 }).map((ps) => ps.flat()) },
);
const trim = fc.oneof(
  { weight: 6, arbitrary: fc.constant([] as string[]) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom('MAXLEN', 'MINID'), fc.constantFrom([], ['='], ['~']), fc.integer({ min: 0, max: 30 }), fc.option(fc.integer({ min: 0, max: 12 })))
      .map(([strategy, op, n, limit]) => [
        strategy,
        ...op,
        strategy === 'MAXLEN' ? String(n) : String(BASE_MS + n),
        ...(limit !== null && op[0] === '~' ? ['LIMIT', String(limit)] : []),
      ]),
  },
);
const count = fc.option(fc.integer({ min: -1, max: 6 }).map((n) => ['COUNT', String(n)]), { nil: [] as string[] });
const group = fc.constantFrom(...GROUPS);
const consumer = fc.constantFrom(...CONSUMERS);
const ids = fc.array(id, { minLength: 1, maxLength: 4 });

const command: fc.Arbitrary<string[]> = fc.oneof(
  {
    weight: 14,
    arbitrary: fc
      .tuple(key, fc.constantFrom([], ['NOMKSTREAM']), trim, addId, fieldsAndValues)
      // `*` only where a stream whose last ID is above the clock exists (see SEED).
      .map(([k, n, t, i, fv]) => ['XADD', i === '*' ? (k === 's2' ? 's2' : 's1') : k, ...n, ...t, i, ...fv]),
  },
  { weight: 3, arbitrary: fc.tuple(key, ids).map(([k, is]) => ['XDEL', k, ...is]) },
  { weight: 2, arbitrary: fc.tuple(key, trim.filter((t) => t.length > 0)).map(([k, t]) => ['XTRIM', k, ...t]) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(key, id, fc.option(fc.integer({ min: -1, max: 40 })), fc.option(id))
      .map(([k, i, added, deleted]) => ['XSETID', k, i, ...(added === null ? [] : ['ENTRIESADDED', String(added)]), ...(deleted === null ? [] : ['MAXDELETEDID', deleted])]),
  },
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom('XRANGE', 'XREVRANGE'), key, bound, bound, count).map(([c, k, a, b, n]) => [c, k, a, b, ...n]) },
  { weight: 1, arbitrary: key.map((k) => ['XLEN', k]) },
  { weight: 2, arbitrary: key.map((k) => ['XINFO', 'STREAM', k]) },
  { weight: 2, arbitrary: key.map((k) => ['XINFO', 'GROUPS', k]) },
  { weight: 2, arbitrary: fc.tuple(key, id, count).map(([k, i, n]) => ['XREAD', ...n, 'STREAMS', k, i]) },
  { weight: 1, arbitrary: fc.tuple(id, fc.constantFrom('$', '0'), count).map(([i, j, n]) => ['XREAD', ...n, 'STREAMS', 's1', 's2', i, j]) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(key, group, fc.oneof(id, fc.constant('$')), fc.constantFrom([], ['MKSTREAM']), fc.option(fc.integer({ min: -1, max: 8 })))
      .map(([k, g, i, m, er]) => ['XGROUP', 'CREATE', k, g, i, ...m, ...(er === null ? [] : ['ENTRIESREAD', String(er)])]),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(key, group, fc.oneof(id, fc.constant('$')), fc.option(fc.integer({ min: -1, max: 8 })))
      .map(([k, g, i, er]) => ['XGROUP', 'SETID', k, g, i, ...(er === null ? [] : ['ENTRIESREAD', String(er)])]),
  },
  { weight: 1, arbitrary: fc.tuple(key, group).map(([k, g]) => ['XGROUP', 'DESTROY', k, g]) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('CREATECONSUMER', 'DELCONSUMER'), key, group, consumer).map(([s, k, g, c]) => ['XGROUP', s, k, g, c]) },
  {
    weight: 8,
    arbitrary: fc
      .tuple(group, consumer, count, fc.constantFrom([], ['NOACK']), key, fc.oneof({ weight: 4, arbitrary: fc.constant('>') }, { weight: 1, arbitrary: id }))
      .map(([g, c, n, na, k, i]) => ['XREADGROUP', 'GROUP', g, c, ...n, ...na, 'STREAMS', k, i]),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(group, consumer, count, fc.constantFrom('>', '0'), fc.constantFrom('>', '0'))
      .map(([g, c, n, i, j]) => ['XREADGROUP', 'GROUP', g, c, ...n, 'STREAMS', 's1', 's2', i, j]),
  },
  { weight: 4, arbitrary: fc.tuple(key, group, ids).map(([k, g, is]) => ['XACK', k, g, ...is]) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(key, group, consumer, ids, fc.subarray(['FORCE', 'RETRYCOUNT', 'LASTID']), fc.constantFrom([], ['JUSTID'], ['JUSTID']))
      .map(([k, g, c, is, opts, justId]) => [
        'XCLAIM',
        k,
        g,
        c,
        '0',
        ...is,
        ...justId,
        ...opts.flatMap((o) => (o === 'RETRYCOUNT' ? ['RETRYCOUNT', '3'] : o === 'LASTID' ? ['LASTID', `${BASE_MS + 20}-0`] : [o])),
      ]),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(key, group, consumer, bound, fc.integer({ min: 1, max: 4 }), fc.constantFrom([], ['JUSTID']))
      .map(([k, g, c, b, n, j]) => ['XAUTOCLAIM', k, g, c, '0', b, 'COUNT', String(n), ...j]),
  },
  { weight: 3, arbitrary: fc.tuple(key, group).map(([k, g]) => ['XPENDING', k, g]) },
  { weight: 1, arbitrary: fc.tuple(key, group, bound, bound).map(([k, g, a, b]) => ['XPENDING', k, g, 'IDLE', '99999999', a, b, '10']) },
  { weight: 1, arbitrary: fc.constant<string[]>(['SET', 'str', 'x']) },
  { weight: 1, arbitrary: key.map((k) => ['DEL', k]) },
);

/** Each run starts with both streams holding an entry above the clock, and keeps them so. */
const SEED = SKEYS.map((k) => ['XADD', k, `${BASE_MS}-0`, 'f', 'seed']);

/** A deleted stream comes back at once: `*` must never meet a new stream (whose ID is the clock's). */
function reseeded(commands: string[][]): string[][] {
  return commands.flatMap((c) => (c[0] === 'DEL' && SKEYS.includes(c[1]!) ? [c, ['XADD', c[1]!, `${BASE_MS}-0`, 'f', 'seed']] : [c]));
}

describe('stream sequences, differential', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());

  async function run(nodeEntries: string, nodeBytes: string, runs: number): Promise<void> {
    await d.check([
      ['CONFIG', 'SET', 'stream-node-max-entries', nodeEntries],
      ['CONFIG', 'SET', 'stream-node-max-bytes', nodeBytes],
    ]);
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 10, maxLength: 80 }), async (commands) => {
        await d.reset();
        await d.checkPipeline([...SEED, ...reseeded(commands)]);
        // Then every pending entry, its owner and delivery count, and the consumers' own lists.
        for (const k of SKEYS) {
          const [a, b] = await Promise.all([d.ours.call('XINFO', 'STREAM', k, 'FULL', 'COUNT', '0'), d.redis.call('XINFO', 'STREAM', k, 'FULL', 'COUNT', '0')]);
          const diff = timedDifference(fullStreamInfo(decode(a)), fullStreamInfo(decode(b)), 1500);
          expect(diff, `XINFO STREAM ${k} FULL\n  ours:  ${a.toString('latin1')}\n  redis: ${b.toString('latin1')}`).toBeNull();
        }
      }),
      { numRuns: runs },
    );
  }

  it('with nodes of at most 3 entries or 120 bytes', async () => {
    await run('3', '120', 150);
  });

  it('with Redis default nodes', async () => {
    await run('100', '4096', 100);
  });
});
