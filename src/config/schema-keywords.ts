/**
 * The checks behind the config schema's custom keywords (x-duration, x-regex, x-glob), as plain
 * functions: the precompiled validator (validators.generated.ts) calls them by import, so the
 * schema can be compiled at build time (validator-compile.ts). Each returns the error message,
 * or undefined when the value passes.
 */
import { durationProblem, parseDuration } from './duration.js';
import { globProblem } from './glob.js';

/** x-duration: "positive" | "non-negative" */
export function durationKeywordError(data: unknown, kind: string): string | undefined {
  const problem = durationProblem(data);
  if (problem) return problem;
  if (kind === 'positive' && parseDuration(data) <= 0) return `must be a positive duration, got ${JSON.stringify(data)}`;
  return undefined;
}

/** x-regex: true — a JavaScript RegExp source */
export function regexKeywordError(data: string): string | undefined {
  try {
    new RegExp(data);
    return undefined;
  } catch (err) {
    return `invalid regular expression: ${(err as Error).message.replace(/^Invalid regular expression: /, '')}`;
  }
}

/** x-glob: true — a path glob of a target filter */
export function globKeywordError(data: string): string | undefined {
  return globProblem(data);
}
