// The HELP subcommand of a container command (CLIENT HELP, OBJECT HELP, ...), as Redis's
// addReplyHelp writes it: a first line naming the container, the container's own lines, and the
// lines about HELP itself, each a status reply.

import type { CommandContext } from './context.js';
import type { CommandSpec } from './types.js';

/** The whole HELP text of `container` around its own `lines`. */
export function helpLines(container: string, lines: readonly string[]): readonly string[] {
  return [`${container.toUpperCase()} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:`, ...lines, 'HELP', '    Prints this help.'];
}

export function replyHelp(ctx: CommandContext, lines: readonly string[]): void {
  ctx.reply.arrayLength(lines.length);
  for (const line of lines) ctx.reply.status(line);
}

/** Where a container's HELP differs from another's in COMMAND INFO and COMMAND DOCS. */
export interface HelpDeclaration {
  since: string;
  group: string;
  /** ACL categories, as for CommandSpec.acl. */
  acl: readonly string[];
}

/** The declaration of `container`'s HELP subcommand, replying helpLines(container, lines). */
export function helpSubcommand(container: string, lines: readonly string[], declaration: HelpDeclaration): CommandSpec {
  const text = helpLines(container, lines);
  return {
    name: 'help',
    arity: 2,
    flags: ['loading', 'stale'],
    acl: declaration.acl,
    doc: { summary: 'Show helpful text about the different subcommands', since: declaration.since, group: declaration.group, complexity: 'O(1)' },
    exec(ctx) {
      replyHelp(ctx, text);
    },
  };
}
