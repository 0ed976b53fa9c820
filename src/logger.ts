/** One pino root logger per process; children carry updateId, memberId, queue, jobId. */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, name = 'pulse'): Logger {
  return pino({ name, level, base: { pid: process.pid }, redact: ['token', '*.token', 'config.TELEGRAM_BOT_TOKEN'] });
}

/** A logger that drops everything (tests, benchmarks). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
