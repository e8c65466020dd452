import { startFakeGithub } from '../../fakes/github-api.js';
import type { ContractSetup } from '../contract.js';
import { ownerRepoControl, repoConfig, testHttp } from '../helpers.js';
import { atUrl } from '../../helpers/repo-config.js';

/** The contract's setup for github. */
export async function githubContractSetup(): Promise<ContractSetup> {
  const fake = await startFakeGithub({ token: 'good-token' });
  fake.addRepo({ owner: 'acme', name: 'svc' });
  const http = testHttp();
  const repo = repoConfig('github', 'https://github.com/acme/svc', fake.url, 'good-token');
  return {
    http,
    repo,
    conditional: true,
    codes: { auth: 'upstream-auth', notFound: 'upstream-not-found', malformed: ['upstream-bad-response'] },
    control: {
      ...ownerRepoControl(fake, 'acme', 'svc'),
      withBadToken: () => ({ ...repo, token: 'bad-token' }),
      missingRepo: () => atUrl(repo, 'https://github.com/acme/nope'),
      async breakNextAnswer() {
        fake.failNext(1, { kind: 'malformed' }, 'matching-refs', 1);
      },
    },
    async teardown() {
      await http.close();
      await fake.close();
    },
  };
}
