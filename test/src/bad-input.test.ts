// Bad input over TCP: the server answers or closes that one connection, keeps serving others,
// and its memory stays bounded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { RawClient, encodeCommand } from '../support/raw-client.js';
import { startOurServer } from '../support/servers.js';
import type { RedisServer } from '../../src/server.js';

describe('bad input', () => {
  let server: RedisServer;
  let port: number;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    const s = await startOurServer();
    server = s.server;
    port = s.port;
    stop = s.stop;
  });
  afterAll(async () => stop());

  async function stillServing(): Promise<void> {
    const c = await RawClient.connect(port);
    expect((await c.call('PING')).toString()).toBe('+PONG\r\n');
    c.close();
  }

  it('closes a connection after a protocol error and keeps serving the others', async () => {
    const bystander = await RawClient.connect(port);
    const bad = await RawClient.connect(port);
    bad.writeRaw('*1\r\n$4\r\nPING\r\n*x\r\n*1\r\n$4\r\nPING\r\n');
    await bad.waitClosed();
    expect(bad.unread.toString()).toBe('+PONG\r\n-ERR Protocol error: invalid multibulk length\r\n');
    expect((await bystander.call('PING')).toString()).toBe('+PONG\r\n');
    bystander.close();
  });

  it('does not reserve memory for a huge declared bulk length that never arrives', async () => {
    const before = process.memoryUsage().arrayBuffers;
    const clients: RawClient[] = [];
    for (let i = 0; i < 20; i++) {
      const c = await RawClient.connect(port);
      c.writeRaw('*2\r\n$3\r\nSET\r\n$536870912\r\n' + 'x'.repeat(40_000));
      clients.push(c);
    }
    await new Promise((r) => setTimeout(r, 100));
    // 20 declared 512 MB bulks: what is held must stay near what was actually sent.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
    for (const c of clients) c.close();
    await stillServing();
  });

  it('accepts a 100 MB argument split across many packets', async () => {
    const c = await RawClient.connect(port);
    const big = Buffer.alloc(100 * 1024 * 1024, 'v');
    const reply = c.expect(2);
    c.writeRaw(encodeCommand(['SET', 'big', big]));
    c.writeRaw(encodeCommand(['GET', 'big']));
    const [set, get] = await reply;
    expect(set!.toString()).toBe('+OK\r\n');
    expect(get!.length).toBe(big.length + `$${big.length}\r\n\r\n`.length);
    c.close();
    server.keyspace.db(0).delete('big');
  }, 60_000);

  it('answers thousands of pipelined commands on one connection in order', async () => {
    const c = await RawClient.connect(port);
    const commands: string[][] = [];
    for (let i = 0; i < 20_000; i++) commands.push(i % 2 ? ['SET', `k${i}`, `v${i}`] : ['ECHO', `e${i}`]);
    const replies = await c.pipeline(commands);
    expect(replies).toHaveLength(20_000);
    expect(replies[0]!.toString()).toBe('$2\r\ne0\r\n');
    expect(replies[19_999]!.toString()).toBe('+OK\r\n');
    expect(replies[19_998]!.toString()).toBe('$6\r\ne19998\r\n');
    c.close();
    server.keyspace.flushAll();
  });

  it('stops running the commands of a client that does not read its replies', async () => {
    const setter = await RawClient.connect(port);
    await setter.call('SET', 'v', Buffer.alloc(1024 * 1024, 'z'));
    // This client asks for 300 copies of a 1 MB value (300 MB) and never reads.
    const lazy = net.connect(port, '127.0.0.1');
    await new Promise((r) => lazy.once('connect', r));
    lazy.pause();
    const req = encodeCommand(['GET', 'v']);
    lazy.write(Buffer.concat(Array.from({ length: 300 }, () => req)));
    await new Promise((r) => setTimeout(r, 500));
    let held = 0;
    for (const conn of server.connections) held += conn.reply.pendingBytes + conn.socket.writableLength;
    expect(held).toBeLessThan(64 * 1024 * 1024);
    expect((await setter.call('PING')).toString()).toBe('+PONG\r\n');
    // Once it reads, every reply arrives.
    const expected = 300 * (1024 * 1024 + '$1048576\r\n\r\n'.length);
    let received = 0;
    const done = new Promise<void>((resolve) => {
      lazy.on('data', (d: Buffer) => {
        received += d.length;
        if (received >= expected) resolve();
      });
    });
    lazy.resume();
    await done;
    expect(received).toBe(expected);
    lazy.destroy();
    setter.close();
  }, 60_000);
});
