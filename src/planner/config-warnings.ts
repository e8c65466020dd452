/**
 * Over-budget groups as `reposentry validate` warnings (never errors: the config is valid, it just
 * cannot be polled as often as it asks; `--strict` makes them fatal like any warning). Kept out of
 * the config loader, which stays free of the planner.
 */
import { readFile } from 'node:fs/promises';
import type { ConfigProblem } from '../config/load.js';
import type { Config } from '../config/types.js';
import { overBudgetMessages, planConfig } from './index.js';

export async function rateLimitWarnings(file: string, config: Config): Promise<ConfigProblem[]> {
  const messages = overBudgetMessages(planConfig(config), config);
  if (messages.length === 0) return [];
  let pos = { line: 1, col: 1 };
  try {
    // point at the repositories key of the main file (the file the user ran validate on);
    // yaml-doc (the `yaml` package) is imported only here and for config problems, not at start
    const { locate, parseYaml } = await import('../config/yaml-doc.js');
    pos = locate(parseYaml(await readFile(file, 'utf8')), ['repositories'], 'key');
  } catch {
    // the loader read it a moment ago; a position is a nicety
  }
  return messages.map((message) => ({ file, path: 'repositories', line: pos.line, col: pos.col, message: `rate limits: ${message}` }));
}
