// XREAD BLOCK and XREADGROUP BLOCK against a real redis-server, with several clients over TCP:
// woken by XADD in the order they blocked, each for its own ID or group; timeouts; the key that
// became ready served alone; a group destroyed or a key deleted while waiting (Redis 7.0's
// errors); MULTI; at most 1000 entries for a woken client without COUNT; a BullMQ-like worker
// pool; CLIENT UNBLOCK; pipelines behind a blocked read.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Differential } from '../support/differential.js';
import type { RawClient } from '../support/raw-client.js';
import { createRequire } from 'node:module';

type IoClient = { call(...args: string[]): Promise<unknown>; disconnect(): void };

type Pair = { ours: RawClient; redis: RawClient };

describe('blocking stream reads against redis-server', () => {
  let d: Differential;
  const pairs: Pair[] = [];
  beforeAll(async () => {
    d = await Differential.start();
  });
  afterAll(async () => {
    for (const p of pairs) {
      p.ours.close();
      p.redis.close();
    }
    await d.stop();
  });
  beforeEach(async () => d.reset());

  async function client(): Promise<Pair> {
    const p = await d.pair();
    pairs.push(p);
    return p;
  }

  /** Sends a command on both sides of a pair without waiting; resolves to both replies. */
  function send(p: Pair, ...args: string[]): Promise<[string, string]> {
    return Promise.all([p.ours.call(...args), p.redis.call(...args)]).then(([a, b]) => [a.toString('latin1'), b.toString('latin1')]);
  }

  async function same(reply: Promise<[string, string]>): Promise<string> {
    const [a, b] = await reply;
    expect(a).toBe(b);
    return a;
  }

  it('answers at once when there is something to read, and times out with a null array', async () => {
    await d.check([
      ['XADD', 's', '1-0', 'f', 'v'],
      ['XREAD', 'BLOCK', '0', 'STREAMS', 's', '0'],
      ['XREAD', 'BLOCK', '10', 'STREAMS', 's', '$'],
      ['XREAD', 'BLOCK', '10', 'STREAMS', 'nokey', '$'],
      ['XGROUP', 'CREATE', 's', 'g', '$'],
      ['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '10', 'STREAMS', 's', '>'],
      ['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '10', 'STREAMS', 's', '0'],
      ['XINFO', 'GROUPS', 's'],
    ]);
  });

  it('wakes XREAD $ on XADD, serving only the new entry', async () => {
    await d.check([['XADD', 's', '1-0', 'f', 'old']]);
    const b = await client();
    const waiting = send(b, 'XREAD', 'BLOCK', '0', 'STREAMS', 's', '$');
    await d.waitBlocked(1);
    await d.check([['XADD', 's', '2-0', 'f', 'new']]);
    expect(await same(waiting)).toBe('*1\r\n*2\r\n$1\r\ns\r\n*1\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$1\r\nf\r\n$3\r\nnew\r\n');
    await d.waitBlocked(0);
  });

  it('serves each waiting reader for its own ID, in the order they blocked', async () => {
    await d.check([['XADD', 's', '5-0', 'f', 'v']]);
    const [b1, b2, b3] = [await client(), await client(), await client()];
    const w1 = send(b1, 'XREAD', 'BLOCK', '0', 'STREAMS', 's', '20-0');
    await d.waitBlocked(1);
    const w2 = send(b2, 'XREAD', 'COUNT', '1', 'BLOCK', '0', 'STREAMS', 's', '$');
    await d.waitBlocked(2);
    const w3 = send(b3, 'XREAD', 'BLOCK', '0', 'STREAMS', 'other', 's', '$', '$');
    await d.waitBlocked(3);
    await d.check([['XADD', 's', '10-0', 'f', 'ten']]);
    await same(w2);
    await same(w3);
    await d.waitBlocked(1);
    await d.check([['XADD', 's', '15-0', 'f', 'v'], ['XADD', 's', '25-0', 'f', 'twenty-five']]);
    await same(w1);
  });

  it('serves the key that became ready, even when another of its keys changed type', async () => {
    const b = await client();
    const waiting = send(b, 'XREAD', 'BLOCK', '0', 'STREAMS', 'a', 'b', '$', '$');
    await d.waitBlocked(1);
    await d.check([['SET', 'b', 'x'], ['XADD', 'a', '1-1', 'f', 'v']]);
    await same(waiting);
    const again = send(b, 'XREAD', 'BLOCK', '0', 'STREAMS', 'c', 'a', '$', '$');
    await d.waitBlocked(1);
    await d.check([['DEL', 'a'], ['XADD', 'a', '0-5', 'f', 'lower'], ['XADD', 'c', '3-3', 'f', 'v']]);
    expect(await same(again)).toContain('$1\r\nc\r\n');
  });

  it('keeps an XREAD waiting when its key is deleted or replaced, until entries come after its ID', async () => {
    await d.check([['XADD', 's', '5-0', 'f', 'v']]);
    const b = await client();
    const waiting = send(b, 'XREAD', 'BLOCK', '0', 'STREAMS', 's', '$');
    await d.waitBlocked(1);
    await d.check([['DEL', 's'], ['SET', 's', 'x'], ['DEL', 's'], ['XADD', 's', '1-0', 'f', 'v'], ['XGROUP', 'CREATE', 's', 'g', '$']]);
    await d.waitBlocked(1);
    await d.check([['XADD', 's', '6-0', 'f', 'v']]);
    await same(waiting);
  });

  it('wakes a reader on a missing key when the stream is created', async () => {
    const b = await client();
    const waiting = send(b, 'XREAD', 'BLOCK', '0', 'STREAMS', 'new', '$');
    await d.waitBlocked(1);
    await d.check([['XGROUP', 'CREATE', 'new', 'g', '$', 'MKSTREAM']]);
    await d.waitBlocked(1);
    await d.check([['XADD', 'new', '1-1', 'f', 'v']]);
    await same(waiting);
  });

  it('runs BullMQ-like workers: each XADD wakes one XREADGROUP worker of the group', async () => {
    await d.check([['XGROUP', 'CREATE', 'jobs', 'workers', '$', 'MKSTREAM'], ['XGROUP', 'CREATE', 'jobs', 'audit', '$']]);
    const [w1, w2, w3] = [await client(), await client(), await client()];
    const j1 = send(w1, 'XREADGROUP', 'GROUP', 'workers', 'w1', 'COUNT', '1', 'BLOCK', '0', 'STREAMS', 'jobs', '>');
    await d.waitBlocked(1);
    const j2 = send(w2, 'XREADGROUP', 'GROUP', 'workers', 'w2', 'COUNT', '1', 'BLOCK', '0', 'STREAMS', 'jobs', '>');
    await d.waitBlocked(2);
    const a1 = send(w3, 'XREADGROUP', 'GROUP', 'audit', 'a', 'NOACK', 'BLOCK', '0', 'STREAMS', 'jobs', '>');
    await d.waitBlocked(3);
    await d.check([['XADD', 'jobs', '1-0', 'job', 'one']]);
    expect(await same(j1)).toContain('one');
    await same(a1);
    await d.waitBlocked(1);
    await d.check([['XADD', 'jobs', '2-0', 'job', 'two']]);
    expect(await same(j2)).toContain('two');
    await d.check([
      ['XPENDING', 'jobs', 'workers'],
      ['XPENDING', 'jobs', 'audit'],
      ['XACK', 'jobs', 'workers', '1-0'],
      ['XINFO', 'GROUPS', 'jobs'],
    ]);
    // A worker that comes back finds the backlog at once.
    await d.check([['XADD', 'jobs', '3-0', 'job', 'three'], ['XADD', 'jobs', '4-0', 'job', 'four']]);
    expect(await same(send(w1, 'XREADGROUP', 'GROUP', 'workers', 'w1', 'COUNT', '1', 'BLOCK', '0', 'STREAMS', 'jobs', '>'))).toContain('three');
  });

  it('runs a job queue through ioredis as BullMQ does: blocked workers, events reader, acks, stalled job reclaimed', async () => {
    // ioredis 5 speaks RESP2, as our server does (ioredis 6 would get RESP3 maps from Redis).
    const Redis = createRequire(import.meta.url)('ioredis5') as new (opts: object) => IoClient;
    const run = async (port: number): Promise<unknown[]> => {
      const open = () => new Redis({ port, host: '127.0.0.1', db: 3, maxRetriesPerRequest: 1 });
      const [producer, w1, w2, events] = [open(), open(), open(), open()];
      try {
        const out: unknown[] = [];
        await producer.call('FLUSHDB');
        out.push(await producer.call('XGROUP', 'CREATE', 'q', 'workers', '$', 'MKSTREAM'));
        const firstEvent = events.call('XREAD', 'BLOCK', '5000', 'STREAMS', 'q', '$');
        const job1 = w1.call('XREADGROUP', 'GROUP', 'workers', 'w1', 'COUNT', '1', 'BLOCK', '5000', 'STREAMS', 'q', '>');
        const job2 = w2.call('XREADGROUP', 'GROUP', 'workers', 'w2', 'COUNT', '1', 'BLOCK', '5000', 'STREAMS', 'q', '>');
        await new Promise((r) => setTimeout(r, 50));
        for (let i = 1; i <= 3; i++) out.push(await producer.call('XADD', 'q', 'MAXLEN', '~', '1000', `${i}-0`, 'name', `job${i}`, 'data', '{"n":' + i + '}'));
        out.push(await job1, await job2, await firstEvent);
        out.push(await w1.call('XACK', 'q', 'workers', '1-0'));
        // w2 stalls; the next XREADGROUP of w1 takes the third job, then reclaims w2's.
        out.push(await w1.call('XREADGROUP', 'GROUP', 'workers', 'w1', 'COUNT', '1', 'BLOCK', '1000', 'STREAMS', 'q', '>'));
        out.push(await w1.call('XAUTOCLAIM', 'q', 'workers', 'w1', '0', '0-0', 'COUNT', '10'));
        out.push(await w1.call('XACK', 'q', 'workers', '2-0', '3-0'));
        out.push(await producer.call('XPENDING', 'q', 'workers'));
        out.push(await producer.call('XINFO', 'GROUPS', 'q'));
        out.push(await w2.call('XREADGROUP', 'GROUP', 'workers', 'w2', 'COUNT', '1', 'BLOCK', '30', 'STREAMS', 'q', '>'));
        return out;
      } finally {
        for (const c of [producer, w1, w2, events]) c.disconnect();
      }
    };
    const [ours, redis] = await Promise.all([run(d.ourPort), run(d.redisPort)]);
    expect(ours).toEqual(redis);
    expect(JSON.stringify(ours)).toContain('job3');
  });

  it('answers a waiting XREADGROUP with NOGROUP or UNBLOCKED when its group or key goes', async () => {
    await d.check([
      ['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM'],
      ['XGROUP', 'CREATE', 't', 'g', '$', 'MKSTREAM'],
      ['XGROUP', 'CREATE', 'u', 'g', '$', 'MKSTREAM'],
    ]);
    const [b1, b2, b3] = [await client(), await client(), await client()];
    const destroyed = send(b1, 'XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>');
    await d.waitBlocked(1);
    const deleted = send(b2, 'XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 't', '>');
    await d.waitBlocked(2);
    const replaced = send(b3, 'XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 'u', '>');
    await d.waitBlocked(3);
    await d.check([['XGROUP', 'DESTROY', 's', 'g']]);
    expect(await same(destroyed)).toBe('-NOGROUP the consumer group this client was blocked on no longer exists\r\n');
    await d.check([['DEL', 't']]);
    expect(await same(deleted)).toBe('-UNBLOCKED the stream key no longer exists\r\n');
    await d.check([['SET', 'u', 'x']]);
    expect(await same(replaced)).toBe('-UNBLOCKED the stream key no longer exists\r\n');
    await d.waitBlocked(0);
    // A group destroyed on one of several streams answers when that stream is signalled.
    await d.check([['XGROUP', 'CREATE', 'v', 'g', '$', 'MKSTREAM'], ['XGROUP', 'CREATE', 'w', 'g', '$', 'MKSTREAM']]);
    const two = send(b1, 'XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 'v', 'w', '>', '>');
    await d.waitBlocked(1);
    await d.check([['XGROUP', 'DESTROY', 'w', 'g']]);
    await same(two);
    await d.check([['XINFO', 'CONSUMERS', 'v', 'g']]);
  });

  it('answers waiting group readers UNBLOCKED on FLUSHALL and SWAPDB, and leaves plain readers waiting', async () => {
    const [b1, b2] = [await client(), await client()];
    for (const wipe of [['FLUSHALL'], ['FLUSHDB'], ['SWAPDB', '0', '1']]) {
      await d.reset();
      await d.check([['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM']]);
      const grouped = send(b1, 'XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>');
      await d.waitBlocked(1);
      const plain = send(b2, 'XREAD', 'BLOCK', '0', 'STREAMS', 's', '$');
      await d.waitBlocked(2);
      await d.check([wipe]);
      expect(await same(grouped)).toBe('-UNBLOCKED the stream key no longer exists\r\n');
      await d.waitBlocked(1);
      await d.check([['XADD', 's', '1-1', 'f', 'v']]);
      await same(plain);
    }
  });

  it('keeps a group reader waiting through other group changes', async () => {
    await d.check([['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM']]);
    const b = await client();
    const waiting = send(b, 'XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>');
    await d.waitBlocked(1);
    await d.check([
      ['XGROUP', 'CREATE', 's', 'other', '$'],
      ['XGROUP', 'CREATECONSUMER', 's', 'g', 'x'],
      ['XADD', 's', '1-0', 'f', 'v'],
    ]);
    expect(await same(waiting)).toContain('1-0');
    const next = send(b, 'XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>');
    await d.waitBlocked(1);
    // SETID back makes old entries new again: the waiting reader gets them on the next signal.
    await d.check([['XGROUP', 'SETID', 's', 'g', '0'], ['XADD', 's', '2-0', 'f', 'v']]);
    await same(next);
    await d.check([['XPENDING', 's', 'g'], ['XINFO', 'GROUPS', 's']]);
  });

  it('answers as without BLOCK inside MULTI, and serves what a transaction added when it ends', async () => {
    await d.check([
      ['MULTI'],
      ['XREAD', 'BLOCK', '0', 'STREAMS', 's', '$'],
      ['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM'],
      ['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>'],
      ['EXEC'],
    ]);
    const b = await client();
    const added = send(b, 'XREAD', 'BLOCK', '0', 'STREAMS', 's', '$');
    await d.waitBlocked(1);
    await d.check([['MULTI'], ['XADD', 's', '1-0', 'f', 'v'], ['XADD', 's', '2-0', 'f', 'v'], ['XDEL', 's', '1-0'], ['EXEC']]);
    await same(added);
    // Added and deleted before the reader runs: it is served an empty list, as Redis does.
    const empty = send(b, 'XREAD', 'BLOCK', '0', 'STREAMS', 's', '$');
    await d.waitBlocked(1);
    await d.check([['MULTI'], ['XADD', 's', '3-0', 'f', 'v'], ['XDEL', 's', '3-0'], ['EXEC']]);
    expect(await same(empty)).toBe('*1\r\n*2\r\n$1\r\ns\r\n*0\r\n');
    // Two streams filled in one transaction: the one filled first is served.
    const first = send(b, 'XREAD', 'BLOCK', '0', 'STREAMS', 's', 't', '$', '$');
    await d.waitBlocked(1);
    await d.check([['MULTI'], ['XADD', 't', '4-0', 'f', 'v'], ['XADD', 's', '5-0', 'f', 'v'], ['EXEC']]);
    expect(await same(first)).toContain('$1\r\nt\r\n');
  });

  it('serves a woken reader at most 1000 entries without COUNT, and COUNT with it', async () => {
    const big: string[][] = [['MULTI']];
    for (let i = 1; i <= 1005; i++) big.push(['XADD', 's', `${i}-0`, 'f', 'v']);
    big.push(['EXEC']);
    const [b1, b2, b3] = [await client(), await client(), await client()];
    const uncounted = send(b1, 'XREAD', 'BLOCK', '0', 'STREAMS', 's', '$');
    await d.waitBlocked(1);
    const counted = send(b2, 'XREAD', 'COUNT', '3', 'BLOCK', '0', 'STREAMS', 's', '0');
    await d.waitBlocked(2);
    await d.check([['XGROUP', 'CREATE', 'q', 'g', '$', 'MKSTREAM']]);
    const grouped = send(b3, 'XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 'q', '>');
    await d.waitBlocked(3);
    await d.checkPipeline(big);
    const all = await same(uncounted);
    expect(all.startsWith('*1\r\n*2\r\n$1\r\ns\r\n*1000\r\n')).toBe(true);
    expect(await same(counted)).toContain('*3\r\n');
    const bigq = big.map((c) => (c[0] === 'XADD' ? ['XADD', 'q', ...c.slice(2)] : c));
    await d.checkPipeline(bigq);
    expect((await same(grouped)).startsWith('*1\r\n*2\r\n$1\r\nq\r\n*1000\r\n')).toBe(true);
    await d.check([['XPENDING', 'q', 'g'], ['XINFO', 'GROUPS', 'q']]);
  });

  it('ends a wait with CLIENT UNBLOCK, and times out', async () => {
    const b = await client();
    const [ido, idr] = await Promise.all([b.ours.call('CLIENT', 'ID'), b.redis.call('CLIENT', 'ID')]);
    const waiting = send(b, 'XREAD', 'BLOCK', '0', 'STREAMS', 's', '$');
    await d.waitBlocked(1);
    const [uo, ur] = await Promise.all([
      d.ours.call('CLIENT', 'UNBLOCK', ido.toString().slice(1).trim()),
      d.redis.call('CLIENT', 'UNBLOCK', idr.toString().slice(1).trim()),
    ]);
    expect(uo.toString()).toBe(ur.toString());
    expect(await same(waiting)).toBe('*-1\r\n');
    await d.check([['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM']]);
    const grouped = send(b, 'XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>');
    await d.waitBlocked(1);
    await Promise.all([
      d.ours.call('CLIENT', 'UNBLOCK', ido.toString().slice(1).trim(), 'ERROR'),
      d.redis.call('CLIENT', 'UNBLOCK', idr.toString().slice(1).trim(), 'ERROR'),
    ]);
    await same(grouped);
    expect(await same(send(b, 'XREAD', 'BLOCK', '30', 'STREAMS', 's', '$'))).toBe('*-1\r\n');
    expect(await same(send(b, 'XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '30', 'STREAMS', 's', '>'))).toBe('*-1\r\n');
  });

  it('waits for timeouts beyond what one timer can hold (2^31 ms and more)', async () => {
    const [b1, b2] = [await client(), await client()];
    const long = send(b1, 'XREAD', 'BLOCK', '2147483648', 'STREAMS', 's', '$');
    await d.waitBlocked(1);
    const longest = send(b2, 'XREAD', 'COUNT', '9223372036854775807', 'BLOCK', '9223372036854775806', 'STREAMS', 's', '$');
    await d.waitBlocked(2);
    await new Promise((r) => setTimeout(r, 50));
    await d.waitBlocked(2);
    await d.check([['XADD', 's', '1-1', 'f', 'v']]);
    await same(long);
    await same(longest);
  });

  it('holds the commands pipelined behind a blocked read until it is served', async () => {
    const b = await client();
    const cmds = [['XREAD', 'BLOCK', '0', 'STREAMS', 's', '$'], ['PING'], ['XLEN', 's']];
    const replies = Promise.all([b.ours.pipeline(cmds), b.redis.pipeline(cmds)]);
    await d.waitBlocked(1);
    await d.check([['XADD', 's', 'MAXLEN', '1', '7-7', 'f', 'v']]);
    const [ours, redis] = await replies;
    expect(ours.map((r) => r.toString('latin1'))).toEqual(redis.map((r) => r.toString('latin1')));
  });

  it('is not woken by XDEL, XTRIM or XSETID, which give it nothing new', async () => {
    await d.check([
      ['XADD', 's', '1-0', 'f', 'v'],
      ['XADD', 's', '2-0', 'f', 'v'],
      ['XADD', 's', '3-0', 'f', 'v'],
      ['XGROUP', 'CREATE', 's', 'g', '1-0'],
      ['XDEL', 's', '2-0', '3-0'],
    ]);
    const [b1, b2] = [await client(), await client()];
    const grouped = send(b1, 'XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>');
    await d.waitBlocked(1);
    const plain = send(b2, 'XREAD', 'BLOCK', '0', 'STREAMS', 's', '1-0');
    await d.waitBlocked(2);
    await d.check([['XDEL', 's', '1-0'], ['XADD', 't', '1-0', 'f', 'v'], ['XTRIM', 's', 'MAXLEN', '0'], ['XSETID', 's', '9-0']]);
    await d.waitBlocked(2);
    await d.check([['XADD', 's', '10-0', 'f', 'ten']]);
    await same(grouped);
    await same(plain);
  });

  it('invalidates WATCH on XADD, XDEL and XTRIM only, as Redis does', async () => {
    const w = await client();
    const changes: string[][] = [
      ['XADD', 's', '*', 'f', 'v'],
      ['XDEL', 's', '1-0'],
      ['XDEL', 's', '9-9'],
      ['XTRIM', 's', 'MAXLEN', '0'],
      ['XTRIM', 's', 'MAXLEN', '100'],
      ['XSETID', 's', '50-0'],
      ['XGROUP', 'CREATE', 's', 'g2', '0'],
      ['XGROUP', 'SETID', 's', 'g', '0'],
      ['XGROUP', 'DESTROY', 's', 'g'],
      ['XGROUP', 'CREATECONSUMER', 's', 'g', 'new'],
      ['XGROUP', 'DELCONSUMER', 's', 'g', 'c'],
      ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', '>'],
      ['XACK', 's', 'g', '1-0'],
      ['XCLAIM', 's', 'g', 'd', '0', '1-0', 'JUSTID'],
      ['XAUTOCLAIM', 's', 'g', 'd', '0', '0', 'JUSTID'],
    ];
    for (const change of changes) {
      await d.reset();
      await d.check([
        ['XADD', 's', '1-0', 'f', 'v'],
        ['XADD', 's', '2-0', 'f', 'v'],
        ['XGROUP', 'CREATE', 's', 'g', '0'],
        ['XREADGROUP', 'GROUP', 'g', 'c', 'COUNT', '1', 'STREAMS', 's', '>'],
      ]);
      await same(send(w, 'WATCH', 's'));
      await send(w, ...change);
      await same(send(w, 'MULTI'));
      await same(send(w, 'PING'));
      await same(send(w, 'EXEC'));
    }
  });

  it('forgets a reader that disconnects while blocked', async () => {
    const b = await client();
    void send(b, 'XREAD', 'BLOCK', '0', 'STREAMS', 'gone', '$').catch(() => {});
    await d.waitBlocked(1);
    b.ours.close();
    b.redis.close();
    await d.waitBlocked(0);
    await d.check([['XADD', 'gone', '1-1', 'f', 'v'], ['XLEN', 'gone']]);
  });
});
