import { describe, expect, it } from 'vitest';
import type { RepositoryConfig } from '../../src/config/types.js';
import { providerLookup } from '../../src/daemon/provider-of.js';

const repo = (name: string, provider: string) => ({ name, provider }) as unknown as RepositoryConfig;

describe('providerLookup', () => {
  it('names the provider of a configured repository and follows the list when it is replaced (reload, discovery)', () => {
    let config = { repositories: [repo('a', 'github'), repo('b', 'gitlab')] };
    const providerOf = providerLookup(() => config);
    expect(providerOf('a')).toBe('github');
    expect(providerOf('b')).toBe('gitlab');
    expect(providerOf('c')).toBeUndefined();
    config = { repositories: [repo('a', 'gitea'), repo('c', 'git')] };
    expect(providerOf('a')).toBe('gitea');
    expect(providerOf('b')).toBeUndefined();
    expect(providerOf('c')).toBe('git');
  });
});
