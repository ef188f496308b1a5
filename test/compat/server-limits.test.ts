// Limits on clients compared with a real redis-server: protected mode, maxclients, the idle
// timeout and the output buffer limit of normal clients.

import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Differential } from '../support/differential.js';
import { RawClient, encodeCommand } from '../support/raw-client.js';

/** An address of this machine that is not loopback, so a client connecting to it is "remote". */
function externalAddress(): string {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (!a.internal && a.family === 'IPv4') return a.address;
  }
  throw new Error('no non-loopback IPv4 address on this machine to test protected mode with');
}

/** What a new client receives before the server closes it (or within `ms`). */
async function firstWords(port: number, host = '127.0.0.1', ms = 1000): Promise<{ text: string; closed: boolean }> {
  const c = await RawClient.connect(port, host);
  await Promise.race([c.waitClosed(), new Promise((r) => setTimeout(r, ms))]);
  const out = { text: c.unread.toString('latin1'), closed: c.closed };
  c.close();
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('protected mode', () => {
  let d: Differential;
  const host = externalAddress();
  beforeAll(async () => {
    d = await Differential.start(['--bind', '0.0.0.0']);
  });
  afterAll(async () => d.stop());

  it('refuses a remote client with Redis DENIED message while no password is set', async () => {
    const [ours, redis] = await Promise.all([firstWords(d.ourPort, host), firstWords(d.redisPort, host)]);
    expect(ours).toEqual(redis);
    expect(ours.text.startsWith('-DENIED Redis is running in protected mode')).toBe(true);
    expect(ours.closed).toBe(true);
  });

  it('lets remote clients in with a password (they must AUTH) or with protected-mode no', async () => {
    await d.check([['CONFIG', 'SET', 'requirepass', 'secret']]);
    const remote = await Promise.all([RawClient.connect(d.ourPort, host), RawClient.connect(d.redisPort, host)]);
    const [a, b] = await Promise.all(remote.map((c) => c.call('GET', 'k')));
    expect(a!.toString()).toBe(b!.toString());
    expect(a!.toString()).toBe('-NOAUTH Authentication required.\r\n');
    remote.forEach((c) => c.close());
    await d.check([['CONFIG', 'SET', 'requirepass', '', 'protected-mode', 'no']]);
    const open = await Promise.all([RawClient.connect(d.ourPort, host), RawClient.connect(d.redisPort, host)]);
    const [p, q] = await Promise.all(open.map((c) => c.call('PING')));
    expect([p!.toString(), q!.toString()]).toEqual(['+PONG\r\n', '+PONG\r\n']);
    open.forEach((c) => c.close());
    await d.check([['CONFIG', 'SET', 'protected-mode', 'yes']]);
  });
});

describe('maxclients', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());

  it('refuses the client past the limit with Redis error and counts it', async () => {
    await d.check([['CONFIG', 'SET', 'maxclients', '2']]);
    const second = await Promise.all([RawClient.connect(d.ourPort), RawClient.connect(d.redisPort)]);
    await Promise.all(second.map((c) => c.call('PING')));
    const [ours, redis] = await Promise.all([firstWords(d.ourPort), firstWords(d.redisPort)]);
    expect(ours).toEqual(redis);
    expect(ours).toEqual({ text: '-ERR max number of clients reached\r\n', closed: true });
    second.forEach((c) => c.close());
    await sleep(100);
    const info = (await d.ours.call('INFO', 'stats')).toString();
    expect(info).toMatch(/rejected_connections:1\r\n/);
    await d.check([['CONFIG', 'SET', 'maxclients', '10000']]);
  });
});

describe('timeout', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start(['--timeout', '1']);
  });
  afterAll(async () => d.stop());

  it('closes idle clients and keeps busy ones', async () => {
    const idle = await Promise.all([RawClient.connect(d.ourPort), RawClient.connect(d.redisPort)]);
    const busy = await Promise.all([RawClient.connect(d.ourPort), RawClient.connect(d.redisPort)]);
    for (let i = 0; i < 10; i++) {
      await Promise.all(busy.map((c) => c.call('PING')));
      await sleep(300);
    }
    expect(idle.map((c) => c.closed)).toEqual([true, true]);
    expect(busy.map((c) => c.closed)).toEqual([false, false]);
    [...idle, ...busy].forEach((c) => c.close());
  });
});

describe('client-output-buffer-limit for normal clients', () => {
  let d: Differential;
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => d.stop());

  it('closes a client whose replies go over the hard limit, without sending them', async () => {
    await d.check([['CONFIG', 'SET', 'client-output-buffer-limit', 'normal 1mb 0 0'], ['SET', 'big', 'x'.repeat(2 * 1024 * 1024)], ['SET', 'small', 'y']]);
    const { ours, redis, oursClosed, redisClosed } = await d.rawExchange(Buffer.concat([encodeCommand(['GET', 'small']), encodeCommand(['GET', 'big'])]), 500);
    expect({ ours, oursClosed }).toEqual({ ours: redis, oursClosed: redisClosed });
    expect(oursClosed).toBe(true);
    await d.reconnect();
    await d.check([['GET', 'small'], ['CONFIG', 'SET', 'client-output-buffer-limit', 'normal 0 0 0']]);
  });

  it('closes a client that stays over the soft limit longer than its seconds', async () => {
    await d.check([['CONFIG', 'SET', 'client-output-buffer-limit', 'normal 0 1mb 1'], ['SET', 'v', 'z'.repeat(512 * 1024)]]);
    // Clients that never read 40 replies of 512 KB.
    const readers = await Promise.all([RawClient.connect(d.ourPort), RawClient.connect(d.redisPort)]);
    for (const c of readers) {
      c.socket.pause();
      c.writeRaw(Buffer.concat(Array.from({ length: 40 }, () => encodeCommand(['GET', 'v']))));
    }
    await sleep(3500);
    readers.forEach((c) => c.socket.resume());
    await Promise.all(readers.map((c) => Promise.race([c.waitClosed(), sleep(3000)])));
    expect(readers.map((c) => c.closed)).toEqual([true, true]);
    // Far fewer than the 40 replies arrived before the close.
    for (const c of readers) expect(c.unread.length).toBeLessThan(40 * 512 * 1024);
    await d.check([['CONFIG', 'SET', 'client-output-buffer-limit', 'normal 0 0 0']]);
  });
});
