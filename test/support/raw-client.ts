// A minimal RESP2 client for tests: sends commands (as multibulk or raw bytes) and returns each
// reply's exact bytes. No client library in between, so nothing is normalised away.

import net from 'node:net';
import { replyLength } from './resp-reader.js';

export type Arg = string | Buffer;

/** Encodes a command as a multibulk request; strings are sent as latin1 bytes. */
export function encodeCommand(args: readonly Arg[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`, 'latin1')];
  for (const a of args) {
    const b = typeof a === 'string' ? Buffer.from(a, 'latin1') : a;
    parts.push(Buffer.from(`$${b.length}\r\n`, 'latin1'), b, Buffer.from('\r\n', 'latin1'));
  }
  return Buffer.concat(parts);
}

export class RawClient {
  private buf = Buffer.alloc(0);
  private chunks: Buffer[] = [];
  private chunkBytes = 0;
  private bytesAtLastTry = 0;
  private waiters: Array<{ count: number; resolve: (r: Buffer[]) => void; reject: (e: Error) => void }> = [];
  private closedFlag = false;
  private closeWaiters: Array<() => void> = [];

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (d: Buffer) => {
      this.chunks.push(d);
      this.chunkBytes += d.length;
      // A reply ends with CRLF; while a big reply streams in, parse again only when the bytes
      // have doubled, so that receiving it stays linear.
      const endsReply = d.length >= 2 && d[d.length - 2] === 13 && d[d.length - 1] === 10;
      if (endsReply || this.chunkBytes >= 2 * this.bytesAtLastTry) this.drain();
    });
    socket.on('close', () => {
      this.drain();
      this.closedFlag = true;
      for (const w of this.waiters) w.reject(new Error(`connection closed; unparsed: ${this.buf.toString('latin1')}`));
      this.waiters = [];
      for (const f of this.closeWaiters) f();
    });
    socket.on('error', () => {});
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const s = net.connect(port, host, () => resolve(new RawClient(s)));
      s.once('error', reject);
    });
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Resolves when the server has closed the connection. */
  waitClosed(): Promise<void> {
    if (this.closedFlag) return Promise.resolve();
    return new Promise((r) => this.closeWaiters.push(r));
  }

  /** Sends one command and returns its reply bytes. */
  async call(...args: Arg[]): Promise<Buffer> {
    const [r] = await this.pipeline([args]);
    return r!;
  }

  /** Sends several commands in one write and returns their replies' bytes in order. */
  pipeline(commands: readonly (readonly Arg[])[]): Promise<Buffer[]> {
    const p = this.expect(commands.length);
    this.socket.write(Buffer.concat(commands.map(encodeCommand)));
    return p;
  }

  /** Sends raw bytes; expect(n) collects the replies. */
  writeRaw(bytes: Buffer | string): void {
    this.socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  }

  expect(count: number): Promise<Buffer[]> {
    return new Promise((resolve, reject) => {
      if (this.closedFlag) return reject(new Error('connection closed'));
      this.waiters.push({ count, resolve, reject });
      this.drain();
    });
  }

  /** All bytes received and not yet taken by expect(). */
  get unread(): Buffer {
    this.drain();
    return this.buf;
  }

  close(): void {
    this.socket.destroy();
  }

  private drain(): void {
    if (this.chunks.length > 0) {
      this.buf = Buffer.concat([this.buf, ...this.chunks]);
      this.chunks = [];
      this.chunkBytes = this.buf.length;
    }
    this.bytesAtLastTry = this.buf.length;
    while (this.waiters.length > 0) {
      const w = this.waiters[0]!;
      const out: Buffer[] = [];
      let pos = 0;
      for (let i = 0; i < w.count; i++) {
        const len = replyLength(this.buf, pos);
        if (len < 0) return;
        out.push(this.buf.subarray(pos, pos + len));
        pos += len;
      }
      this.buf = this.buf.subarray(pos);
      this.chunkBytes = this.buf.length;
      this.bytesAtLastTry = this.buf.length;
      this.waiters.shift();
      w.resolve(out);
    }
  }
}
