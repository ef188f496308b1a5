// A command's arguments as COMMAND DOCS reports them, parsed from the `syntax` string of its
// declaration (Redis's notation: `key value [NX | XX] [EX seconds | PX milliseconds]`,
// `key [key ...]`, `<LEFT | RIGHT>`, `[LIMIT offset count]`, `[GET pattern [GET pattern ...]]`).
//
// The notation says nothing about argument types or the names of groups, so both follow Redis's
// naming conventions (`count` is an integer, `[NX | XX]` is the "condition"), and a declaration can
// say them where the convention is wrong: `timeout:integer` types one argument, and
// `status:<ON | OFF>` names a group (a named group always stays a group).

export type ArgType = 'key' | 'string' | 'integer' | 'double' | 'pattern' | 'unix-time' | 'pure-token' | 'oneof' | 'block';

export interface CommandArg {
  name: string;
  type: ArgType;
  /** For keys: which key spec of the command covers this argument. */
  keySpecIndex?: number;
  token?: string;
  optional?: boolean;
  multiple?: boolean;
  /** The token is repeated before every value (`[GET pattern [GET pattern ...]]`). */
  multipleToken?: boolean;
  /** For oneof and block. */
  args?: CommandArg[];
}

const LEAF_TYPES = new Set<string>(['key', 'string', 'integer', 'double', 'pattern', 'unix-time']);

/** Argument names whose type in Redis's command docs is not "string". */
const TYPE_BY_NAME: Record<string, ArgType> = {};
for (const n of ['key', 'key1', 'key2', 'destination', 'destkey', 'dst', 'newkey', 'source', 'sourcekey', 'src']) TYPE_BY_NAME[n] = 'key';
for (const n of [
  'count', 'offset', 'index', 'index1', 'index2', 'db', 'destination-db', 'numkeys', 'seconds', 'milliseconds', 'ms', 'ttl',
  'port', 'slot', 'start-slot', 'end-slot', 'cursor', 'start', 'stop', 'end', 'increment', 'decrement', 'weight', 'limit',
  'len', 'rank', 'bit', 'bits', 'frequency', 'version', 'protover', 'client-id', 'numreplicas', 'num-matches',
  'config-epoch', 'entries_read', 'entries_added', 'cluster_bus_port',
]) {
  TYPE_BY_NAME[n] = 'integer';
}
for (const n of ['score', 'latitude', 'longitude', 'radius', 'width', 'height', 'min', 'max', 'timeout']) TYPE_BY_NAME[n] = 'double';
TYPE_BY_NAME['unix-time-seconds'] = 'unix-time';
TYPE_BY_NAME['unix-time-milliseconds'] = 'unix-time';
TYPE_BY_NAME['pattern'] = 'pattern';

/** Redis's names for the common choices, by their tokens. */
const ONEOF_NAMES: Record<string, string> = {
  'NX|XX': 'condition',
  'NX|XX|GT|LT': 'condition',
  'GT|LT': 'comparison',
  'ASC|DESC': 'order',
  'M|KM|FT|MI': 'unit',
  'ASYNC|SYNC': 'async',
  'SUM|MIN|MAX': 'aggregate',
  'BYSCORE|BYLEX': 'sortby',
  'BYTE|BIT': 'index_unit',
  'LEFT|RIGHT': 'where',
  'MIN|MAX': 'where',
  'BEFORE|AFTER': 'where',
  'EX|PX|EXAT|PXAT|KEEPTTL': 'expiration',
  'EX|PX|EXAT|PXAT|PERSIST': 'expiration',
  'MAXLEN|MINID': 'strategy',
  '=|~': 'operator',
  'YES|NO': 'mode',
  'WRITE|ALL': 'mode',
};

/** Redis's names for the tokens not named after themselves. */
const TOKEN_NAMES: Record<string, string> = {
  '=': 'equal',
  '~': 'approximately',
  '*': 'auto_id',
  $: 'new_id',
  CH: 'change',
  INCR: 'increment',
  ALPHA: 'sorting',
};

// ---------------------------------------------------------------------------------------------
// Reading the notation into a tree of words and bracketed groups.

interface Word {
  kind: 'word';
  text: string;
}

interface Group {
  kind: 'group';
  optional: boolean;
  label: string | null;
  /** Alternatives separated by `|`; one alternative for a plain group. */
  alternatives: Element[][];
  /** The group ends with `...`: it repeats what precedes it. */
  repeats: boolean;
  /** The group's text without brackets and without the trailing `...`, for matching repetitions. */
  text: string;
}

type Element = Word | Group;

const CLOSERS: Record<string, string> = { '[': ']', '<': '>', '(': ')' };

function tokenize(syntax: string): string[] {
  return syntax.replace(/([[\]<>()|])/g, ' $1 ').split(/\s+/).filter((t) => t.length > 0);
}

class Reader {
  pos = 0;
  constructor(readonly tokens: string[]) {}

  /** Elements until one of the stop tokens (or the end); a `...` marks the sequence as repeating. */
  sequence(stops: readonly string[]): { elements: Element[]; repeats: boolean } {
    const elements: Element[] = [];
    let repeats = false;
    while (this.pos < this.tokens.length && !stops.includes(this.tokens[this.pos]!)) {
      const t = this.tokens[this.pos++]!;
      if (t === '...') {
        repeats = true;
      } else if (t in CLOSERS) {
        elements.push(this.group(t, null));
      } else if (t.endsWith(':') && t.length > 1 && (this.tokens[this.pos] ?? '') in CLOSERS) {
        elements.push(this.group(this.tokens[this.pos++]!, t.slice(0, -1)));
      } else if (t !== ']' && t !== '>' && t !== ')' && t !== '|') {
        elements.push({ kind: 'word', text: t });
      }
    }
    return { elements, repeats };
  }

  group(open: string, label: string | null): Group {
    const close = CLOSERS[open]!;
    const start = this.pos;
    const alternatives: Element[][] = [];
    let repeats = false;
    for (;;) {
      const seq = this.sequence([close, '|']);
      alternatives.push(seq.elements);
      repeats ||= seq.repeats;
      if (this.pos >= this.tokens.length || this.tokens[this.pos] === close) break;
      this.pos++; // '|'
    }
    const inner = this.tokens.slice(start, this.pos).filter((t) => t !== '...');
    this.pos++; // the closer
    return { kind: 'group', optional: open === '[', label, alternatives, repeats, text: normalized(inner.join(' ')) };
  }
}

function elementText(e: Element): string {
  if (e.kind === 'word') return e.text;
  return `${e.label !== null ? `${e.label}:` : ''}${e.optional ? '[' : '<'} ${e.text} ${e.optional ? ']' : '>'}`;
}

/** Text with one spelling of required brackets, for comparing a repetition with what it repeats. */
function normalized(text: string): string {
  return tokenize(text).join(' ').replace(/[(]/g, '<').replace(/[)]/g, '>');
}

function textOf(elements: readonly Element[]): string {
  return normalized(elements.map(elementText).join(' '));
}

// ---------------------------------------------------------------------------------------------
// Turning the tree into Redis's argument structure.

function isToken(word: string): boolean {
  return !/[a-z]/.test(word) && !word.endsWith(':');
}

function leaf(word: string): CommandArg {
  if (isToken(word)) return { name: TOKEN_NAMES[word] ?? word.toLowerCase(), type: 'pure-token', token: word };
  const colon = word.lastIndexOf(':');
  if (colon > 0 && LEAF_TYPES.has(word.slice(colon + 1))) {
    return { name: word.slice(0, colon), type: word.slice(colon + 1) as ArgType };
  }
  return { name: word, type: TYPE_BY_NAME[word] ?? 'string' };
}

/** An element with its repetition folded in. */
interface Item {
  element: Element;
  multiple: boolean;
  /** Several elements repeated together (`field value [field value ...]`, `GET pattern [GET pattern ...]`). */
  run: Element[] | null;
}

/** Folds `x [x ...]`, `a b [a b ...]` and `<x> [x ...]` into repeated items. */
function foldRepetitions(elements: readonly Element[]): Item[] {
  const items: Item[] = [];
  for (const e of elements) {
    if (e.kind === 'group' && e.repeats && foldInto(items, e.text)) continue;
    items.push({ element: e, multiple: false, run: null });
  }
  return items;
}

function foldInto(items: Item[], repeated: string): boolean {
  for (let k = 1; k <= items.length; k++) {
    const tail = items.slice(items.length - k);
    if (tail.some((i) => i.multiple)) return false;
    const els = tail.map((i) => i.element);
    const single = els.length === 1 ? els[0]! : null;
    const matches = textOf(els) === repeated || (single?.kind === 'group' && normalized(single.text) === repeated);
    if (matches) {
      items.splice(items.length - k, k, { element: els[0]!, multiple: true, run: k === 1 ? null : els });
      return true;
    }
  }
  return false;
}

/** A repeated run led by a token repeats the token too (`GET pattern [GET pattern ...]`). */
function isTokenRun(run: readonly Element[]): boolean {
  return run[0]!.kind === 'word' && isToken(run[0]!.text);
}

function convertItem(item: Item): CommandArg {
  let arg: CommandArg;
  if (item.run === null) {
    arg = convertElement(item.element);
  } else if (isTokenRun(item.run)) {
    const token = (item.run[0] as Word).text;
    const values = convertSequence(item.run.slice(1), false);
    arg = values.length === 1 ? values[0]! : { name: joinedName(values), type: 'block', args: values };
    arg.token = token;
    arg.multipleToken = true;
  } else {
    const children = convertSequence(item.run, false);
    arg = children.length === 1 ? children[0]! : { name: joinedName(children), type: 'block', args: children };
  }
  if (item.multiple) arg.multiple = true;
  return arg;
}

function convertElement(e: Element): CommandArg {
  return e.kind === 'word' ? leaf(e.text) : convertGroup(e);
}

function convertGroup(g: Group): CommandArg {
  let arg: CommandArg;
  if (g.alternatives.length > 1) {
    const choices = g.alternatives.map((alt) => {
      const args = convertSequence(alt, true);
      return args.length === 1 ? args[0]! : { name: joinedName(args), type: 'block' as const, args };
    });
    arg = { name: g.label ?? oneofName(choices), type: 'oneof', args: choices };
  } else {
    const args = convertSequence(g.alternatives[0]!, true, g.label !== null);
    const only = args.length === 1 ? args[0]! : null;
    if (only !== null && (g.label === null || only.type === 'block' || only.type === 'oneof')) {
      arg = only;
      if (g.label !== null) arg.name = g.label;
    } else {
      arg = { name: g.label ?? joinedName(args), type: 'block', args };
    }
  }
  if (g.optional) arg.optional = true;
  return arg;
}

function isTokenItem(item: Item | undefined): boolean {
  return item !== undefined && !item.multiple && item.element.kind === 'word' && isToken(item.element.text);
}

function isPlainItem(item: Item): boolean {
  return item.run === null && item.element.kind === 'word' && !isToken(item.element.text);
}

/**
 * A sequence of elements as arguments. A token binds to the word or group after it, or heads a
 * block when several plain words follow it: to the end of a group (`[LIMIT offset count]`), up to
 * the next group or token at the top level (`GROUP group consumer`, `STREAMS key [key ...] id
 * [id ...]`), or the one value of a named group (`id:[ID client-id [client-id ...]]`).
 */
function convertSequence(elements: readonly Element[], inGroup: boolean, named = false): CommandArg[] {
  const items = foldRepetitions(elements);
  const out: CommandArg[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (!isTokenItem(item) || i + 1 >= items.length) {
      out.push(convertItem(item));
      continue;
    }
    const token = (item.element as Word).text;
    let end = i + 1;
    while (end < items.length && isPlainItem(items[end]!)) end++;
    const headsBlock = inGroup ? i === 0 && ((named && items.length === 2) || (end === items.length && end > 2)) : end - i > 2;
    if (headsBlock) {
      const last = inGroup ? items.length : end;
      const args = items.slice(i + 1, last).map(convertItem);
      out.push({ name: joinedName(args), type: 'block', token, args });
      i = last - 1;
    } else if (items[i + 1]!.run === null && !isTokenItem(items[i + 1])) {
      out.push(bindToken(token, items[i + 1]!));
      i++;
    } else {
      out.push(convertItem(item));
    }
  }
  return out;
}

/** `TOKEN value`: the value carries the token; an optional group after a token makes a block. */
function bindToken(token: string, next: Item): CommandArg {
  const arg = convertItem(next);
  if (next.element.kind === 'group' && next.element.optional) return { name: arg.name, type: 'block', token, args: [arg] };
  arg.token = token;
  return arg;
}

function joinedName(args: readonly CommandArg[]): string {
  return args.map((a) => a.name).join('_');
}

function oneofName(choices: readonly CommandArg[]): string {
  const tokens = choices.map((c) => c.token ?? '?').join('|');
  return ONEOF_NAMES[tokens] ?? joinedName(choices);
}

/** Numbers key arguments by the key spec that covers them: in order, the last spec taking the rest. */
function numberKeys(args: readonly CommandArg[], specCount: number, next = { n: 0 }): void {
  for (const a of args) {
    if (a.type === 'key' && specCount > 0) a.keySpecIndex = Math.min(next.n++, specCount - 1);
    if (a.args) numberKeys(a.args, specCount, next);
  }
}

/** The arguments described by a syntax string, for a command with `keySpecCount` key specs. */
export function parseSyntax(syntax: string, keySpecCount: number): CommandArg[] {
  const reader = new Reader(tokenize(syntax));
  const { elements } = reader.sequence([]);
  const args = convertSequence(elements, false);
  numberKeys(args, keySpecCount);
  return args;
}
