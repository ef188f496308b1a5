// The keys of a concrete command line, found as Redis finds them (getKeysFromCommandWithSpecs):
// through the key specs when they are reliable, else through the command's own getKeys.

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

/**
 * The keys of a command line: the key specs when they have no variable flags and match, else
 * the command's getKeys (whose keys carry no flags, like those of Redis's generic getkeys
 * functions), else the specs as they match.
 */
export function commandKeys(spec: CommandSpec, argv: readonly string[]): KeyPosition[] {
  const specs = spec.keys ?? [];
  const reliable = specs.some((k) => !hasFlag(k, 'NOT_KEY')) && !specs.some((k) => hasFlag(k, 'VARIABLE_FLAGS'));
  if (reliable) {
    const found = keysFromSpecs(spec, argv);
    if (found !== null) return found;
  }
  if (spec.getKeys !== undefined) return spec.getKeys(argv).map((pos) => ({ pos, flags: NO_FLAGS }));
  if (!reliable && specs.length > 0) return keysFromSpecs(spec, argv) ?? [];
  return [];
}
