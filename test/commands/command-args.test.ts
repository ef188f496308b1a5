// The syntax notation parsed into COMMAND DOCS arguments. Every expected structure below is the
// `arguments` of Redis 7.0.15's own COMMAND DOCS for that command (fetched from redis-server and
// written in our shape); test/compat/command-docs.test.ts compares our declared commands live.

import { describe, expect, it } from 'vitest';
import { parseSyntax, type CommandArg } from '../../commands/command-args.js';

const UNIT: CommandArg = {
  name: 'unit',
  type: 'oneof',
  args: [
    { name: 'm', type: 'pure-token', token: 'M' },
    { name: 'km', type: 'pure-token', token: 'KM' },
    { name: 'ft', type: 'pure-token', token: 'FT' },
    { name: 'mi', type: 'pure-token', token: 'MI' },
  ],
};

describe('parseSyntax', () => {
  it('reads keys, names, optional choices and token/value pairs (SET)', () => {
    const syntax = 'key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | KEEPTTL]';
    expect(parseSyntax(syntax, 1)).toEqual([
      { name: 'key', type: 'key', keySpecIndex: 0 },
      { name: 'value', type: 'string' },
      {
        name: 'condition',
        type: 'oneof',
        optional: true,
        args: [
          { name: 'nx', type: 'pure-token', token: 'NX' },
          { name: 'xx', type: 'pure-token', token: 'XX' },
        ],
      },
      { name: 'get', type: 'pure-token', token: 'GET', optional: true },
      {
        name: 'expiration',
        type: 'oneof',
        optional: true,
        args: [
          { name: 'seconds', type: 'integer', token: 'EX' },
          { name: 'milliseconds', type: 'integer', token: 'PX' },
          { name: 'unix-time-seconds', type: 'unix-time', token: 'EXAT' },
          { name: 'unix-time-milliseconds', type: 'unix-time', token: 'PXAT' },
          { name: 'keepttl', type: 'pure-token', token: 'KEEPTTL' },
        ],
      },
    ]);
  });

  it('folds repetitions into multiple arguments and blocks (MSET, DEL, ZADD)', () => {
    expect(parseSyntax('key value [key value ...]', 1)).toEqual([
      {
        name: 'key_value',
        type: 'block',
        multiple: true,
        args: [
          { name: 'key', type: 'key', keySpecIndex: 0 },
          { name: 'value', type: 'string' },
        ],
      },
    ]);
    expect(parseSyntax('key [key ...]', 1)).toEqual([{ name: 'key', type: 'key', keySpecIndex: 0, multiple: true }]);
    expect(parseSyntax('key [NX | XX] [GT | LT] [CH] [INCR] score member [score member ...]', 1)).toEqual([
      { name: 'key', type: 'key', keySpecIndex: 0 },
      {
        name: 'condition',
        type: 'oneof',
        optional: true,
        args: [
          { name: 'nx', type: 'pure-token', token: 'NX' },
          { name: 'xx', type: 'pure-token', token: 'XX' },
        ],
      },
      {
        name: 'comparison',
        type: 'oneof',
        optional: true,
        args: [
          { name: 'gt', type: 'pure-token', token: 'GT' },
          { name: 'lt', type: 'pure-token', token: 'LT' },
        ],
      },
      { name: 'change', type: 'pure-token', token: 'CH', optional: true },
      { name: 'increment', type: 'pure-token', token: 'INCR', optional: true },
      {
        name: 'score_member',
        type: 'block',
        multiple: true,
        args: [
          { name: 'score', type: 'double' },
          { name: 'member', type: 'string' },
        ],
      },
    ]);
  });

  it('reads blocks headed by a token, repeated tokens and token-led choices (ZRANGEBYSCORE, BITFIELD_RO, COMMAND LIST)', () => {
    expect(parseSyntax('key min max [WITHSCORES] [LIMIT offset count]', 1)).toEqual([
      { name: 'key', type: 'key', keySpecIndex: 0 },
      { name: 'min', type: 'double' },
      { name: 'max', type: 'double' },
      { name: 'withscores', type: 'pure-token', token: 'WITHSCORES', optional: true },
      {
        name: 'offset_count',
        type: 'block',
        token: 'LIMIT',
        optional: true,
        args: [
          { name: 'offset', type: 'integer' },
          { name: 'count', type: 'integer' },
        ],
      },
    ]);
    expect(parseSyntax('key [GET encoding offset [GET encoding offset ...]]', 1)).toEqual([
      { name: 'key', type: 'key', keySpecIndex: 0 },
      {
        name: 'encoding_offset',
        type: 'block',
        token: 'GET',
        optional: true,
        multiple: true,
        multipleToken: true,
        args: [
          { name: 'encoding', type: 'string' },
          { name: 'offset', type: 'integer' },
        ],
      },
    ]);
    expect(parseSyntax('[FILTERBY filterby:<MODULE module-name | ACLCAT category | PATTERN pattern>]', 0)).toEqual([
      {
        name: 'filterby',
        type: 'oneof',
        token: 'FILTERBY',
        optional: true,
        args: [
          { name: 'module-name', type: 'string', token: 'MODULE' },
          { name: 'category', type: 'string', token: 'ACLCAT' },
          { name: 'pattern', type: 'pattern', token: 'PATTERN' },
        ],
      },
    ]);
  });

  it('takes names and types written in the syntax (GEOSEARCH, BLMOVE, CLIENT LIST)', () => {
    const geosearch =
      'key from:<FROMMEMBER member | FROMLONLAT longitude latitude> by:<circle:(BYRADIUS radius <M | KM | FT | MI>) | ' +
      'box:(BYBOX width height <M | KM | FT | MI>)> [ASC | DESC] count:[COUNT count [ANY]] [WITHCOORD] [WITHDIST] [WITHHASH]';
    expect(parseSyntax(geosearch, 1)).toEqual([
      { name: 'key', type: 'key', keySpecIndex: 0 },
      {
        name: 'from',
        type: 'oneof',
        args: [
          { name: 'member', type: 'string', token: 'FROMMEMBER' },
          {
            name: 'longitude_latitude',
            type: 'block',
            token: 'FROMLONLAT',
            args: [
              { name: 'longitude', type: 'double' },
              { name: 'latitude', type: 'double' },
            ],
          },
        ],
      },
      {
        name: 'by',
        type: 'oneof',
        args: [
          { name: 'circle', type: 'block', args: [{ name: 'radius', type: 'double', token: 'BYRADIUS' }, UNIT] },
          { name: 'box', type: 'block', args: [{ name: 'width', type: 'double', token: 'BYBOX' }, { name: 'height', type: 'double' }, UNIT] },
        ],
      },
      {
        name: 'order',
        type: 'oneof',
        optional: true,
        args: [
          { name: 'asc', type: 'pure-token', token: 'ASC' },
          { name: 'desc', type: 'pure-token', token: 'DESC' },
        ],
      },
      {
        name: 'count',
        type: 'block',
        optional: true,
        args: [
          { name: 'count', type: 'integer', token: 'COUNT' },
          { name: 'any', type: 'pure-token', token: 'ANY', optional: true },
        ],
      },
      { name: 'withcoord', type: 'pure-token', token: 'WITHCOORD', optional: true },
      { name: 'withdist', type: 'pure-token', token: 'WITHDIST', optional: true },
      { name: 'withhash', type: 'pure-token', token: 'WITHHASH', optional: true },
    ]);
    const lr = [
      { name: 'left', type: 'pure-token', token: 'LEFT' },
      { name: 'right', type: 'pure-token', token: 'RIGHT' },
    ];
    expect(parseSyntax('source destination wherefrom:<LEFT | RIGHT> whereto:<LEFT | RIGHT> timeout', 2)).toEqual([
      { name: 'source', type: 'key', keySpecIndex: 0 },
      { name: 'destination', type: 'key', keySpecIndex: 1 },
      { name: 'wherefrom', type: 'oneof', args: lr },
      { name: 'whereto', type: 'oneof', args: lr },
      { name: 'timeout', type: 'double' },
    ]);
    expect(parseSyntax('[TYPE normal_master_replica_pubsub:<NORMAL | MASTER | REPLICA | PUBSUB>] id:[ID client-id [client-id ...]]', 0)).toEqual([
      {
        name: 'normal_master_replica_pubsub',
        type: 'oneof',
        token: 'TYPE',
        optional: true,
        args: [
          { name: 'normal', type: 'pure-token', token: 'NORMAL' },
          { name: 'master', type: 'pure-token', token: 'MASTER' },
          { name: 'replica', type: 'pure-token', token: 'REPLICA' },
          { name: 'pubsub', type: 'pure-token', token: 'PUBSUB' },
        ],
      },
      { name: 'id', type: 'block', token: 'ID', optional: true, args: [{ name: 'client-id', type: 'integer', multiple: true }] },
    ]);
    expect(parseSyntax('key increment:double', 1)).toEqual([
      { name: 'key', type: 'key', keySpecIndex: 0 },
      { name: 'increment', type: 'double' },
    ]);
  });

  it('reads a repeated choice written as Redis documents it (CLIENT KILL)', () => {
    const filters =
      '[ID client-id] | [TYPE normal_master_slave_pubsub:<NORMAL | MASTER | SLAVE | REPLICA | PUBSUB>] | [USER username] | ' +
      '[ADDR ip:port] | [LADDR ip:port] | [SKIPME yes/no]';
    expect(parseSyntax(`filter:<ip:port | new-format:<${filters}> [${filters} ...]>`, 0)).toEqual([
      {
        name: 'filter',
        type: 'oneof',
        args: [
          { name: 'ip:port', type: 'string' },
          {
            name: 'new-format',
            type: 'oneof',
            multiple: true,
            args: [
              { name: 'client-id', type: 'integer', token: 'ID', optional: true },
              {
                name: 'normal_master_slave_pubsub',
                type: 'oneof',
                token: 'TYPE',
                optional: true,
                args: [
                  { name: 'normal', type: 'pure-token', token: 'NORMAL' },
                  { name: 'master', type: 'pure-token', token: 'MASTER' },
                  { name: 'slave', type: 'pure-token', token: 'SLAVE' },
                  { name: 'replica', type: 'pure-token', token: 'REPLICA' },
                  { name: 'pubsub', type: 'pure-token', token: 'PUBSUB' },
                ],
              },
              { name: 'username', type: 'string', token: 'USER', optional: true },
              { name: 'ip:port', type: 'string', token: 'ADDR', optional: true },
              { name: 'ip:port', type: 'string', token: 'LADDR', optional: true },
              { name: 'yes/no', type: 'string', token: 'SKIPME', optional: true },
            ],
          },
        ],
      },
    ]);
  });

  it('reads top-level tokens heading several values (XREADGROUP) and numbers keys past the last spec (LCS)', () => {
    const xreadgroup = 'GROUP group consumer [COUNT count] [BLOCK milliseconds] [NOACK] streams:(STREAMS key [key ...] id [id ...])';
    expect(parseSyntax(xreadgroup, 1)).toEqual([
      {
        name: 'group_consumer',
        type: 'block',
        token: 'GROUP',
        args: [
          { name: 'group', type: 'string' },
          { name: 'consumer', type: 'string' },
        ],
      },
      { name: 'count', type: 'integer', token: 'COUNT', optional: true },
      { name: 'milliseconds', type: 'integer', token: 'BLOCK', optional: true },
      { name: 'noack', type: 'pure-token', token: 'NOACK', optional: true },
      {
        name: 'streams',
        type: 'block',
        token: 'STREAMS',
        args: [
          { name: 'key', type: 'key', keySpecIndex: 0, multiple: true },
          { name: 'id', type: 'string', multiple: true },
        ],
      },
    ]);
    expect(parseSyntax('key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN]', 1)).toEqual([
      { name: 'key1', type: 'key', keySpecIndex: 0 },
      { name: 'key2', type: 'key', keySpecIndex: 0 },
      { name: 'len', type: 'pure-token', token: 'LEN', optional: true },
      { name: 'idx', type: 'pure-token', token: 'IDX', optional: true },
      { name: 'len', type: 'integer', token: 'MINMATCHLEN', optional: true },
      { name: 'withmatchlen', type: 'pure-token', token: 'WITHMATCHLEN', optional: true },
    ]);
  });

  it('never throws on malformed notation', () => {
    for (const s of ['[', ']', '<a | >', 'a [b ...', '| | ...', '[[[x]]]', 'x:', 'name:[', '()']) {
      expect(() => parseSyntax(s, 1)).not.toThrow();
    }
  });
});
