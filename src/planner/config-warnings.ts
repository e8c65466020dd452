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
    // point at the repositories key of the main file (the file the user ran validate on)
    const text = await readFile(file, 'utf8');
    const line = topLevelKeyLine(text, 'repositories');
    if (line !== undefined) {
      pos = { line, col: 1 };
    } else {
      // a flow-style file: yaml-doc (the `yaml` package, slow on a large file) finds it
      const { locate, parseYaml } = await import('../config/yaml-doc.js');
      pos = locate(parseYaml(text), ['repositories'], 'key');
    }
  } catch {
    // the loader read it a moment ago; a position is a nicety
  }
  return messages.map((message) => ({ file, path: 'repositories', line: pos.line, col: pos.col, message: `rate limits: ${message}` }));
}

/**
 * The line of a block mapping's top-level `key:` (at column 1: anything nested is indented), without
 * building the document, which is slow on a large fleet (docs/performance.md). undefined when not written so.
 */
function topLevelKeyLine(text: string, key: string): number | undefined {
  const m = new RegExp(`^(?:${key}|"${key}"|'${key}')[ \\t]*:(?:[ \\t]|$)`, 'm').exec(text);
  if (!m) return undefined;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < m.index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
