// A raw connection for tests whose replies cannot be counted in advance (CLIENT REPLY OFF/SKIP,
// QUIT): send bytes, then read until the stream ends with a marker reply or the server closes.

import net from 'node:net';
import { encodeCommand, type Arg } from './raw-client.js';

export class StreamSession {
  private buf = Buffer.alloc(0);
  private closedFlag = false;
  private wake: (() => void) | null = null;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (d) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.wake?.();
    });
    socket.on('close', () => {
      this.closedFlag = true;
      this.wake?.();
    });
    socket.on('error', () => {});
  }

  static connect(port: number): Promise<StreamSession> {
    return new Promise((resolve, reject) => {
      const s = net.connect(port, '127.0.0.1', () => resolve(new StreamSession(s)));
      s.once('error', reject);
    });
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /**
   * Sends the commands in one write, then `ECHO <marker>` after `CLIENT REPLY ON`, and returns
   * everything received before the marker's reply (the +OK of CLIENT REPLY ON included), or
   * everything received until the server closed the connection.
   */
  async exchange(commands: ReadonlyArray<readonly Arg[]>, marker = 'end-of-exchange'): Promise<{ text: string; closed: boolean }> {
    const tail = `$${marker.length}\r\n${marker}\r\n`;
    const bytes = [...commands, ['CLIENT', 'REPLY', 'ON'], ['ECHO', marker]].map(encodeCommand);
    this.socket.write(Buffer.concat(bytes));
    const deadline = Date.now() + 10_000;
    while (!this.buf.toString('latin1').endsWith(tail) && !this.closedFlag) {
      if (Date.now() > deadline) throw new Error(`no marker; received ${JSON.stringify(this.buf.toString('latin1'))}`);
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, 50);
      });
      this.wake = null;
    }
    const text = this.buf.toString('latin1');
    this.buf = Buffer.alloc(0);
    return { text: text.endsWith(tail) ? text.slice(0, -tail.length) : text, closed: this.closedFlag };
  }

  close(): void {
    this.socket.destroy();
  }
}
