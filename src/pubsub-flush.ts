// Messages published to a client between its own commands leave once per event-loop turn: the
// clients woken during a turn are flushed together after the turn's I/O callbacks have run (as
// Redis writes its clients' pending replies in beforeSleep), so a burst of publishes costs each
// subscriber one socket write, not one per message.

export interface Woken {
  /** Sends what was queued for the client since it was woken. */
  flushWoken(): void;
}

let pending: Woken[] = [];
let scheduled = false;

function flushAll(): void {
  scheduled = false;
  const batch = pending;
  pending = [];
  for (let i = 0; i < batch.length; i++) batch[i]!.flushWoken();
}

/** Flushes the client at the end of this event-loop turn; the caller wakes each client once a turn. */
export function flushThisTurn(client: Woken): void {
  pending.push(client);
  if (!scheduled) {
    scheduled = true;
    setImmediate(flushAll);
  }
}
