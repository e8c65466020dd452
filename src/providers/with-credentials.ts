/**
 * The credential layer around a provider: a repository served by a GitHub App gets its current
 * installation token before the listing (cached; refreshed in the background, never here), and
 * every outcome tells the credential manager whether the credential works (a 401 marks it failing).
 */
import type { CredentialHooks } from '../credentials/manager.js';
import type { BatchItem, ListRefsResult, Provider } from './types.js';

export function withCredentials(inner: Provider, creds: CredentialHooks): Provider {
  const batch = inner.batch;
  return {
    id: inner.id,
    listRefs(repo, opts) {
      // one promise step on top of the listing: this runs on every poll
      let listed: Promise<ListRefsResult>;
      try {
        listed = creds.needsToken(repo) ? creds.authorize(repo, opts.signal).then((authed) => inner.listRefs(authed, opts)) : inner.listRefs(repo, opts);
      } catch (err) {
        return Promise.reject(creds.failed(repo, err));
      }
      return listed.then(
        (result) => {
          creds.succeeded(repo);
          return result;
        },
        (err: unknown) => {
          throw creds.failed(repo, err);
        },
      );
    },
    async describe(repo, state, signal) {
      const authed = creds.needsToken(repo) ? await creds.authorize(repo, signal) : repo;
      return inner.describe(authed, state, signal);
    },
    ...(batch
      ? {
          batch: {
            key: (repo) => batch.key(repo),
            async listRefsBatch(items, signal): Promise<Array<ListRefsResult | Error>> {
              // authorize each item; an item that cannot get a token fails alone
              const authed: Array<BatchItem | Error> = await Promise.all(
                items.map(async (item) => {
                  try {
                    return creds.needsToken(item.repo) ? { ...item, repo: await creds.authorize(item.repo, signal) } : item;
                  } catch (err) {
                    return err instanceof Error ? err : new Error(String(err));
                  }
                }),
              );
              const ready = authed.filter((a): a is BatchItem => !(a instanceof Error));
              const answers = ready.length > 0 ? await batch.listRefsBatch(ready, signal) : [];
              let next = 0;
              return authed.map((a, i) => {
                const outcome = a instanceof Error ? a : answers[next++];
                if (outcome instanceof Error) return creds.failed(items[i].repo, outcome) as Error;
                creds.succeeded(items[i].repo);
                return outcome;
              });
            },
          },
        }
      : {}),
  };
}
