// Runs a program asynchronously and collects its output. Tests must not use spawnSync against our
// server: the server runs in the test's own process, and a synchronous wait would stall it.

import { spawn } from 'node:child_process';

export interface ProcessResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

export function runProcess(cmd: string, args: string[], input?: string | Buffer, timeoutMs = 60_000): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${cmd} ${args.join(' ')} timed out`));
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(out).toString('latin1'), stderr: Buffer.concat(err).toString('latin1'), code });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input === undefined ? undefined : typeof input === 'string' ? Buffer.from(input, 'latin1') : input);
  });
}
