// The write path of a single node without persistence: the entry is stamped with a time and a
// seed and applied at once, in the same tick, without being serialised (DESIGN.md, fast path).

import type { Command } from '../commands/command-table.js';
import type { CommandContext } from '../commands/context.js';
import type { WritePath } from '../commands/router.js';

export class StandaloneWritePath implements WritePath {
  /** Time of the last entry: log time never goes backwards, even if the wall clock does. */
  private lastTime = 0;
  /** Index of the last entry applied. */
  private index = 0;
  private readonly seedBase: number;

  constructor(
    private readonly clock: () => number = Date.now,
    seedBase = (Math.random() * 0x100000000) >>> 0,
  ) {
    this.seedBase = seedBase;
  }

  get appliedIndex(): number {
    return this.index;
  }

  propose(ctx: CommandContext, cmd: Command, argv: string[]): void {
    const now = this.clock();
    if (now > this.lastTime) this.lastTime = now;
    this.index++;
    ctx.now = this.lastTime;
    ctx.seed(Math.imul(this.index, 0x9e3779b1) ^ this.seedBase);
    cmd.exec(ctx, argv);
  }
}
