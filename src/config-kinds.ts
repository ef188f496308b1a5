// The kinds of configuration parameter Redis 7.0 has (config.c: bool, string, enum, numeric and
// the special ones), each with Redis's rules for reading a value, showing it in CONFIG GET and
// writing it back in CONFIG REWRITE, and Redis's error texts.

import fs from 'node:fs';
import path from 'node:path';
import { parseDouble } from '../commands/args.js';
import { keyspaceEventsToFlags, keyspaceEventsToString } from '../commands/notify.js';
import {
  LLONG_MAX,
  formatMemory,
  formatPercentile,
  memtoull,
  quoteRepr,
  string2ll,
  strtollWhole,
  yesNo,
} from './config-parse.js';

/** A value a parameter refuses, with Redis's reason (the text after "... - "). */
export class ParamError {
  constructor(readonly message: string) {}
}

/** What the redis.conf loader tells a parameter: lines seen so far for multi-line options (save). */
export interface LoadState {
  readonly seen: Set<string>;
}

/** The lines CONFIG REWRITE writes for a parameter; `force` when it differs from its default. */
export interface RewriteLines {
  lines: string[];
  force: boolean;
}

export interface ParamKind<T = unknown> {
  /** CONFIG SET splits the value at spaces into several arguments (save, bind, ...). */
  readonly multiArg: boolean;
  /** The value args stand for, or the reason they are refused. `load` is set while reading redis.conf. */
  parse(args: readonly string[], current: T, load: LoadState | null): T | ParamError;
  /** The text CONFIG GET shows. */
  format(value: T): string;
  /** The lines of the option for CONFIG REWRITE, or null when it must not appear at all. */
  rewrite(name: string, value: T, defaultValue: T): RewriteLines | null;
}

type Validator<T> = (value: T) => string | null;

function line(name: string, value: string, force: boolean): RewriteLines {
  return { lines: [`${name} ${value}`], force };
}

export function boolKind(validate?: Validator<boolean>): ParamKind<boolean> {
  return {
    multiArg: false,
    parse(args) {
      const v = yesNo(args[0]!);
      if (v === null) return new ParamError("argument must be 'yes' or 'no'");
      const err = validate?.(v);
      return err ? new ParamError(err) : v;
    },
    format: (v) => (v ? 'yes' : 'no'),
    rewrite: (name, v, d) => line(name, v ? 'yes' : 'no', v !== d),
  };
}

/** A string; with emptyIsNull an empty value means "unset" and is left out of CONFIG REWRITE. */
export function stringKind(options: { emptyIsNull?: boolean; validate?: Validator<string> } = {}): ParamKind<string | null> {
  return {
    multiArg: false,
    parse(args) {
      const s = args[0]!;
      const err = options.validate?.(s);
      if (err) return new ParamError(err);
      return options.emptyIsNull && s === '' ? null : s;
    },
    format: (v) => v ?? '',
    rewrite: (name, v, d) => (v === null ? null : line(name, quoteRepr(v), v !== d)),
  };
}

function enumError(names: readonly string[]): ParamError {
  return new ParamError(`argument(s) must be one of the following: ${names.join(', ')}`);
}

/**
 * One of a fixed set of names, matched in any letter case; the value is the canonical name.
 * `sameAs` maps a name to an earlier one with the same meaning (CONFIG GET shows the earlier).
 */
export function enumKind(names: readonly string[], sameAs: Readonly<Record<string, string>> = {}, validate?: Validator<string>): ParamKind<string> {
  return {
    multiArg: false,
    parse(args) {
      const given = names.find((n) => n === args[0]!.toLowerCase());
      if (given === undefined) return enumError(names);
      const v = sameAs[given] ?? given;
      const err = validate?.(v);
      return err ? new ParamError(err) : v;
    },
    format: (v) => v,
    rewrite: (name, v, d) => line(name, v, v !== d),
  };
}

/** Several flags out of a set (shutdown-on-sigterm); names[0] is the empty set. Value: bit mask. */
export function flagsKind(names: readonly string[], validate?: Validator<number>): ParamKind<number> {
  const format = (v: number): string => {
    if (v === 0) return names[0]!;
    const out: string[] = [];
    for (let i = 1; i < names.length; i++) if (v & (1 << (i - 1))) out.push(names[i]!);
    return out.join(' ');
  };
  return {
    multiArg: true,
    parse(args) {
      if (args.length === 0) return enumError(names);
      let v = 0;
      for (const a of args) {
        const i = names.indexOf(a.toLowerCase());
        if (i < 0) return enumError(names);
        if (i > 0) v |= 1 << (i - 1);
      }
      const err = validate?.(v);
      return err ? new ParamError(err) : v;
    },
    format,
    rewrite: (name, v, d) => line(name, format(v), v !== d),
  };
}

export interface NumericOptions {
  min: bigint;
  max: bigint;
  /** C type is unsigned (unsigned int, unsigned long long, size_t): bounds compare as unsigned. */
  unsigned?: boolean;
  /** Accepts units (1gb, 100mb, ...). */
  memory?: boolean;
  /** Also accepts a percentage ("10%"), kept as a negative number as Redis does. */
  percent?: boolean;
  /** Written and read in octal (unixsocketperm). */
  octal?: boolean;
  /** Accepted values outside this range are brought into it (hz: "a hint from the user"). */
  clamp?: readonly [bigint, bigint];
}

/** A number kept as its signed 64-bit value (bigint), with Redis's parsing and bounds. */
export function numericKind(o: NumericOptions): ParamKind<bigint> {
  const u64 = (v: bigint): bigint => BigInt.asUintN(64, v);
  const parseNumber = (s: string): bigint | ParamError => {
    if (o.memory) {
      const v = memtoull(s);
      if (v !== null) return BigInt.asIntN(64, v);
    }
    if (o.percent && s.length > 1 && s.endsWith('%')) {
      const v = string2ll(s.slice(0, -1));
      if (v !== null && v >= 0n) return -v;
    }
    if (o.octal) {
      // strtoll(s, &end, 8) that consumes everything without overflow.
      const m = /^[ \t\n\v\f\r]*([+-]?)([0-7]+)$/.exec(s);
      if (m !== null) {
        const v = BigInt('0o' + m[2]!) * (m[1] === '-' ? -1n : 1n);
        if (v <= LLONG_MAX && v >= -LLONG_MAX - 1n) return v;
      } else if (s === '') {
        return 0n;
      }
    }
    if (!o.memory && !o.percent && !o.octal) {
      const v = string2ll(s);
      if (v !== null) return v;
    }
    if (o.memory && o.percent) return new ParamError('argument must be a memory or percent value');
    if (o.memory) return new ParamError('argument must be a memory value');
    if (o.octal) return new ParamError("argument couldn't be parsed as an octal number");
    return new ParamError("argument couldn't be parsed into an integer");
  };
  return {
    multiArg: false,
    parse(args) {
      const v = parseNumber(args[0]!);
      if (v instanceof ParamError) return v;
      if (o.unsigned) {
        const uv = u64(v);
        if (uv > u64(o.max) || uv < u64(o.min)) {
          const f = (x: bigint) => (o.octal ? u64(x).toString(8) : String(u64(x)));
          return new ParamError(`argument must be between ${f(o.min)} and ${f(o.max)} inclusive`);
        }
      } else if (o.percent && v < 0n) {
        if (v < o.min) return new ParamError(`percentage argument must be less or equal to ${-o.min}`);
      } else if (v > o.max || v < o.min) {
        return new ParamError(`argument must be between ${o.min} and ${o.max} inclusive`);
      }
      if (o.clamp !== undefined) return v < o.clamp[0] ? o.clamp[0] : v > o.clamp[1] ? o.clamp[1] : v;
      return v;
    },
    format(v) {
      if (o.percent && v < 0n) return `${-v}%`;
      if (o.memory) return String(u64(v));
      if (o.octal) return v.toString(8);
      return String(v);
    },
    rewrite(name, v, d) {
      if (o.percent && v < 0n) return line(name, `${-v}%`, v !== d);
      if (o.memory) return line(name, formatMemory(u64(v)), v !== d);
      if (o.octal) return line(name, v.toString(8), v !== d);
      return line(name, String(v), v !== d);
    },
  };
}

/** Save points: pairs of seconds (>= 1) and changes (>= 0). */
export type SavePoints = ReadonlyArray<readonly [bigint, number]>;

export const saveKind: ParamKind<SavePoints> = {
  multiArg: true,
  parse(args, current, load) {
    // A single empty argument means no save points.
    if (args.length === 1 && args[0] === '') args = [];
    if (args.length % 2 !== 0) return new ParamError('Invalid save parameters');
    const points: Array<readonly [bigint, number]> = [];
    for (let j = 0; j < args.length; j += 2) {
      const seconds = strtollWhole(args[j]!);
      const changes = strtollWhole(args[j + 1]!);
      if (seconds === null || changes === null || seconds < 1n || changes < 0n) return new ParamError('Invalid save parameters');
      points.push([seconds, Number(BigInt.asIntN(32, changes))]);
    }
    // In redis.conf the first "save" line replaces the defaults and later ones add to it.
    if (load !== null && load.seen.has('save')) return [...current, ...points];
    return points;
  },
  format: (v) => v.map(([s, c]) => `${s} ${c}`).join(' '),
  rewrite: (name, v) => ({ lines: v.length === 0 ? [`${name} ""`] : v.map(([s, c]) => `${name} ${s} ${c}`), force: true }),
};

/** Output buffer limits per client class: hard bytes, soft bytes, soft seconds. */
export interface BufferLimit {
  readonly hard: bigint;
  readonly soft: bigint;
  readonly softSeconds: number;
}
export type BufferLimits = Readonly<Record<'normal' | 'slave' | 'pubsub', BufferLimit>>;

const LIMIT_CLASSES: Record<string, keyof BufferLimits> = { normal: 'normal', slave: 'slave', replica: 'slave', pubsub: 'pubsub' };

export const bufferLimitKind: ParamKind<BufferLimits> = {
  multiArg: true,
  parse(args, current) {
    if (args.length % 4 !== 0) return new ParamError('Wrong number of arguments in buffer limit configuration.');
    const next = { ...current };
    for (let j = 0; j < args.length; j += 4) {
      const cls = LIMIT_CLASSES[args[j]!.toLowerCase()];
      if (cls === undefined) return new ParamError('Invalid client class specified in buffer limit configuration.');
      const hard = memtoull(args[j + 1]!);
      const soft = memtoull(args[j + 2]!);
      const secs = strtollWhole(args[j + 3]!);
      const softSeconds = secs === null ? -1 : Number(BigInt.asIntN(32, secs));
      if (hard === null || soft === null || secs === null || softSeconds < 0) {
        return new ParamError('Error in hard, soft or soft_seconds setting in buffer limit configuration.');
      }
      next[cls] = { hard, soft, softSeconds };
    }
    return next;
  },
  format: (v) => (['normal', 'slave', 'pubsub'] as const).map((c) => `${c} ${v[c].hard} ${v[c].soft} ${v[c].softSeconds}`).join(' '),
  rewrite(name, v, d) {
    const lines: string[] = [];
    let force = false;
    for (const c of ['normal', 'slave', 'pubsub'] as const) {
      const l = v[c];
      const dl = d[c];
      if (l.hard !== dl.hard || l.soft !== dl.soft || l.softSeconds !== dl.softSeconds) force = true;
      lines.push(`${name} ${c === 'slave' ? 'replica' : c} ${formatMemory(l.hard)} ${formatMemory(l.soft)} ${l.softSeconds}`);
    }
    return { lines, force };
  },
};

export const oomScoreValuesKind: ParamKind<readonly number[]> = {
  multiArg: true,
  parse(args) {
    if (args.length !== 3) return new ParamError('wrong number of arguments');
    const out: number[] = [];
    for (const a of args) {
      const v = strtollWhole(a);
      if (v === null || v < -2000n || v > 2000n) return new ParamError('Invalid oom-score-adj-values, elements must be between -2000 and 2000.');
      out.push(Number(v));
    }
    return out;
  },
  format: (v) => v.join(' '),
  rewrite: (name, v, d) => line(name, v.join(' '), v.some((x, i) => x !== d[i])),
};

export const keyspaceEventsKind: ParamKind<number> = {
  multiArg: false,
  parse(args) {
    if (args.length !== 1) return new ParamError('wrong number of arguments');
    const flags = keyspaceEventsToFlags(args[0]!);
    return flags < 0 ? new ParamError("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.") : flags;
  },
  format: keyspaceEventsToString,
  rewrite: (name, v) => line(name, quoteRepr(keyspaceEventsToString(v)), v !== 0),
};

/** Redis's CONFIG_BINDADDR_MAX. */
const BIND_MAX = 16;

export function bindKind(defaultAddresses: readonly string[]): ParamKind<readonly string[]> {
  return {
    multiArg: true,
    parse(args) {
      if (args.length > BIND_MAX) return new ParamError('Too many bind addresses specified.');
      return args.length === 1 && args[0] === '' ? [] : [...args];
    },
    format: (v) => v.join(' '),
    rewrite(name, v) {
      const isDefault = v.length === defaultAddresses.length && v.every((a, i) => a === defaultAddresses[i]);
      if (isDefault) return null;
      return line(name, v.length > 0 ? v.join(' ') : '""', true);
    },
  };
}

/** `replicaof <host> <port>`, or "no one"; this server does not replicate from a Redis master. */
export const replicaOfKind: ParamKind<string | null> = {
  multiArg: true,
  parse(args) {
    if (args.length !== 2) return new ParamError('wrong number of arguments');
    if (args[0]!.toLowerCase() === 'no' && args[1]!.toLowerCase() === 'one') return null;
    const port = strtollWhole(args[1]!);
    if (port === null || port < 0n || port > 65535n) return new ParamError('Invalid master port');
    return new ParamError('replication from a Redis master is not supported by this server');
  },
  format: (v) => v ?? '',
  rewrite: () => null,
};

export const percentilesKind: ParamKind<readonly number[]> = {
  multiArg: true,
  parse(args) {
    if (args.length === 1 && args[0] === '') return [];
    const out: number[] = [];
    for (const a of args) {
      const v = parseDouble(a);
      if (v === null || !Number.isFinite(v)) return new ParamError('Invalid latency-tracking-info-percentiles parameters');
      if (v > 100 || v < 0) return new ParamError('latency-tracking-info-percentiles parameters should sit between [0.0,100.0]');
      out.push(v);
    }
    return out;
  },
  format: (v) => v.map(formatPercentile).join(' '),
  rewrite: (name, v) => line(name, v.length === 0 ? '""' : v.map(formatPercentile).join(' '), true),
};

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'No such file or directory',
  ENOTDIR: 'Not a directory',
  EACCES: 'Permission denied',
  ELOOP: 'Too many levels of symbolic links',
  ENAMETOOLONG: 'File name too long',
};

/** strerror() of a Node file-system error, as Redis reports a failed chdir/fopen. */
export function errnoText(e: unknown): string {
  const code = (e as { code?: string }).code ?? '';
  return ERRNO_TEXT[code] ?? (e as Error).message;
}

/** The working directory: Redis chdirs to it; we keep it as an absolute path and check it exists. */
export const dirKind: ParamKind<string> = {
  multiArg: false,
  parse(args) {
    if (args.length !== 1) return new ParamError('wrong number of arguments');
    const dir = path.resolve(args[0]!);
    try {
      if (!fs.statSync(dir).isDirectory()) return new ParamError('Not a directory');
    } catch (e) {
      return new ParamError(errnoText(e));
    }
    return dir;
  },
  format: (v) => v,
  rewrite: (name, v) => line(name, quoteRepr(v), true),
};
