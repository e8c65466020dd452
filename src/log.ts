/**
 * pino root logger with redaction. Components take a child logger: log.child({ component: 'poller' }).
 * Secrets are redacted by key name wherever they appear in logged objects.
 */
import { pino, type Logger, type LoggerOptions } from 'pino';
import pretty from 'pino-pretty';
import { redactText } from './redact.js';

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

/** Strings that may hold a URL with userinfo or a `key=value` secret; most log values do not. */
function suspicious(s: string): boolean {
  return s.includes('@') || s.includes('=') || s.includes(':');
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return suspicious(value) ? redactText(value) : value;
  if (value instanceof Error) {
    // the shape pino's err serializer gives, with the texts redacted
    return { type: value.name, message: redactText(value.message), stack: value.stack === undefined ? undefined : redactText(value.stack) };
  }
  if (depth === 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth - 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactValue(v, depth - 1);
  return out;
}

/**
 * Key paths catch secrets logged as fields; these hooks catch them inside text (an error message
 * quoting a URL with credentials, a query string with a token): every message and field string
 * goes through the one redaction function.
 */
const textRedaction: Pick<LoggerOptions, 'hooks' | 'formatters'> = {
  hooks: {
    logMethod(args, method) {
      const redacted = args.map((a) => (typeof a === 'string' && suspicious(a) ? redactText(a) : a)) as Parameters<typeof method>;
      method.apply(this, redacted);
    },
  },
  formatters: {
    log: (obj) => redactValue(obj, 3) as Record<string, unknown>,
  },
};

function baseOptions(level: string | undefined): LoggerOptions {
  return {
    level: level ?? 'info',
    ...textRedaction,
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
