/** The generated reposentry config of a benchmark run: N repositories on one fake provider API. */

export function repoName(i) {
  return `repo-${String(i).padStart(5, '0')}`;
}

/**
 * provider 'github' (mode: rest | graphql, batchSize) or 'gitlab'; apiUrl is the fake's API root.
 * Repository URLs name the public host; api_base_url points every request at the fake.
 */
export function configYaml({ repos, concurrency, apiUrl, listenerUrl, dataDir, port, provider = 'github', mode = 'rest', batchSize = 100 }) {
  const lines = [
    'app:',
    '  name: reposentry-bench',
    '  log_level: warn',
    `  data_dir: ${JSON.stringify(dataDir)}`,
    `  health_check_port: ${port}`,
    'api:',
    '  listen: 127.0.0.1',
    'polling:',
    '  interval: 1h',
    '  timeout: 60s',
    `  max_workers: ${concurrency}`,
    '  jitter: 0',
    '  enable_api_fallback: false',
    '  retry_attempts: 0',
    // pinned, never auto: each pass measures one mode (REST + ETags, or GraphQL batches)
    `  github_mode: ${mode}`,
    `  batch_size: ${batchSize}`,
    // the fake APIs have no compare endpoint: enrichment (one request per change) stays off so the
    // figures compare with earlier runs; it is measured on its own, not in this pass
    'enrich:',
    '  enabled: false',
    'tekton:',
    `  event_listener_url: ${JSON.stringify(listenerUrl)}`,
    '  format: cloudevents',
    '  timeout: 10s',
    'repositories:',
  ];
  const host = provider === 'gitlab' ? 'gitlab.com' : 'github.com';
  for (let i = 0; i < repos; i++) {
    const name = repoName(i);
    lines.push(`  - name: bench/${name}`, `    url: https://${host}/bench/${name}`, `    provider: ${provider}`, `    api_base_url: ${apiUrl}`);
  }
  return lines.join('\n') + '\n';
}
