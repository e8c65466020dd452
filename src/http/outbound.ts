/**
 * Every outbound connection (provider APIs, deliveries, git) goes through one policy: the proxy
 * (`http.proxy`, else HTTPS_PROXY/HTTP_PROXY from the environment), the bypass list (`http.no_proxy`,
 * else NO_PROXY) and the extra CA bundle (`http.ca_file`; NODE_EXTRA_CA_CERTS is kept too).
 * A proxy URL's userinfo is Basic proxy credentials: a secret, so only `describeProxy()` output is
 * ever put in a message.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rootCertificates } from 'node:tls';
import { Agent, Dispatcher, ProxyAgent } from './undici.js';
import { ReposentryError } from '../errors.js';
import { proxyUrlProblem } from '../config/check-http.js';
import { parseNoProxy, type NoProxy } from './no-proxy.js';
import type { OutboundSettings } from './types.js';

export type { OutboundSettings } from './types.js';

export interface ProxyPlan {
  http?: string;
  https?: string;
  noProxy: string;
}

/** The proxies in force: the config's, else the environment's (lower-case first, as curl and undici read them). */
export function resolveProxy(settings: OutboundSettings = {}, env: NodeJS.ProcessEnv = process.env): ProxyPlan {
  const noProxy = settings.noProxy || env.no_proxy || env.NO_PROXY || '';
  if (settings.proxy) return { http: settings.proxy, https: settings.proxy, noProxy };
  const http = env.http_proxy || env.HTTP_PROXY || undefined;
  const https = env.https_proxy || env.HTTPS_PROXY || http;
  return { http, https, noProxy };
}

/** The proxy's scheme, host and port: never its credentials. */
export function describeProxy(uri: string): string {
  try {
    const u = new URL(uri);
    return `${u.protocol}//${u.host}`;
  } catch {
    return '(unparsable proxy URL)';
  }
}

/** CA certificates to trust when `http.ca_file` is set; undefined keeps Node's defaults (which include NODE_EXTRA_CA_CERTS). */
export function extraCa(settings: OutboundSettings = {}, env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  if (!settings.caFile) return undefined;
  // Passing `ca` replaces Node's default store, so the system roots and NODE_EXTRA_CA_CERTS go in too.
  const ca = [...rootCertificates];
  const nodeExtra = env.NODE_EXTRA_CA_CERTS;
  if (nodeExtra) {
    try {
      ca.push(readFileSync(nodeExtra, 'utf8'));
    } catch {
      // Node itself only warns about an unreadable NODE_EXTRA_CA_CERTS; so do we (by ignoring it here)
    }
  }
  try {
    ca.push(readFileSync(settings.caFile, 'utf8'));
  } catch (err) {
    throw new ReposentryError('config-invalid', `http.ca_file: cannot read ${settings.caFile}: ${(err as Error).message}`, { cause: err });
  }
  return ca;
}

export interface OutboundAgent extends Dispatcher {
  /** the proxy (described, no credentials) a request to this origin goes through, if any */
  proxyFor(origin: string): string | undefined;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** Routes each origin to a direct Agent or a ProxyAgent (CONNECT for https, absolute-form for http). */
class RoutingAgent extends Dispatcher implements OutboundAgent {
  readonly #direct: Agent;
  readonly #http?: ProxyAgent;
  readonly #https?: ProxyAgent;
  readonly #plan: ProxyPlan;
  readonly #noProxy: NoProxy;
  readonly #routes = new Map<string, { via: Dispatcher; proxy?: string }>();

  constructor(plan: ProxyPlan, agentOptions: Agent.Options, ca: string[] | undefined) {
    super();
    this.#plan = plan;
    this.#noProxy = parseNoProxy(plan.noProxy);
    this.#direct = new Agent(agentOptions);
    const proxied = (uri: string): ProxyAgent => new ProxyAgent({
      ...agentOptions,
      uri,
      proxyTunnel: false,
      ...(ca ? { requestTls: { ca }, proxyTls: { ca } } : {}),
    });
    if (plan.http) this.#http = proxied(plan.http);
    if (plan.https) this.#https = plan.https === plan.http && this.#http ? this.#http : proxied(plan.https);
  }

  #route(origin: string): { via: Dispatcher; proxy?: string } {
    let route = this.#routes.get(origin);
    if (!route) {
      const u = new URL(origin);
      const port = Number(u.port) || DEFAULT_PORTS[u.protocol] || 0;
      const agent = u.protocol === 'https:' ? this.#https : this.#http;
      const uri = u.protocol === 'https:' ? this.#plan.https : this.#plan.http;
      route = agent && uri && !this.#noProxy.bypass(u.hostname, port) ? { via: agent, proxy: describeProxy(uri) } : { via: this.#direct };
      this.#routes.set(origin, route);
    }
    return route;
  }

  proxyFor(origin: string): string | undefined {
    return this.#route(new URL(origin).origin).proxy;
  }

  override dispatch(opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    return this.#route(String(opts.origin)).via.dispatch(opts, handler);
  }

  override async close(): Promise<void> {
    await Promise.all([this.#direct.close(), this.#http?.close(), this.#https !== this.#http ? this.#https?.close() : undefined]);
  }

  override async destroy(): Promise<void> {
    await Promise.all([this.#direct.destroy(), this.#http?.destroy(), this.#https !== this.#http ? this.#https?.destroy() : undefined]);
  }
}

/**
 * A keep-alive connection pool that follows the outbound policy. With no proxy and no CA file it is a
 * plain Agent (the fast path the benchmarks measure).
 */
export function createOutboundAgent(settings: OutboundSettings | undefined, agentOptions: Agent.Options, env: NodeJS.ProcessEnv = process.env): OutboundAgent {
  const plan = resolveProxy(settings, env);
  for (const uri of new Set([plan.http, plan.https])) {
    const problem = uri === undefined ? undefined : proxyUrlProblem(uri);
    // the config's value is checked by validate; this catches HTTPS_PROXY/HTTP_PROXY (never quoted: credentials)
    if (problem) throw new ReposentryError('config-invalid', `${settings?.proxy ? 'http.proxy' : 'the proxy from HTTPS_PROXY/HTTP_PROXY'}: invalid proxy URL: ${problem}`);
  }
  const ca = extraCa(settings, env);
  const options: Agent.Options = ca ? { ...agentOptions, connect: { ca } } : agentOptions;
  if (!plan.http && !plan.https) {
    const agent = new Agent(options) as Agent & { proxyFor?: (origin: string) => string | undefined };
    agent.proxyFor = () => undefined;
    return agent as unknown as OutboundAgent;
  }
  return new RoutingAgent(plan, options, ca);
}

/**
 * Environment for a git child process: the same proxy and bypass list as the HTTP requests (curl
 * ignores an upper-case HTTP_PROXY, so the resolved values are passed in the spellings it reads) and
 * the CA file as http.sslCAInfo.
 */
export function gitOutboundEnv(settings: OutboundSettings | undefined, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const plan = resolveProxy(settings, env);
  const out: Record<string, string> = {};
  if (plan.http) out.http_proxy = plan.http;
  if (plan.https) out.https_proxy = out.HTTPS_PROXY = plan.https;
  if (plan.noProxy) out.no_proxy = out.NO_PROXY = plan.noProxy;
  if (settings?.caFile) out.GIT_SSL_CAINFO = gitCaBundle(settings.caFile);
  return out;
}

/**
 * git's http.sslCAInfo replaces curl's default bundle, so git gets one file with Node's roots and the
 * extra bundle (written once per content, readable by git only through this path).
 */
function gitCaBundle(caFile: string): string {
  const pem = [...rootCertificates, readFileSync(caFile, 'utf8')].join('\n');
  const file = path.join(tmpdir(), `reposentry-ca-${createHash('sha256').update(pem).digest('hex').slice(0, 16)}.pem`);
  writeFileSync(file, pem, { mode: 0o644 });
  return file;
}
