// The command table: every declaration compiled once into a Command with its flags as bits, its
// full name ("client|list") and its subcommands, looked up by name in any letter case.

import type { CommandFlag, CommandSpec } from './types.js';

export const Flag = {
  Write: 1 << 0,
  ReadOnly: 1 << 1,
  DenyOom: 1 << 2,
  Admin: 1 << 3,
  PubSub: 1 << 4,
  NoScript: 1 << 5,
  Blocking: 1 << 6,
  Loading: 1 << 7,
  Stale: 1 << 8,
  Fast: 1 << 9,
  NoAuth: 1 << 10,
  NoMulti: 1 << 11,
  MovableKeys: 1 << 12,
  MayReplicate: 1 << 13,
} as const;
export type Flag = (typeof Flag)[keyof typeof Flag];

const FLAG_BITS: Partial<Record<CommandFlag, number>> = {
  write: Flag.Write,
  readonly: Flag.ReadOnly,
  denyoom: Flag.DenyOom,
  admin: Flag.Admin,
  pubsub: Flag.PubSub,
  noscript: Flag.NoScript,
  blocking: Flag.Blocking,
  loading: Flag.Loading,
  stale: Flag.Stale,
  fast: Flag.Fast,
  no_auth: Flag.NoAuth,
  no_multi: Flag.NoMulti,
  movablekeys: Flag.MovableKeys,
  may_replicate: Flag.MayReplicate,
};

export class Command {
  readonly flags: number;
  readonly arity: number;
  /** "get", or "client|list" for a subcommand, as Redis names it in errors and COMMAND INFO. */
  readonly fullName: string;
  readonly subcommands: Map<string, Command> | null;
  readonly exec: CommandSpec['exec'];
  /** Calls since start or CONFIG RESETSTAT (INFO commandstats). */
  calls = 0;
  /** Calls that were rejected or failed (INFO commandstats rejected_calls/failed_calls). */
  rejectedCalls = 0;
  failedCalls = 0;

  constructor(
    readonly spec: CommandSpec,
    readonly parent: Command | null,
  ) {
    let bits = 0;
    for (const f of spec.flags) bits |= FLAG_BITS[f] ?? 0;
    this.flags = bits;
    this.arity = spec.arity;
    this.fullName = parent ? `${parent.spec.name}|${spec.name}` : spec.name;
    this.exec = spec.exec;
    if (spec.subcommands) {
      this.subcommands = new Map();
      for (const sub of spec.subcommands) this.subcommands.set(sub.name, new Command(sub, this));
    } else {
      this.subcommands = null;
    }
  }

  /** Redis's arity check: exact for positive arity, "at least" for negative. */
  arityOk(argc: number): boolean {
    const a = this.arity;
    return a > 0 ? argc === a : argc >= -a;
  }
}

export class CommandTable {
  /** Names in lower case and in upper case, so both common spellings hit without lowering. */
  private readonly byName = new Map<string, Command>();
  private readonly commands: Command[] = [];

  constructor(specs: Iterable<CommandSpec>) {
    for (const spec of specs) {
      if (this.byName.has(spec.name)) throw new Error(`command ${spec.name} declared twice`);
      const cmd = new Command(spec, null);
      this.commands.push(cmd);
      this.byName.set(spec.name, cmd);
      this.byName.set(spec.name.toUpperCase(), cmd);
    }
  }

  /** The top-level command named argv0, in any letter case. */
  get(name: string): Command | undefined {
    return this.byName.get(name) ?? this.byName.get(name.toLowerCase());
  }

  /**
   * Redis's lookupCommand: a container with one argument is the container itself (its arity then
   * fails); with more, the subcommand named by the second argument, or undefined.
   */
  lookup(argv: readonly string[]): Command | undefined {
    const base = this.get(argv[0]!);
    if (base === undefined || base.subcommands === null || argv.length === 1) return base;
    return base.subcommands.get(argv[1]!.toLowerCase());
  }

  /** Every top-level command, in declaration order. */
  all(): readonly Command[] {
    return this.commands;
  }

  get size(): number {
    return this.commands.length;
  }
}
