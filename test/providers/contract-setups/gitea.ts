import { startFakeGitea } from '../../fakes/gitea-api.js';
import type { ContractSetup } from '../contract.js';
import { ownerRepoControl, repoConfig, testHttp } from '../helpers.js';
import { atUrl } from '../../helpers/repo-config.js';

/** The contract's setup for gitea. */
export async function giteaContractSetup(): Promise<ContractSetup> {
  const fake = await startFakeGitea({ token: 'good-token' });
  fake.addRepo({ owner: 'acme', name: 'svc' });
  const http = testHttp();
  const repo = repoConfig('gitea', `${fake.url}/acme/svc`, fake.apiUrl, 'good-token');
  return {
    http,
    repo,
    // Gitea sends no ETag on git/refs: every listing is complete
    conditional: false,
    codes: { auth: 'upstream-auth', notFound: 'upstream-not-found', malformed: ['upstream-bad-response'] },
    control: {
      ...ownerRepoControl(fake, 'acme', 'svc'),
      withBadToken: () => ({ ...repo, token: 'bad-token' }),
      missingRepo: () => atUrl(repo, `${fake.url}/acme/nope`),
      async breakNextAnswer() {
        fake.failNext(1, { kind: 'malformed' }, '/git/refs/heads');
      },
    },
    async teardown() {
      await http.close();
      await fake.close();
    },
  };
}
