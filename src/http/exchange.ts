/**
 * One attempt of a request (the client's "send with a per-attempt timeout" layer): undici's
 * dispatch() with a handler of our own that collects the status, the headers and the body.
 * undici's request() wraps every answer in an async resource and a body stream, and ties each
 * request to an AbortSignal with a listener of its own; the client reads every body whole, so it
 * needs none of that. The timeouts of all requests in flight share one timer (deadlines.ts), and a
 * caller's signal gets one listener for all its requests (signal-watch.ts).
 */
import type { Dispatcher } from 'undici';
import { UpstreamError, errorMessage } from '../errors.js';
import { createDeadlines, type Deadlines, type Expiring } from './deadlines.js';
import { watchSignal, type Cancellable } from '../signal-watch.js';

/** An answer as it came: lower-case header names, repeated headers joined with ", ". */
export interface Raw {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Attempt {
  /** the URL as the caller wrote it: for messages */
  url: string;
  origin: string;
  path: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface ExchangeOptions {
  dispatcher: Dispatcher;
  timeoutMs: number;
  /** " via proxy …" for an origin whose requests go through one (failure messages) */
  via: (origin: string) => string;
}

export type Send = (attempt: Attempt) => Promise<Raw>;

export function createExchange(opts: ExchangeOptions): Send {
  const deadlines = createDeadlines(opts.timeoutMs, (call: Call) => call.timedOut());
  return (attempt) =>
    new Promise<Raw>((resolve, reject) => {
      const call = new Call(attempt, opts, deadlines, resolve, reject);
      if (attempt.signal?.aborted) return call.cancel(attempt.signal.reason);
      if (attempt.signal) call.watched = watchSignal(attempt.signal, call);
      deadlines.add(call);
      opts.dispatcher.dispatch({ origin: attempt.origin, path: attempt.path, method: attempt.method as Dispatcher.HttpMethod, headers: attempt.headers, body: attempt.body }, call);
    });
}

const BOM = 0xfeff;

/**
 * Header names seen, by length: a name that came before is matched byte by byte (case folded)
 * against these lower-case strings instead of being converted to a string per answer (that
 * conversion showed in an unchanged poll's profile). Header names are tokens (letters, digits,
 * `-` and a few symbols), so folding with 0x20 cannot make two different names equal here: every
 * name kept is already lower case, and a byte that folds onto a letter is that letter's upper case.
 */
const known = new Map<number, string[]>();
let knownCount = 0;
/** more distinct names than this are converted each time (a server that invents names per answer) */
const MAX_KNOWN_NAMES = 256;

function matches(raw: Buffer, name: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = name.charCodeAt(i);
    const b = raw[i];
    if (b !== c && !(c >= 0x61 && c <= 0x7a && (b | 0x20) === c)) return false;
  }
  return true;
}

function headerName(raw: Buffer): string {
  const sameLength = known.get(raw.length);
  if (sameLength) {
    for (const name of sameLength) if (matches(raw, name)) return name;
  }
  const name = raw.toString('latin1').toLowerCase();
  if (knownCount < MAX_KNOWN_NAMES) {
    knownCount++;
    if (sameLength) sameLength.push(name);
    else known.set(raw.length, [name]);
  }
  return name;
}

/** One request in flight: undici's handler, an entry of the deadline list, a watcher of the caller's signal. */
class Call implements Dispatcher.DispatchHandler, Expiring, Cancellable {
  deadline = 0;
  prev: Call | null = null;
  next: Call | null = null;
  watched: Set<Cancellable> | undefined;
  private status = 0;
  private headers: Record<string, string> = {};
  private chunks: Buffer[] | null = null;
  private abort: ((err?: Error) => void) | null = null;
  private settled = false;

  constructor(
    private readonly attempt: Attempt,
    private readonly opts: ExchangeOptions,
    private readonly deadlines: Deadlines<Call>,
    private readonly resolve: (raw: Raw) => void,
    private readonly reject: (err: Error) => void,
  ) {}

  onConnect(abort: (err?: Error) => void): void {
    if (this.settled) abort(new Error('request cancelled before it was sent'));
    else this.abort = abort;
  }

  onHeaders(status: number, raw: Buffer[]): boolean {
    if (status < 200) return true; // 1xx: the answer is still to come
    this.status = status;
    const headers: Record<string, string> = {};
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = headerName(raw[i]);
      if (name === '__proto__') continue;
      const value = raw[i + 1].toString('latin1');
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
    this.headers = headers;
    return true;
  }

  onData(chunk: Buffer): boolean {
    (this.chunks ??= []).push(chunk);
    return true;
  }

  onComplete(): void {
    if (!this.finish()) return;
    const { chunks } = this;
    let body = chunks === null ? '' : chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8');
    if (body.charCodeAt(0) === BOM) body = body.slice(1);
    this.resolve({ status: this.status, headers: this.headers, body });
  }

  onError(err: Error): void {
    if (!this.finish()) return;
    const { method, url, origin } = this.attempt;
    this.reject(new UpstreamError('upstream', `request failed: ${method} ${url}${this.opts.via(origin)}: ${errorMessage(err)}`, { cause: err, context: { url } }));
  }

  /** the per-attempt timeout (deadlines.ts) */
  timedOut(): void {
    const { method, url, origin } = this.attempt;
    const err = new Error(`no answer within ${this.opts.timeoutMs} ms`);
    this.fail(new UpstreamError('upstream-timeout', `no answer within ${this.opts.timeoutMs} ms: ${method} ${url}${this.opts.via(origin)}`, { cause: err, context: { url } }), err);
  }

  /** the caller's signal aborted */
  cancel(reason: unknown): void {
    const { method, url } = this.attempt;
    const cause = reason instanceof Error ? reason : new Error('aborted');
    this.fail(new UpstreamError('upstream-timeout', `request aborted: ${method} ${url}`, { cause, context: { url } }), cause);
  }

  private fail(err: UpstreamError, abortWith: Error): void {
    if (!this.finish()) return;
    this.abort?.(abortWith);
    this.reject(err);
  }

  /** false when the call was already over; else leaves the deadline list and the signal's watch */
  private finish(): boolean {
    if (this.settled) return false;
    this.settled = true;
    if (this.deadline !== 0) this.deadlines.remove(this);
    this.watched?.delete(this);
    return true;
  }
}
