// What happened, for the report of a failed seed: the last events in a ring, or every event as it
// happens when tracing is on. Text is built only when it will be read.

export class Trace {
  private readonly ring: (string | (() => string))[] = [];
  private at = 0;

  constructor(
    readonly capacity: number,
    readonly live: ((line: string) => void) | null,
  ) {}

  /** Whether callers should bother recording chatty events (every message). */
  get verbose(): boolean {
    return this.live !== null;
  }

  add(now: number, what: string | (() => string)): void {
    const line = typeof what === 'string' ? `${now.toString().padStart(6)}ms ${what}` : () => `${now.toString().padStart(6)}ms ${what()}`;
    if (this.live) this.live(typeof line === 'string' ? line : line());
    if (this.ring.length < this.capacity) this.ring.push(line);
    else this.ring[this.at] = line;
    this.at = (this.at + 1) % this.capacity;
  }

  lines(): string[] {
    const ordered = this.ring.length < this.capacity ? this.ring : [...this.ring.slice(this.at), ...this.ring.slice(0, this.at)];
    return ordered.map((l) => (typeof l === 'string' ? l : l()));
  }
}
