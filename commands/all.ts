// Every command family, in the order COMMAND lists them.

import type { CommandSpec } from './types.js';
import { connectionCommands } from './connection.js';
import { stringCommands } from './string.js';

export const allCommands: CommandSpec[] = [...connectionCommands, ...stringCommands];
