/**
 * Parse a Retry-After header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
 * Returns the wait in ms (never negative), or undefined when absent or blank or unparsable: a
 * garbage value is ignored rather than taken as "retry now". The one parser of providers' and
 * delivery receivers' answers alike.
 */
export function parseRetryAfter(value: string | string[] | undefined | null, now: number): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw === null) return undefined;
  const text = raw.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP-date always names its month (IMF-fixdate, RFC 850, asctime); Date.parse alone would
  // accept "-5" as a year.
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
