// pino-roll ships JavaScript with JSDoc only; this is the part of its API reposentry uses.
declare module 'pino-roll' {
  import type { DestinationStream } from 'pino';
  interface PinoRollOptions {
    file: string;
    size?: string | number;
    frequency?: string | number;
    extension?: string;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    mkdir?: boolean;
    sync?: boolean;
  }
  type RollStream = DestinationStream & { end(): void; flushSync(): void; once(event: 'close' | 'ready', cb: () => void): void };
  export default function pinoRoll(opts: PinoRollOptions): Promise<RollStream>;
}
