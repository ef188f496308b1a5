// The server's configuration: every parameter of config-params.ts with its current value, read
// from redis.conf and the command line at start (config-file.ts) and by CONFIG GET/SET at run
// time, with Redis 7.0's matching rules, all-or-nothing CONFIG SET and error texts.

import type { ConfigStore } from '../commands/server-handle.js';
import { globMatch } from '../storage/glob.js';
import { ParamError, type LoadState } from './config-kinds.js';
import { IMMUTABLE, PARAMS, PROTECTED, type ParamDef } from './config-params.js';
import { rewriteConfigFile } from './config-file.js';

/** A name CONFIG GET/SET knows: a parameter's own name or its alias. */
interface ParamName {
  readonly name: string;
  readonly def: ParamDef;
}

/** Called after CONFIG SET changed one of the parameters it watches; returns an error or null. */
export type ApplyChange = () => string | null;

interface Watcher {
  readonly defs: ReadonlySet<ParamDef>;
  readonly apply: ApplyChange;
}

export class Config implements ConfigStore {
  private readonly values = new Map<ParamDef, unknown>();
  /** Lower-cased name → parameter, for names and aliases (Redis looks them up in any case). */
  private readonly names = new Map<string, ParamName>();
  private readonly watchers: Watcher[] = [];
  /** Absolute path of the redis.conf the server was started with (CONFIG REWRITE writes it). */
  configFile: string | null = null;

  constructor() {
    for (const def of PARAMS) {
      this.values.set(def, def.defaultValue);
      this.names.set(def.name, { name: def.name, def });
      if (def.alias !== null) this.names.set(def.alias, { name: def.alias, def });
    }
  }

  /** The parameter called `name` (or by its alias), in any letter case. */
  lookup(name: string): ParamDef | undefined {
    return this.names.get(name.toLowerCase())?.def;
  }

  /** The current value of a parameter as its kind holds it (boolean, bigint, string, ...). */
  typed<T>(name: string): T {
    return this.values.get(this.mustFind(name)) as T;
  }

  /** A numeric parameter as a number (exact below 2^53). */
  number(name: string): number {
    return Number(this.typed<bigint>(name));
  }

  flag(name: string): boolean {
    return this.typed<boolean>(name);
  }

  /** The value as CONFIG GET shows it. */
  value(name: string): string {
    const def = this.mustFind(name);
    return def.kind.format(this.values.get(def));
  }

  /** Every parameter with its value, in table order (CONFIG REWRITE). */
  *entries(): IterableIterator<[ParamDef, unknown]> {
    yield* this.values;
  }

  /** Calls `apply` after CONFIG SET changes any of `names` (once per CONFIG SET). */
  onChange(names: readonly string[], apply: ApplyChange): void {
    this.watchers.push({ defs: new Set(names.map((n) => this.mustFind(n))), apply });
  }

  /**
   * CONFIG GET: names and values matching any pattern, each parameter once. A pattern without
   * glob characters is looked up directly and answered under the name as given.
   */
  get(patterns: readonly string[]): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    const seen = new Set<string>();
    const add = (shownAs: string, def: ParamDef) => {
      seen.add(shownAs.toLowerCase());
      out.push([shownAs, def.kind.format(this.values.get(def))]);
    };
    for (const pattern of patterns) {
      if (!/[[*?]/.test(pattern)) {
        const entry = this.names.get(pattern.toLowerCase());
        if (entry !== undefined && !seen.has(entry.name)) add(pattern, entry.def);
        continue;
      }
      for (const entry of this.names.values()) {
        if (!seen.has(entry.name) && globMatch(pattern, entry.name, true)) add(entry.name, entry.def);
      }
    }
    return out;
  }

  /**
   * CONFIG SET with Redis's rules: every name must exist, be mutable and appear once; then all
   * values are set, and if one is refused or a change cannot be applied, all are restored.
   * Returns the error text after "ERR ", or null. `protectedAllowed` per enable-protected-configs.
   */
  set(pairs: ReadonlyArray<[string, string]>, protectedAllowed = false): string | null {
    const targets: ParamName[] = [];
    for (const [name] of pairs) {
      const entry = this.names.get(name.toLowerCase());
      if (entry === undefined) return `Unknown option or number of arguments for CONFIG SET - '${name}'`;
      const failed = (why: string) => `CONFIG SET failed (possibly related to argument '${name}') - ${why}`;
      if (entry.def.flags & IMMUTABLE) return failed("can't set immutable config");
      if (entry.def.flags & PROTECTED && !protectedAllowed) return failed("can't set protected config");
      // Redis compares names, so a parameter and its alias may both appear (the last one wins).
      if (targets.includes(entry)) return failed('duplicate parameter');
      targets.push(entry);
    }
    const old = targets.map((t) => this.values.get(t.def));
    const restore = () => targets.forEach((t, i) => this.values.set(t.def, old[i]));
    for (let i = 0; i < targets.length; i++) {
      const { def, name } = targets[i]!;
      const value = pairs[i]![1];
      const args = def.kind.multiArg ? (value === '' ? [] : value.split(' ')) : [value];
      const parsed = def.kind.parse(args, this.values.get(def), null);
      if (parsed instanceof ParamError) {
        restore();
        return `CONFIG SET failed (possibly related to argument '${name}') - ${parsed.message}`;
      }
      this.values.set(def, parsed);
    }
    // Values are compared as shown, except plain values whose text hides a difference (the n of
    // notify-keyspace-events: KEA and KEAn both show AKE).
    const differs = (t: ParamName, i: number) => {
      const now = this.values.get(t.def);
      return typeof now === 'object' && now !== null ? t.def.kind.format(old[i]) !== t.def.kind.format(now) : old[i] !== now;
    };
    const changed = new Set(targets.filter(differs).map((t) => t.def));
    const due = this.watchers.filter((w) => [...w.defs].some((d) => changed.has(d)));
    for (const w of due) {
      const err = w.apply();
      if (err !== null) {
        restore();
        for (const again of due) again.apply();
        const culprit = targets.find((t) => changed.has(t.def) && w.defs.has(t.def))!;
        return `CONFIG SET failed (possibly related to argument '${culprit.name}') - ${err}`;
      }
    }
    return null;
  }

  /** CONFIG REWRITE. */
  rewrite(): string | null {
    if (this.configFile === null) return 'The server is running without a config file';
    try {
      rewriteConfigFile(this, this.configFile);
      return null;
    } catch (e) {
      return `Rewriting config file: ${(e as Error).message}`;
    }
  }

  /**
   * One redis.conf directive for a parameter (argv[0] is its name), while loading: returns the
   * error to report, or null. Unknown names are the caller's (include, rename-command, ...).
   */
  loadDirective(argv: readonly string[], load: LoadState): string | null {
    const def = this.lookup(argv[0]!)!;
    if (!def.kind.multiArg && argv.length !== 2) return 'wrong number of arguments';
    const parsed = def.kind.parse(argv.slice(1), this.values.get(def), load);
    if (parsed instanceof ParamError) return parsed.message;
    this.values.set(def, parsed);
    load.seen.add(def.name);
    return null;
  }

  private mustFind(name: string): ParamDef {
    const def = this.lookup(name);
    if (def === undefined) throw new Error(`no configuration parameter ${name}`);
    return def;
  }
}
