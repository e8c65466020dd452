/**
 * The repository's web URL as an absolute http(s) URL. Plain-git repositories may be configured with
 * an scp-like SSH address (`git@host:org/repo.git`) or `ssh://`; the GitHub and GitLab payloads need
 * an http(s) URL, so those become `https://host/org/repo`.
 */
export function webUrl(url: string): URL {
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/\/)(.+?)(?:\.git)?\/?$/.exec(url);
  if (scp) return new URL(`https://${scp[1]}/${scp[2]}`);
  const u = new URL(url);
  if (u.protocol === 'http:' || u.protocol === 'https:') {
    u.pathname = u.pathname.replace(/\/+$/, '');
    return u;
  }
  return new URL(`https://${u.hostname}${u.pathname.replace(/\.git\/?$|\/+$/, '')}`);
}
