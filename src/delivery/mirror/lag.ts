/** Mirror lag per mirror target: watched refs of the repositories it mirrors whose source SHA it does not hold yet. */
import type { Config } from '../../config/types.js';
import type { MirrorLag, Store } from '../../store/index.js';
import { matchTargets } from '../targets.js';

export function mirrorLag(store: Store, config: Config): MirrorLag[] {
  return config.targets.filter((t) => t.format === 'mirror').map((t) => {
    const repos = config.repositories.filter((r) => matchTargets([t], { repositoryName: r.name, type: 'branch_updated' }).length > 0).map((r) => r.name);
    return store.mirror.lag(t.name, repos, true);
  });
}
