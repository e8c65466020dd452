import type { TargetConfig } from '../../config/types.js';
import type { StoredEvent } from '../../types.js';
import { cloudeventsFormat } from './cloudevents.js';
import { githubFormat } from './github.js';
import { gitlabFormat } from './gitlab.js';
import { logFormat } from './log.js';
import type { Format, FormatOptions, FormattedRequest } from './types.js';

export type { Format, FormatOptions, FormattedRequest } from './types.js';

export const FORMATS: Record<Exclude<TargetConfig['format'], 'mirror'>, Format> = {
  cloudevents: cloudeventsFormat,
  github: githubFormat,
  gitlab: gitlabFormat,
  log: logFormat,
};

/** True for the target that prints lines instead of sending HTTP (`url: log:` or `format: log`). */
export function isLogTarget(target: TargetConfig): boolean {
  return target.format === 'log' || target.url === 'log:';
}

/**
 * The request for one attempt: the target's extra headers first, so they can never replace the
 * format's own (content type, signatures, ids).
 */
export function formatRequest(event: StoredEvent, target: TargetConfig, opts: FormatOptions): FormattedRequest {
  // mirror targets push with git (delivery/mirror/); they have no HTTP payload
  if (target.format === 'mirror') throw new Error('a mirror target has no HTTP payload');
  const format = isLogTarget(target) ? logFormat : FORMATS[target.format];
  const { headers, body } = format(event, target, opts);
  const merged: Record<string, string> = {};
  for (const [k, v] of Object.entries(target.headers)) merged[k.toLowerCase()] = v;
  return { headers: { ...merged, ...headers }, body };
}
