// Every command family, in the order COMMAND lists them.

import type { CommandSpec } from './types.js';
import { connectionCommands } from './connection.js';
import { clientCommands } from './client.js';
import { commandCommands } from './command.js';
import { stringCommands } from './string.js';
import { keyCommands } from './keys.js';
import { keyScanCommands } from './keys-scan.js';
import { expireCommands } from './expire.js';
import { objectCommands } from './object.js';
import { listCommands } from './list.js';
import { listBlockingCommands } from './list-blocking.js';
import { serverCommands } from './server.js';
import { configCommands } from './config.js';
import { debugCommands } from './debug.js';
import { hashCommands } from './hash.js';
import { setCommands } from './set.js';
import { zsetCommands } from './zset.js';
import { zsetBlockingCommands } from './zset-blocking.js';
import { streamCommands } from './stream.js';
import { transactionCommands } from './transaction.js';
import { pubsubCommands } from './pubsub.js';
import { memoryCommands } from './memory.js';

export const allCommands: CommandSpec[] = [...connectionCommands, ...clientCommands, ...commandCommands, ...stringCommands, ...keyCommands, ...keyScanCommands, ...expireCommands, ...objectCommands, ...listCommands, ...listBlockingCommands, ...serverCommands, ...configCommands, ...debugCommands, ...hashCommands, ...setCommands, ...zsetCommands, ...zsetBlockingCommands, ...streamCommands, ...transactionCommands, ...pubsubCommands, ...memoryCommands];
