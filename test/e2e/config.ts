/** Temp-dir configs for the end-to-end tests. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface E2eRepo {
  name: string;
  url: string;
  provider?: string;
  extra?: string;
}

export interface E2eConfig {
  dir: string;
  file: string;
  write(opts: ConfigOptions): void;
  /** deletes the temp dir (config, data, logs) */
  remove(): void;
}

export interface ConfigOptions {
  listenerUrl: string;
  repositories: E2eRepo[];
  port?: number;
  emitOnFirstPoll?: boolean;
  logFile?: boolean;
  authToken?: string;
  githubSecret?: string;
  extraTop?: string;
  /** tekton.retry_attempts (default 1) */
  retryAttempts?: number;
}

export function configText(dir: string, o: ConfigOptions): string {
  const repos = o.repositories
    .map((r) => `  - name: ${r.name}\n    url: ${JSON.stringify(r.url)}\n    provider: ${r.provider ?? 'git'}\n    branch_regex: ".*"\n    polling_interval: 1s\n${r.extra ?? ''}`)
    .join('');
  return `app:
  log_level: debug
  health_check_port: ${o.port ?? 0}
  data_dir: ${JSON.stringify(join(dir, 'data'))}
${o.logFile ? `  log_file: ${JSON.stringify(join(dir, 'logs', 'reposentry.log'))}\n` : ''}api:
  listen: 127.0.0.1
${o.authToken ? `  auth_token: ${o.authToken}\n` : ''}polling:
  interval: 1s
  timeout: 5s
  jitter: 0
  retry_attempts: 0
  emit_on_first_poll: ${o.emitOnFirstPoll ? 'true' : 'false'}
tekton:
  event_listener_url: ${JSON.stringify(o.listenerUrl)}
  timeout: 2s
  retry_attempts: ${o.retryAttempts ?? 1}
  retry_backoff: 100ms
  max_backoff: 200ms
${o.githubSecret ? `webhooks:\n  github_secret: ${o.githubSecret}\n` : ''}${o.extraTop ?? ''}repositories:
${repos}`;
}

export function tempConfig(): E2eConfig {
  const dir = mkdtempSync(join(tmpdir(), 'reposentry-e2e-'));
  const file = join(dir, 'config.yaml');
  return { dir, file, write: (o) => writeFileSync(file, configText(dir, o)), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
