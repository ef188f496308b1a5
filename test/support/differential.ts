// Differential testing: the same commands go to our server and to a real redis-server, and the
// replies must be the same bytes. Use `sorted` for replies whose order Redis leaves unspecified
// (KEYS, SMEMBERS, SCAN's elements): their elements are compared as sorted multisets.

import { RawClient, type Arg } from './raw-client.js';
import { decodeReply, type Reply } from './resp-reader.js';
import { startOurServer, startRealRedis, type RunningServer } from './servers.js';
import type { RedisServer } from '../../src/server.js';

export interface CompareOptions {
  /** Compare array replies as sorted lists (order unspecified by Redis). */
  sorted?: boolean;
}

export interface Mismatch {
  command: string;
  ours: string;
  redis: string;
}

export class Differential {
  private constructor(
    readonly ours: RawClient,
    readonly redis: RawClient,
    private readonly servers: RunningServer[],
  ) {}

  /** Starts both servers with the same redis-server options (`--name value`) and connects one client to each. */
  static async start(args: string[] = []): Promise<Differential> {
    const [o, r] = await Promise.all([startOurServer(args), startRealRedis(args)]);
    const [oc, rc] = await Promise.all([RawClient.connect(o.port), RawClient.connect(r.port)]);
    return new Differential(oc, rc, [o, r]);
  }

  get ourPort(): number {
    return this.servers[0]!.port;
  }

  get redisPort(): number {
    return this.servers[1]!.port;
  }

  /** Our in-process server, for tests that look at state no command shows yet. */
  get ourServer(): RedisServer {
    return (this.servers[0] as RunningServer & { server: RedisServer }).server;
  }

  /** Sends one command to both; returns a mismatch or null. */
  async compare(args: readonly Arg[], opts: CompareOptions = {}): Promise<Mismatch | null> {
    const [a, b] = await Promise.all([this.ours.call(...args), this.redis.call(...args)]);
    return compareReplies(args, a, b, opts);
  }

  /** Sends each command to both in turn and throws with every mismatch found. */
  async check(commands: ReadonlyArray<readonly Arg[]>, opts: CompareOptions = {}): Promise<void> {
    const mismatches: Mismatch[] = [];
    for (const c of commands) {
      const m = await this.compare(c, opts);
      if (m) mismatches.push(m);
    }
    if (mismatches.length > 0) throw new Error(formatMismatches(mismatches));
  }

  /** Like check, for one command. */
  async same(...args: Arg[]): Promise<void> {
    await this.check([args]);
  }

  /** Sends the same pipeline to both (one write each) and compares every reply. */
  async checkPipeline(commands: ReadonlyArray<readonly Arg[]>, opts: CompareOptions = {}): Promise<void> {
    const [a, b] = await Promise.all([this.ours.pipeline(commands), this.redis.pipeline(commands)]);
    const mismatches: Mismatch[] = [];
    commands.forEach((c, i) => {
      const m = compareReplies(c, a[i]!, b[i]!, opts);
      if (m) mismatches.push(m);
    });
    if (mismatches.length > 0) throw new Error(formatMismatches(mismatches));
  }

  /** Sends raw bytes to both and compares everything each sends back until it closes or goes quiet. */
  async rawExchange(bytes: Buffer | string, quietMs = 150): Promise<{ ours: string; redis: string; oursClosed: boolean; redisClosed: boolean }> {
    const run = async (c: RawClient) => {
      c.writeRaw(bytes);
      await Promise.race([c.waitClosed(), new Promise((r) => setTimeout(r, quietMs))]);
      return { text: c.unread.toString('latin1'), closed: c.closed };
    };
    const [o, r] = await Promise.all([run(this.ours), run(this.redis)]);
    return { ours: o.text, redis: r.text, oursClosed: o.closed, redisClosed: r.closed };
  }

  /** Another client on each server, for tests that need several connections (blocking, WATCH). */
  async pair(): Promise<{ ours: RawClient; redis: RawClient }> {
    const [ours, redis] = await Promise.all([RawClient.connect(this.ourPort), RawClient.connect(this.redisPort)]);
    return { ours, redis };
  }

  /** Waits until both servers report `n` clients blocked (INFO clients: blocked_clients). */
  async waitBlocked(n: number): Promise<void> {
    for (let i = 0; i < 400; i++) {
      const [a, b] = await Promise.all([this.ours.call('INFO', 'clients'), this.redis.call('INFO', 'clients')]);
      const want = `blocked_clients:${n}\r\n`;
      if (a.toString('latin1').includes(want) && b.toString('latin1').includes(want)) return;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`servers did not reach ${n} blocked clients`);
  }

  /** Reconnects both clients (after a test closed them). */
  async reconnect(): Promise<void> {
    this.ours.close();
    this.redis.close();
    const [oc, rc] = await Promise.all([RawClient.connect(this.ourPort), RawClient.connect(this.redisPort)]);
    (this as { ours: RawClient }).ours = oc;
    (this as { redis: RawClient }).redis = rc;
  }

  /** FLUSHALL on both and back to database 0. */
  async reset(): Promise<void> {
    await this.check([['FLUSHALL'], ['SELECT', '0']]);
  }

  async stop(): Promise<void> {
    this.ours.close();
    this.redis.close();
    await Promise.all(this.servers.map((s) => s.stop()));
  }
}

function compareReplies(args: readonly Arg[], a: Buffer, b: Buffer, opts: CompareOptions): Mismatch | null {
  if (a.equals(b)) return null;
  if (opts.sorted) {
    const [ra] = decodeReply(a);
    const [rb] = decodeReply(b);
    if (JSON.stringify(sortDeep(ra)) === JSON.stringify(sortDeep(rb))) return null;
  }
  return {
    command: args.map((x) => (typeof x === 'string' ? x : x.toString('latin1'))).join(' '),
    ours: a.toString('latin1'),
    redis: b.toString('latin1'),
  };
}

function sortDeep(r: Reply): unknown {
  if (Array.isArray(r)) return r.map(sortDeep).map((x) => JSON.stringify(x)).sort();
  if (r instanceof Error) return { error: r.message };
  return r;
}

function formatMismatches(ms: Mismatch[]): string {
  return ms
    .slice(0, 20)
    .map((m) => `${JSON.stringify(m.command)}\n  ours:  ${JSON.stringify(m.ours)}\n  redis: ${JSON.stringify(m.redis)}`)
    .join('\n');
}
