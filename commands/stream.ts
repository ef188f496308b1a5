// The stream family (Redis 7.0's t_stream.c): entries, reading and blocking, consumer groups,
// claiming and introspection, each in its own file.

import { streamClaimCommands } from './stream-claim.js';
import { streamEntryCommands } from './stream-entries.js';
import { streamGroupCommands } from './stream-group.js';
import { streamInfoCommands } from './stream-info.js';
import { streamReadCommands } from './stream-read.js';
import type { CommandSpec } from './types.js';

export const streamCommands: CommandSpec[] = [
  ...streamEntryCommands,
  ...streamReadCommands,
  ...streamGroupCommands,
  ...streamClaimCommands,
  ...streamInfoCommands,
];
