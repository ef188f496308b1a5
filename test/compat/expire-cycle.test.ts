// The active expiry cycle on its own (no sockets, no redis-server needed): a controlled clock and
// a write path that records the entries proposed and applies them, with its own time.

import { describe, expect, it } from 'vitest';
import { ActiveExpiry } from '../../src/active-expiry.js';
import { Keyspace } from '../../storage/keyspace.js';
import type { Command } from '../../commands/command-table.js';
import type { CommandContext } from '../../commands/context.js';
import type { WritePath } from '../../commands/router.js';
import type { ServerHandle } from '../../commands/server-handle.js';
import { allCommands } from '../../commands/all.js';
import { DELETE_EXPIRED } from '../../commands/expire.js';

interface Entry {
  db: number;
  argv: string[];
  time: number;
}

/** Applies each proposal at `entryTime` (the time the log stamps it with), and records it. */
class RecordingWritePath implements WritePath {
  readonly entries: Entry[] = [];
  entryTime = 0;
  propose(ctx: CommandContext, cmd: Command, argv: string[]): void {
    this.entries.push({ db: ctx.db.id, argv: [...argv], time: this.entryTime });
    ctx.now = this.entryTime;
    cmd.exec(ctx, argv);
  }
}

const server = { config: { value: () => '' }, pubsub: { keyspaceEvents: 0 } } as unknown as ServerHandle;

function setup(databases = 4) {
  const keyspace = new Keyspace(databases);
  const path = new RecordingWritePath();
  let now = 1_000_000;
  const expiry = new ActiveExpiry(keyspace, path, () => now, server);
  return {
    keyspace,
    path,
    expiry,
    setNow(t: number) {
      now = t;
      path.entryTime = t;
    },
  };
}

/** Runs a cycle to its end, as the timer and setImmediate would. */
function runCycle(expiry: ActiveExpiry): void {
  expiry.beginCycle();
  while (expiry.slice());
}

describe('active expiry cycle', () => {
  it('deletes only expired keys, in every database, through entries of the write path', () => {
    const { keyspace, path, expiry, setNow } = setup();
    setNow(1_000_000);
    for (const dbIndex of [0, 2]) {
      const db = keyspace.db(dbIndex);
      for (let i = 0; i < 1000; i++) {
        db.set(`gone${i}`, 'v');
        db.setExpire(`gone${i}`, 1_000_500);
        db.set(`kept${i}`, 'v');
        db.setExpire(`kept${i}`, 2_000_000);
        db.set(`plain${i}`, 'v');
      }
    }
    runCycle(expiry);
    expect(path.entries).toEqual([]);
    setNow(1_000_501);
    runCycle(expiry);
    for (const dbIndex of [0, 2]) {
      const db = keyspace.db(dbIndex);
      expect(db.size).toBe(2000);
      expect(db.expires.size).toBe(1000);
      expect(db.has('kept1', 1_000_501) && db.has('plain1', 1_000_501)).toBe(true);
    }
    expect(keyspace.expiredKeys).toBe(2000);
    expect(new Set(path.entries.map((e) => e.db))).toEqual(new Set([0, 2]));
    for (const e of path.entries) {
      expect(e.argv[0]).toBe('delete-expired');
      expect(e.argv.length).toBeLessThanOrEqual(513);
    }
  });

  it('the entry decides by its own time: applied before the keys expire, it deletes nothing', () => {
    const { keyspace, path, expiry, setNow } = setup(1);
    const db = keyspace.db(0);
    db.set('a', 'v');
    db.setExpire('a', 1_000_100);
    // Sampled at a time the key has expired, applied at an earlier entry time (a node whose
    // log says otherwise): the key stays.
    setNow(1_000_200);
    path.entryTime = 1_000_050;
    runCycle(expiry);
    expect(path.entries.length).toBe(1);
    expect(db.size).toBe(1);
    expect(keyspace.expiredKeys).toBe(0);
    // Replaying the same entry at its recorded time on another key space gives the same state.
    path.entryTime = 1_000_200;
    runCycle(expiry);
    expect(db.size).toBe(0);
  });

  it('an idle cycle looks at a few keys and stops; a flush restarts the walk', () => {
    const { keyspace, path, expiry, setNow } = setup(1);
    const db = keyspace.db(0);
    for (let i = 0; i < 50_000; i++) {
      db.set(`k${i}`, 'v');
      db.setExpire(`k${i}`, 5_000_000);
    }
    setNow(1_000_000);
    const before = expiry.stats.examined;
    expect(expiry.slice()).toBe(false);
    // One slice of ~1 ms: far fewer than all the keys.
    expect(expiry.stats.examined - before).toBeLessThan(50_000);
    expect(path.entries).toEqual([]);
    db.flush();
    db.set('x', 'v');
    db.setExpire('x', 900_000);
    runCycle(expiry);
    expect(path.entries.map((e) => e.argv)).toEqual([['delete-expired', 'x']]);
  });

  it('keys added during a pass do not keep the pass from ending', () => {
    const { keyspace, expiry, setNow } = setup(1);
    const db = keyspace.db(0);
    setNow(1_000_000);
    for (let i = 0; i < 5000; i++) {
      db.set(`k${i}`, 'v');
      db.setExpire(`k${i}`, 999_999);
    }
    let slices = 0;
    expiry.beginCycle();
    let more = true;
    while (more && slices < 10_000) {
      more = expiry.slice();
      slices++;
      for (let j = 0; j < 100; j++) {
        const k = `new${slices}:${j}`;
        db.set(k, 'v');
        db.setExpire(k, 999_999);
      }
    }
    expect(more).toBe(false);
  });

  it('the internal command is not in the public command table', () => {
    expect(allCommands.some((c) => c.name === DELETE_EXPIRED.name)).toBe(false);
  });
});
