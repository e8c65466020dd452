import { startGitServer } from '../../helpers/git-server.js';
import type { ContractSetup } from '../contract.js';
import { manyNames, repoConfig } from '../helpers.js';
import { atUrl } from '../../helpers/repo-config.js';

const NAME = 'acme/svc';

/** The contract's setup for git (ls-remote against git http-backend). */
export async function gitContractSetup(): Promise<ContractSetup> {
  const server = await startGitServer();
  await server.createRepo(NAME);
  server.requireToken(NAME, 'good-token');
  const repo = repoConfig('git', server.url(NAME), '', 'good-token');

  async function replaceRefs(prefix: 'refs/heads/' | 'refs/tags/', names: string[]): Promise<Record<string, string>> {
    const base = await server.commit(NAME, 'scratch-base', 'base', { force: true });
    await server.deleteRef(NAME, 'refs/heads/scratch-base');
    const out: Record<string, string> = {};
    const updates: Record<string, string> = {};
    for (const name of names) {
      out[name] = base;
      updates[`${prefix}${name}`] = base;
    }
    // drop the refs of this kind that are not in the new set
    const { execFileSync } = await import('node:child_process');
    const existing = execFileSync('git', ['for-each-ref', '--format=%(refname)', prefix], { cwd: `${server.root}/${NAME}.git` }).toString().split('\n').filter(Boolean);
    for (const ref of existing) if (!(ref in updates)) await server.deleteRef(NAME, ref);
    await server.setRefs(NAME, updates);
    return out;
  }

  return {
    repo,
    conditional: false,
    codes: { auth: 'git', notFound: 'git', malformed: ['git'] },
    control: {
      setBranches: (names) => replaceRefs('refs/heads/', names),
      setTags: (names) => replaceRefs('refs/tags/', names),
      moveBranch: (name) => server.commit(NAME, name, 'move'),
      deleteBranch: (name) => server.deleteRef(NAME, `refs/heads/${name}`),
      addManyBranches: (n) => replaceRefs('refs/heads/', manyNames(n)),
      withBadToken: () => ({ ...repo, token: 'bad-token' }),
      missingRepo: () => atUrl(repo, server.url('acme/nope')),
      async breakNextAnswer() {
        server.misbehave(NAME, 'garbage');
      },
    },
    teardown: () => server.close(),
  };
}
