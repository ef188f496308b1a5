// `npm run bench`: redis-benchmark against our server and a real redis-server, side by side in one
// run, alternating, at -P 1 and -P 16 with 50 clients. Prints requests/s for each and the ratio,
// server CPU microseconds per request (from /proc), and memory per key / per element.
//
//   npm run bench -- [--tests set,get,...] [--requests N] [--rounds R] [--no-memory]

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { cpuMicros, root, rssBytes, startServers as startBoth, stopServers, type Server } from './bench-servers.js';

/** redis-benchmark test names and the command each needs, in redis-benchmark's order. */
const TESTS: Array<[string, string]> = [
  ['ping_inline', 'ping'],
  ['ping_mbulk', 'ping'],
  ['set', 'set'],
  ['get', 'get'],
  ['incr', 'incr'],
  ['lpush', 'lpush'],
  ['rpush', 'rpush'],
  ['lpop', 'lpop'],
  ['rpop', 'rpop'],
  ['sadd', 'sadd'],
  ['hset', 'hset'],
  ['spop', 'spop'],
  ['zadd', 'zadd'],
  ['zpopmin', 'zpopmin'],
  ['lrange_100', 'lrange'],
  ['lrange_300', 'lrange'],
  ['lrange_500', 'lrange'],
  ['lrange_600', 'lrange'],
  ['mset', 'mset'],
  ['xadd', 'xadd'],
];

const program = new Command()
  .option('--tests <list>', 'comma-separated redis-benchmark tests (default: every test whose command we implement)')
  .option('--requests <n>', 'requests per run at -P 1 (x10 at -P 16)', '100000')
  .option('--rounds <n>', 'alternating rounds per test; the best of each side is kept', '2')
  .option('--clients <n>', 'parallel connections', '50')
  .option('--no-memory', 'skip the memory measurements')
  .option('--node-flags <flags>', "node's flags for our server (default: package.json config.nodeFlags, as npm start uses)")
  .parse();
const opts = program.opts<{ tests?: string; requests: string; rounds: string; clients: string; memory: boolean; nodeFlags?: string }>();

/** The V8 flags `npm start` runs the server with (package.json config.nodeFlags). */
function startFlags(): string[] {
  const flags = opts.nodeFlags ?? (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { config?: { nodeFlags?: string } }).config?.nodeFlags ?? '';
  return flags.split(' ').filter((f) => f !== '');
}

/** Our server runs with --expose-gc (MEMORY PURGE collects) and the flags npm start uses. */
function startServers(): Promise<[Server, Server]> {
  return startBoth(['--expose-gc', ...startFlags()]);
}

function cli(port: number, ...args: string[]): string {
  return spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' }).stdout.trim();
}

function implemented(port: number, command: string): boolean {
  const out = cli(port, 'COMMAND', 'INFO', command);
  return out.length > 0 && !out.startsWith('ERR');
}

interface Run {
  rps: number;
  cpuPerRequest: number;
}

/** Tests redis-benchmark 7.0 does not have (it came in 7.2), run as the command 7.2 sends. */
const EXPLICIT_TESTS: Record<string, string[]> = { xadd: ['XADD', 'mystream', '*', 'myfield', 'xxx'] };

function runBenchmark(server: Server, test: string, pipeline: number, requests: number): Run {
  cli(server.port, 'FLUSHALL');
  const before = cpuMicros(server.pid);
  const r = spawnSync(
    'redis-benchmark',
    ['-p', String(server.port), '-c', opts.clients, '-n', String(requests), '-P', String(pipeline), '--csv', '-r', '100000', ...(EXPLICIT_TESTS[test] ?? ['-t', test])],
    { encoding: 'utf8' },
  );
  const cpu = cpuMicros(server.pid) - before;
  // The last row: LRANGE_xxx tests print their LPUSH fill first.
  const line = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('"') && !l.startsWith('"test"'))
    .at(-1);
  if (!line) throw new Error(`redis-benchmark ${test} on ${server.name}: ${r.stdout}${r.stderr}`);
  const rps = Number(line.split(',')[1]!.replace(/"/g, ''));
  // LRANGE_xxx tests first fill the list with LPUSH; count those requests too.
  const total = test.startsWith('lrange') ? requests * 2 : requests;
  return { rps, cpuPerRequest: cpu / total };
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

async function main(): Promise<void> {
  const [ours, redis] = await startServers();
  try {
    const wanted = opts.tests ? opts.tests.split(',') : TESTS.filter(([, cmd]) => implemented(ours.port, cmd)).map(([t]) => t);
    const baseRequests = Number(opts.requests);
    console.log(`redis-benchmark, ${opts.clients} clients, best of ${opts.rounds} alternating rounds per cell`);
    console.log(`${'test'.padEnd(12)} ${'P'.padStart(3)} ${'ours rps'.padStart(12)} ${'redis rps'.padStart(12)} ${'ratio'.padStart(6)} ${'ours µs/req'.padStart(12)} ${'redis µs/req'.padStart(13)} ${'cpu ratio'.padStart(9)}`);
    for (const test of wanted) {
      for (const pipeline of [1, 16]) {
        const requests = pipeline === 1 ? baseRequests : baseRequests * 10;
        const best = { ours: { rps: 0, cpuPerRequest: Infinity }, redis: { rps: 0, cpuPerRequest: Infinity } };
        for (let round = 0; round < Number(opts.rounds); round++) {
          const order = round % 2 === 0 ? [ours, redis] : [redis, ours];
          for (const s of order) {
            const r = runBenchmark(s, test, pipeline, requests);
            const b = best[s.name];
            b.rps = Math.max(b.rps, r.rps);
            b.cpuPerRequest = Math.min(b.cpuPerRequest, r.cpuPerRequest);
          }
        }
        console.log(
          `${test.padEnd(12)} ${String(pipeline).padStart(3)} ${fmt(best.ours.rps).padStart(12)} ${fmt(best.redis.rps).padStart(12)} ${(best.ours.rps / best.redis.rps).toFixed(2).padStart(6)} ${fmt(best.ours.cpuPerRequest, 2).padStart(12)} ${fmt(best.redis.cpuPerRequest, 2).padStart(13)} ${(best.ours.cpuPerRequest / best.redis.cpuPerRequest).toFixed(2).padStart(9)}`,
        );
      }
    }
  } finally {
    stopServers([ours, redis]);
  }
  if (opts.memory) await memoryReport();
}

/** Sends generated commands through `redis-cli --pipe`, the mass-insertion path users take. */
function pipeCommands(port: number, count: number, make: (i: number) => string[]): void {
  const parts: string[] = [];
  const flush = () => {
    const r = spawnSync('redis-cli', ['-p', String(port), '--pipe'], { input: Buffer.from(parts.join(''), 'latin1'), encoding: 'utf8' });
    if (!/errors: 0/.test(r.stdout)) throw new Error(`redis-cli --pipe failed: ${r.stdout}${r.stderr}`);
    parts.length = 0;
  };
  for (let i = 0; i < count; i++) {
    const argv = make(i);
    parts.push(`*${argv.length}\r\n` + argv.map((a) => `$${a.length}\r\n${a}\r\n`).join(''));
    if (parts.length === 200_000) flush();
  }
  if (parts.length > 0) flush();
}

/** RSS after MEMORY PURGE (which runs a full GC on our side) and a moment to settle. */
function settledRss(s: Server): number {
  cli(s.port, 'MEMORY', 'PURGE');
  spawnSync('sleep', ['0.5']);
  cli(s.port, 'MEMORY', 'PURGE');
  return rssBytes(s.pid);
}

/**
 * Both allocators give freed pages back to the system some seconds after the work that freed
 * them (V8's memory reducer once the process is idle, jemalloc's decay): the RSS is read after
 * both servers have been idle this long, so that it is what a key costs, not what loading left.
 */
const IDLE_BEFORE_RSS_SECONDS = '10';

/** Each case runs on freshly started servers, so that memory freed by one case cannot hide the next. */
async function memoryReport(): Promise<void> {
  const cases: Array<{ label: string; command: string; elements: number; load: (port: number) => void }> = [
    {
      label: '1M string keys (SET key:<n> xxx)',
      command: 'set',
      elements: 1_000_000,
      load: (port) => pipeCommands(port, 1_000_000, (i) => ['SET', `key:${String(i).padStart(12, '0')}`, 'xxx']),
    },
    {
      label: '1M-member sorted set',
      command: 'zadd',
      elements: 1_000_000,
      load: (port) => pipeCommands(port, 10_000, (i) => ['ZADD', 'z', ...Array.from({ length: 100 }, (_, j) => [String((i * 100 + j) * 1.5), `member:${i * 100 + j}`]).flat()]),
    },
    {
      label: '1M-field hash',
      command: 'hset',
      elements: 1_000_000,
      load: (port) => pipeCommands(port, 10_000, (i) => ['HSET', 'h', ...Array.from({ length: 100 }, (_, j) => [`field:${i * 100 + j}`, 'value']).flat()]),
    },
    {
      label: '1M-entry stream (2 small fields)',
      command: 'xadd',
      elements: 1_000_000,
      load: (port) => pipeCommands(port, 1_000_000, () => ['XADD', 's', '*', 'f1', 'v1', 'f2', 'v2']),
    },
    {
      label: '100k lists of 10 elements',
      command: 'rpush',
      elements: 1_000_000,
      load: (port) => pipeCommands(port, 100_000, (i) => ['RPUSH', `l:${i}`, ...Array.from({ length: 10 }, (_, j) => `value${j}`)]),
    },
    {
      label: '100k hashes of 10 fields',
      command: 'hset',
      elements: 1_000_000,
      load: (port) => pipeCommands(port, 100_000, (i) => ['HSET', `h:${i}`, ...Array.from({ length: 10 }, (_, j) => [`f${j}`, `value${j}`]).flat()]),
    },
  ];
  console.log(`\nmemory (RSS growth from loading, per element, read after ${IDLE_BEFORE_RSS_SECONDS} s idle)`);
  console.log(`${'data'.padEnd(36)} ${'ours B/elem'.padStart(12)} ${'redis B/elem'.padStart(13)} ${'ratio'.padStart(6)}`);
  for (const c of cases) {
    const [ours, redis] = await startServers();
    const perElement: number[] = [];
    try {
      if (!implemented(ours.port, c.command)) continue;
      spawnSync('sleep', [IDLE_BEFORE_RSS_SECONDS]);
      const before = [settledRss(ours), settledRss(redis)];
      c.load(ours.port);
      c.load(redis.port);
      spawnSync('sleep', [IDLE_BEFORE_RSS_SECONDS]);
      [ours, redis].forEach((s, i) => perElement.push((settledRss(s) - before[i]!) / c.elements));
    } finally {
      stopServers([ours, redis]);
    }
    console.log(`${c.label.padEnd(36)} ${fmt(perElement[0]!, 1).padStart(12)} ${fmt(perElement[1]!, 1).padStart(13)} ${(perElement[0]! / perElement[1]!).toFixed(2).padStart(6)}`);
  }
}

await main();
