/**
 * pino root logger with redaction. Components take a child logger: log.child({ component: 'poller' }).
 * Secrets are redacted by key name wherever they appear in logged objects.
 */
import { pino, type Logger, type LoggerOptions } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';

export const REDACT_PATHS = [
  'token',
  'secret',
  'password',
  'authToken',
  'auth_token',
  'authorization',
  'Authorization',
  'githubSecret',
  'gitlabToken',
  '*.token',
  '*.secret',
  '*.password',
  '*.authToken',
  '*.auth_token',
  '*.authorization',
  '*.Authorization',
  '*.githubSecret',
  '*.gitlabToken',
  '*.github_secret',
  '*.gitlab_token',
  'headers.authorization',
  'headers["private-token"]',
  'headers["x-gitlab-token"]',
  '*.headers.authorization',
  '*.headers["private-token"]',
  '*.headers["x-gitlab-token"]',
  'req.headers.authorization',
];

export interface LogOptions {
  level?: string;
  /** where JSON lines go; defaults to stderr so stdout stays free for command output and the log target */
  destination?: NodeJS.WritableStream | pino.DestinationStream;
}

function baseOptions(level: string | undefined): LoggerOptions {
  return {
    level: level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
}

export function createLogger(opts: LogOptions = {}): Logger {
  return pino(baseOptions(opts.level), (opts.destination as pino.DestinationStream) ?? pino.destination({ fd: 2, sync: true }));
}

/** A logger that drops everything, for tests and library use. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

export interface DaemonLogOptions {
  level: string;
  /** json: one JSON object per line; text: pino-pretty, for terminals */
  format: 'json' | 'text';
  /** extra streams (the rotated log file); they always get JSON lines */
  files?: pino.DestinationStream[];
  /** default: fd 2 */
  stderr?: pino.DestinationStream;
}

/** The daemon's logger: stderr as JSON or text, plus JSON into each file stream, all with the same redaction. */
export function createDaemonLogger(opts: DaemonLogOptions): Logger {
  const console: pino.DestinationStream =
    opts.stderr ??
    (opts.format === 'text'
      ? pretty({ destination: 2, sync: true, colorize: process.stderr.isTTY === true, translateTime: 'SYS:standard', ignore: 'pid,hostname' })
      : pino.destination({ fd: 2, sync: true }));
  // the level filter sits on the logger; streams take everything it lets through
  const streams: pino.StreamEntry[] = [console, ...(opts.files ?? [])].map((stream) => ({ stream, level: 'trace' }));
  return pino(baseOptions(opts.level), streams.length === 1 ? console : pino.multistream(streams));
}
