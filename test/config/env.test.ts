import { describe, expect, it } from 'vitest';
import { expandEnv, isEnvVarAllowed } from '../../src/config/env.js';

describe('expandEnv', () => {
  const env = { TOKEN: 'abc', EMPTY: '', PORT: '9090' };

  it('substitutes ${VAR} and ${VAR:-default}', () => {
    expect(expandEnv('x-${TOKEN}-y', env, undefined)).toEqual({ value: 'x-abc-y', errors: [], expanded: true });
    expect(expandEnv('${MISSING:-fallback}', env, undefined).value).toBe('fallback');
    expect(expandEnv('${EMPTY:-fallback}', env, undefined).value).toBe('fallback');
    expect(expandEnv('${MISSING:-}', env, undefined).value).toBe('');
  });

  it('turns $$ into a literal $ and keeps a lone $', () => {
    expect(expandEnv('cost $$5', env, undefined).value).toBe('cost $5');
    expect(expandEnv('$${TOKEN}', env, undefined).value).toBe('${TOKEN}');
    expect(expandEnv('^(main|dev)$', env, undefined)).toEqual({ value: '^(main|dev)$', errors: [], expanded: false });
  });

  it('reports an unset variable by name, never a silent literal', () => {
    const r = expandEnv('${NOPE}', env, undefined);
    expect(r.errors).toEqual([expect.stringContaining('NOPE is not set')]);
  });

  it('reports variables outside security.allowed_env_vars', () => {
    const r = expandEnv('${TOKEN}', env, ['GITHUB_TOKEN']);
    expect(r.errors).toEqual([expect.stringContaining('TOKEN is not allowed by security.allowed_env_vars')]);
  });

  it('reports malformed references', () => {
    expect(expandEnv('${1X}', env, undefined).errors[0]).toMatch(/invalid environment variable reference/);
    expect(expandEnv('${TOKEN', env, undefined).errors[0]).toMatch(/unterminated/);
  });
});

describe('isEnvVarAllowed', () => {
  it('matches exact names, PREFIX* and *SUFFIX; absent list allows all', () => {
    const list = ['GITHUB_TOKEN', 'CI_*', '*_SECRET'];
    expect(isEnvVarAllowed('GITHUB_TOKEN', list)).toBe(true);
    expect(isEnvVarAllowed('CI_JOB', list)).toBe(true);
    expect(isEnvVarAllowed('HOOK_SECRET', list)).toBe(true);
    expect(isEnvVarAllowed('GITHUB_TOKENX', list)).toBe(false);
    expect(isEnvVarAllowed('XCI_JOB', list)).toBe(false);
    expect(isEnvVarAllowed('HOME', list)).toBe(false);
    expect(isEnvVarAllowed('HOME', undefined)).toBe(true);
    expect(isEnvVarAllowed('HOME', [])).toBe(false);
  });
});
