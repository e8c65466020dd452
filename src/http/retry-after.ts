/**
 * Parse a Retry-After header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
 * Returns the wait in ms (never negative), or undefined when absent or blank or unparsable: a
 * garbage value is ignored rather than taken as "retry now". The one parser of providers' and
 * delivery receivers' answers alike.
 */
/**
 * The latest time a Date can hold (ms since the epoch). A wait or reset beyond it is garbage, not a
 * time to wait for: taken as one, every message and status answer that shows it as a date threw.
 */
export const MAX_DATE_MS = 8.64e15;

export function parseRetryAfter(value: string | string[] | undefined | null, now: number): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw === null) return undefined;
  const text = raw.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) {
    const ms = Number(text) * 1000;
    return now + ms <= MAX_DATE_MS ? ms : undefined;
  }
  // An HTTP-date always names its month (IMF-fixdate, RFC 850, asctime); Date.parse alone would
  // accept "-5" as a year.
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
