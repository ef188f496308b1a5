// A linearizability checker in the Wing–Gong style with Lowe's memoization, as Porcupine does
// it: a depth-first search that, at each point, may linearize any operation whose call precedes
// the earliest pending return (and that the model accepts), caches the (set of linearized
// operations, state) pairs already explored, and backtracks when nothing fits. Histories are
// partitioned (e.g. by key) first.

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
  const flip = (op: number): void => {
    linearized[op >>> 5] = (linearized[op >>> 5] as number) ^ (1 << (op & 31));
  };
  const bitsKey = (): string => {
    let s = '';
    for (let i = 0; i < linearized.length; i++) s += (linearized[i] as number).toString(36) + '.';
    return s;
  };
  // The calls that may go next: every call before the first pending return. Trying the one that
  // must return soonest first finds a linearization without wandering into the (exponential)
  // orders of long-running operations, such as writes whose outcome came late.
  //
  // And an operation that leaves the state as it is (a read, a failed compare-and-set) is placed
  // at once, without branching: it depends on nothing not yet placed (its call precedes every
  // pending return) and changes nothing for the others, so if any order works, one with it here
  // does too. Without this, a read placed too late is only found out after trying every order of
  // the writes around it.
  const candidates = (state: S): Event[] => {
    const out: Event[] = [];
    const here = model.key(state);
    for (let e = head.next; e !== null && e.isCall; e = e.next) {
      const op = ops[e.op] as Operation<I, O>;
      const stepped = model.step(state, op.input, op.output);
      if (stepped !== undefined && model.key(stepped.next) === here) return [e];
      out.push(e);
    }
    out.sort((a, b) => (a.match as Event).time - (b.match as Event).time || a.time - b.time);
    return out;
  };

  interface Frame {
    readonly options: Event[];
    tried: number;
    readonly state: S;
    chosen: Event | null;
  }
  let explored = 0;
  const initial = model.init();
  const stack: Frame[] = [{ options: candidates(initial), tried: 0, state: initial, chosen: null }];
  for (;;) {
    const frame = stack[stack.length - 1] as Frame;
    if (frame.chosen !== null) {
      // coming back up: undo this frame's choice
      unlift(frame.chosen);
      flip(frame.chosen.op);
      frame.chosen = null;
    }
    let descended = false;
    while (frame.tried < frame.options.length) {
      if (++explored > budget) return { result: 'unknown', explored };
      const e = frame.options[frame.tried++] as Event;
      const op = ops[e.op] as Operation<I, O>;
      const stepped = model.step(frame.state, op.input, op.output);
      if (stepped === undefined) continue;
      flip(e.op);
      const key = bitsKey() + '|' + model.key(stepped.next);
      if (seen.has(key)) {
        flip(e.op);
        continue;
      }
      seen.add(key);
      lift(e);
      frame.chosen = e;
      if (head.next === null) return { result: true, explored };
      stack.push({ options: candidates(stepped.next), tried: 0, state: stepped.next, chosen: null });
      descended = true;
      break;
    }
    if (descended) continue;
    stack.pop();
    if (stack.length === 0) return { result: false, explored };
  }
}

