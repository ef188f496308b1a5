// The keys of a concrete command line, found as Redis finds them (getKeysFromCommandWithSpecs):
// through the key specs when they are reliable, else through the command's own getKeys, else as
// Redis's getkeys functions of key-count commands read them.

import type { CommandSpec, KeySpecDecl } from './types.js';
import { keySpecFlags } from './command-info.js';
import { parseInteger } from './args.js';

export interface KeyPosition {
  /** Index in argv. */
  pos: number;
  /** The flags of the key spec that found it, as Redis shows them. */
  flags: readonly string[];
}

const NO_FLAGS: readonly string[] = [];

function hasFlag(decl: KeySpecDecl, flag: string): boolean {
  return decl.flags.toUpperCase().split(/\s+/).includes(flag);
}

/** True when the command can have keys at all (Redis's doesCommandHaveKeys). */
export function commandHasKeys(spec: CommandSpec): boolean {
  return spec.getKeys !== undefined || (spec.keys ?? []).some((k) => !hasFlag(k, 'NOT_KEY'));
}

/**
 * The key positions in argv (argv[0] is the command name), or null when the arguments do not
 * match the command's key specs (a key count beyond the arguments, a missing key).
 */
export function keysFromSpecs(spec: CommandSpec, argv: readonly string[]): KeyPosition[] | null {
  const argc = argv.length;
  const out: KeyPosition[] = [];
  for (const decl of spec.keys ?? []) {
    if (hasFlag(decl, 'NOT_KEY')) continue;
    let first = 0;
    if (typeof decl.begin === 'number') {
      first = decl.begin;
    } else {
      const { keyword, startFrom } = decl.begin;
      const start = startFrom > 0 ? startFrom : argc + startFrom;
      const end = startFrom > 0 ? argc - 1 : 1;
      const dir = start <= end ? 1 : -1;
      const word = keyword.toLowerCase();
      for (let i = start; i !== end && i >= 1 && i < argc; i += dir) {
        if (argv[i]!.toLowerCase() === word) {
          first = i + 1;
          break;
        }
      }
      if (first === 0) continue; // the keyword is absent: no keys from this spec
    }
    let last: number;
    let step: number;
    if (decl.range !== undefined) {
      step = decl.range.step;
      const { lastKey, limit } = decl.range;
      if (lastKey >= 0) last = first + lastKey;
      else if (limit === 0) last = argc + lastKey;
      else last = first + (Math.trunc((argc - first) / limit) + lastKey);
    } else if (decl.keynum !== undefined) {
      step = decl.keynum.step;
      const countAt = first + decl.keynum.keyNumIdx;
      if (countAt >= argc) return null;
      const count = parseInteger(argv[countAt]!);
      if (count === null || count < 0) return null;
      first += decl.keynum.firstKey;
      last = first + count - 1;
    } else {
      return null;
    }
    if (last >= argc || last < first || first >= argc) return null;
    const flags = keySpecFlags(decl);
    for (let i = first; i <= last; i += step) out.push({ pos: i, flags });
  }
  return out;
}

/** C's atoi: leading blanks, a sign, the digits up to the first other character (0 for none). */
function atoi(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(s);
  return m === null ? 0 : Number(m[1]);
}

/**
 * Redis's getkeys functions of the commands with a key count (genericGetKeys): the count read
 * with atoi, the counted keys, then a destination declared before the count (ZUNIONSTORE's),
 * all without flags; none when the count does not fit the arguments.
 */
function keysByCount(specs: readonly KeySpecDecl[], argv: readonly string[]): KeyPosition[] {
  const counted = specs.find((k) => k.keynum !== undefined && typeof k.begin === 'number');
  if (counted === undefined || counted.keynum === undefined || typeof counted.begin !== 'number') return [];
  const countAt = counted.begin + counted.keynum.keyNumIdx;
  const first = counted.begin + counted.keynum.firstKey;
  const step = counted.keynum.step;
  const n = atoi(argv[countAt] ?? '');
  if (n < 1 || n > Math.trunc((argv.length - first) / step)) return [];
  const out: KeyPosition[] = [];
  for (let i = 0; i < n; i++) out.push({ pos: first + i * step, flags: NO_FLAGS });
  const store = specs.find((k) => k !== counted && typeof k.begin === 'number' && k.begin < countAt && k.range?.lastKey === 0);
  if (store !== undefined) out.push({ pos: store.begin as number, flags: NO_FLAGS });
  return out;
}

/**
 * The keys of a command line: the key specs when they have no variable flags and match, else
 * the command's getKeys (whose keys carry no flags, like those of Redis's getkeys functions),
 * else Redis's reading of a key count, else the specs as they match.
 */
export function commandKeys(spec: CommandSpec, argv: readonly string[]): KeyPosition[] {
  const specs = spec.keys ?? [];
  const reliable = specs.some((k) => !hasFlag(k, 'NOT_KEY')) && !specs.some((k) => hasFlag(k, 'VARIABLE_FLAGS'));
  if (reliable) {
    const found = keysFromSpecs(spec, argv);
    if (found !== null) return found;
  }
  if (spec.getKeys !== undefined) return spec.getKeys(argv).map((pos) => ({ pos, flags: NO_FLAGS }));
  if (reliable) return keysByCount(specs, argv);
  return keysFromSpecs(spec, argv) ?? [];
}
