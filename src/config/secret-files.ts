/**
 * `<key>_file` next to every secret key: the secret is read from that file when the config is
 * loaded (at start and on every reload), so it can live in a Kubernetes Secret volume or a systemd
 * credential instead of the environment. The value replaces `<key>` in the validated data, so the
 * rest of the loader and every component read the secret where they always did.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FileReport } from './problems.js';
import type { PathSegment } from './source.js';

/** Secret keys that have a `_file` form, wherever they appear (targets, repositories, credentials, discover…). */
const SECRET_KEYS = new Set(['token', 'secret', 'auth_token', 'github_secret', 'gitlab_token', 'password', 'private_key', 'create_token']);

export interface SecretFileOptions {
  /** relative secret file paths are resolved against this folder (the main config file's) */
  baseDir: string;
  /** the daemon's own group ids: group-readable files of these groups are not reported */
  ownGroups?: readonly number[];
}

/**
 * Reads every `<secret>_file` under `node` (an object of the validated data) into `<secret>`,
 * reporting problems at the `_file` key. Returns the absolute paths read, for the reload watch.
 */
export function resolveSecretFiles(report: FileReport, node: unknown, segments: PathSegment[], opts: SecretFileOptions): string[] {
  const read: string[] = [];
  walk(node, segments);
  return read;

  function walk(value: unknown, at: PathSegment[]): void {
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...at, i]));
      return;
    }
    if (!value || typeof value !== 'object') return;
    const obj = value as Record<string, unknown>;
    for (const [key, child] of Object.entries(obj)) {
      if (key.endsWith('_file') && SECRET_KEYS.has(key.slice(0, -5)) && typeof child === 'string') {
        const file = readSecret(obj, key.slice(0, -5), child, [...at, key]);
        if (file) read.push(file);
      } else if (child && typeof child === 'object') {
        walk(child, [...at, key]);
      }
    }
  }

  function readSecret(obj: Record<string, unknown>, key: string, file: string, at: PathSegment[]): string | undefined {
    if (report.hasErrorAt(at)) return undefined;
    if (typeof obj[key] === 'string' && obj[key] !== '') {
      report.error(at, `set either ${key} or ${key}_file, not both`, { at: 'key' });
      return undefined;
    }
    const abs = path.resolve(opts.baseDir, file);
    let text: string;
    try {
      text = readFileSync(abs, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable by the daemon (permission denied)' : (err as Error).message;
      report.error(at, `secret file ${abs} ${why} (relative paths start at the config file's folder)`);
      return undefined;
    }
    // `echo token > file` and Secret manifests leave a trailing newline; no token ends in whitespace
    const secret = text.replace(/\s+$/, '');
    if (secret === '') {
      report.error(at, `secret file ${abs} is empty`);
      return undefined;
    }
    const exposure = exposureOf(abs, opts.ownGroups ?? ownGroups());
    if (exposure) report.warn(at, `secret file ${abs} is readable by ${exposure}; chmod 0600 it (or 0400)`);
    obj[key] = secret;
    return abs;
  }
}

/** "others (mode 0644)", "group 1234 (mode 0640)", or undefined. */
function exposureOf(file: string, groups: readonly number[]): string | undefined {
  let st;
  try {
    st = statSync(file);
  } catch {
    return undefined;
  }
  const mode = (st.mode & 0o777).toString(8).padStart(4, '0');
  if (st.mode & 0o004) return `others (mode ${mode})`;
  // A group-readable file of the daemon's own group is how Kubernetes mounts Secret volumes under
  // fsGroup (it adds g+r); any other group means other users can read the secret.
  if (st.mode & 0o040 && !groups.includes(st.gid)) return `group ${st.gid} (mode ${mode})`;
  return undefined;
}

function ownGroups(): number[] {
  if (typeof process.getgid !== 'function') return [];
  return [process.getgid()];
}
