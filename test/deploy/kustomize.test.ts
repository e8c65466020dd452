// `kubectl kustomize` (kubectl is on every machine of this project's kind; missing, the test fails)
// renders both kustomizations offline, which checks their syntax beyond what YAML parsing can.
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { repoPath, requireCommand } from './helpers.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- rendered manifests

function render(dir: string): Obj[] {
  const res = spawnSync('kubectl', ['kustomize', repoPath(dir)], { encoding: 'utf8', timeout: 30_000 });
  if (res.status !== 0) throw new Error(`kubectl kustomize ${dir}: ${res.stderr}`);
  return parseAllDocuments(res.stdout).map((d) => d.toJS() as Obj);
}

describe('kubectl kustomize', () => {
  beforeAll(() => requireCommand('kubectl', 'install kubectl (the kubectl package) to render the kustomizations'));

  it('renders deployments/kubernetes with the part-of label on every object but not in selectors', () => {
    const objs = render('deployments/kubernetes');
    expect(objs.map((o) => o.kind).sort()).toEqual(['ConfigMap', 'Deployment', 'PersistentVolumeClaim', 'Secret', 'Service']);
    for (const o of objs) expect(o.metadata.labels['app.kubernetes.io/part-of']).toBe('reposentry');
    const deployment = objs.find((o) => o.kind === 'Deployment')!;
    expect(deployment.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'reposentry' });
    expect(deployment.spec.template.spec.containers[0].image).toBe('reposentry:latest');
  });

  it('renders deployments/tekton into one namespace, ClusterRoleBinding subject included', () => {
    const objs = render('deployments/tekton');
    expect(objs).toHaveLength(11); // 10 + the monorepo EventListener (github/eventlistener-changed-files.yaml)
    const binding = objs.find((o) => o.kind === 'ClusterRoleBinding')!;
    const sa = objs.find((o) => o.kind === 'ServiceAccount')!;
    expect(binding.subjects[0].namespace).toBe(sa.metadata.namespace);
  });
});
