// The server's counters that INFO reports and CONFIG RESETSTAT clears (Redis's server.stat_*).

/** Redis keeps the last 16 samples of each instantaneous metric, one per 100 ms. */
const SAMPLES = 16;

/** A rate over the last samples (trackInstantaneousMetric / getInstantaneousMetric). */
export class InstantaneousMetric {
  private readonly samples = new Float64Array(SAMPLES);
  private next = 0;
  private lastValue = 0;
  private lastTime = 0;

  /** Records `value` (a running total) at `now` ms; the sample is the rate per second since the last one. */
  track(value: number, now: number): void {
    if (this.lastTime !== 0 && now > this.lastTime) {
      this.samples[this.next] = ((value - this.lastValue) * 1000) / (now - this.lastTime);
      this.next = (this.next + 1) % SAMPLES;
    }
    this.lastValue = value;
    this.lastTime = now;
  }

  /** The mean of the samples, per second. */
  get perSecond(): number {
    let sum = 0;
    for (const s of this.samples) sum += s;
    return sum / SAMPLES;
  }

  reset(): void {
    this.samples.fill(0);
  }
}

export class ServerStats {
  connectionsReceived = 0;
  rejectedConnections = 0;
  netInputBytes = 0;
  netOutputBytes = 0;
  readsProcessed = 0;
  writesProcessed = 0;
  /** The key space's expired-key count at the last CONFIG RESETSTAT (INFO shows the difference). */
  expiredKeysAtReset = 0;
  totalErrorReplies = 0;
  /** Error replies by their first word ("ERR", "WRONGTYPE"), for INFO errorstats. */
  readonly errorCounts = new Map<string, number>();
  readonly opsPerSec = new InstantaneousMetric();
  readonly inputPerSec = new InstantaneousMetric();
  readonly outputPerSec = new InstantaneousMetric();

  /** Counts one error reply under its prefix, as Redis's afterErrorReply does. */
  readonly countError = (message: string): void => {
    this.totalErrorReplies++;
    const space = message.indexOf(' ');
    const code = space > 0 && space < 32 ? message.slice(0, space) : 'ERR';
    this.errorCounts.set(code, (this.errorCounts.get(code) ?? 0) + 1);
  };

  /** CONFIG RESETSTAT (resetServerStats). */
  reset(): void {
    this.connectionsReceived = 0;
    this.rejectedConnections = 0;
    this.netInputBytes = 0;
    this.netOutputBytes = 0;
    this.readsProcessed = 0;
    this.writesProcessed = 0;
    this.totalErrorReplies = 0;
    this.errorCounts.clear();
    this.opsPerSec.reset();
    this.inputPerSec.reset();
    this.outputPerSec.reset();
  }
}
