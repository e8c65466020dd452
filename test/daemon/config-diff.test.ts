import { describe, expect, it } from 'vitest';
import { diffConfig, hasChanges } from '../../src/daemon/config-diff.js';
import { makeConfig, repo } from '../api/helpers.js';

describe('diffConfig', () => {
  it('names added, removed and changed repositories and targets, and keys needing a restart', () => {
    const before = makeConfig({ repositories: [repo('a', 'https://github.com/x/a'), repo('b', 'https://github.com/x/b')] });
    const after = makeConfig({ repositories: [repo('a', 'https://github.com/x/a', { branchRegex: '^main$' }), repo('c', 'https://github.com/x/c')], authToken: 't' });
    after.app.healthCheckPort = 9090;
    after.storage.sqlitePath = '/elsewhere.db';
    after.targets = [{ name: 'tekton', url: 'http://el', format: 'cloudevents', mode: 'binary', headers: {}, timeoutMs: 1, retryAttempts: 1, retryBackoffMs: 1, maxBackoffMs: 1 }];
    const d = diffConfig(before, after);
    expect(d).toMatchObject({ added: ['c'], removed: ['b'], changed: ['a'], targetsAdded: ['tekton'], targetsRemoved: [], targetsChanged: [] });
    expect(d.restartNeeded).toEqual(['app.health_check_port', 'storage.sqlite.path']);
    expect(d.otherChanged).toEqual(['api.auth_token']);
    expect(hasChanges(d)).toBe(true);
  });

  it('names api.ui, enrich and app.name, and counts any other difference, so such a reload is applied (not "nothing changed")', () => {
    const ui = makeConfig();
    ui.api.ui = false;
    expect(diffConfig(makeConfig(), ui).otherChanged).toEqual(['api.ui']);
    const enrich = makeConfig();
    enrich.enrich = { enabled: true, maxCommits: 10, maxFiles: 10, timeoutMs: 1000 } as unknown as NonNullable<typeof enrich.enrich>;
    expect(diffConfig(makeConfig(), enrich).otherChanged).toEqual(['enrich']);
    const files = makeConfig();
    files.sourceFiles = [...files.sourceFiles, '/etc/reposentry/more.yaml'];
    expect(hasChanges(diffConfig(makeConfig(), files))).toBe(true);
  });

  it('finds nothing between equal configs', () => {
    expect(hasChanges(diffConfig(makeConfig(), makeConfig()))).toBe(false);
  });
});
