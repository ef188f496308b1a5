// Job-queue patterns that applications build on Redis (BullMQ-style delayed jobs in a sorted set
// taken by BZPOPMIN workers, work queues on lists taken by BRPOPLPUSH/BLMOVE with a processing
// list): several workers and producers over TCP, on our server and on redis-server. Which worker
// gets which job depends on timing, so what must agree is that every job is delivered exactly
// once and that the final state is the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawClient } from '../support/raw-client.js';
import { decodeReply } from '../support/resp-reader.js';
import { startOurServer, startRealRedis, type RunningServer } from '../support/servers.js';

async function runWorkers(port: number, workers: number, jobs: number, take: string[], queueOf: (reply: unknown) => string | null, push: (i: number) => string[]): Promise<{ delivered: string[]; final: string[] }> {
  const clients = await Promise.all(Array.from({ length: workers }, () => RawClient.connect(port)));
  const producer = await RawClient.connect(port);
  const delivered: string[] = [];
  let stop = false;
  const loops = clients.map(async (c) => {
    while (!stop) {
      const [reply] = decodeReply(await c.call(...take));
      const job = queueOf(reply);
      if (job !== null) delivered.push(job);
    }
  });
  for (let i = 0; i < jobs; i++) await producer.call(...push(i));
  while (delivered.length < jobs) await new Promise((r) => setTimeout(r, 5));
  stop = true;
  await Promise.all(loops);
  const final = (decodeReply(await producer.call('KEYS', '*'))[0] as string[]).sort();
  for (const c of [...clients, producer]) c.close();
  return { delivered: delivered.sort(), final };
}

describe('worker patterns on our server and on redis-server', () => {
  let ours: RunningServer;
  let redis: RunningServer;
  beforeAll(async () => {
    [ours, redis] = await Promise.all([startOurServer(), startRealRedis()]);
  });
  afterAll(async () => {
    await Promise.all([ours.stop(), redis.stop()]);
  });

  it('BZPOPMIN workers take every scheduled job exactly once', async () => {
    const run = (port: number) =>
      runWorkers(
        port,
        4,
        300,
        ['BZPOPMIN', 'delayed', 'wait', '0.05'],
        (r) => (Array.isArray(r) ? (r[1] as string) : null),
        (i) => ['ZADD', i % 2 ? 'delayed' : 'wait', String(1000 + i), `job:${i}`],
      );
    const [a, b] = await Promise.all([run(ours.port), run(redis.port)]);
    expect(a.delivered).toHaveLength(300);
    expect(new Set(a.delivered).size).toBe(300);
    expect(a).toEqual(b);
  });

  it('BLMOVE workers move every job to their processing list exactly once', async () => {
    const run = (port: number) =>
      runWorkers(
        port,
        3,
        300,
        ['BLMOVE', 'queue', 'processing', 'RIGHT', 'LEFT', '0.05'],
        (r) => (typeof r === 'string' ? r : null),
        (i) => ['LPUSH', 'queue', `job:${i}`],
      );
    const [a, b] = await Promise.all([run(ours.port), run(redis.port)]);
    expect(a.delivered).toHaveLength(300);
    expect(new Set(a.delivered).size).toBe(300);
    expect(a).toEqual(b);
  });
});
