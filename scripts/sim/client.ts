// Simulated clients: each has at most one operation outstanding, sends it to the node it
// believes leads (or any node), follows redirects, and records every invocation and response
// in the shared history. A write whose outcome never arrives stays "unknown" (it may or may
// not have taken effect); a read without an answer is simply dropped.

import type { SeededRandom } from '../../raft/random.js';
import type { NodeId } from '../../raft/types.js';
import type { KvInput, KvOutput } from './kv.js';
import type { KvOperation } from './kv-model.js';
import type { ClientResponse } from './network.js';

export class History {
  ops: KvOperation[] = [];
  private clock = 0;
  unknown = 0;
  failedReads = 0;
  /** Writes whose client gave up, by "client:op" → position in ops. */
  private readonly unresolved = new Map<string, number>();
  /** First time any node applied each client command, and the output it computed. */
  private readonly applied = new Map<string, { time: number; output: KvOutput }>();

  /** Strictly increasing logical time: no two events tie. */
  tick(): number {
    return ++this.clock;
  }

  record(op: KvOperation): void {
    this.ops.push(op);
  }

  recordUnknown(client: number, opId: number, input: KvInput, call: number): void {
    this.unresolved.set(`${client}:${opId}`, this.ops.length);
    this.ops.push({ id: this.ops.length, input, output: undefined, call, ret: Infinity });
    this.unknown++;
  }

  /** A node applied a client's command (the first application is when it took effect at the latest). */
  onApplied(client: number, opId: number, output: KvOutput): void {
    const key = `${client}:${opId}`;
    if (!this.applied.has(key)) this.applied.set(key, { time: this.tick(), output });
  }

  /**
   * After the liveness phase every committed entry has been applied, and an entry not committed
   * by then never will be (the leader committed in a newer term). So a write the client gave up
   * on either took effect — it returned, at the latest, when first applied, with the output the
   * state machine computed — or never happened and leaves the history.
   */
  resolveUnknown(): number {
    let resolved = 0;
    const drop = new Set<number>();
    for (const [key, at] of this.unresolved) {
      const op = this.ops[at] as KvOperation;
      const done = this.applied.get(key);
      if (done === undefined) drop.add(at);
      else this.ops[at] = { ...op, output: done.output, ret: Math.max(done.time, op.call + 0.5) };
      resolved++;
    }
    this.unresolved.clear();
    if (drop.size > 0) this.ops = this.ops.filter((_, i) => !drop.has(i)).map((op, id) => ({ ...op, id }));
    return resolved;
  }
}

interface Outstanding {
  readonly op: number;
  readonly input: KvInput;
  readonly call: number;
  readonly deadline: number;
  target: NodeId;
  /** A redirect arrived; resend at this time. */
  retryAt: number;
}

export interface ClientEnv {
  now: number;
  /** Record a line in the run's trace. */
  note(what: string | (() => string)): void;
  members(): readonly NodeId[];
  send(to: NodeId, client: number, op: number, input: KvInput): void;
}

export class SimClient {
  private outstanding: Outstanding | null = null;
  private nextOp = 1;
  private nextStart = 0;
  private leaderGuess: NodeId = 0;
  private readonly seen: string[] = [];
  completed = 0;
  stopped = false;

  constructor(
    readonly id: number,
    private readonly rng: SeededRandom,
    private readonly history: History,
    private readonly keys: number,
    private readonly timeoutMs: number,
  ) {}

  get idle(): boolean {
    return this.outstanding === null;
  }

  step(env: ClientEnv): void {
    const o = this.outstanding;
    if (o !== null) {
      if (env.now >= o.deadline) {
        env.note(`c${this.id} #${o.op} timed out`);
        this.giveUp(o);
      }
      else if (o.retryAt > 0 && env.now >= o.retryAt) {
        o.retryAt = 0;
        env.send(o.target, this.id, o.op, o.input);
      }
      return;
    }
    if (this.stopped || env.now < this.nextStart) return;
    const input = this.nextInput();
    const members = env.members();
    const target = this.leaderGuess !== 0 && members.includes(this.leaderGuess) && this.rng.chance(0.8) ? this.leaderGuess : this.rng.pick(members);
    const op: Outstanding = { op: this.nextOp++, input, call: this.history.tick(), deadline: env.now + this.timeoutMs, target, retryAt: 0 };
    this.outstanding = op;
    env.send(target, this.id, op.op, input);
    env.note(() => `c${this.id} #${op.op} invoke ${describeInput(input)} → n${target}`);
  }

  onResponse(resp: ClientResponse, env: ClientEnv): void {
    const o = this.outstanding;
    if (o === null || resp.op !== o.op) return; // late answer to an operation we gave up on
    switch (resp.outcome) {
      case 'ok':
        this.history.record({ id: this.history.ops.length, input: o.input, output: resp.output, call: o.call, ret: this.history.tick() });
        env.note(() => `c${this.id} #${o.op} ok ${JSON.stringify(resp.output)} from n${o.target}`);
        if (o.input.kind === 'get' && typeof resp.output === 'string') this.seen.push(resp.output);
        this.leaderGuess = o.target;
        this.finish(env);
        return;
      case 'redirect': {
        const members = env.members();
        o.target = resp.leader !== 0 && members.includes(resp.leader) ? resp.leader : this.rng.pick(members);
        this.leaderGuess = resp.leader;
        o.retryAt = env.now + (resp.leader !== 0 ? 1 : this.rng.between(5, 30));
        return;
      }
      case 'failed':
        // certainly no effect: leave it out of the history
        if (o.input.kind === 'get') this.history.failedReads++;
        this.finish(env);
        return;
    }
  }

  private giveUp(o: Outstanding): void {
    if (o.input.kind !== 'get') {
      this.history.recordUnknown(this.id, o.op, o.input, o.call);
    } else {
      this.history.failedReads++;
    }
    this.outstanding = null;
    this.leaderGuess = 0;
    this.nextStart = 0;
  }

  private finish(env: ClientEnv): void {
    this.outstanding = null;
    this.completed++;
    this.nextStart = env.now + this.rng.between(0, 20);
  }

  private nextInput(): KvInput {
    const key = `k${this.rng.nextInt(this.keys)}`;
    const value = `${this.id}.${this.nextOp}`;
    const roll = this.rng.nextFloat();
    if (roll < 0.4) return { kind: 'get', key };
    if (roll < 0.65) return { kind: 'put', key, value };
    if (roll < 0.8) return { kind: 'append', key, value: `+${value}` };
    const expected = this.seen.length > 0 && this.rng.chance(0.7) ? this.rng.pick(this.seen.slice(-5)) : this.rng.chance(0.5) ? null : value;
    return { kind: 'cas', key, expected, value };
  }
}

function describeInput(i: KvInput): string {
  return i.kind === 'get' ? `get ${i.key}` : i.kind === 'cas' ? `cas ${i.key} ${JSON.stringify(i.expected)}→${JSON.stringify(i.value)}` : `${i.kind} ${i.key} ${JSON.stringify(i.value)}`;
}

export function describeOp(o: KvOperation): string {
  const what = describeInput(o.input);
  const out: KvOutput | undefined = o.output;
  return `[${o.call}, ${o.ret === Infinity ? '∞' : o.ret}] ${what} → ${out === undefined ? '?' : JSON.stringify(out)}`;
}
