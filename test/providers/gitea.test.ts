import { startFakeGitea } from '../fakes/gitea-api.js';
import { createGiteaProvider } from '../../src/providers/gitea/index.js';
import { silentLogger } from '../../src/log.js';
import { runProviderContract } from './contract.js';
import { manyNames, repoConfig, sha, shas, testHttp } from './helpers.js';

runProviderContract({
  name: 'gitea',
  async setup() {
    const fake = await startFakeGitea({ token: 'good-token' });
    fake.addRepo({ owner: 'acme', name: 'svc' });
    const http = testHttp();
    const provider = createGiteaProvider({ http, log: silentLogger() });
    const repo = repoConfig('gitea', `${fake.url}/acme/svc`, fake.apiUrl, 'good-token');
    return {
      provider,
      repo,
      // Gitea sends no ETag on git/refs: every listing is complete
      conditional: false,
      codes: { auth: 'upstream-auth', notFound: 'upstream-not-found', malformed: ['upstream-bad-response'] },
      control: {
        async setBranches(names) {
          const b = shas(names);
          fake.setBranches('acme', 'svc', b);
          return b;
        },
        async setTags(names) {
          const t = shas(names);
          fake.setTags('acme', 'svc', t);
          return t;
        },
        async moveBranch(name) {
          const next = sha();
          fake.setBranch('acme', 'svc', name, next);
          return next;
        },
        async deleteBranch(name) {
          fake.deleteBranch('acme', 'svc', name);
        },
        async addManyBranches(n) {
          const b = shas(manyNames(n));
          fake.setBranches('acme', 'svc', b);
          return b;
        },
        withBadToken: () => ({ ...repo, token: 'bad-token' }),
        missingRepo: () => ({ ...repo, url: `${fake.url}/acme/nope` }),
        async breakNextAnswer() {
          fake.failNext(1, { kind: 'malformed' }, '/git/refs/heads');
        },
      },
      async teardown() {
        await http.close();
        await fake.close();
      },
    };
  },
});
