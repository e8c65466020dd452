/** Spawns the built daemon (bin/reposentry run) and follows its JSON log lines on stderr. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { BIN, ROOT } from '../cli/run-cli.js';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface DaemonProcess {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  lines(): LogLine[];
  /** resolves with the first log line (from now or earlier) that matches */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** resolves once the API listens; the bound port */
  port(): Promise<number>;
  exited: Promise<number | null>;
}

export function spawnDaemon(args: string[], env: Record<string, string>, cwd = ROOT): DaemonProcess {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env } });
  let out = '';
  let err = '';
  const parsed: LogLine[] = [];
  const waiters = new Set<() => void>();
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
    const lines = err.split('\n');
    parsed.length = 0;
    for (const line of lines) {
      try {
        parsed.push(JSON.parse(line) as LogLine);
      } catch {
        // not a JSON log line (a CLI message)
      }
    }
    for (const w of waiters) w();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => {
    for (const w of waiters) w();
    resolve(code);
  }));

  function waitForLog(match: (line: LogLine) => boolean, timeoutMs = 15_000): Promise<LogLine> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = parsed.find(match);
        if (hit) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit);
        } else if (child.exitCode !== null) {
          waiters.delete(check);
          clearTimeout(timer);
          reject(new Error(`daemon exited (${child.exitCode}) before the expected log line; stderr:\n${err}`));
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for a log line; stderr:\n${err}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  }

  return {
    child,
    stdout: () => out,
    stderr: () => err,
    lines: () => parsed,
    waitForLog,
    port: async () => (await waitForLog((l) => l.msg === 'api listening')).port as number,
    exited,
  };
}

/** Polls `fn` until it returns a truthy value. */
export async function eventually<T>(fn: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
