// The deterministic simulation over many seeds (`npm run sim` runs the same code from the
// command line). Each seed builds a cluster of 3, 5 or 7 nodes and throws partitions, crashes,
// lost/duplicated/reordered messages, membership changes, snapshots and transfers at it, while
// clients run a KV workload whose history must be linearizable.

import { describe, expect, it } from 'vitest';
import { runSeed, type SeedResult } from '../../scripts/sim/simulation.js';

function explain(failures: SeedResult[]): string {
  return failures.map((r) => `seed ${r.seed}: ${r.failure}\n  ${r.settings}\n    ${r.trace.slice(-25).join('\n    ')}`).join('\n\n');
}

function runRange(from: number, count: number): SeedResult[] {
  const failures: SeedResult[] = [];
  for (let seed = from; seed < from + count; seed++) {
    const r = runSeed(seed);
    if (!r.ok) failures.push(r);
  }
  return failures;
}

describe('simulation', () => {
  // 400 seeds in four slices, so a failure names a small range
  for (const from of [1, 101, 201, 301]) {
    it(`seeds ${from}..${from + 99} keep every safety property, make progress once healed, and stay linearizable`, () => {
      const failures = runRange(from, 100);
      expect(failures.map((f) => f.seed), explain(failures)).toEqual([]);
    }, 120_000);
  }

  it('is deterministic: a seed replays to the same events and figures', () => {
    const a = runSeed(7, { traceLines: 100_000 });
    const b = runSeed(7, { traceLines: 100_000 });
    expect(b.stats).toEqual(a.stats);
    expect(a.stats.ops).toBeGreaterThan(0);
    const lines = (r: SeedResult) => r.trace.length;
    expect(lines(b)).toBe(lines(a));
  });

  it('exercises what it claims to: elections, crashes, snapshots, membership, transfers, reads', () => {
    const totals = new Map<string, number>();
    let leaders = 0;
    let crashes = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const s = runSeed(seed).stats;
      leaders += s.leaders;
      crashes += s.crashes;
      for (const [k, v] of Object.entries(s.counters)) totals.set(k, (totals.get(k) ?? 0) + v);
    }
    expect(leaders).toBeGreaterThan(60);
    expect(crashes).toBeGreaterThan(30);
    for (const what of ['snapshotsInstalled', 'applied addLearner', 'applied promote', 'applied remove', 'leaderReads', 'followerReads']) {
      expect(totals.get(what) ?? 0, what).toBeGreaterThan(0);
    }
  });
});

describe('the checker can fail', () => {
  it('reads served from a leader\'s local state without ReadIndex (a planted bug) are caught as stale', () => {
    const caught: number[] = [];
    for (let seed = 1; seed <= 40 && caught.length === 0; seed++) {
      const r = runSeed(seed, { overrides: { readMode: 'unsafe', checkQuorum: false } });
      if (!r.ok) {
        expect(r.failure).toMatch(/not linearizable/);
        caught.push(seed);
      }
    }
    expect(caught.length).toBeGreaterThan(0);
  }, 60_000);

  it('the same seeds pass with ReadIndex (the failure was the planted bug, not the harness)', () => {
    const failures = runRange(1, 40).filter((r) => r.failure?.includes('not linearizable'));
    expect(failures.map((f) => f.seed)).toEqual([]);
  });
});
