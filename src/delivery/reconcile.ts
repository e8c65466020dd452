/**
 * The outbox reconciled with the configured targets: pending deliveries of a target no longer
 * configured are held, held ones whose target is back resume, those held past the grace period are
 * dead-lettered. Runs at start, after a reload, and once a minute.
 */
import type { TargetConfig } from '../config/types.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/index.js';

export const DEFAULT_HELD_GRACE_MS = 24 * 60 * 60 * 1000;

/** What one reconciliation of the outbox with the configured targets changed. */
export interface ReconcileResult {
  held: number;
  resumed: number;
  expired: number;
}

export interface TargetReconciler {
  reconcile(): ReconcileResult;
  /** when it last ran (epoch ms; -Infinity before the first) */
  last(): number;
}

export function createTargetReconciler(opts: {
  store: Store;
  log: Logger;
  now: () => number;
  targets: () => readonly TargetConfig[];
  heldGraceMs?: () => number;
  /** held deliveries became pending again */
  onResumed: () => void;
}): TargetReconciler {
  const { store, log } = opts;
  let lastAt = -Infinity;
  return {
    last: () => lastAt,
    reconcile() {
      const at = opts.now();
      lastAt = at;
      const names = opts.targets().map((t) => t.name);
      const graceMs = opts.heldGraceMs?.() ?? DEFAULT_HELD_GRACE_MS;
      const resumed = store.deliveries.resumeTargets(names, at);
      const held = store.deliveries.holdAbsentTargets(names, at);
      const expired = store.deliveries.expireHeld(at - graceMs, `held longer than the grace period (${Math.round(graceMs / 1000)}s) after its target was removed`);
      if (resumed > 0) log.info({ resumed }, 'target configured again: its held deliveries resume');
      if (held > 0) {
        const targets = store.deliveries.heldTargets().map((t) => t.target);
        log.warn({ held, targets, graceMs }, 'target removed from the configuration: its pending deliveries are held');
      }
      if (expired > 0) log.warn({ expired, graceMs }, 'held deliveries dead-lettered: the grace period ran out');
      if (resumed > 0) opts.onResumed();
      return { held, resumed, expired };
    },
  };
}
