// ioredis 5 and 6 as applications use them, against our server and a real redis-server: the same
// scenario must produce the same results on both. ioredis 6 opens with HELLO 3; our server answers
// NOPROTO (RESP3 is not built yet) and the client must fall back to RESP2 and work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { startOurServer, startRealRedis, type RunningServer } from '../support/servers.js';

const require = createRequire(import.meta.url);
type Client = {
  set(...a: unknown[]): Promise<unknown>;
  get(k: string): Promise<string | null>;
  getBuffer(k: string): Promise<Buffer | null>;
  pipeline(): { exec(): Promise<Array<[Error | null, unknown]>> } & Record<string, (...a: unknown[]) => unknown>;
  call(...a: unknown[]): Promise<unknown>;
  quit(): Promise<unknown>;
  disconnect(): void;
  on(event: string, f: (...a: unknown[]) => void): void;
} & Record<string, (...a: unknown[]) => Promise<unknown>>;
const clients: Record<string, new (opts: object) => Client> = {
  'ioredis 5': require('ioredis5'),
  'ioredis 6': require('ioredis'),
};

async function scenario(Redis: new (opts: object) => Client, port: number): Promise<unknown[]> {
  const r = new Redis({ port, host: '127.0.0.1', db: 2, lazyConnect: false, maxRetriesPerRequest: 2 });
  const errors: unknown[] = [];
  r.on('error', (e) => errors.push(String(e)));
  try {
    const out: unknown[] = [];
    const utf8 = 'héllo ✓ 日本語 🚀';
    const binary = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    out.push(await r.set('utf8', utf8));
    out.push(await r.get('utf8'));
    out.push(await r.call('STRLEN', 'utf8'));
    out.push(await r.set('bin', binary));
    out.push((await r.getBuffer('bin'))!.equals(binary));
    out.push(await r.get('missing'));
    const p = r.pipeline();
    for (let i = 0; i < 1000; i++) p.set(`p:${i}`, String(i));
    for (let i = 0; i < 1000; i += 100) p.get(`p:${i}`);
    p.incr('counter');
    p.incrby('counter', 41);
    p.call('NOSUCHCOMMAND', 'x');
    p.mget('p:1', 'p:2', 'missing');
    out.push((await p.exec()).map(([e, v]) => (e ? `error: ${e.message}` : v)));
    out.push(await r.mset({ a: '1', b: '2' }));
    out.push(await r.exists('a', 'b', 'zz'));
    out.push(await r.del('a', 'zz'));
    out.push(await r.call('ECHO', 'x'));
    out.push(await r.call('DBSIZE'));
    out.push(await r.call('SELECT', '2'));
    out.push(errors);
    return out;
  } finally {
    await r.call('FLUSHDB').catch(() => {});
    r.disconnect();
  }
}

describe('ioredis against our server and redis-server', () => {
  let ours: RunningServer;
  let redis: RunningServer;
  beforeAll(async () => {
    [ours, redis] = await Promise.all([startOurServer(), startRealRedis()]);
  });
  afterAll(async () => {
    await Promise.all([ours.stop(), redis.stop()]);
  });

  for (const [name, Redis] of Object.entries(clients)) {
    it(`${name}: strings, binary and UTF-8 values, pipelines and errors give the same results`, async () => {
      const [a, b] = await Promise.all([scenario(Redis, ours.port), scenario(Redis, redis.port)]);
      expect(a).toEqual(b);
      expect(a[1]).toBe('héllo ✓ 日本語 🚀');
      expect(a[4]).toBe(true);
    });
  }
});
