// Commands that walk the key space: KEYS, SCAN and RANDOMKEY (Redis's db.c). Expired keys that
// active expiry has not removed yet are skipped, never deleted: these are reads.

import type { Database } from '../storage/database.js';
import type { LayeredMap } from '../storage/layered-map.js';
import { globMatch, matchesEverything } from '../storage/glob.js';
import { typeOf } from '../storage/value.js';
import type { CommandContext } from './context.js';
import type { CommandSpec } from './types.js';
import { eqIgnoreCase } from './args.js';
import { INVALID_CURSOR } from './errors.js';
import { parseScanCursor, parseScanOptions, presentNow, replyScan } from './scan.js';

/** True when `key` has an expiry that has passed at `now` (it is still in the dict). */
function expiredAt(db: Database, key: string, now: number): boolean {
  const at = db.expires.get(key);
  return at !== undefined && now > at;
}

export const KEYS: CommandSpec = {
  name: 'keys',
  arity: 2,
  flags: ['readonly'],
  acl: ['keyspace', 'read', 'dangerous'],
  tips: ['request_policy:all_shards', 'nondeterministic_output_order'],
  doc: {
    summary: 'Find all keys matching the given pattern',
    since: '1.0.0',
    group: 'generic',
    complexity:
      'O(N) with N being the number of keys in the database, under the assumption that the key names in the database and the given pattern have limited length.',
    syntax: 'pattern',
  },
  exec(ctx, argv) {
    const db = ctx.db;
    const now = ctx.now;
    const pattern = argv[1]!;
    const all = matchesEverything(pattern);
    const checkExpiry = db.expires.size !== 0;
    const found: string[] = [];
    for (const key of db.dict.keys()) {
      if (!all && !globMatch(pattern, key)) continue;
      if (checkExpiry && expiredAt(db, key, now)) continue;
      found.push(key);
    }
    ctx.reply.bulkArray(found);
  },
};

// hash.ts (HSCAN) imports it from here until it takes it from scan.ts.
export { parseScanCursor } from './scan.js';

/** The keys of a map as they are now, for one walk over them (a SCAN iteration, a pass of active expiry). */
export function keysPresentNow(map: LayeredMap<string, unknown>): Iterator<string> {
  return presentNow(map.keys(), map.size);
}

/** The SCAN option TYPE names a type: compared without case, as Redis's strcasecmp. */
function typeMatches(wanted: string, db: Database, key: string, now: number): boolean {
  const v = db.get(key, now);
  return v !== undefined && eqIgnoreCase(wanted, typeOf(v));
}

export const SCAN: CommandSpec = {
  name: 'scan',
  arity: -2,
  flags: ['readonly'],
  acl: ['keyspace', 'read'],
  tips: ['nondeterministic_output', 'request_policy:special'],
  doc: {
    summary: 'Incrementally iterate the keys space',
    since: '2.8.0',
    group: 'generic',
    complexity:
      'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.',
    history: [['6.0.0', 'Added the `TYPE` subcommand.']],
    syntax: 'cursor [MATCH pattern] [COUNT count] [TYPE type]',
  },
  exec(ctx, argv) {
    const cursor = parseScanCursor(argv[1]!);
    if (cursor === null) return ctx.reply.error(INVALID_CURSOR);
    const options = parseScanOptions(ctx, argv, 2, true);
    if (options === null) return;
    const { pattern, type } = options;
    const db = ctx.db;
    const now = ctx.now;
    const step = db.scanCursors.scan(db.dict, () => keysPresentNow(db.dict), cursor, options.count);
    const keys = step.items;
    const checkExpiry = db.expires.size !== 0;
    let kept = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (pattern !== null && !globMatch(pattern, key)) continue;
      if (type !== null ? !typeMatches(type, db, key, now) : checkExpiry && expiredAt(db, key, now)) continue;
      keys[kept++] = key;
    }
    keys.length = kept;
    replyScan(ctx, step.cursor, keys, 1, null);
  },
};

/** Longest random stride of the RANDOMKEY walk, in keys. */
const MAX_STRIDE = 64;

/** Where each database's RANDOMKEY walk stands: a cursor of its ScanCursors. */
const randomWalks = new WeakMap<Database, number>();

/**
 * A random live key, or null when there is none.
 *
 * A Map has no random access, so this is a walk: a persistent iterator over the keys (a cursor of
 * the database's ScanCursors, so a flush or swap restarts it), advanced each call by a random
 * stride of 1..64 keys, in passes over the keys present when each pass began (so new keys cannot
 * keep it from coming back to old ones). It costs O(stride) per call; over many passes every key
 * is returned about equally often (a renewal process over the keys), though successive answers
 * are near one another in insertion order. Expired keys are skipped;
 * after a whole pass without a live key the answer is null, so the walk ends even when every
 * key has expired (Redis deletes them on the way; a read may not, so this is O(N) until active
 * expiry has removed them).
 */
function randomKey(ctx: CommandContext): string | null {
  const db = ctx.db;
  const size = db.size;
  if (size === 0) return null;
  const dict = db.dict;
  const source = () => keysPresentNow(dict);
  const checkExpiry = db.expires.size !== 0;
  const now = ctx.now;
  let cursor = randomWalks.get(db) ?? 0;
  let found: string | null = null;
  // A pass begun in this call covers every key (a read changes none): once it has ended, none is live.
  let beganPass = false;
  let walkedWholePass = false;
  while (found === null && !walkedWholePass) {
    if (cursor === 0) beganPass = true;
    const stride = 1 + ctx.randomInt(Math.min(MAX_STRIDE, size));
    const step = db.scanCursors.scan(dict, source, cursor, stride);
    cursor = step.cursor;
    const keys = step.items;
    if (cursor === 0 && beganPass) walkedWholePass = true;
    // The last key visited is the pick; expired ones give way to the nearest live one before it.
    for (let i = keys.length - 1; i >= 0; i--) {
      if (!checkExpiry || !expiredAt(db, keys[i]!, now)) {
        found = keys[i]!;
        break;
      }
    }
  }
  randomWalks.set(db, cursor);
  return found;
}

export const RANDOMKEY: CommandSpec = {
  name: 'randomkey',
  arity: 1,
  flags: ['readonly'],
  acl: ['keyspace', 'read'],
  tips: ['request_policy:all_shards', 'nondeterministic_output'],
  doc: { summary: 'Return a random key from the keyspace', since: '1.0.0', group: 'generic', complexity: 'O(1)' },
  exec(ctx) {
    ctx.reply.bulkOrNull(randomKey(ctx));
  },
};

export const keyScanCommands: CommandSpec[] = [KEYS, SCAN, RANDOMKEY];
