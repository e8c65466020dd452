/**
 * Hot reload: SIGHUP (wired by the CLI) and edits of the config files on disk. The directory of each
 * file is watched, not the file, because editors and `kubectl` ConfigMap updates replace the file
 * (rename), which ends a watch on the file itself. Bursts of events are debounced into one reload.
 */
import { watch, type FSWatcher } from 'node:fs';
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

  function trigger(): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      onChange();
    }, debounceMs);
    timer.unref();
  }

  function update(list: readonly string[]): void {
    const paths = [...new Set(list.map((f) => resolve(f)))].sort();
    const key = paths.join('\n');
    if (key === watched) return;
    for (const w of watchers) w.close();
    watchers = [];
    watched = key;
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
