// The fault injector of the safety phase: partitions (symmetric, one-way, a lone leader cut
// off), crashes and restarts, membership changes, leadership transfers and link storms, at
// random moments drawn from the seed.

import type { SeededRandom } from '../../raft/random.js';
import type { SimNetwork } from './network.js';
import type { SimSettings } from './settings.js';
import type { SimNode } from './sim-node.js';

/** What the nemesis may do to the cluster. */
export interface Cluster {
  readonly settings: SimSettings;
  readonly network: SimNetwork;
  readonly rng: SeededRandom;
  now: number;
  nodes(): SimNode[];
  leader(): SimNode | undefined;
  addNode(): SimNode;
  note(what: string): void;
}

type Action = 'split' | 'isolateLeader' | 'cutLeaderLink' | 'oneWay' | 'heal' | 'crash' | 'crashLeader' | 'restart' | 'pause' | 'addLearner' | 'promote' | 'remove' | 'transfer';

export class Nemesis {
  private nextAt: number;
  actions = 0;
  membershipChanges = 0;
  transfers = 0;

  constructor(private readonly c: Cluster) {
    this.nextAt = c.rng.between(50, 2 * c.settings.nemesisEveryMs);
  }

  act(): void {
    const c = this.c;
    if (c.now < this.nextAt) return;
    this.nextAt = c.now + c.rng.between(1, 2 * c.settings.nemesisEveryMs);
    const s = c.settings;
    const choices: Action[] = ['heal'];
    if (s.partitions) choices.push('split', 'split', 'isolateLeader', 'cutLeaderLink', 'oneWay');
    if (s.crashes) choices.push('crash', 'crashLeader', 'restart', 'restart', 'restart');
    if (s.pauses) choices.push('pause', 'pause');
    if (s.membership) choices.push('addLearner', 'promote', 'remove');
    if (s.transfers) choices.push('transfer');
    this.actions++;
    this.perform(c.rng.pick(choices));
  }

  private perform(action: Action): void {
    const c = this.c;
    const net = c.network;
    const live = c.nodes().filter((n) => !n.retired);
    const ids = live.map((n) => n.id);
    switch (action) {
      case 'heal':
        net.heal();
        c.note('heal');
        return;
      case 'split': {
        net.heal();
        const shuffled = shuffle(ids, c.rng);
        const cut = shuffled.slice(0, c.rng.between(1, Math.max(1, ids.length >> 1)));
        net.split(cut, shuffled.filter((id) => !cut.includes(id)));
        c.note(`partition ${cut.join(',')} | ${shuffled.filter((id) => !cut.includes(id)).join(',')}`);
        return;
      }
      case 'isolateLeader': {
        const leader = c.leader();
        if (leader === undefined) return;
        net.heal();
        const others = ids.filter((id) => id !== leader.id);
        if (c.rng.chance(0.5)) {
          net.split([leader.id], others);
          c.note(`isolate leader n${leader.id}`);
        } else {
          // it can still talk but hears nothing back: the classic stale leader
          for (const id of others) net.block(id, leader.id);
          c.note(`leader n${leader.id} deaf (one-way cut)`);
        }
        return;
      }
      case 'cutLeaderLink': {
        // a partial partition: one follower loses the leader but still reaches everyone else,
        // so it campaigns among nodes that still hear from the leader (leases, disruption)
        const leader = c.leader();
        if (leader === undefined) return;
        const others = ids.filter((id) => id !== leader.id);
        if (others.length === 0) return;
        const cut = c.rng.pick(others);
        net.block(leader.id, cut);
        net.block(cut, leader.id);
        c.note(`cut link n${leader.id}↔n${cut}`);
        return;
      }
      case 'oneWay': {
        const from = c.rng.pick(ids);
        const to = c.rng.pick(ids);
        if (from === to) return;
        net.block(from, to);
        c.note(`one-way cut n${from}→n${to}`);
        return;
      }
      case 'crash': {
        const up = live.filter((n) => n.alive);
        if (up.length === 0) return;
        c.rng.pick(up).crash('nemesis');
        return;
      }
      case 'crashLeader': {
        const leader = c.leader();
        if (leader !== undefined) leader.crash('nemesis: leader');
        return;
      }
      case 'pause': {
        // most often the leader: a paused leader that wakes up still believing it leads
        const leader = c.leader();
        const up = live.filter((n) => n.alive && !n.paused);
        const victim = leader !== undefined && !leader.paused && c.rng.chance(0.6) ? leader : up.length > 0 ? c.rng.pick(up) : undefined;
        victim?.pause(c.rng.between(20, 500));
        return;
      }
      case 'restart': {
        const down = live.filter((n) => !n.alive);
        if (down.length === 0) return;
        c.rng.pick(down).start();
        return;
      }
      case 'addLearner': {
        const leader = c.leader();
        if (leader === undefined || leader.raft === null || live.length >= c.settings.clusterSize + 2) return;
        const node = c.addNode();
        const r = leader.raft.proposeConfChange({ type: 'addLearner', nodeId: node.id });
        c.note(`propose addLearner n${node.id} on n${leader.id}: ${r.kind}`);
        if (r.kind === 'appended') this.membershipChanges++;
        return;
      }
      case 'promote': {
        const leader = c.leader();
        if (leader === undefined || leader.raft === null) return;
        const st = leader.raft.status();
        const ready = st.conf.learners.filter((id) => (st.progress.get(id)?.match ?? 0) + 5 >= st.commit);
        if (ready.length === 0 || st.conf.voters.length >= 7) return;
        const id = c.rng.pick(ready);
        const r = leader.raft.proposeConfChange({ type: 'promote', nodeId: id });
        c.note(`propose promote n${id} on n${leader.id}: ${r.kind}`);
        if (r.kind === 'appended') this.membershipChanges++;
        return;
      }
      case 'remove': {
        const leader = c.leader();
        if (leader === undefined || leader.raft === null) return;
        const st = leader.raft.status();
        const candidates = st.conf.voters.length > c.settings.minVoters ? [...st.conf.voters, ...st.conf.learners] : [...st.conf.learners];
        if (candidates.length === 0) return;
        const id = c.rng.pick(candidates);
        const r = leader.raft.proposeConfChange({ type: 'remove', nodeId: id });
        c.note(`propose remove n${id} on n${leader.id}: ${r.kind}`);
        if (r.kind === 'appended') this.membershipChanges++;
        return;
      }
      case 'transfer': {
        const leader = c.leader();
        if (leader === undefined || leader.raft === null) return;
        const voters = leader.raft.status().conf.voters.filter((id) => id !== leader.id);
        if (voters.length === 0) return;
        const to = c.rng.pick(voters);
        leader.raft.transferLeadership(to);
        this.transfers++;
        c.note(`transfer leadership n${leader.id}→n${to}`);
        return;
      }
    }
  }
}

function shuffle<T>(items: readonly T[], rng: SeededRandom): T[] {
  const a = items.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}
