// Our request parser against the named dependency `redis-parser`, on the same buffers: the
// requests redis-benchmark sends (SET with a 3-byte value, P16 pipelines), arriving in
// socket-sized chunks. Prints CPU nanoseconds per request for each. `npm run bench:parser`.

import { createRequire } from 'node:module';
import { RequestParser } from '../protocol/request-parser.js';

interface JsParser {
  execute(buf: Buffer): void;
}
const require = createRequire(import.meta.url);
const JavascriptParser = require('redis-parser') as new (opts: {
  returnReply(r: unknown): void;
  returnError(e: unknown): void;
  returnBuffers?: boolean;
}) => JsParser;

function encode(argv: string[]): string {
  return `*${argv.length}\r\n` + argv.map((a) => `$${a.length}\r\n${a}\r\n`).join('');
}

function workload(pipeline: number, value: string): Buffer[] {
  const chunks: Buffer[] = [];
  for (let c = 0; c < 2000; c++) {
    let s = '';
    for (let i = 0; i < pipeline; i++) s += encode(['SET', `key:${String(c * pipeline + i).padStart(12, '0')}`, value]);
    chunks.push(Buffer.from(s, 'latin1'));
  }
  return chunks;
}

function timeIt(label: string, rounds: number, requests: number, run: () => void): number {
  for (let i = 0; i < 3; i++) run(); // warm up the JIT
  const start = process.cpuUsage();
  for (let i = 0; i < rounds; i++) run();
  const used = process.cpuUsage(start);
  const ns = ((used.user + used.system) * 1000) / (rounds * requests);
  console.log(`${label.padEnd(44)} ${ns.toFixed(0).padStart(6)} ns/request`);
  return ns;
}

for (const [pipeline, value] of [
  [1, 'xxx'],
  [16, 'xxx'],
  [16, 'x'.repeat(1024)],
] as Array<[number, string]>) {
  const chunks = workload(pipeline, value);
  const requests = chunks.length * pipeline;
  let sink = 0;
  const ours = timeIt(`ours          P${pipeline} value ${value.length}B`, 50, requests, () => {
    const p = new RequestParser();
    for (const c of chunks) {
      p.feed(c);
      for (let a = p.next(); a !== null; a = p.next()) sink += a.length;
    }
  });
  const theirs = timeIt(`redis-parser  P${pipeline} value ${value.length}B (strings)`, 50, requests, () => {
    const p = new JavascriptParser({ returnReply: (r) => (sink += (r as string[]).length), returnError: () => {} });
    for (const c of chunks) p.execute(c);
  });
  const theirsBuf = timeIt(`redis-parser  P${pipeline} value ${value.length}B (buffers)`, 50, requests, () => {
    const p = new JavascriptParser({ returnReply: (r) => (sink += (r as Buffer[]).length), returnError: () => {}, returnBuffers: true });
    for (const c of chunks) p.execute(c);
  });
  console.log(`  redis-parser / ours: ${(theirs / ours).toFixed(2)}x (strings), ${(theirsBuf / ours).toFixed(2)}x (buffers, still to be copied)`);
  if (sink < 0) console.log(sink);
}
