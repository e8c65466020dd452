/**
 * Hot reload: SIGHUP (wired by the CLI) and edits of the config files on disk. The directory of each
 * file is watched, not the file, because editors and `kubectl` ConfigMap updates replace the file
 * (rename), which ends a watch on the file itself. Bursts of events are debounced into one reload.
 *
 * A file written in steps (an editor's second write, `cat a b > config.yaml`, a slow copy) can be
 * valid half-way and drop every repository and target. So a reload waits until the files are stable:
 * after the debounce, their size, mtime and inode are sampled, and the reload runs only once a
 * second sample a debounce window later matches (a file renamed into place is complete at once,
 * and matches too). Any change in between starts the wait again.
 */
import { statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Logger } from '../log.js';

export interface FileWatcher {
  /** re-targets the watch after a reload changed the set of files (repositories_config) */
  update(files: readonly string[]): void;
  close(): void;
}

export function watchConfigFiles(
  files: readonly string[],
  onChange: () => void,
  opts: { debounceMs?: number; log: Logger },
): FileWatcher {
  const debounceMs = opts.debounceMs ?? 300;
  let watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let watched = '';
  let current: string[] = [];
  /** the files' state at the previous check; a reload needs two equal samples a window apart */
  let sample: string | undefined;

  function snapshot(): string {
    return current
      .map((f) => {
        try {
          const s = statSync(f);
          return `${s.ino}:${s.size}:${s.mtimeMs}`;
        } catch {
          return 'missing';
        }
      })
      .join('|');
  }

  function check(): void {
    timer = undefined;
    const now = snapshot();
    if (now === sample) {
      sample = undefined;
      onChange();
      return;
    }
    // changed since the last sample (or the first sample): wait one more window
    sample = now;
    arm();
  }

  function arm(): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(check, debounceMs);
    timer.unref();
  }

  function trigger(): void {
    arm();
  }

  function update(list: readonly string[]): void {
    const paths = [...new Set(list.map((f) => resolve(f)))].sort();
    const key = paths.join('\n');
    if (key === watched) return;
    for (const w of watchers) w.close();
    watchers = [];
    watched = key;
    current = paths;
    const names = new Map<string, Set<string>>();
    for (const p of paths) {
      const set = names.get(dirname(p)) ?? new Set<string>();
      set.add(basename(p));
      names.set(dirname(p), set);
    }
    for (const [dir, wanted] of names) {
      try {
        const w = watch(dir, { persistent: false }, (_event, name) => {
          // ConfigMap mounts swap a ..data symlink: any event without a name, or on ..data, may be ours
          if (!name || wanted.has(name.toString()) || name.toString().startsWith('..')) trigger();
        });
        w.on('error', (err) => opts.log.warn({ err, dir }, 'config watch failed; SIGHUP still reloads'));
        watchers.push(w);
      } catch (err) {
        opts.log.warn({ err, dir }, 'cannot watch the config directory; SIGHUP still reloads');
      }
    }
  }

  update(files);
  return {
    update,
    close() {
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
      watchers = [];
    },
  };
}
