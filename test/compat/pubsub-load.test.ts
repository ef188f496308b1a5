// Pub/sub under load, over TCP, on our server and on redis-server alike: a subscriber that stops
// reading is disconnected by the pubsub output buffer limit (hard and soft) instead of growing
// memory, and a socket.io-like fan-out (one publisher, many subscribers) delivers every message to
// every subscriber, in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Differential } from '../support/differential.js';
import { RawClient, encodeCommand } from '../support/raw-client.js';
import { decodeReply } from '../support/resp-reader.js';

describe('pub/sub under load against redis-server', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());

  const ports = () => [d.ourPort, d.redisPort];
  const admins = () => [d.ours, d.redis];

  async function numsub(admin: RawClient, channel: string): Promise<number> {
    const [r] = decodeReply(await admin.call('PUBSUB', 'NUMSUB', channel));
    return (r as [string, number])[1];
  }

  async function waitForNumsub(channel: string, n: number, ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    for (;;) {
      const counts = await Promise.all(admins().map((a) => numsub(a, channel)));
      if (counts.every((c) => c === n)) return;
      if (Date.now() > deadline) throw new Error(`NUMSUB ${channel}: ours ${counts[0]}, redis ${counts[1]}, wanted ${n}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** A subscriber that reads its confirmation and then never reads again. */
  async function stalledSubscriber(port: number, channel: string): Promise<RawClient> {
    const c = await RawClient.connect(port);
    await c.call('SUBSCRIBE', channel);
    c.socket.pause();
    return c;
  }

  /** Publishes `count` messages of `size` bytes, pipelined in batches; returns the receiver counts. */
  async function flood(port: number, channel: string, count: number, size: number): Promise<number[]> {
    const pub = await RawClient.connect(port);
    const message = 'x'.repeat(size);
    const receivers: number[] = [];
    for (let sent = 0; sent < count; sent += 20) {
      const replies = await pub.pipeline(Array.from({ length: Math.min(20, count - sent) }, () => ['PUBLISH', channel, message]));
      for (const r of replies) receivers.push(Number(r.toString('latin1').slice(1, -2)));
    }
    pub.close();
    return receivers;
  }

  it('disconnects a subscriber that does not read once its output passes the hard limit', async () => {
    await d.check([['CONFIG', 'SET', 'client-output-buffer-limit', 'pubsub 1mb 512kb 1']]);
    const subs = await Promise.all(ports().map((p) => stalledSubscriber(p, 'hard')));
    // 40 MB: well past what the kernel's socket buffers absorb before the server has to queue.
    const receivers = await Promise.all(ports().map((p) => flood(p, 'hard', 400, 100_000)));
    for (const r of receivers) {
      expect(r[0]).toBe(1);
      expect(r[r.length - 1]).toBe(0); // disconnected during the flood, on both servers
    }
    await waitForNumsub('hard', 0, 5000);
    for (const s of subs) {
      s.socket.resume();
      await s.waitClosed();
    }
  });

  it('disconnects a subscriber that stays over the soft limit longer than its seconds', async () => {
    await d.check([['CONFIG', 'SET', 'client-output-buffer-limit', 'pubsub 0 512kb 1']]);
    const subs = await Promise.all(ports().map((p) => stalledSubscriber(p, 'soft')));
    await Promise.all(ports().map((p) => flood(p, 'soft', 200, 100_000)));
    // Over the soft limit, but not yet for a second: still subscribed on both.
    expect(await Promise.all(admins().map((a) => numsub(a, 'soft')))).toEqual([1, 1]);
    await waitForNumsub('soft', 0, 5000);
    for (const s of subs) {
      s.socket.resume();
      await s.waitClosed();
    }
    await d.check([['CONFIG', 'SET', 'client-output-buffer-limit', 'pubsub 32mb 8mb 60']]);
  });

  it('keeps a subscriber that reads, however much is published', async () => {
    await d.check([['CONFIG', 'SET', 'client-output-buffer-limit', 'pubsub 1mb 512kb 1']]);
    for (const port of ports()) {
      const sub = await RawClient.connect(port);
      await sub.call('SUBSCRIBE', 'reader');
      const got = sub.expect(100);
      const receivers = await flood(port, 'reader', 100, 50_000);
      expect(receivers.every((r) => r === 1)).toBe(true);
      expect((await got).length).toBe(100);
      sub.close();
    }
    await d.check([['CONFIG', 'SET', 'client-output-buffer-limit', 'pubsub 32mb 8mb 60']]);
  });

  it('fans every message out to every subscriber, in order (one publisher, many subscribers)', async () => {
    const subscribers = 50;
    const messages = 600;
    for (const port of ports()) {
      const subs = await Promise.all(Array.from({ length: subscribers }, () => RawClient.connect(port)));
      await Promise.all(
        subs.map((s, i) => {
          const confirmed = s.expect(2);
          s.writeRaw(encodeCommand(['SUBSCRIBE', 'room', i % 2 === 0 ? 'even' : 'odd']));
          return confirmed;
        }),
      );
      const received = subs.map((s) => s.expect(messages));
      const pub = await RawClient.connect(port);
      let bytes = Buffer.alloc(0);
      for (let i = 0; i < messages; i++) bytes = Buffer.concat([bytes, encodeCommand(['PUBLISH', 'room', `event-${i}`])]);
      // Sent in uneven chunks, as a busy publisher would.
      const replies = pub.expect(messages);
      for (let at = 0; at < bytes.length; at += 7001) pub.writeRaw(bytes.subarray(at, at + 7001));
      expect((await replies).every((r) => r.toString('latin1') === `:${subscribers}\r\n`)).toBe(true);
      for (const r of await Promise.all(received)) {
        const seq = r.map((m) => (decodeReply(m)[0] as string[])[2]);
        expect(seq).toEqual(Array.from({ length: messages }, (_, i) => `event-${i}`));
      }
      pub.close();
      for (const s of subs) s.close();
    }
  });
});
