/**
 * `app.log_file` through pino-roll: rotated by size (`log_file_rotation.max_size`, MB), keeping
 * `max_backups` older files. pino-roll numbers the files: /var/log/reposentry.log is written as
 * reposentry.1.log, reposentry.2.log, … pino-roll has no age limit, so `max_age` (days) is honoured
 * here: rotated files older than that are deleted at start and once an hour.
 */
import { readdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import pinoRoll from 'pino-roll';
import type { DestinationStream } from 'pino';
import { ReposentryError, errorMessage } from '../errors.js';

export interface LogFile {
  stream: DestinationStream;
  close(): Promise<void>;
}

const PRUNE_EVERY_MS = 60 * 60 * 1000;

export async function openLogFile(
  file: string,
  rotation: { maxSizeMb: number; maxBackups: number; maxAgeDays: number },
): Promise<LogFile> {
  const path = resolve(file);
  let stream: Awaited<ReturnType<typeof pinoRoll>>;
  try {
    stream = await pinoRoll({
      file: path,
      size: `${Math.max(1, rotation.maxSizeMb)}m`,
      limit: rotation.maxBackups > 0 ? { count: rotation.maxBackups } : undefined,
      mkdir: true,
      sync: true,
    });
  } catch (err) {
    throw new ReposentryError('startup', `cannot open app.log_file ${path}: ${errorMessage(err)}`, { cause: err });
  }
  const prune = () => pruneOldLogs(path, rotation.maxAgeDays).catch(() => undefined);
  await prune();
  const timer = rotation.maxAgeDays > 0 ? setInterval(prune, PRUNE_EVERY_MS) : undefined;
  timer?.unref();
  let closed = false;
  return {
    // a line logged after close (a late timer, the last shutdown message) is dropped, not a crash
    stream: { write: (line: string) => (closed ? undefined : stream.write(line)) },
    close: () =>
      new Promise<void>((done) => {
        if (closed) return done();
        closed = true;
        if (timer) clearInterval(timer);
        stream.once('close', () => done());
        stream.end();
      }),
  };
}

/** Deletes numbered log files of `file` (name.N.ext) last written more than maxAgeDays ago; returns what it deleted. */
export async function pruneOldLogs(file: string, maxAgeDays: number, now = Date.now()): Promise<string[]> {
  if (!(maxAgeDays > 0)) return [];
  const dir = dirname(file);
  const ext = extname(file) || '.log';
  const stem = basename(file, extname(file));
  const pattern = new RegExp(`^${escape(stem)}\\.(\\d+)${escape(ext)}$`);
  const numbered = (await readdir(dir))
    .map((name) => ({ name, n: Number(pattern.exec(name)?.[1] ?? NaN) }))
    .filter((f) => Number.isFinite(f.n));
  // the highest number is the file being written: never delete it, however quiet the daemon was
  const current = Math.max(...numbered.map((f) => f.n));
  const removed: string[] = [];
  for (const { name, n } of numbered) {
    if (n === current) continue;
    const full = join(dir, name);
    const info = await stat(full);
    if (now - info.mtimeMs > maxAgeDays * 86_400_000) {
      await unlink(full);
      removed.push(full);
    }
  }
  return removed;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
