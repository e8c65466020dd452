/** Shared helpers for the deployment-file tests: paths, YAML documents, spawning the built CLI. */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(ROOT, 'bin/reposentry');

export function repoPath(...parts: string[]): string {
  return join(ROOT, ...parts);
}

/** Every non-empty document of a (multi-document) YAML file, failing on any YAML error. */
export function readYamlDocs(path: string): Record<string, unknown>[] {
  const docs = parseAllDocuments(readFileSync(path, 'utf8'));
  const out: Record<string, unknown>[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors.map((e) => e.message).join('; ')}`);
    const value = doc.toJS() as Record<string, unknown> | null;
    if (value !== null) out.push(value);
  }
  return out;
}

/** True when `name` is an executable on PATH (decides which environment-dependent tests exist). */
function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
}

/** Runs the built CLI (bin/reposentry → dist/cli.js) with a clean, explicit environment. */
export function runCli(args: string[], env: Record<string, string> = {}, cwd = ROOT): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    timeout: 30_000,
  });
}

/** The environment variables a config references as ${NAME} without a default (comments ignored). */
export function referencedEnvVars(text: string): string[] {
  const names = new Set<string>();
  const code = text
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, ''))
    .join('\n');
  for (const m of code.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)(:-[^}]*)?\}/g)) {
    if (m[2] === undefined) names.add(m[1]);
  }
  return [...names].sort();
}

export function get(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/**
 * Fails (never skips) when a tool a test needs is missing, naming how to get it: .ci/run installs
 * what Debian packages; a test that silently skipped would pass off no check as coverage.
 */
export function requireCommand(name: string, howToGet: string): void {
  if (!hasCommand(name)) throw new Error(`${name} is missing: ${howToGet}`);
}

