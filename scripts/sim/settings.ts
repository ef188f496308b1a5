// Everything a seed decides before the run starts. Printing these is the first line of a report.

import { SeededRandom } from '../../raft/random.js';
import type { LinkFaults } from './network.js';

/** 'unsafe' serves reads from a leader's local state without confirming leadership (a planted bug). */
export type SimReadMode = 'readIndex' | 'lease' | 'unsafe';

export interface SimSettings {
  readonly seed: number;
  readonly clusterSize: number;
  readonly tickMs: number;
  readonly electionTicks: number;
  readonly heartbeatTicks: number;
  readonly preVote: boolean;
  readonly checkQuorum: boolean;
  readonly readMode: SimReadMode;
  readonly faults: LinkFaults;
  /** Milliseconds of faults, then the liveness phase. */
  readonly safetyMs: number;
  /** The healed cluster must elect and commit within this many ticks. */
  readonly livenessTicks: number;
  readonly clients: number;
  readonly keys: number;
  readonly opTimeoutMs: number;
  /** Mean milliseconds between nemesis actions. */
  readonly nemesisEveryMs: number;
  readonly crashes: boolean;
  /** Stop-the-world pauses (a GC, a stalled VM): the node keeps its state but time jumps. Not
   *  with lease reads, whose safety assumes no such pauses. */
  readonly pauses: boolean;
  /** Chance that a node crashes while holding an unpersisted Ready (per Ready). */
  readonly crashInReadyRate: number;
  readonly partitions: boolean;
  readonly membership: boolean;
  /** Removals stop at this many voters (down to a single voter). */
  readonly minVoters: number;
  readonly transfers: boolean;
  /** Take a snapshot every this many applied entries, keeping this many entries behind it. */
  readonly snapshotEvery: number;
  readonly keepEntries: number;
  readonly snapshotChunkBytes: number;
  readonly maxMessageBytes: number;
  readonly maxInflightMessages: number;
}

export interface SettingsOverrides extends Partial<Omit<SimSettings, 'seed'>> {}

export function settingsFor(seed: number, rng: SeededRandom, overrides: SettingsOverrides = {}): SimSettings {
  const checkQuorum = rng.chance(0.75);
  const lossy = rng.chance(0.7);
  const faults: LinkFaults = {
    lossRate: lossy ? rng.pick([0.01, 0.05, 0.1, 0.2]) : 0,
    duplicateRate: rng.pick([0, 0, 0.02, 0.1]),
    minDelay: 1,
    maxDelay: rng.pick([3, 8, 15, 30]),
    longDelayRate: rng.pick([0, 0.01, 0.05]),
    longDelayMax: rng.pick([50, 200]),
    reorder: rng.chance(0.5),
  };
  const s: SimSettings = {
    seed,
    clusterSize: rng.pick([3, 3, 5, 5, 7]),
    tickMs: 10,
    electionTicks: new SeededRandom(seed * 7919 + 29).pick([6, 10, 10, 20]),
    heartbeatTicks: rng.pick([1, 2, 3]),
    preVote: rng.chance(0.7),
    checkQuorum,
    readMode: checkQuorum && rng.chance(0.4) ? 'lease' : 'readIndex',
    faults,
    safetyMs: rng.pick([2000, 3000, 6000]),
    livenessTicks: 300,
    clients: rng.between(2, 8),
    keys: rng.between(1, 6),
    opTimeoutMs: rng.pick([150, 400, 1000]),
    nemesisEveryMs: rng.pick([30, 80, 200, 500]),
    crashes: rng.chance(0.7),
    pauses: rng.chance(0.3),
    crashInReadyRate: rng.pick([0, 0.001, 0.01]),
    partitions: rng.chance(0.8),
    membership: rng.chance(0.4),
    // drawn from a separate stream so that adding it did not change what older seeds do
    minVoters: new SeededRandom(seed * 7919 + 17).pick([1, 2, 3, 3]),
    transfers: rng.chance(0.5),
    snapshotEvery: rng.pick([10, 30, 100, 1000]),
    keepEntries: rng.pick([0, 5, 50]),
    snapshotChunkBytes: rng.pick([16, 64, 4096]),
    maxMessageBytes: rng.pick([64, 1024, 1 << 20]),
    maxInflightMessages: rng.pick([1, 4, 256]),
    ...overrides,
  };
  return s.readMode === 'lease' && s.pauses ? { ...s, pauses: false } : s;
}

export function describeSettings(s: SimSettings): string {
  const f = s.faults;
  return (
    `seed ${s.seed}: ${s.clusterSize} nodes, ${s.safetyMs}ms of faults, election ${s.electionTicks}t hb ${s.heartbeatTicks}t, preVote ${s.preVote}, checkQuorum ${s.checkQuorum}, reads ${s.readMode}, ` +
    `loss ${f.lossRate} dup ${f.duplicateRate} delay ${f.minDelay}-${f.maxDelay}ms long ${f.longDelayRate}/${f.longDelayMax} reorder ${f.reorder}, ` +
    `clients ${s.clients} keys ${s.keys} timeout ${s.opTimeoutMs}ms, nemesis/${s.nemesisEveryMs}ms crashes ${s.crashes} pauses ${s.pauses} partitions ${s.partitions} ` +
    `membership ${s.membership} (min ${s.minVoters} voters) transfers ${s.transfers}, snapshot/${s.snapshotEvery} keep ${s.keepEntries} chunk ${s.snapshotChunkBytes}B, ` +
    `msg ${s.maxMessageBytes}B inflight ${s.maxInflightMessages}`
  );
}
