/** Checks of `discover:` sources the schema cannot express: what is listed, where, unique names. */
import type { FileReport } from './problems.js';
import { httpUrlProblem } from './checks.js';
import type { PathSegment } from './source.js';

type Raw = Record<string, unknown>;

const WHAT = ['org', 'user', 'starred_by', 'group'] as const;
/** which of org/user/starred_by/group each provider can list */
const SUPPORTED: Record<string, readonly string[]> = {
  github: ['org', 'user', 'starred_by'],
  gitea: ['org', 'user', 'starred_by'],
  gitlab: ['group', 'user'],
};

export function checkDiscover(report: FileReport, data: Raw, requireHttps: boolean): void {
  const sources = Array.isArray(data.discover) ? (data.discover as unknown[]) : [];
  const names = new Map<string, number>();
  sources.forEach((item, i) => {
    if (!item || typeof item !== 'object') return;
    const raw = item as Raw;
    const seg: PathSegment[] = ['discover', i];
    const provider = typeof raw.provider === 'string' ? raw.provider : 'github';
    if (typeof raw.name === 'string' && !report.hasErrorAt([...seg, 'name'])) {
      const first = names.get(raw.name);
      if (first !== undefined) report.error([...seg, 'name'], `duplicate discover source name "${raw.name}" (first used by discover[${first}])`);
      else names.set(raw.name, i);
    }
    const given = WHAT.filter((k) => raw[k] !== undefined);
    if (given.length === 0) {
      report.error(seg, `missing what to list: set one of org, user, starred_by (GitHub, Gitea) or group (GitLab)`, { locateAt: seg });
    } else if (given.length > 1) {
      report.error([...seg, given[1]], `set only one of org, user, starred_by, group; this source has ${given.join(' and ')}`);
    } else if (SUPPORTED[provider] && !SUPPORTED[provider].includes(given[0])) {
      report.error([...seg, given[0]], `provider ${provider} cannot list "${given[0]}"; use ${SUPPORTED[provider].join(', ')}`);
    }
    if (report.source.has([...seg, 'include_subgroups']) && provider !== 'gitlab') {
      report.error([...seg, 'include_subgroups'], 'include_subgroups applies only to GitLab groups (provider: gitlab)');
    }
    const api = typeof raw.api_base_url === 'string' ? raw.api_base_url.trim() : '';
    if (api === '') {
      if (provider !== 'github') {
        report.error(seg, `missing required key "api_base_url" for provider ${provider} (e.g. https://${provider}.example.com/api/${provider === 'gitlab' ? 'v4' : 'v1'})`, { locateAt: seg });
      }
    } else if (!report.hasErrorAt([...seg, 'api_base_url'])) {
      const problem = httpUrlProblem(api, requireHttps);
      if (problem) report.error([...seg, 'api_base_url'], problem);
    }
  });
}
