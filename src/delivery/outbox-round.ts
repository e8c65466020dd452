/**
 * Group commit for the dispatcher. An attempt that finishes does not write its outcome at once: the
 * outcomes of every attempt that finished since the last round are recorded, and the free slots
 * claimed, in one transaction — one commit for many deliveries instead of two per delivery. Until
 * its round commits, a finished delivery stays `delivering` under its lease: a crash in between
 * means it is sent again (at least once, never lost), and later deliveries of its ref and target
 * stay behind it (order kept). Logs and metrics of an outcome follow its commit.
 */
import type { ClaimedDelivery, DeliveryStore } from '../store/index.js';
import type { AttemptResult } from './attempt.js';

export interface ClaimRequest {
  now: number;
  /** free slots: how many deliveries to claim (0: only record) */
  limit: number;
  leaseMs: number;
}

export interface OutboxRound {
  /** a finished attempt: its outcome waits for the next round */
  settle(result: AttemptResult): void;
  /** finished attempts whose outcome is not committed yet */
  readonly settled: number;
  /**
   * Records the settled outcomes and claims up to `limit` deliveries in one transaction, then
   * reports the outcomes. When it throws (storage failing), nothing was written and the outcomes
   * stay for the next round.
   */
  run(claim: ClaimRequest): ClaimedDelivery[];
  /** drops the outcomes not yet recorded (the process is stopping: their leases bring them back) */
  discard(): number;
}

const NOTHING: ClaimedDelivery[] = [];

export function createOutboxRound(deliveries: DeliveryStore, onRecorded: (result: AttemptResult) => void): OutboxRound {
  let settled: AttemptResult[] = [];

  function write(batch: readonly AttemptResult[], claim: ClaimRequest): ClaimedDelivery[] {
    for (const r of batch) deliveries.record(r.write);
    return claim.limit > 0 ? deliveries.claim(claim) : NOTHING;
  }

  return {
    settle(result) {
      settled.push(result);
    },
    get settled() {
      return settled.length;
    },
    run(claim) {
      const batch = settled;
      if (batch.length === 0 && claim.limit <= 0) return NOTHING;
      const claimed = batch.length === 0 ? deliveries.claim(claim) : deliveries.transaction(() => write(batch, claim));
      settled = [];
      for (const r of batch) {
        r.report();
        onRecorded(r);
      }
      return claimed;
    },
    discard() {
      const n = settled.length;
      settled = [];
      return n;
    },
  };
}
