/**
 * pino root logger with redaction. Components take a child logger: log.child({ component: 'poller' }).
 * Secrets are redacted by key name wherever they appear in logged objects.
 */
import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

export const REDACT_PATHS = [
  'token',
  'secret',
  'password',
  'authToken',
  'auth_token',
  'authorization',
  'Authorization',
  '*.token',
  '*.secret',
  '*.password',
  '*.authToken',
  '*.auth_token',
  '*.authorization',
  '*.Authorization',
  'headers.authorization',
  'headers["private-token"]',
  'headers["x-gitlab-token"]',
  'req.headers.authorization',
];

export interface LogOptions {
  level?: string;
  /** where JSON lines go; defaults to stderr so stdout stays free for command output and the log target */
  destination?: NodeJS.WritableStream | pino.DestinationStream;
}

export function createLogger(opts: LogOptions = {}): Logger {
  const options: LoggerOptions = {
    level: opts.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return pino(options, (opts.destination as pino.DestinationStream) ?? pino.destination({ fd: 2, sync: true }));
}

/** A logger that drops everything, for tests and library use. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
