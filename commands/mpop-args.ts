// The arguments LMPOP, BLMPOP, ZMPOP and BZMPOP share (Redis's lmpopGenericCommand and
// zmpopGenericCommand read them alike): numkeys key [key ...] <end> [COUNT count].

import { eqIgnoreCase, parseInteger } from './args.js';
import type { CommandContext } from './context.js';
import { COUNT_NOT_POSITIVE, NUMKEYS_NOT_POSITIVE, SYNTAX } from './errors.js';

export interface MpopArguments {
  /** Index in argv of the first key. */
  firstKey: number;
  numkeys: number;
  /** Which end to pop from: 0 for the first of the two words (LEFT, MIN), 1 for the second. */
  where: 0 | 1;
  count: number;
}

/**
 * Parses `numkeys key [key ...] first|second [COUNT count]` from argv[numkeysIndex] (1 for LMPOP
 * and ZMPOP, 2 for their blocking forms, after the timeout); the two words are matched without
 * case. On bad input replies Redis's error and returns null.
 */
export function parseMpopArguments(
  ctx: CommandContext,
  argv: readonly string[],
  numkeysIndex: number,
  first: string,
  second: string,
): MpopArguments | null {
  const numkeys = parseInteger(argv[numkeysIndex]!);
  if (numkeys === null || numkeys < 1) {
    ctx.reply.error(NUMKEYS_NOT_POSITIVE);
    return null;
  }
  const whereIndex = numkeysIndex + numkeys + 1;
  const word = whereIndex < argv.length ? argv[whereIndex]! : '';
  const where = eqIgnoreCase(word, first) ? 0 : eqIgnoreCase(word, second) ? 1 : -1;
  if (where === -1) {
    ctx.reply.error(SYNTAX);
    return null;
  }
  let count = -1;
  for (let j = whereIndex + 1; j < argv.length; j++) {
    if (count === -1 && eqIgnoreCase(argv[j]!, 'count') && j + 1 < argv.length) {
      count = parseInteger(argv[++j]!) ?? 0;
      if (count < 1) {
        ctx.reply.error(COUNT_NOT_POSITIVE);
        return null;
      }
    } else {
      ctx.reply.error(SYNTAX);
      return null;
    }
  }
  return { firstKey: numkeysIndex + 1, numkeys, where, count: count === -1 ? 1 : count };
}
