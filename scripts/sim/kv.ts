// The simulator's state machine: a tiny key-value store whose commands travel through the Raft
// log as JSON. Deterministic, with a snapshot encoding and a state hash for cross-node checks.

export type KvInput =
  | { readonly kind: 'get'; readonly key: string }
  | { readonly kind: 'put'; readonly key: string; readonly value: string }
  | { readonly kind: 'append'; readonly key: string; readonly value: string }
  | { readonly kind: 'cas'; readonly key: string; readonly expected: string | null; readonly value: string };

/** get → the value (null when absent); cas → whether it swapped; put/append → 'ok'. */
export type KvOutput = string | null | boolean;

/** A write as it is stored in a log entry: who asked, and what. */
export interface KvCommand {
  readonly client: number;
  readonly op: number;
  readonly input: KvInput;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeCommand(c: KvCommand): Uint8Array {
  return encoder.encode(JSON.stringify(c));
}

export function decodeCommand(data: Uint8Array): KvCommand {
  return JSON.parse(decoder.decode(data)) as KvCommand;
}

export class KvStore {
  private readonly data = new Map<string, string>();

  static restore(snapshot: Uint8Array): KvStore {
    const kv = new KvStore();
    if (snapshot.length === 0) return kv;
    for (const [k, v] of JSON.parse(decoder.decode(snapshot)) as [string, string][]) kv.data.set(k, v);
    return kv;
  }

  get(key: string): string | null {
    return this.data.get(key) ?? null;
  }

  apply(input: KvInput): KvOutput {
    switch (input.kind) {
      case 'get':
        return this.get(input.key);
      case 'put':
        this.data.set(input.key, input.value);
        return 'ok';
      case 'append':
        this.data.set(input.key, (this.data.get(input.key) ?? '') + input.value);
        return 'ok';
      case 'cas':
        if (this.get(input.key) !== input.expected) return false;
        this.data.set(input.key, input.value);
        return true;
    }
  }

  serialize(): Uint8Array {
    return encoder.encode(this.canonical());
  }

  /** Order-independent text of the state; equal states give equal strings. */
  canonical(): string {
    return JSON.stringify([...this.data].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
  }

  hash(): string {
    // FNV-1a over the canonical text: cheap and enough to tell states apart in a simulation
    const s = this.canonical();
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return `${(h >>> 0).toString(16)}/${s.length}`;
  }
}
