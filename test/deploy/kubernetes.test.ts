import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { all, parseDockerfile } from './dockerfile.js';
import { readYamlDocs, referencedEnvVars, repoPath } from './helpers.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- free-form manifests

const DIR = 'deployments/kubernetes';
const kustomization = readYamlDocs(repoPath(DIR, 'kustomization.yaml'))[0] as Obj;
const resources = (kustomization.resources as string[]).flatMap((file) => readYamlDocs(repoPath(DIR, file)) as Obj[]);

function find(kind: string): Obj {
  const matches = resources.filter((r) => r.kind === kind);
  expect(matches, kind).toHaveLength(1);
  return matches[0];
}

const deployment = find('Deployment');
const service = find('Service');
const configMap = find('ConfigMap');
const secret = find('Secret');
const pvc = find('PersistentVolumeClaim');
const pod = deployment.spec.template.spec as Obj;
const container = pod.containers[0] as Obj;

function matches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

describe('deployments/kubernetes', () => {
  it('lists only files that parse, none with a hard-coded namespace', () => {
    expect(resources.map((r) => r.kind).sort()).toEqual(['ConfigMap', 'Deployment', 'PersistentVolumeClaim', 'Secret', 'Service']);
    for (const r of resources) {
      expect(r.metadata.namespace, `${r.kind} ${r.metadata.name}`).toBeUndefined();
      expect(r.metadata.labels['app.kubernetes.io/name']).toBe('reposentry');
    }
  });

  it('runs one replica with the Recreate strategy (SQLite has a single writer)', () => {
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.strategy).toEqual({ type: 'Recreate' });
    expect(readFileSync(repoPath(DIR, 'deployment.yaml'), 'utf8')).toMatch(/#.*SQLite is single-writer/);
  });

  it('selects its own pods from the Deployment and the Service', () => {
    const podLabels = deployment.spec.template.metadata.labels;
    expect(matches(deployment.spec.selector.matchLabels, podLabels)).toBe(true);
    expect(matches(service.spec.selector, podLabels)).toBe(true);
    const port = service.spec.ports[0];
    expect(port.port).toBe(8080);
    expect(container.ports.map((p: Obj) => p.name)).toContain(port.targetPort);
    expect(container.ports.find((p: Obj) => p.name === 'http').containerPort).toBe(8080);
  });

  it('probes /health for liveness and /ready for readiness on the named port', () => {
    expect(container.livenessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'http' });
    expect(container.resources.requests).toBeDefined();
    expect(container.resources.limits.memory).toBeDefined();
  });

  it('runs non-root with a read-only root filesystem, no capabilities and the RuntimeDefault seccomp profile', () => {
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    // the same uid as the image's USER, so the volume's fsGroup ownership fits
    const runtime = parseDockerfile(readFileSync(repoPath('deployments/docker/Dockerfile'), 'utf8'))[1];
    expect(all(runtime, 'USER')).toEqual([`${pod.securityContext.runAsUser}:${pod.securityContext.runAsGroup}`]);
  });

  it('mounts only volumes that exist, backed by the ConfigMap key, the PVC and a tmpfs', () => {
    const volumes = new Map<string, Obj>((pod.volumes as Obj[]).map((v) => [v.name, v]));
    const mounts = new Map<string, Obj>((container.volumeMounts as Obj[]).map((m) => [m.mountPath, m]));
    for (const m of mounts.values()) expect(volumes.has(m.name), m.name).toBe(true);
    expect(mounts.get('/data')!.name).toBe('data');
    expect(mounts.get('/tmp')!.name).toBe('tmp');
    expect(mounts.get('/etc/reposentry')!.readOnly).toBe(true);

    const config = volumes.get(mounts.get('/etc/reposentry')!.name)!;
    expect(config.configMap.name).toBe(configMap.metadata.name);
    for (const item of config.configMap.items) expect(Object.keys(configMap.data)).toContain(item.key);
    expect(config.configMap.items).toContainEqual({ key: 'config.yaml', path: 'config.yaml' });
    expect(container.args).toEqual(['node', '/app/bin/reposentry', 'run', '-c', '/etc/reposentry/config.yaml']);

    expect(volumes.get('data')!.persistentVolumeClaim.claimName).toBe(pvc.metadata.name);
    expect(pvc.spec.accessModes).toEqual(['ReadWriteOnce']);
    expect(volumes.get('tmp')!.emptyDir).toBeDefined();
  });

  it('takes every variable the config needs from Secret keys that exist', () => {
    const env = new Map((container.env as Obj[]).map((e) => [e.name, e]));
    const needed = referencedEnvVars(configMap.data['config.yaml']);
    expect(needed).toEqual(['GITHUB_TOKEN', 'TEKTON_SECRET']);
    for (const name of needed) expect(env.has(name), name).toBe(true);
    for (const e of env.values()) {
      const ref = e.valueFrom.secretKeyRef;
      expect(ref.name).toBe(secret.metadata.name);
      expect(Object.keys(secret.stringData)).toContain(ref.key);
    }
  });

  it('configures the daemon for the container: API on 0.0.0.0:8080, data on the volume', () => {
    const text: string = configMap.data['config.yaml'];
    expect(text).toMatch(/^ {2}listen: 0\.0\.0\.0/m);
    expect(text).toMatch(/^ {2}health_check_port: 8080/m);
    expect(text).toMatch(/^ {2}data_dir: \/data/m);
  });

  it('keeps the ServiceMonitor optional and pointed at the Service port', () => {
    expect(kustomization.resources).not.toContain('servicemonitor.yaml');
    const [monitor] = readYamlDocs(repoPath(DIR, 'servicemonitor.yaml')) as Obj[];
    expect(monitor.kind).toBe('ServiceMonitor');
    expect(matches(monitor.spec.selector.matchLabels, service.metadata.labels)).toBe(true);
    expect(monitor.spec.endpoints[0]).toMatchObject({ port: service.spec.ports[0].name, path: '/metrics' });
  });
});
