// Pub/sub against a real redis-server over TCP: subscription replies and counts, RESP2 subscribed
// mode, several subscribers and publishers on channels, patterns and shard channels, PUBSUB
// introspection, CLIENT LIST and INFO fields, RESET and disconnects, binary names.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Differential } from '../support/differential.js';
import { ClientPair } from '../support/pubsub-clients.js';
import { replyLength } from '../support/resp-reader.js';
import { encodeCommand, type RawClient } from '../support/raw-client.js';

describe('pub/sub against redis-server', () => {
  let d: Differential;
  const opened: ClientPair[] = [];
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());
  afterEach(async () => {
    for (const c of opened.splice(0)) c.close();
    await waitForNoSubscribers();
  });

  async function client(): Promise<ClientPair> {
    const c = await ClientPair.open(d);
    opened.push(c);
    return c;
  }

  /** Disconnects are seen asynchronously by both servers: wait until nobody is subscribed. */
  async function waitForNoSubscribers(): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const [a, b] = await Promise.all([d.ours.call('INFO', 'stats'), d.redis.call('INFO', 'stats')]);
      const idle = (s: string) => /pubsub_channels:0\r\npubsub_patterns:0\r\npubsubshard_channels:0/.test(s);
      if (idle(a.toString('latin1')) && idle(b.toString('latin1'))) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('subscriptions of closed clients are still there');
  }

  it('confirms subscriptions with Redis counts: channels and patterns together, shard channels apart', async () => {
    const s = await client();
    await s.same('UNSUBSCRIBE');
    await s.same('PUNSUBSCRIBE');
    await s.same('SUNSUBSCRIBE');
    await s.same('UNSUBSCRIBE', 'never', 'subscribed');
    await s.same('SUBSCRIBE', 'a', 'b', 'a');
    await s.same('PSUBSCRIBE', 'x*', 'y?', 'x*');
    await s.same('SSUBSCRIBE', 's1', 's2', 's1');
    await s.same('SUBSCRIBE', 'c');
    await s.same('UNSUBSCRIBE', 'a', 'zz', 'a');
    await s.same('PUNSUBSCRIBE', 'nomatch', 'y?');
    await s.same('SUNSUBSCRIBE', 's1', 's3');
    await s.same('PSUBSCRIBE', 'p1', 'p2', 'p3');
    // Patterns are dropped in the order they were subscribed, as Redis 7.0 keeps them in a list.
    await s.same('PUNSUBSCRIBE');
    await s.same('UNSUBSCRIBE', 'b');
    await s.same('UNSUBSCRIBE');
    await s.same('SUNSUBSCRIBE');
    await s.same('PSUBSCRIBE', 'only-a-pattern');
    // No channel left but a pattern: the null reply carries the pattern in its count.
    await s.same('UNSUBSCRIBE');
    await s.same('SUNSUBSCRIBE');
    await s.same('PUNSUBSCRIBE');
  });

  it('drops every channel of UNSUBSCRIBE and SUNSUBSCRIBE without arguments (in an order Redis leaves to its hash)', async () => {
    const s = await client();
    await s.same('SUBSCRIBE', 'c1', 'c2', 'c3', 'c4');
    await s.same('PSUBSCRIBE', 'p*');
    await s.same('SSUBSCRIBE', 'h1', 'h2', 'h3');
    await s.sameUpToHashOrder('UNSUBSCRIBE');
    await s.sameUpToHashOrder('SUNSUBSCRIBE');
    await s.same('PUNSUBSCRIBE');
  });

  it('allows only the pub/sub commands, PING, QUIT and RESET in subscribed mode', async () => {
    const s = await client();
    await s.same('SUBSCRIBE', 'chan');
    await s.same('GET', 'k');
    await s.same('SET', 'k', 'v');
    await s.same('PING', 'hello');
    await s.same('PING', 'a', 'b');
    await s.same('ping');
    await s.same('EXEC');
    await s.same('MULTI');
    await s.same('DISCARD');
    await s.same('CLIENT', 'LIST');
    await s.same('client', 'info');
    await s.same('PUBSUB', 'NUMSUB', 'chan');
    await s.same('PUBLISH', 'chan', 'x');
    await s.same('SELECT', '1');
    await s.same('HELLO', '2');
    await s.same('AUTH', 'x');
    await s.same('NOSUCHCOMMAND', 'x');
    await s.same('GET');
    await s.same('SUBSCRIBE');
    await s.same('PSUBSCRIBE', 'c*');
    await s.same('UNSUBSCRIBE', 'chan');
    // Still subscribed to a pattern: still in subscribed mode.
    await s.same('GET', 'k');
    await s.same('PUNSUBSCRIBE', 'c*');
    await s.same('GET', 'k');
    await s.same('SSUBSCRIBE', 'shard');
    await s.same('GET', 'k');
    await s.same('SUNSUBSCRIBE');
    await s.same('GET', 'k');
    await s.same('SUBSCRIBE', 'again');
    const quit = await s.call('QUIT');
    expect(quit.ours).toBe(quit.redis);
    await Promise.all([s.ours.waitClosed(), s.redis.waitClosed()]);
  });

  it('RESET leaves subscribed mode and drops every subscription', async () => {
    const s = await client();
    const p = await client();
    await s.same('SUBSCRIBE', 'r1', 'r2');
    await s.same('PSUBSCRIBE', 'r*');
    await s.same('SSUBSCRIBE', 'r3');
    await p.same('PUBSUB', 'NUMSUB', 'r1', 'r2');
    await s.same('RESET');
    await s.same('GET', 'k');
    await p.same('PUBSUB', 'NUMSUB', 'r1', 'r2');
    await p.same('PUBSUB', 'NUMPAT');
    await p.same('PUBSUB', 'SHARDNUMSUB', 'r3');
    await p.same('PUBLISH', 'r1', 'after reset');
    await p.same('SPUBLISH', 'r3', 'after reset');
    await s.same();
  });

  it('runs SUBSCRIBE inside MULTI/EXEC (the message of a PUBLISH in the same EXEC lands inside its reply), but not SSUBSCRIBE', async () => {
    const s = await client();
    // Commands inside MULTI answer QUEUED, so no PING barrier: compare all bytes once quiet.
    const exchange = async (...commands: string[][]) => {
      const bytes = Buffer.concat(commands.map(encodeCommand));
      const read = async (c: RawClient) => {
        c.writeRaw(bytes);
        await new Promise((r) => setTimeout(r, 150));
        const buf = c.unread;
        let replies = 0;
        for (let pos = 0, len; pos < buf.length && (len = replyLength(buf, pos)) > 0; pos += len) replies++;
        return Buffer.concat(await c.expect(replies)).toString('latin1');
      };
      const [ours, redis] = await Promise.all([read(s.ours), read(s.redis)]);
      expect(ours).toBe(redis);
    };
    await exchange(['MULTI'], ['SUBSCRIBE', 'm'], ['PUBLISH', 'm', 'inside'], ['PING'], ['EXEC']);
    await exchange(['PING'], ['RESET']);
    await exchange(['MULTI'], ['SSUBSCRIBE', 'sm'], ['SPUBLISH', 'sm', 'x'], ['EXEC'], ['PING']);
    await exchange(['MULTI'], ['PSUBSCRIBE', 'm*'], ['UNSUBSCRIBE'], ['EXEC'], ['GET', 'k'], ['RESET']);
  });

  it('delivers to channel, pattern and shard subscribers in Redis order, with the receiver counts of PUBLISH', async () => {
    const [pub, pub2, s1, s2, s3, s4] = await Promise.all([client(), client(), client(), client(), client(), client()]);
    await s1.same('SUBSCRIBE', 'news', 'sport');
    await s2.same('PSUBSCRIBE', 'n*');
    await s3.same('SUBSCRIBE', 'news');
    await s3.same('PSUBSCRIBE', 'ne?s');
    await s4.same('SSUBSCRIBE', 'news');
    await pub.same('PUBLISH', 'news', 'hello');
    await pub2.same('PUBLISH', 'sport', 'goal');
    await pub.same('PUBLISH', 'nothing-here', 'x');
    await pub.same('PUBLISH', 'nx', 'pattern only');
    await pub2.same('SPUBLISH', 'news', 'shard');
    await pub2.same('SPUBLISH', 'sport', 'nobody');
    await pub.same('PUBLISH', 'news', '');
    for (const s of [s1, s2, s3, s4]) await s.same();
    // A pipeline of publishes from two publishers: each subscriber sees them in order.
    const burst = (tag: string) => Array.from({ length: 50 }, (_, i) => ['PUBLISH', 'news', `${tag}${i}`]);
    const [a, b] = await Promise.all([
      Promise.all([pub.ours.pipeline(burst('a')), pub.redis.pipeline(burst('a'))]),
      Promise.all([pub2.ours.pipeline(burst('b')), pub2.redis.pipeline(burst('b'))]),
    ]);
    expect(a[0].map(String)).toEqual(a[1].map(String));
    expect(b[0].map(String)).toEqual(b[1].map(String));
    for (const s of [s1, s2, s3]) {
      const got = await s.run();
      // Two publishers race, so only each one's own order is fixed.
      for (const side of [got.ours, got.redis]) {
        for (const tag of ['a', 'b']) {
          const mine = side.filter((m) => m.includes(`$${tag.length + 1}\r\n${tag}0\r\n`) || new RegExp(`\\r\\n${tag}\\d+\\r\\n$`).test(m));
          const seq = mine.map((m) => Number(/(\d+)\r\n$/.exec(m)![1]));
          expect(seq).toEqual([...seq].sort((x, y) => x - y));
        }
      }
      expect([...got.ours].sort()).toEqual([...got.redis].sort());
    }
  });

  it('sends one pmessage per matching pattern of a subscriber', async () => {
    const [pub, s] = await Promise.all([client(), client()]);
    await s.same('PSUBSCRIBE', '*', 'h*', 'h?llo', 'h[ae]llo', 'nomatch', 'h\\*');
    await s.same('SUBSCRIBE', 'hello');
    await pub.same('PUBLISH', 'hello', 'm1');
    await pub.same('PUBLISH', 'h*', 'm2');
    // The channel's own subscribers come first; patterns follow in Redis's hash order.
    const r = await s.run();
    expect(r.ours[0]).toBe(r.redis[0]);
    expect([...r.ours].sort()).toEqual([...r.redis].sort());
  });

  it('answers PUBSUB CHANNELS, NUMSUB, NUMPAT, SHARDCHANNELS, SHARDNUMSUB and HELP as Redis does', async () => {
    const [q, s1, s2] = await Promise.all([client(), client(), client()]);
    await q.same('PUBSUB', 'NUMPAT');
    await q.same('PUBSUB', 'CHANNELS');
    await q.same('PUBSUB', 'NUMSUB');
    await s1.same('SUBSCRIBE', 'alpha', 'beta', 'gamma');
    await s2.same('SUBSCRIBE', 'alpha', 'delta');
    await s1.same('PSUBSCRIBE', 'a*', 'b*');
    await s2.same('PSUBSCRIBE', 'a*', 'c*');
    await s1.same('SSUBSCRIBE', 'shard1', 'shard2');
    await s2.same('SSUBSCRIBE', 'shard1');
    await q.sameSorted('PUBSUB', 'CHANNELS');
    await q.sameSorted('PUBSUB', 'channels', '*a');
    await q.sameSorted('PUBSUB', 'CHANNELS', '[ab]*');
    await q.same('PUBSUB', 'CHANNELS', 'nothing*');
    await q.same('PUBSUB', 'NUMSUB', 'alpha', 'beta', 'nothing', 'alpha', 'shard1');
    await q.same('PUBSUB', 'NUMPAT');
    await q.sameSorted('PUBSUB', 'SHARDCHANNELS');
    await q.same('PUBSUB', 'SHARDCHANNELS', '*2');
    await q.same('PUBSUB', 'SHARDNUMSUB', 'shard1', 'shard2', 'alpha');
    await q.same('PUBSUB', 'SHARDNUMSUB');
    await q.same('PUBSUB', 'HELP');
    await q.same('PUBSUB', 'help');
    await q.same('PUBSUB');
    await q.same('PUBSUB', 'NOPE');
    await q.same('PUBSUB', 'CHANNELS', 'a', 'b');
    await q.same('pubsub', 'shardchannels', 'a', 'b');
    await q.same('PUBSUB', 'NUMPAT', 'x');
    await q.same('PUBSUB', 'HELP', 'x');
    await q.same('PUBLISH', 'x');
    await q.same('PUBLISH', 'x', 'y', 'z');
    await q.same('SPUBLISH', 'x');
    await q.same('SUBSCRIBE');
    await q.same('PSUBSCRIBE');
    await q.same('SSUBSCRIBE');
    await s2.same('PUNSUBSCRIBE', 'a*');
    await q.same('PUBSUB', 'NUMPAT');
    await s1.same('UNSUBSCRIBE', 'alpha');
    await q.same('PUBSUB', 'NUMSUB', 'alpha', 'beta');
  });

  it('sends messages even to a subscriber with CLIENT REPLY OFF, whose own replies are dropped', async () => {
    const [pub, s] = await Promise.all([client(), client()]);
    const received = async () => {
      await new Promise((r) => setTimeout(r, 100));
      return { ours: s.ours.unread.toString('latin1'), redis: s.redis.unread.toString('latin1') };
    };
    s.ours.writeRaw(encodeCommand(['CLIENT', 'REPLY', 'OFF']));
    s.redis.writeRaw(encodeCommand(['CLIENT', 'REPLY', 'OFF']));
    s.ours.writeRaw(encodeCommand(['SUBSCRIBE', 'silent']));
    s.redis.writeRaw(encodeCommand(['SUBSCRIBE', 'silent']));
    // No reply tells when the SUBSCRIBE has run: wait until both count the subscriber.
    for (let i = 0; i < 100; i++) {
      const r = await pub.call('PUBSUB', 'NUMSUB', 'silent');
      if (r.ours.endsWith(':1\r\n') && r.redis.endsWith(':1\r\n')) break;
      await new Promise((done) => setTimeout(done, 10));
    }
    await pub.same('PUBSUB', 'NUMSUB', 'silent');
    await pub.same('PUBLISH', 'silent', 'pushed anyway');
    s.ours.writeRaw(encodeCommand(['PING']));
    s.redis.writeRaw(encodeCommand(['PING']));
    const r = await received();
    expect(r.ours).toBe(r.redis);
    expect(r.ours).toContain('pushed anyway');
    // Confirmations are pushes too, under OFF and under SKIP; PING's reply is not.
    for (const command of [['UNSUBSCRIBE'], ['CLIENT', 'REPLY', 'SKIP'], ['PING'], ['CLIENT', 'REPLY', 'SKIP'], ['SUBSCRIBE', 'x', 'y'], ['PING'], ['UNSUBSCRIBE', 'x'], ['PING']]) {
      s.ours.writeRaw(encodeCommand(command));
      s.redis.writeRaw(encodeCommand(command));
    }
    const after = await received();
    expect(after.ours).toBe(after.redis);
    expect(after.ours).toContain('unsubscribe');
  });

  it('forgets the subscriptions of a client that disconnects', async () => {
    const [q, s] = await Promise.all([client(), client()]);
    await s.same('SUBSCRIBE', 'gone');
    await s.same('PSUBSCRIBE', 'go*');
    await s.same('SSUBSCRIBE', 'gone');
    await q.same('PUBSUB', 'NUMSUB', 'gone');
    s.close();
    await waitForNoSubscribers();
    await q.same('PUBSUB', 'NUMSUB', 'gone');
    await q.same('PUBSUB', 'NUMPAT');
    await q.same('PUBSUB', 'SHARDNUMSUB', 'gone');
    await q.same('PUBLISH', 'gone', 'x');
  });

  it('handles binary channel names, patterns and messages', async () => {
    const [pub, s] = await Promise.all([client(), client()]);
    const bin = Buffer.from([0, 0xff, 0x0d, 0x0a, 0x80, 0x41]);
    const pattern = Buffer.concat([Buffer.from([0]), Buffer.from('[\x80-\xff]*', 'latin1')]);
    await s.same('SUBSCRIBE', bin);
    await s.same('PSUBSCRIBE', pattern, Buffer.from('\\*x', 'latin1'));
    await s.same('SSUBSCRIBE', bin);
    await pub.same('PUBLISH', bin, Buffer.from([0xfe, 0, 0x0d]));
    await pub.same('PUBLISH', Buffer.from([0, 0x90, 0x20]), 'pattern with bytes >= 0x80');
    await pub.same('PUBLISH', '*x', 'escaped star');
    await pub.same('PUBLISH', 'ax', 'not the escaped star');
    await pub.same('SPUBLISH', bin, Buffer.from([0xff]));
    await pub.same('PUBSUB', 'NUMSUB', bin);
    await s.same();
    await s.same('UNSUBSCRIBE', bin);
    await s.same('PUNSUBSCRIBE');
    await s.same('SUNSUBSCRIBE', bin);
  });

  it('shows sub, psub, ssub and the P flag in CLIENT LIST, and the channel counts in INFO', async () => {
    const [q, s] = await Promise.all([client(), client()]);
    await s.same('CLIENT', 'SETNAME', 'watched');
    const fields = async () => {
      const r = await q.call('CLIENT', 'LIST');
      const pick = (text: string) => {
        const line = text.split('\n').find((l) => l.includes('name=watched')) ?? '';
        return ['flags', 'sub', 'psub', 'ssub', 'cmd'].map((f) => new RegExp(`\\b${f}=(\\S*)`).exec(line)?.[1]);
      };
      expect(pick(r.ours)).toEqual(pick(r.redis));
    };
    const info = async () => {
      const r = await q.call('INFO', 'stats');
      const pick = (text: string) => text.split('\r\n').filter((l) => l.startsWith('pubsub'));
      expect(pick(r.ours)).toEqual(pick(r.redis));
    };
    await fields();
    await s.same('SUBSCRIBE', 'a', 'b');
    await fields();
    await s.same('PSUBSCRIBE', 'x*');
    await s.same('SSUBSCRIBE', 'z');
    await fields();
    await info();
    await q.same('CLIENT', 'KILL', 'TYPE', 'pubsub');
    await Promise.all([s.ours.waitClosed(), s.redis.waitClosed()]);
    await waitForNoSubscribers();
    await info();
  });
});
