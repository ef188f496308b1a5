// A linearizability checker in the Wing–Gong style with Lowe's memoization, as Porcupine does
// it: walk the history's call/return events, linearize a pending call whenever the model accepts
// it, cache (set of linearized ops, state) pairs already explored, and backtrack when a return
// is reached whose call could not be placed. Histories are partitioned (e.g. by key) first.

export interface Operation<I, O> {
  readonly id: number;
  readonly input: I;
  /** undefined when the client never learned the outcome (it may take effect or not). */
  readonly output: O | undefined;
  /** Logical times, all distinct; `ret` is Infinity when the outcome is unknown. */
  readonly call: number;
  readonly ret: number;
}

export interface Model<S, I, O> {
  init(): S;
  /** The next state if `input` with `output` is legal in `state`, else undefined. */
  step(state: S, input: I, output: O | undefined): { next: S } | undefined;
  /** Identity of a state for memoization. */
  key(state: S): string;
  partition?(ops: readonly Operation<I, O>[]): Operation<I, O>[][];
}

export type CheckResult<I, O> =
  | { readonly ok: true; readonly partitions: number; readonly explored: number }
  | { readonly ok: false; readonly partition: readonly Operation<I, O>[]; readonly explored: number }
  | { readonly ok: 'unknown'; readonly reason: string; readonly partition: readonly Operation<I, O>[]; readonly explored: number };

interface Event {
  readonly op: number; // index into the partition
  readonly isCall: boolean;
  readonly time: number;
  match: Event | null; // call → its return
  prev: Event | null;
  next: Event | null;
}

export function checkLinearizable<S, I, O>(model: Model<S, I, O>, history: readonly Operation<I, O>[], budget = 5_000_000): CheckResult<I, O> {
  const parts = model.partition ? model.partition(history) : [history.slice()];
  let explored = 0;
  for (const part of parts) {
    const r = checkPartition(model, part, budget - explored);
    explored += r.explored;
    if (r.result === 'unknown') return { ok: 'unknown', reason: `search budget exhausted on a partition of ${part.length} operations`, partition: part, explored };
    if (r.result === false) return { ok: false, partition: part, explored };
  }
  return { ok: true, partitions: parts.length, explored };
}

function checkPartition<S, I, O>(model: Model<S, I, O>, ops: readonly Operation<I, O>[], budget: number): { result: boolean | 'unknown'; explored: number } {
  const n = ops.length;
  if (n === 0) return { result: true, explored: 0 };
  const events: Event[] = [];
  ops.forEach((op, i) => {
    const call: Event = { op: i, isCall: true, time: op.call, match: null, prev: null, next: null };
    const ret: Event = { op: i, isCall: false, time: op.ret, match: null, prev: null, next: null };
    call.match = ret;
    events.push(call, ret);
  });
  // calls before returns at equal (infinite) times, otherwise by time then op order
  events.sort((a, b) => a.time - b.time || (a.isCall === b.isCall ? a.op - b.op : a.isCall ? -1 : 1) || 0);
  const head: Event = { op: -1, isCall: false, time: -Infinity, match: null, prev: null, next: null };
  let prev = head;
  for (const e of events) {
    prev.next = e;
    e.prev = prev;
    prev = e;
  }

  const linearized = new Uint32Array((n + 31) >>> 5);
  const seen = new Set<string>();
  const stack: { event: Event; state: S }[] = [];
  let state = model.init();
  let entry: Event | null = head.next;
  let explored = 0;

  const lift = (call: Event): void => {
    (call.prev as Event).next = call.next;
    if (call.next) call.next.prev = call.prev;
    const ret = call.match as Event;
    (ret.prev as Event).next = ret.next;
    if (ret.next) ret.next.prev = ret.prev;
  };
  const unlift = (call: Event): void => {
    const ret = call.match as Event;
    (ret.prev as Event).next = ret;
    if (ret.next) ret.next.prev = ret;
    (call.prev as Event).next = call;
    if (call.next) call.next.prev = call;
  };
  const bitsKey = (): string => {
    let s = '';
    for (let i = 0; i < linearized.length; i++) s += (linearized[i] as number).toString(36) + '.';
    return s;
  };

  while (head.next !== null) {
    if (++explored > budget) return { result: 'unknown', explored };
    const e = entry as Event;
    if (e.isCall) {
      const op = ops[e.op] as Operation<I, O>;
      const stepped = model.step(state, op.input, op.output);
      if (stepped !== undefined) {
        linearized[e.op >>> 5] = (linearized[e.op >>> 5] as number) | (1 << (e.op & 31));
        const key = bitsKey() + '|' + model.key(stepped.next);
        if (!seen.has(key)) {
          seen.add(key);
          stack.push({ event: e, state });
          state = stepped.next;
          lift(e);
          entry = head.next;
          continue;
        }
        linearized[e.op >>> 5] = (linearized[e.op >>> 5] as number) & ~(1 << (e.op & 31));
      }
      entry = e.next;
    } else {
      // a return whose call is not linearized yet: undo the last choice
      const top = stack.pop();
      if (top === undefined) return { result: false, explored };
      state = top.state;
      const call = top.event;
      linearized[call.op >>> 5] = (linearized[call.op >>> 5] as number) & ~(1 << (call.op & 31));
      unlift(call);
      entry = call.next;
    }
  }
  return { result: true, explored };
}
