// A broken invariant means the node's state can no longer be trusted: stop, do not limp on.

export class RaftInvariantError extends Error {
  override readonly name = 'RaftInvariantError';
}

export function invariant(condition: boolean, message: string | (() => string)): asserts condition {
  if (!condition) throw new RaftInvariantError(typeof message === 'string' ? message : message());
}
