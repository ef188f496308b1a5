// The request parser decoded three ways (whole, byte by byte, split at every boundary), as
// ioredis tests its decoder, plus Redis's limits and errors.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RequestParser, parseLongLong } from '../../protocol/request-parser.js';

function encode(argv: string[]): Buffer {
  let s = `*${argv.length}\r\n`;
  for (const a of argv) s += `$${a.length}\r\n${a}\r\n`;
  return Buffer.from(s, 'latin1');
}

/** Feeds the chunks and collects every command, then the failure if any. */
function parseChunks(chunks: Buffer[], setup?: (p: RequestParser) => void) {
  const p = new RequestParser();
  setup?.(p);
  const out: string[][] = [];
  for (const c of chunks) {
    p.feed(c);
    for (let argv = p.next(); argv !== null; argv = p.next()) out.push(argv);
  }
  return { commands: out, failure: p.failure, pending: p.pendingBytes };
}

/** Parses `bytes` whole, byte by byte, and split in two at every position; all must agree. */
function parseEveryWay(bytes: Buffer) {
  const whole = parseChunks([bytes]);
  const single: Buffer[] = [];
  for (let i = 0; i < bytes.length; i++) single.push(bytes.subarray(i, i + 1));
  expect(parseChunks(single)).toEqual(whole);
  for (let i = 1; i < bytes.length; i++) {
    expect(parseChunks([bytes.subarray(0, i), bytes.subarray(i)])).toEqual(whole);
  }
  return whole;
}

describe('multibulk requests', () => {
  it('decodes a command the same whole, byte by byte and split anywhere', () => {
    const r = parseEveryWay(encode(['SET', 'key', 'va\r\nlue']));
    expect(r.commands).toEqual([['SET', 'key', 'va\r\nlue']]);
    expect(r.failure).toBeNull();
  });

  it('decodes pipelines and binary arguments (every byte value) as latin1 strings', () => {
    const all = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');
    const r = parseEveryWay(Buffer.concat([encode(['ECHO', all]), encode(['PING']), encode(['GET', ''])]));
    expect(r.commands).toEqual([['ECHO', all], ['PING'], ['GET', '']]);
  });

  it('skips *0 and *-1 requests like Redis', () => {
    const r = parseEveryWay(Buffer.from('*0\r\n*-1\r\n*1\r\n$4\r\nPING\r\n', 'latin1'));
    expect(r.commands).toEqual([['PING']]);
  });

  it('does not check the two bytes after a bulk (Redis skips them)', () => {
    const r = parseChunks([Buffer.from('*1\r\n$4\r\nPINGxx*1\r\n$4\r\nPING\r\n', 'latin1')]);
    expect(r.commands).toEqual([['PING'], ['PING']]);
  });

  it('reads a big bulk split over many chunks into one argument', () => {
    const big = 'x'.repeat(200_000);
    const bytes = encode(['SET', 'k', big]);
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 7_000) chunks.push(bytes.subarray(i, i + 7_000));
    const r = parseChunks(chunks);
    expect(r.commands).toEqual([['SET', 'k', big]]);
    expect(r.pending).toBe(0);
  });

  it('agrees with a model on generated commands split at random points', () => {
    const arg = fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: 40 });
    fc.assert(
      fc.property(fc.array(fc.array(arg, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 8 }), (cmds, cuts) => {
        const bytes = Buffer.concat(cmds.map(encode));
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks: Buffer[] = [];
        let prev = 0;
        for (const p of points) {
          chunks.push(bytes.subarray(prev, p));
          prev = p;
        }
        chunks.push(bytes.subarray(prev));
        expect(parseChunks(chunks).commands).toEqual(cmds);
      }),
      { numRuns: 300 },
    );
  });
});

describe('inline requests', () => {
  it('splits on whitespace, accepts \\n or \\r\\n, and ignores blank lines', () => {
    const r = parseEveryWay(Buffer.from('PING\r\n\r\n   \r\nSET a  b\nGET\ta\r\r\n', 'latin1'));
    expect(r.commands).toEqual([['PING'], ['SET', 'a', 'b'], ['GET', 'a']]);
  });

  it('understands quotes and escapes as sdssplitargs does', () => {
    const r = parseChunks([Buffer.from(`SET "a b" 'c d'\r\nECHO "\\x41\\n\\t\\"q" 'it\\'s' a"b c"\r\n`, 'latin1')]);
    expect(r.commands).toEqual([
      ['SET', 'a b', 'c d'],
      ['ECHO', 'A\n\t"q', "it's", 'ab c'],
    ]);
  });

  it('refuses unbalanced quotes and a closing quote followed by a non-space', () => {
    for (const line of ['SET "a b\r\n', "SET 'a\r\n", 'SET "a"b\r\n', "SET 'a'b\r\n"]) {
      const r = parseChunks([Buffer.from(line, 'latin1')]);
      expect(r.failure?.error).toBe('ERR Protocol error: unbalanced quotes in request');
    }
  });

  it('refuses an inline request longer than 64KB without a newline', () => {
    const r = parseChunks([Buffer.alloc(64 * 1024 + 1, 'a')]);
    expect(r.failure?.error).toBe('ERR Protocol error: too big inline request');
    const ok = parseChunks([Buffer.alloc(64 * 1024, 'a')]);
    expect(ok.failure).toBeNull();
  });
});

describe('protocol errors', () => {
  const cases: Array<[string, string]> = [
    ['*01\r\n', 'ERR Protocol error: invalid multibulk length'],
    ['*+1\r\n', 'ERR Protocol error: invalid multibulk length'],
    ['*1 \r\n', 'ERR Protocol error: invalid multibulk length'],
    ['*2147483648\r\n', 'ERR Protocol error: invalid multibulk length'],
    ['*x\r\n', 'ERR Protocol error: invalid multibulk length'],
    ['*1\r\n$-1\r\n', 'ERR Protocol error: invalid bulk length'],
    ['*1\r\n$01\r\n', 'ERR Protocol error: invalid bulk length'],
    ['*1\r\n$536870913\r\n', 'ERR Protocol error: invalid bulk length'],
    ['*1\r\nx\r\n', "ERR Protocol error: expected '$', got 'x'"],
    ['*1\r\n\r\n', "ERR Protocol error: expected '$', got ' '"],
  ];
  for (const [input, error] of cases) {
    it(`answers ${JSON.stringify(input)} with ${error}`, () => {
      const r = parseEveryWay(Buffer.from(input, 'latin1'));
      expect(r.failure?.error).toBe(error);
    });
  }

  it('accepts a bulk of exactly proto-max-bulk-len (a smaller limit for the test)', () => {
    const r = parseChunks([Buffer.from('*1\r\n$10\r\n0123456789\r\n*1\r\n$11\r\n', 'latin1')], (p) => (p.maxBulkLen = 10));
    expect(r.commands).toEqual([['0123456789']]);
    expect(r.failure?.error).toBe('ERR Protocol error: invalid bulk length');
  });

  it('refuses long count lines without a CR', () => {
    expect(parseChunks([Buffer.from('*' + '1'.repeat(70_000), 'latin1')]).failure?.error).toBe('ERR Protocol error: too big mbulk count string');
    expect(parseChunks([Buffer.from('*1\r\n$' + '1'.repeat(70_000), 'latin1')]).failure?.error).toBe('ERR Protocol error: too big bulk count string');
  });

  it('refuses long counts and lengths before authentication', () => {
    const setup = (p: RequestParser) => (p.authRequired = true);
    expect(parseChunks([Buffer.from('*11\r\n', 'latin1')], setup).failure?.error).toBe('ERR Protocol error: unauthenticated multibulk length');
    expect(parseChunks([Buffer.from('*1\r\n$16385\r\n', 'latin1')], setup).failure?.error).toBe('ERR Protocol error: unauthenticated bulk length');
    expect(parseChunks([encode(['AUTH', 'x'.repeat(100)])], setup).commands).toHaveLength(1);
  });

  it('closes without a reply past the query buffer limit', () => {
    const r = parseChunks([Buffer.from('*1\r\n$100000\r\n', 'latin1'), Buffer.alloc(60_000, 'a')], (p) => (p.queryBufferLimit = 50_000));
    expect(r.failure).toEqual({ error: null, reason: 'closing client that reached max query buffer length' });
  });

  it('returns nothing more after a failure, even when valid input follows', () => {
    const r = parseChunks([Buffer.from('*1\r\nx\r\n*1\r\n$4\r\nPING\r\n', 'latin1')]);
    expect(r.commands).toEqual([]);
  });
});

describe('parseLongLong (string2ll)', () => {
  it('accepts what string2ll accepts', () => {
    const ok: Array<[string, number]> = [['0', 0], ['-1', -1], ['123', 123], ['9007199254740991', 9007199254740991]];
    for (const [s, v] of ok) expect(parseLongLong(Buffer.from(s), 0, s.length)).toBe(v);
    for (const s of ['', '-', '-0', '01', '+1', ' 1', '1 ', '1a', '123456789012345678901']) {
      expect(parseLongLong(Buffer.from(s), 0, s.length)).toBeNull();
    }
  });
});
