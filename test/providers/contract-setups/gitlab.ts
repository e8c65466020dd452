import { startFakeGitlab } from '../../fakes/gitlab-api.js';
import type { ContractSetup } from '../contract.js';
import { manyNames, repoConfig, sha, shas, testHttp } from '../helpers.js';
import { atUrl } from '../../helpers/repo-config.js';

const PATH = 'group/sub/svc';

/** The contract's setup for gitlab. */
export async function gitlabContractSetup(): Promise<ContractSetup> {
  const fake = await startFakeGitlab({ token: 'good-token' });
  fake.addProject({ path: PATH });
  const http = testHttp();
  const repo = repoConfig('gitlab', `${fake.url}/${PATH}.git`, fake.apiUrl, 'good-token');
  return {
    http,
    repo,
    conditional: true,
    codes: { auth: 'upstream-auth', notFound: 'upstream-not-found', malformed: ['upstream-bad-response'] },
    control: {
      async setBranches(names) {
        const b = shas(names);
        fake.setBranches(PATH, b);
        return b;
      },
      async setTags(names) {
        const t = shas(names);
        fake.setTags(PATH, t);
        return t;
      },
      async moveBranch(name) {
        const next = sha();
        fake.setBranch(PATH, name, next);
        return next;
      },
      async deleteBranch(name) {
        fake.deleteBranch(PATH, name);
      },
      async addManyBranches(n) {
        const b = shas(manyNames(n));
        fake.setBranches(PATH, b);
        return b;
      },
      withBadToken: () => ({ ...repo, token: 'bad-token' }),
      missingRepo: () => atUrl(repo, `${fake.url}/group/sub/nope`),
      async breakNextAnswer() {
        fake.failNext(1, { kind: 'malformed' }, '/repository/branches', 1);
      },
    },
    async teardown() {
      await http.close();
      await fake.close();
    },
  };
}
