/** The destination of a mirror target: its url template with the repository's names filled in. */
import type { StoredEvent } from '../../types.js';

export interface MirrorNames {
  /** the repository's name in reposentry */
  name: string;
  /** owner/name (group/sub/name) */
  fullName: string;
  /** the repository's own name, the last path segment */
  repo: string;
}

export function mirrorNames(event: StoredEvent): MirrorNames {
  const meta = event.data.repository;
  const fullName = meta?.fullName || event.repositoryName;
  return { name: event.repositoryName, fullName, repo: meta?.name || fullName.slice(fullName.lastIndexOf('/') + 1) };
}

/**
 * Fills {name}, {full_name} and {repo}. Each path segment of a value must be a plain name (no
 * `..`, no leading `-`, no control characters), so a repository name can never steer a push to
 * another place or into an option.
 */
export function expandMirrorUrl(template: string, names: MirrorNames): string {
  const values: Record<string, string> = { name: names.name, full_name: names.fullName, repo: names.repo };
  return template.replace(/\{(name|full_name|repo)\}/g, (_m, key: string) => {
    const value = values[key];
    for (const segment of value.split('/')) {
      // eslint-disable-next-line no-control-regex -- control characters are what must be refused
      if (segment === '' || segment === '.' || segment === '..' || segment.startsWith('-') || /[\x00-\x1f\x7f\s\\?#%@:]/.test(segment)) {
        throw new Error(`cannot use ${JSON.stringify(value)} as {${key}} in a mirror URL`);
      }
    }
    return value;
  });
}
