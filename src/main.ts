#!/usr/bin/env node
// Entry point: `npm start -- --port 6380`.

import { RedisServer } from './server.js';

const args = process.argv.slice(2);
const portIdx = args.indexOf('--port');
const port = portIdx >= 0 ? Number(args[portIdx + 1]) : 6379;
const server = new RedisServer({ port, bind: ['127.0.0.1'], databases: 16 });
await server.listen();
console.log(`listening on ${server.port}`);
