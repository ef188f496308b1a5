// The deterministic Raft simulator.
//   npm run sim -- --seeds 300            run seeds 1..300 (CI runs a few hundred)
//   npm run sim -- --seeds 10000          the long run, before a release
//   npm run sim -- --seed 42 --trace      replay one seed, printing every event and message
//   npm run sim -- --from 5000 --seeds 100 --unsafe-reads   a planted stale-read bug: must fail

import { runSeed, type SeedResult } from './sim/simulation.js';
import type { SettingsOverrides } from './sim/settings.js';

interface Args {
  from: number;
  seeds: number;
  trace: boolean;
  quiet: boolean;
  overrides: SettingsOverrides;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { from: 1, seeds: 100, trace: false, quiet: false, overrides: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): number => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v)) throw new Error(`${a} needs an integer`);
      return v;
    };
    switch (a) {
      case '--seeds':
        args.seeds = value();
        break;
      case '--from':
        args.from = value();
        break;
      case '--seed':
        args.from = value();
        args.seeds = 1;
        break;
      case '--trace':
        args.trace = true;
        break;
      case '--quiet':
        args.quiet = true;
        break;
      case '--unsafe-reads':
        args.overrides = { ...args.overrides, readMode: 'unsafe', checkQuorum: false };
        break;
      default:
        throw new Error(`unknown argument ${a} (use --seeds N, --from S, --seed S, --trace, --unsafe-reads, --quiet)`);
    }
  }
  return args;
}

function report(r: SeedResult): void {
  console.log(`\nFAIL seed ${r.seed}\n  ${r.settings}\n  ${r.failure}`);
  if (r.trace.length > 0) console.log(`  last events:\n    ${r.trace.join('\n    ')}`);
  console.log(`  reproduce: npm run sim -- --seed ${r.seed} --trace`);
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const started = process.hrtime.bigint();
  const failed: number[] = [];
  const counters = new Map<string, number>();
  const totals = { ops: 0, unknown: 0, leaders: 0, crashes: 0, messages: 0, membership: 0, transfers: 0, committed: 0, maxLiveness: 0 };
  for (let seed = args.from; seed < args.from + args.seeds; seed++) {
    const r = runSeed(seed, args.trace ? { overrides: args.overrides, live: (l) => console.log(l), traceLines: 1 } : { overrides: args.overrides });
    const s = r.stats;
    totals.ops += s.ops;
    totals.unknown += s.unknownWrites;
    totals.leaders += s.leaders;
    totals.crashes += s.crashes;
    totals.messages += s.messages;
    totals.membership += s.membershipChanges;
    totals.transfers += s.transfers;
    totals.committed += s.committed;
    totals.maxLiveness = Math.max(totals.maxLiveness, s.livenessTicks);
    for (const [k, v] of Object.entries(s.counters)) counters.set(k, (counters.get(k) ?? 0) + v);
    if (args.trace) console.log(`\n${r.settings}\nstats ${JSON.stringify(s)}`);
    if (!r.ok) {
      failed.push(seed);
      report(r);
    } else if (!args.quiet && !args.trace && (seed - args.from + 1) % 50 === 0) {
      console.log(`  ${seed - args.from + 1} seeds done`);
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `\n${args.seeds} seeds (${args.from}..${args.from + args.seeds - 1}) in ${seconds.toFixed(1)}s: ${failed.length} failed` +
      `\n  ${totals.ops} client operations checked (${totals.unknown} with unknown outcome), ${totals.committed} entries committed, ` +
      `${totals.leaders} leaders elected, ${totals.crashes} crashes, ${totals.membership} membership changes, ${totals.transfers} transfers, ` +
      `${totals.messages} messages; slowest liveness ${totals.maxLiveness} ticks` +
      `\n  ${[...counters].sort().map(([k, v]) => `${k} ${v}`).join(', ')}`,
  );
  if (failed.length > 0) {
    console.log(`failed seeds: ${failed.join(' ')}`);
    process.exitCode = 1;
  }
}

main();
