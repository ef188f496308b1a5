// `npm run bench:pubsub`: pub/sub fan-out, our server and a real redis-server side by side in one
// run, alternating rounds. One publisher pipelines PUBLISH commands to a channel that N subscribers
// listen on; the figure is messages delivered per second (published x subscribers / time until
// the last subscriber has the last message), with each server's CPU time per delivered message.
// The client side uses raw sockets and counts bytes (every message has the same length), so that
// it is not the bottleneck.
//
//   npm run bench:pubsub -- [--subscribers N] [--messages N] [--size BYTES] [--window N] [--rounds R]

import net from 'node:net';
import { Command } from 'commander';
import { cpuMicros, startServers, stopServers, type Server } from './bench-servers.js';

const program = new Command()
  .option('--subscribers <n>', 'subscribed connections', '100')
  .option('--messages <n>', 'messages published per round', '100000')
  .option('--size <bytes>', 'message payload size', '32')
  .option('--window <n>', 'PUBLISH commands in flight (the publisher pipeline)', '200')
  .option('--rounds <n>', 'alternating rounds; the best of each side is kept', '3')
  .parse();
const opts = program.opts<{ subscribers: string; messages: string; size: string; window: string; rounds: string }>();
const SUBSCRIBERS = Number(opts.subscribers);
const MESSAGES = Number(opts.messages);
const WINDOW = Number(opts.window);
const CHANNEL = 'bench-channel';
const PAYLOAD = 'x'.repeat(Number(opts.size));

function command(...args: string[]): Buffer {
  let s = `*${args.length}\r\n`;
  for (const a of args) s += `$${Buffer.byteLength(a, 'latin1')}\r\n${a}\r\n`;
  return Buffer.from(s, 'latin1');
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => resolve(s));
    s.setNoDelay(true);
    s.once('error', reject);
  });
}

/** A subscriber that only counts the bytes it receives. */
class Subscriber {
  received = 0;
  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => (this.received += chunk.length));
  }

  static async open(port: number): Promise<Subscriber> {
    const s = new Subscriber(await connect(port));
    s.socket.write(command('SUBSCRIBE', CHANNEL));
    return s;
  }
}

const CONFIRMATION = `*3\r\n$9\r\nsubscribe\r\n$${CHANNEL.length}\r\n${CHANNEL}\r\n:1\r\n`.length;
const MESSAGE = `*3\r\n$7\r\nmessage\r\n$${CHANNEL.length}\r\n${CHANNEL}\r\n$${PAYLOAD.length}\r\n${PAYLOAD}\r\n`.length;
const REPLY = `:${SUBSCRIBERS}\r\n`.length;

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

interface Round {
  deliveredPerSec: number;
  cpuPerDelivery: number;
}

async function round(server: Server): Promise<Round> {
  const subs = await Promise.all(Array.from({ length: SUBSCRIBERS }, () => Subscriber.open(server.port)));
  await until(() => subs.every((s) => s.received >= CONFIRMATION), 'subscriptions');
  for (const s of subs) s.received = 0;
  const pub = await connect(server.port);
  const publish = command('PUBLISH', CHANNEL, PAYLOAD);
  const batch = Math.max(1, Math.floor(WINDOW / 4));
  const batchBytes = Buffer.concat(Array.from({ length: batch }, () => publish));
  let sent = 0;
  let replyBytes = 0;
  const cpuBefore = cpuMicros(server.pid);
  const started = performance.now();
  // Keeps about WINDOW publishes in flight: a new batch goes out as the replies of one come back.
  const sendMore = () => {
    while (sent < MESSAGES && sent - replyBytes / REPLY < WINDOW) {
      const n = Math.min(batch, MESSAGES - sent);
      pub.write(n === batch ? batchBytes : batchBytes.subarray(0, n * publish.length));
      sent += n;
    }
  };
  pub.on('data', (chunk: Buffer) => {
    replyBytes += chunk.length;
    sendMore();
  });
  sendMore();
  const expected = MESSAGES * MESSAGE;
  await until(() => subs.every((s) => s.received >= expected), 'deliveries');
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuMicros(server.pid) - cpuBefore;
  pub.destroy();
  for (const s of subs) s.socket.destroy();
  await new Promise((r) => setTimeout(r, 200));
  const deliveries = MESSAGES * SUBSCRIBERS;
  return { deliveredPerSec: deliveries / seconds, cpuPerDelivery: cpu / deliveries };
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

async function main(): Promise<void> {
  const servers = await startServers();
  try {
    console.log(`pub/sub fan-out: 1 publisher (${WINDOW} in flight), ${SUBSCRIBERS} subscribers, ${fmt(MESSAGES)} messages of ${PAYLOAD.length} bytes per round`);
    const best = new Map<string, Round>();
    for (let r = 0; r < Number(opts.rounds); r++) {
      for (const s of r % 2 === 0 ? servers : [...servers].reverse()) {
        const result = await round(s);
        console.log(`  round ${r + 1} ${s.name.padEnd(5)} ${fmt(result.deliveredPerSec).padStart(12)} msg/s  ${fmt(result.cpuPerDelivery, 3)} us CPU/msg`);
        const prev = best.get(s.name);
        if (prev === undefined || result.deliveredPerSec > prev.deliveredPerSec) best.set(s.name, result);
      }
    }
    const o = best.get('ours')!;
    const x = best.get('redis')!;
    console.log('');
    console.log(`delivered/s   ours ${fmt(o.deliveredPerSec).padStart(12)}   redis ${fmt(x.deliveredPerSec).padStart(12)}   ratio ${fmt(o.deliveredPerSec / x.deliveredPerSec, 2)}`);
    console.log(`CPU us/msg    ours ${fmt(o.cpuPerDelivery, 3).padStart(12)}   redis ${fmt(x.cpuPerDelivery, 3).padStart(12)}`);
  } finally {
    stopServers(servers);
  }
}

await main();
