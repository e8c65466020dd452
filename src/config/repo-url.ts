/**
 * The one parser of repository URLs. Every form git can clone that this daemon supports is read
 * here, once, when the config is loaded: https, http, ssh://, scp-style (`user@host:path`), git://
 * and file:// (opt-in). Anything that could make git run a command or read an option (`ext::`,
 * `fd::`, a host or path segment starting with `-`, control characters) is refused here, so the
 * runtime never sees it; the git runner keeps its own guard as well.
 *
 * Userinfo of http(s) and git:// URLs is a credential: it is split off here and never part of the
 * URL anything else sees. An ssh login name (`git@host`) is the account, not a secret, and stays.
 */
import { inspect } from 'node:util';
import { ReposentryError } from '../errors.js';
import { withoutUserinfo } from '../redact.js';

export type RepoTransport = 'https' | 'http' | 'ssh' | 'git' | 'file';

/** A user name and password taken out of a URL; prints as "[redacted]" in logs and JSON. */
export class UrlCredentials {
  constructor(
    readonly username: string,
    readonly password: string,
  ) {}

  /** What an API provider sends as its token when the config has no `token`: the password, else the user name. */
  get secret(): string {
    return this.password !== '' ? this.password : this.username;
  }

  toJSON(): string {
    return '[redacted]';
  }

  [inspect.custom](): string {
    return '[redacted]';
  }
}

export interface RepoUrl {
  transport: RepoTransport;
  /** written `user@host:path` */
  scpStyle: boolean;
  /** lower-case host name without port ('' for a file URL without host) */
  host: string;
  /** as written, '' when none */
  port: string;
  /** the path's segments, decoded, without a trailing `.git` or empty segments */
  segments: string[];
  /** scheme://host[:port] (ssh://host for scp-style, file:// for files) */
  origin: string;
  /** the URL as configured without its credentials and trailing slashes: what git is given, and what may be shown */
  cloneUrl: string;
  /** userinfo of an http(s) or git:// URL */
  credentials?: UrlCredentials;
}

export interface RepoUrlPolicy {
  /** file:// URLs (security.allow_file_urls) */
  allowFile?: boolean;
  /** refuse http:// except to loopback hosts (security.require_https) */
  requireHttps?: boolean;
}

const SCHEMES: Record<string, RepoTransport> = { 'https:': 'https', 'http:': 'http', 'ssh:': 'ssh', 'git:': 'git', 'file:': 'file' };
// no user in the ssh:// example: messages are redacted, and ssh://user@ would show as ssh://[redacted]@
const EXAMPLES = 'expected https://host/org/repo, ssh://host/org/repo, git@host:org/repo.git, git://host/repo.git or file:///path';

/** Traffic to loopback never leaves the host, and the original's examples pair require_https with http://localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

function invalid(message: string): never {
  throw new ReposentryError('config-invalid', message);
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function splitPath(path: string): string[] {
  return withoutGitSuffix(
    path
      .split('/')
      .filter((s) => s !== '')
      .map(decode),
  );
}

function withoutGitSuffix(segments: string[]): string[] {
  const last = segments.length - 1;
  if (last >= 0 && segments[last].toLowerCase().endsWith('.git')) segments[last] = segments[last].slice(0, -4);
  if (last >= 0 && segments[last] === '') segments.pop();
  return segments;
}

/**
 * The shape of almost every configured URL, `http(s)://host/owner/name[.git]`, in a form the WHATWG
 * parser would hand back unchanged apart from the host's case: lower-case scheme; an ASCII host name
 * whose last label is no number (the parser rewrites `127.1` or `0x7f.1` as IPv4) and no punycode;
 * no port, userinfo, query, fragment, percent-escape or dot segment. Parsed without `new URL`
 * (a large config has thousands of them); anything else takes the full path below.
 */
const PLAIN_URL = /^(https?):\/\/((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?))((?:\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+)\/*$/;
const NUMERIC_LABEL = /^(?:\d+|0x[0-9a-f]*)$/i;

function parsePlainUrl(raw: string, policy: RepoUrlPolicy): RepoUrl | undefined {
  const m = PLAIN_URL.exec(raw);
  if (!m || NUMERIC_LABEL.test(m[3]) || /(?:^|\.)xn--/i.test(m[2])) return undefined;
  const kind = m[1] as 'http' | 'https';
  const host = m[2].toLowerCase();
  if (kind === 'http' && policy.requireHttps && !isLoopbackHost(host)) {
    invalid(`http:// is refused because security.require_https is true; use https:// (got "${raw}")`);
  }
  const segments = withoutGitSuffix(m[4].slice(1).split('/'));
  checkParts(raw, host, '', segments);
  if (segments.length === 0) invalid(`repository URL has no path: "${raw}"`);
  return { transport: kind, scpStyle: false, host, port: '', segments, origin: `${kind}://${host}`, cloneUrl: raw.replace(/\/+$/, ''), credentials: undefined };
}

function checkParts(shown: string, host: string, user: string, segments: string[]): void {
  if (user.startsWith('-')) invalid(`the user name in "${shown}" starts with "-", which git would read as an option`);
  if (host.startsWith('-')) invalid(`the host in "${shown}" starts with "-", which git would read as an option`);
  const bad = segments.find((s) => s.startsWith('-'));
  if (bad !== undefined) invalid(`the path segment "${bad}" in "${shown}" starts with "-", which git would read as an option`);
}

/** `[user@]host:path` as git reads it: a colon before the first slash, and no scheme. */
const SCP = /^(?:([^@/]*)@)?(\[[^\]]*\]|[^:/[\]]+):(.*)$/;

/**
 * Parses a repository URL, or throws a config-invalid ReposentryError whose message says what is
 * wrong (and never repeats the credentials).
 */
export function parseRepoUrl(raw: string, policy: RepoUrlPolicy = {}): RepoUrl {
  const plain = parsePlainUrl(raw, policy);
  if (plain) return plain;
  const shown = withoutUserinfo(raw);
  // WHATWG URL parsing silently drops tabs and newlines; git would not.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(raw)) invalid(`repository URL contains a control character (newline, tab, …): ${JSON.stringify(shown)}`);
  // ... nor hidden behind percent-encoding, which servers and payload names decode
  if (/%(?:[01][0-9a-f]|7f)/i.test(raw)) invalid(`repository URL contains an encoded control character (%0a, %09, …): ${JSON.stringify(shown)}`);
  if (raw !== raw.trim() || raw === '') invalid(`repository URL is empty or has surrounding spaces: ${JSON.stringify(shown)}`);
  // The WHATWG parser reads a backslash as "/" (https://a\@b/x is host a), git and curl as a
  // character of the authority (host b): a credential checked against one host would go to the other.
  if (raw.includes('\\')) invalid(`repository URL contains a backslash, which git and URL parsers read differently (write "/", or %5C inside a name): ${JSON.stringify(shown)}`);
  if (raw.startsWith('-')) invalid(`repository URL "${shown}" starts with "-", which git would read as an option`);
  const transport = /^([A-Za-z][A-Za-z0-9+.-]*)::/.exec(raw);
  if (transport) invalid(`the "${transport[1]}::" remote helper is refused: it runs commands or reads descriptors (${EXAMPLES})`);

  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(raw)) {
    const scp = SCP.exec(raw);
    if (!scp || /^[A-Za-z]$/.test(scp[2])) invalid(`not a valid repository URL: "${shown}" (${EXAMPLES})`);
    const user = scp[1] ?? '';
    if (user.includes(':')) invalid(`an ssh address cannot carry a password (git over ssh does not use it; use an ssh key): "${raw.replace(/^[^@]*@/, '')}"`);
    const host = scp[2].toLowerCase();
    const segments = splitPath(scp[3]);
    // git strips the brackets of `[host]:path` before it reads the host: check what it will read
    checkParts(shown, host.replace(/^\[(.*)\]$/, '$1'), user, segments);
    if (segments.length === 0) invalid(`repository URL has no path: "${shown}"`);
    return { transport: 'ssh', scpStyle: true, host, port: '', segments, origin: `ssh://${host}`, cloneUrl: raw.replace(/\/+$/, '') };
  }

  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    invalid(`not a valid repository URL: "${shown}" (${EXAMPLES})`);
  }
  const kind = SCHEMES[u.protocol];
  if (!kind) invalid(`unsupported URL scheme "${u.protocol}" in "${shown}" (use https, http, ssh, git or file)`);
  if (kind === 'file' && !policy.allowFile) invalid(`file:// repository URLs are refused unless security.allow_file_urls is true: "${shown}"`);
  const host = u.hostname.toLowerCase();
  if (kind !== 'file' && host === '') invalid(`URL has no host: "${shown}"`);
  if (kind === 'http' && policy.requireHttps && !isLoopbackHost(host)) {
    invalid(`http:// is refused because security.require_https is true; use https:// (got "${shown}")`);
  }
  const segments = splitPath(u.pathname);
  checkParts(shown, host, decode(u.username), segments);
  if (segments.length === 0) invalid(`repository URL has no path: "${shown}"`);

  let credentials: UrlCredentials | undefined;
  let cloneUrl = raw;
  if ((u.username !== '' || u.password !== '') && kind !== 'ssh') {
    credentials = new UrlCredentials(decode(u.username), decode(u.password));
    cloneUrl = shown;
  } else if (u.password !== '') {
    invalid(`an ssh URL cannot carry a password (git over ssh does not use it; use an ssh key): "${shown}"`);
  }
  const origin = kind === 'file' ? 'file://' : `${u.protocol}//${u.host}`;
  return { transport: kind, scpStyle: false, host, port: u.port, segments, origin, cloneUrl: cloneUrl.replace(/\/+$/, ''), credentials };
}

/** host/path, lower case, without `.git`: the same repository written in any transport gives the same key. */
export function repoUrlKey(url: Pick<RepoUrl, 'host' | 'segments'>): string {
  return `${url.host}/${url.segments.join('/')}`.toLowerCase();
}

/** Like parseRepoUrl, for URLs read from outside (webhook payloads): undefined instead of an error. */
export function tryParseRepoUrl(raw: string): RepoUrl | undefined {
  try {
    return parseRepoUrl(raw.trim(), { allowFile: true });
  } catch {
    return undefined;
  }
}
