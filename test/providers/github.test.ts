import { startFakeGithub } from '../fakes/github-api.js';
import { createGithubProvider } from '../../src/providers/github/index.js';
import { silentLogger } from '../../src/log.js';
import { runProviderContract } from './contract.js';
import { ownerRepoControl, repoConfig, testHttp } from './helpers.js';
import { atUrl } from '../helpers/repo-config.js';

runProviderContract({
  name: 'github',
  async setup() {
    const fake = await startFakeGithub({ token: 'good-token' });
    fake.addRepo({ owner: 'acme', name: 'svc' });
    const http = testHttp();
    const provider = createGithubProvider({ http, log: silentLogger() });
    const repo = repoConfig('github', 'https://github.com/acme/svc', fake.url, 'good-token');
    return {
      provider,
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
  },
});
