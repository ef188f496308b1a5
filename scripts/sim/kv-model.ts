// The key-value store as a sequential specification for the linearizability checker. Keys are
// independent, so histories are checked one key at a time (Porcupine's partitioning).

import type { KvInput, KvOutput } from './kv.js';
import type { Model, Operation } from './linearizability.js';

export type KvOperation = Operation<KvInput, KvOutput>;

export const kvModel: Model<string | null, KvInput, KvOutput> = {
  init: () => null,
  step(state, input, output) {
    switch (input.kind) {
      case 'get':
        return output === undefined || output === state ? { next: state } : undefined;
      case 'put':
        return { next: input.value };
      case 'append':
        return { next: (state ?? '') + input.value };
      case 'cas': {
        const swaps = state === input.expected;
        if (output !== undefined && output !== swaps) return undefined;
        return { next: swaps ? input.value : state };
      }
    }
  },
  key: (state) => (state === null ? '\u0000' : 'v' + state),
  partition(ops) {
    const byKey = new Map<string, KvOperation[]>();
    for (const op of ops) {
      const list = byKey.get(op.input.key);
      if (list) list.push(op);
      else byKey.set(op.input.key, [op]);
    }
    return [...byKey.values()];
  },
};
