/** Mirror target metrics: bytes pushed, and how many watched refs each mirror is behind. */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { MirrorLag } from '../store/mirror.js';

export interface MirrorMetrics {
  pushed(target: string, bytes: number): void;
  /** read just before a scrape */
  setLagSource(fn: () => MirrorLag[]): void;
}

export function createMirrorMetrics(registry: Registry): MirrorMetrics {
  let lagSource: (() => MirrorLag[]) | undefined;
  const bytes = new Counter({
    name: 'reposentry_mirror_pushed_bytes_total',
    help: 'Bytes of pack data pushed to mirror destinations, per target',
    labelNames: ['target'] as const,
    registers: [registry],
  });
  const pushes = new Counter({
    name: 'reposentry_mirror_pushes_total',
    help: 'Refs pushed (or deleted) on mirror destinations, per target',
    labelNames: ['target'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'reposentry_mirror_refs_behind',
    help: 'Watched refs whose SHA on the source differs from the SHA last pushed to the mirror (mirror lag)',
    labelNames: ['target'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const l of lagSource?.() ?? []) this.set({ target: l.target }, l.refsBehind);
    },
  });
  return {
    pushed(target, n) {
      pushes.inc({ target });
      if (n > 0) bytes.inc({ target }, n);
    },
    setLagSource(fn) {
      lagSource = fn;
    },
  };
}
