/**
 * Go-style durations ("500ms", "30s", "5m", "1h30m") or plain numbers of seconds,
 * because the original RepoSentry's config (Go time.Duration) spells them that way; plus days
 * ("30d"), which Go lacks.
 */
const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  'μs': 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  // not Go's: days, for long spans such as storage.retention ("30d")
  d: 86_400_000,
};

const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h|d)/y;

export class DurationError extends Error {}

/** Milliseconds for a duration; throws DurationError with a message fit for a config problem. */
export function parseDuration(value: unknown): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new DurationError(`invalid duration ${String(value)}`);
    if (value < 0) throw new DurationError(`duration must not be negative, got ${value}`);
    return Math.round(value * 1000);
  }
  if (typeof value !== 'string') {
    throw new DurationError(`expected a duration such as "30s" or a number of seconds, got ${typeof value}`);
  }
  const text = value.trim();
  if (text === '') throw new DurationError('empty duration; use e.g. "30s", "5m" or a number of seconds');
  // A bare number in a string (e.g. from ${INTERVAL}) counts as seconds, like a YAML number.
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (text.startsWith('-')) throw new DurationError(`duration must not be negative, got "${value}"`);
  const body = text.startsWith('+') ? text.slice(1) : text;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < body.length) {
    const at = PART.lastIndex;
    const m = PART.exec(body);
    if (!m) {
      throw new DurationError(
        `invalid duration "${value}" at "${body.slice(at)}": use a number followed by ns, us, ms, s, m, h or d (e.g. "1h30m", "500ms")`,
      );
    }
    total += Number(m[1]) * UNIT_MS[m[2]];
  }
  return Math.round(total);
}

/** The problem with a duration value, or undefined when it parses. */
export function durationProblem(value: unknown): string | undefined {
  try {
    parseDuration(value);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}
