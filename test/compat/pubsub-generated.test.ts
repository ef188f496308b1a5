// Generated pub/sub sessions (fast-check): three subscribers and a publisher run random sequences
// of (un)subscriptions, publishes and introspection on both servers. Every reply must be Redis's,
// and after every publish each subscriber must have received the same messages (as a multiset:
// Redis walks patterns in hash order).
import { afterAll, beforeAll, describe, it } from 'vitest';
import fc from 'fast-check';
import { Differential } from '../support/differential.js';
import { ClientPair } from '../support/pubsub-clients.js';

const CHANNELS = ['a', 'b', 'ab', 'ba', 'c', 'a\x00', '\xff'];
const PATTERNS = ['a*', '*', '?b', '[ab]', 'b*', 'c', '\\*', '[^a]*'];

/** A command for subscriber 0-2 or the publisher; some replies are compared up to Redis's hash order. */
interface Op {
  who: number | 'pub';
  args: string[];
  hashOrder?: boolean;
  sorted?: boolean;
}

const channel = fc.constantFrom(...CHANNELS);
const pattern = fc.constantFrom(...PATTERNS);
const some = <T>(a: fc.Arbitrary<T>) => fc.array(a, { minLength: 1, maxLength: 3 });
const who = fc.integer({ min: 0, max: 2 });

const subscriberOp: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ who, args: some(channel).map((c) => ['SUBSCRIBE', ...c]) }),
  fc.record({ who, args: some(pattern).map((p) => ['PSUBSCRIBE', ...p]) }),
  fc.record({ who, args: some(channel).map((c) => ['SSUBSCRIBE', ...c]) }),
  fc.record({ who, args: some(channel).map((c) => ['UNSUBSCRIBE', ...c]) }),
  fc.record({ who, args: some(pattern).map((p) => ['PUNSUBSCRIBE', ...p]) }),
  fc.record({ who, args: some(channel).map((c) => ['SUNSUBSCRIBE', ...c]) }),
  fc.record({ who, args: fc.constantFrom('UNSUBSCRIBE', 'SUNSUBSCRIBE').map((c) => [c]), hashOrder: fc.constant(true) }),
  fc.record({ who, args: fc.constantFrom('PUNSUBSCRIBE', 'RESET', 'GET k', 'PING x', 'ECHO e').map((c) => c.split(' ')) }),
);

const publisherOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(channel, fc.string({ maxLength: 4 })).map(([c, m]) => ({ who: 'pub' as const, args: ['PUBLISH', c, m] })) },
  { weight: 2, arbitrary: fc.tuple(channel, fc.string({ maxLength: 4 })).map(([c, m]) => ({ who: 'pub' as const, args: ['SPUBLISH', c, m] })) },
  { weight: 1, arbitrary: some(channel).map((c) => ({ who: 'pub' as const, args: ['PUBSUB', 'NUMSUB', ...c] })) },
  { weight: 1, arbitrary: some(channel).map((c) => ({ who: 'pub' as const, args: ['PUBSUB', 'SHARDNUMSUB', ...c] })) },
  { weight: 1, arbitrary: fc.constant(null).map(() => ({ who: 'pub' as const, args: ['PUBSUB', 'NUMPAT'] })) },
  {
    weight: 1,
    arbitrary: fc.option(pattern, { nil: undefined }).map((p) => ({ who: 'pub' as const, args: ['PUBSUB', 'CHANNELS', ...(p === undefined ? [] : [p])], sorted: true })),
  },
  {
    weight: 1,
    arbitrary: fc.option(pattern, { nil: undefined }).map((p) => ({ who: 'pub' as const, args: ['PUBSUB', 'SHARDCHANNELS', ...(p === undefined ? [] : [p])], sorted: true })),
  },
);

describe('generated pub/sub sessions against redis-server', () => {
  let d: Differential;
  let pub: ClientPair;
  let subs: ClientPair[];
  beforeAll(async () => {
    d = await Differential.start();
    pub = await ClientPair.open(d);
    subs = await Promise.all([0, 1, 2].map(() => ClientPair.open(d)));
  });
  afterAll(async () => {
    for (const c of [pub, ...subs]) c.close();
    await d.stop();
  });

  it('answers and delivers as Redis does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(subscriberOp, publisherOp), { minLength: 1, maxLength: 25 }), async (ops) => {
        // Back to a fresh state; messages a failed run left unread are read and dropped.
        for (const s of subs) await s.run(['RESET']);
        for (const op of ops) {
          if (op.who === 'pub') {
            if (op.sorted) await pub.sameSorted(...op.args);
            else await pub.same(...op.args);
            for (const s of subs) await s.sameMessagesUnordered();
          } else if (op.hashOrder) {
            await subs[op.who]!.sameUpToHashOrder(...op.args);
          } else {
            await subs[op.who]!.same(...op.args);
          }
        }
      }),
      { numRuns: 120 },
    );
  });
});
