/**
 * The dispatcher's HTTP connection pool: an injected one is the caller's; otherwise a keep-alive
 * pool of our own, made on start (from the current `http:` settings), replaced when a reload changes
 * them, destroyed on stop — so a restart works.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Dispatcher as UndiciDispatcher } from 'undici';
import type { OutboundSettings } from '../http/outbound.js';
import type { Logger } from '../log.js';
import { createDeliveryAgent } from './send.js';

export interface DeliveryPool {
  /** the pool attempts send through now */
  current(): UndiciDispatcher;
  /** makes our own pool if it was destroyed (a restart) */
  open(): void;
  /** new `http:` settings: attempts from now on use a pool built from them; those in flight finish on the old one */
  setOutbound(next: OutboundSettings | undefined): void;
  /** aborts what is in flight on our own pool and frees its connections */
  destroy(): Promise<void>;
}

export function createDeliveryPool(opts: { agent?: UndiciDispatcher; outbound?: OutboundSettings; log: Logger }): DeliveryPool {
  let outbound = opts.outbound;
  let own: UndiciDispatcher | null = opts.agent ? null : createDeliveryAgent(outbound);
  return {
    current: () => opts.agent ?? own!,
    open() {
      if (!opts.agent && !own) own = createDeliveryAgent(outbound);
    },
    setOutbound(next) {
      if (isDeepStrictEqual(next ?? {}, outbound ?? {})) return;
      outbound = next;
      // an injected pool is the caller's; a stopped dispatcher builds its pool from `outbound` on start
      if (opts.agent || !own) return;
      const old = own;
      // attempts read the pool when they send, so only those launched from now on see the new one
      own = createDeliveryAgent(outbound);
      // close() lets the requests already on the old pool finish, then frees its connections
      void old.close().catch((err: unknown) => opts.log.warn({ err }, 'closing the replaced delivery connection pool failed'));
    },
    async destroy() {
      if (!own) return;
      const closing = own;
      own = null;
      await closing.destroy().catch(() => undefined);
    },
  };
}
