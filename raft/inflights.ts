// The appends sent to one follower and not yet acknowledged, bounded by a message count and a
// byte count (pipelining with back-pressure). A ring buffer: no allocation per message.

export class Inflights {
  private readonly lastIndexes: Float64Array;
  private readonly sizes: Float64Array;
  private start = 0;
  count = 0;
  bytes = 0;

  constructor(
    readonly maxMessages: number,
    readonly maxBytes: number,
  ) {
    this.lastIndexes = new Float64Array(maxMessages);
    this.sizes = new Float64Array(maxMessages);
  }

  full(): boolean {
    return this.count === this.maxMessages || this.bytes >= this.maxBytes;
  }

  add(lastIndex: number, bytes: number): void {
    if (this.count === this.maxMessages) throw new Error('inflights overflow: check full() before sending');
    const slot = (this.start + this.count) % this.maxMessages;
    this.lastIndexes[slot] = lastIndex;
    this.sizes[slot] = bytes;
    this.count++;
    this.bytes += bytes;
  }

  /** The follower acknowledged everything up to `index`. */
  freeLE(index: number): void {
    while (this.count > 0 && (this.lastIndexes[this.start] as number) <= index) {
      this.bytes -= this.sizes[this.start] as number;
      this.start = (this.start + 1) % this.maxMessages;
      this.count--;
    }
    if (this.count === 0) this.start = 0;
  }

  /** Let one more message go: the follower answered a heartbeat, so the pipe is not dead. */
  freeFirstOne(): void {
    if (this.count === 0) return;
    this.freeLE(this.lastIndexes[this.start] as number);
  }

  reset(): void {
    this.start = 0;
    this.count = 0;
    this.bytes = 0;
  }
}
