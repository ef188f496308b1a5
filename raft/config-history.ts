// The configurations found in this node's log, oldest first. The newest one is in force (§4.1 of
// the dissertation: a server uses the latest configuration in its log, committed or not), and when
// a suffix of the log is replaced the configurations it carried are dropped with it.

import { invariant } from './assert.js';
import { applyConfChange, decodeConfChange, EMPTY_CONF } from './membership.js';
import type { ConfState, Entry } from './types.js';

interface ConfAt {
  readonly index: number;
  readonly conf: ConfState;
}

export class ConfigHistory {
  private history: ConfAt[];

  constructor(baseIndex: number, baseConf: ConfState) {
    this.history = [{ index: baseIndex, conf: baseConf }];
  }

  current(): ConfState {
    return (this.history[this.history.length - 1] as ConfAt).conf;
  }

  /** The configuration before the newest one (null when the newest is the base). */
  previous(): ConfState | null {
    return this.history.length > 1 ? (this.history[this.history.length - 2] as ConfAt).conf : null;
  }

  /** Log index of the newest configuration (its entry, or the snapshot it came from). */
  currentIndex(): number {
    return (this.history[this.history.length - 1] as ConfAt).index;
  }

  /** The configuration in force after applying the log up to `index`. */
  at(index: number): ConfState {
    invariant(index >= (this.history[0] as ConfAt).index, () => `configuration at ${index} was pruned`);
    for (let i = this.history.length - 1; i >= 0; i--) {
      const c = this.history[i] as ConfAt;
      if (c.index <= index) return c.conf;
    }
    return EMPTY_CONF;
  }

  /** Forget configurations whose entries are at or after `index` (a log suffix was replaced). */
  truncateFrom(index: number): boolean {
    let n = this.history.length;
    while (n > 1 && (this.history[n - 1] as ConfAt).index >= index) n--;
    invariant((this.history[0] as ConfAt).index < index, () => `truncating at ${index} reaches the base configuration`);
    if (n === this.history.length) return false;
    this.history.length = n;
    return true;
  }

  /** Apply the config entries among `entries[from..]`; true when the configuration changed. */
  appendFrom(entries: readonly Entry[], from: number): boolean {
    let changed = false;
    for (let i = from; i < entries.length; i++) {
      const e = entries[i] as Entry;
      if (e.type !== 'config') continue;
      const cc = decodeConfChange(e.data);
      const next = cc === null ? 'undecodable' : applyConfChange(this.current(), cc);
      // An invalid change is a no-op on every node; it is still recorded so that "one change
      // at a time" counts it until it commits.
      this.history.push({ index: e.index, conf: typeof next === 'string' ? this.current() : next });
      changed = true;
    }
    return changed;
  }

  /** Restart from a snapshot's configuration. */
  reset(index: number, conf: ConfState): void {
    this.history = [{ index, conf }];
  }

  /** Drop configurations no longer needed to answer at(i) for i >= `index`. */
  pruneBefore(index: number): void {
    let k = 0;
    while (k + 1 < this.history.length && (this.history[k + 1] as ConfAt).index <= index) k++;
    if (k > 0) this.history = this.history.slice(k);
  }
}
