// The server log: JSON lines through pino, to stdout or to `logfile`, at Redis's log levels
// (debug < verbose < notice < warning) mapped onto pino's.

import { pino, type Logger } from 'pino';

export type { Logger };

export type RedisLogLevel = 'debug' | 'verbose' | 'notice' | 'warning';

/** Redis's level → pino's. Log calls use pino's names: trace, debug, info, warn. */
export const PINO_LEVEL: Record<RedisLogLevel, pino.Level> = {
  debug: 'trace',
  verbose: 'debug',
  notice: 'info',
  warning: 'warn',
};

/**
 * A logger writing synchronously (the volume is small, and a line logged just before exit must
 * not be lost) to `logfile`, or stdout when it is empty.
 */
export function createLogger(level: RedisLogLevel, logfile: string): Logger {
  const dest = pino.destination({ dest: logfile === '' ? 1 : logfile, sync: true, mkdir: false, append: true });
  return pino({ level: PINO_LEVEL[level], base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, dest);
}

/** A logger that drops everything (servers started inside tests). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
