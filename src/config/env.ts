/**
 * Environment expansion for config strings: ${VAR}, ${VAR:-default}, $$ for a literal $.
 * Anything unresolvable is an error, never a silent literal (a secret left as "${TOKEN}" would be
 * sent as the token; docs/configuration.md describes the syntax).
 */
import { redactText } from '../redact.js';

export interface ExpandResult {
  value: string;
  /** one message per problem, each naming the variable */
  errors: string[];
  /** true when at least one ${…} was substituted */
  expanded: boolean;
}

/**
 * `${NAME:-value}`, unless NAME looks like a secret's key (GITHUB_TOKEN): messages are redacted,
 * and "GITHUB_TOKEN:-value" reads as a secret's key and value there, so the hint would show as
 * "${GITHUB_TOKEN:[redacted]}". Such a name gets the generic spelling.
 */
function defaultHint(name: string): string {
  const hint = `\${${name}:-value}`;
  return redactText(hint) === hint ? hint : '${VAR:-value}';
}

/** Set by systemd for units with LoadCredential=; always allowed in ${…}. */
export const CREDENTIALS_DIRECTORY = 'CREDENTIALS_DIRECTORY';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Exact names, PREFIX*, *SUFFIX (and any other * glob). Absent list = every variable allowed. */
export function isEnvVarAllowed(name: string, allowed: readonly string[] | undefined): boolean {
  // systemd's LoadCredential= directory: a path, not a secret, and what *_file keys are made of
  if (allowed === undefined || name === CREDENTIALS_DIRECTORY) return true;
  return allowed.some((pattern) => {
    if (!pattern.includes('*')) return pattern === name;
    const re = new RegExp('^' + pattern.split('*').map(escapeRegExp).join('.*') + '$');
    return re.test(name);
  });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function expandEnv(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
  allowed: readonly string[] | undefined,
): ExpandResult {
  const errors: string[] = [];
  let out = '';
  let expanded = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch !== '$') {
      out += ch;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next !== '{') {
      // A lone "$" (e.g. in a regex like "^main$") is kept as written.
      out += '$';
      i++;
      continue;
    }
    const close = text.indexOf('}', i + 2);
    if (close < 0) {
      errors.push(`unterminated "\${" in "${text}" (write "$$" for a literal "$")`);
      out += text.slice(i);
      break;
    }
    const inner = text.slice(i + 2, close);
    const sep = inner.indexOf(':-');
    const name = sep >= 0 ? inner.slice(0, sep) : inner;
    const fallback = sep >= 0 ? inner.slice(sep + 2) : undefined;
    i = close + 1;
    expanded = true;
    if (!NAME.test(name)) {
      errors.push(`invalid environment variable reference "\${${inner}}" (write "$$" for a literal "$")`);
      continue;
    }
    if (!isEnvVarAllowed(name, allowed)) {
      errors.push(`environment variable ${name} is not allowed by security.allowed_env_vars`);
      continue;
    }
    const value = env[name];
    if (value === undefined || (value === '' && fallback !== undefined)) {
      if (fallback === undefined) {
        errors.push(`environment variable ${name} is not set (set it, or give a default: ${defaultHint(name)})`);
        continue;
      }
      out += fallback;
    } else {
      out += value;
    }
  }
  return { value: out, errors, expanded };
}
