// COMMAND DOCS: a command's documentation as Redis reports it (addReplyCommandDocs), with the
// arguments parsed from the declaration's syntax string. redis-cli builds its hints from this.

import type { ReplyWriter } from '../protocol/reply-writer.js';
import type { Command } from './command-table.js';
import type { CommandSpec } from './types.js';
import { parseSyntax, type CommandArg } from './command-args.js';

const argsCache = new WeakMap<CommandSpec, CommandArg[]>();

/** The arguments of a command as COMMAND DOCS reports them (none when it has no syntax). */
export function commandArgs(spec: CommandSpec): CommandArg[] {
  let args = argsCache.get(spec);
  if (args === undefined) {
    const syntax = spec.doc.syntax ?? '';
    args = syntax.trim() === '' ? [] : parseSyntax(syntax, spec.keys?.length ?? 0);
    argsCache.set(spec, args);
  }
  return args;
}

/** One command's documentation map (its name is written by the caller). */
export function writeCommandDocs(reply: ReplyWriter, cmd: Command): void {
  const doc = cmd.spec.doc;
  const args = commandArgs(cmd.spec);
  const subs = cmd.subcommands;
  let fields = 3; // summary, since, group
  if (doc.complexity !== undefined) fields++;
  if (doc.docFlags !== undefined && doc.docFlags.length > 0) fields++;
  if (doc.deprecatedSince !== undefined) fields++;
  if (doc.replacedBy !== undefined) fields++;
  if (doc.history !== undefined && doc.history.length > 0) fields++;
  if (args.length > 0) fields++;
  if (subs !== null) fields++;
  reply.arrayLength(fields * 2);
  reply.bulk('summary');
  reply.bulk(doc.summary);
  reply.bulk('since');
  reply.bulk(doc.since);
  reply.bulk('group');
  reply.bulk(doc.group);
  if (doc.complexity !== undefined) {
    reply.bulk('complexity');
    reply.bulk(doc.complexity);
  }
  if (doc.docFlags !== undefined && doc.docFlags.length > 0) {
    reply.bulk('doc_flags');
    reply.arrayLength(doc.docFlags.length);
    for (const f of doc.docFlags) reply.status(f);
  }
  if (doc.deprecatedSince !== undefined) {
    reply.bulk('deprecated_since');
    reply.bulk(doc.deprecatedSince);
  }
  if (doc.replacedBy !== undefined) {
    reply.bulk('replaced_by');
    reply.bulk(doc.replacedBy);
  }
  if (doc.history !== undefined && doc.history.length > 0) {
    reply.bulk('history');
    reply.arrayLength(doc.history.length);
    for (const [version, change] of doc.history) reply.bulkArray([version, change]);
  }
  if (args.length > 0) {
    reply.bulk('arguments');
    writeArgs(reply, args);
  }
  if (subs !== null) {
    reply.bulk('subcommands');
    reply.arrayLength(subs.size * 2);
    for (const sub of subs.values()) {
      reply.bulk(sub.fullName);
      writeCommandDocs(reply, sub);
    }
  }
}

function writeArgs(reply: ReplyWriter, args: readonly CommandArg[]): void {
  reply.arrayLength(args.length);
  for (const a of args) {
    const flags: string[] = [];
    if (a.optional) flags.push('optional');
    if (a.multiple) flags.push('multiple');
    if (a.multipleToken) flags.push('multiple_token');
    let fields = 2;
    if (a.keySpecIndex !== undefined) fields++;
    if (a.token !== undefined) fields++;
    if (flags.length > 0) fields++;
    if (a.args !== undefined) fields++;
    reply.arrayLength(fields * 2);
    reply.bulk('name');
    reply.bulk(a.name);
    reply.bulk('type');
    reply.bulk(a.type);
    if (a.keySpecIndex !== undefined) {
      reply.bulk('key_spec_index');
      reply.integer(a.keySpecIndex);
    }
    if (a.token !== undefined) {
      reply.bulk('token');
      reply.bulk(a.token);
    }
    if (flags.length > 0) {
      reply.bulk('flags');
      reply.arrayLength(flags.length);
      for (const f of flags) reply.status(f);
    }
    if (a.args !== undefined) {
      reply.bulk('arguments');
      writeArgs(reply, a.args);
    }
  }
}
