// Where the server listens: several bind addresses (optional ones with "-"), a unix socket, and
// CONFIG SET port / bind moving the listeners at run time.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisServer } from '../../src/server.js';
import { loadCommandLineConfig, parseCommandLine } from '../../src/config-cli.js';
import { RawClient } from '../support/raw-client.js';
import { freePort } from '../support/servers.js';

let server: RedisServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function startWith(...args: string[]): Promise<RedisServer> {
  server = new RedisServer({ config: loadCommandLineConfig(parseCommandLine(args, 'test')) });
  await server.listen();
  return server;
}

async function ping(port: number | string, host = '127.0.0.1'): Promise<string> {
  const c = await new Promise<net.Socket>((resolve, reject) => {
    const s = typeof port === 'string' ? net.connect(port) : net.connect(port, host);
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
  const reply = await new Promise<string>((resolve) => {
    c.once('data', (d) => resolve(d.toString()));
    c.write('PING\r\n');
  });
  c.destroy();
  return reply;
}

describe('listening', () => {
  it('binds every address given; an optional one that does not exist is skipped', async () => {
    const port = await freePort();
    const s = await startWith('--port', String(port), '--bind', '127.0.0.1', '-192.0.2.254');
    expect(s.port).toBe(port);
    expect(await ping(port)).toBe('+PONG\r\n');
    await s.close();
    server = null;
    await expect(startWith('--port', String(port), '--bind', '127.0.0.1', '192.0.2.254')).rejects.toThrow(/Failed listening on port/);
  });

  it('listens on a unix socket too, whose clients are local', async () => {
    const sock = path.join(os.tmpdir(), `raftis-${process.pid}.sock`);
    await startWith('--port', '0', '--bind', '127.0.0.1', '--unixsocket', sock, '--unixsocketperm', '700', '--enable-debug-command', 'local');
    expect(fs.statSync(sock).mode & 0o777).toBe(0o700);
    expect(await ping(sock)).toBe('+PONG\r\n');
    const c = await new Promise<net.Socket>((resolve) => {
      const s = net.connect(sock, () => resolve(s));
    });
    const reply = await new Promise<string>((resolve) => {
      c.once('data', (d) => resolve(d.toString()));
      c.write('DEBUG SLEEP 0\r\n');
    });
    expect(reply).toBe('+OK\r\n');
    c.destroy();
  });

  it('CONFIG SET port moves the listener', async () => {
    const s = await startWith('--port', '0', '--bind', '127.0.0.1');
    const old = s.port;
    const next = await freePort();
    const c = await RawClient.connect(old);
    expect((await c.call('CONFIG', 'SET', 'port', String(next))).toString()).toBe('+OK\r\n');
    for (let i = 0; i < 100 && s.port !== next; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await ping(next)).toBe('+PONG\r\n');
    await expect(ping(old)).rejects.toThrow();
    // The clients already connected stay.
    expect((await c.call('PING')).toString()).toBe('+PONG\r\n');
    expect((await c.call('INFO', 'server')).toString()).toContain(`tcp_port:${next}\r\n`);
    c.close();
  });
});
