/**
 * The built CLI behind a forward proxy and a private CA, as a firewalled site runs it:
 * HTTPS_PROXY/NO_PROXY/NODE_EXTRA_CA_CERTS from the environment, or http.proxy/no_proxy/ca_file
 * from the config, for provider APIs, deliveries and git alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeEventListener, type FakeEventListener } from '../fakes/event-listener.js';
import { startFakeGithub, type FakeGithub } from '../fakes/github-api.js';
import { startForwardProxy, type ForwardProxy } from '../helpers/forward-proxy.js';
import { startGitServer, type GitServer } from '../helpers/git-server.js';
import { selfSignedCert, startTlsFront, type SelfSigned, type TlsFront } from '../helpers/tls-front.js';
import { assertBuilt, runCli } from '../cli/run-cli.js';
import { tempConfig } from './config.js';

const SHA = 'c'.repeat(40);
let github: FakeGithub;
let listener: FakeEventListener;
let proxy: ForwardProxy;
let git: GitServer;
let tls: SelfSigned;
let httpsGithub: TlsFront;
let httpsListener: TlsFront;
let httpsGit: TlsFront;

beforeAll(async () => {
  assertBuilt();
  github = await startFakeGithub();
  github.addRepo({ owner: 'acme', name: 'api', branches: { main: SHA } });
  listener = await startFakeEventListener();
  proxy = await startForwardProxy();
  git = await startGitServer();
  await git.createRepo('acme/svc');
  await git.commit('acme/svc', 'main', 'first');
  tls = selfSignedCert();
  httpsGithub = await startTlsFront(github.url, tls);
  httpsListener = await startTlsFront(listener.url, tls);
  httpsGit = await startTlsFront(git.baseUrl, tls);
});
afterAll(async () => {
  await Promise.all([github?.close(), listener?.close(), proxy?.close(), git?.close(), httpsGithub?.close(), httpsListener?.close(), httpsGit?.close()]);
  tls?.remove();
});

describe('run --once behind a proxy', () => {
  it('HTTPS_PROXY and NODE_EXTRA_CA_CERTS: the GitHub API poll and the delivery are tunnelled through the proxy', async () => {
    const cfg = tempConfig();
    cfg.write({
      listenerUrl: httpsListener.url,
      emitOnFirstPoll: true,
      repositories: [{ name: 'api', url: `${httpsGithub.url}/acme/api`, provider: 'github', extra: `    api_base_url: ${httpsGithub.url}\n` }],
    });
    const before = proxy.seen.length;
    const received = listener.requests.length;
    const run = await runCli(['run', '--once', '-c', cfg.file], { env: { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: tls.certFile } });
    expect(run.code, run.stderr).toBe(0);
    expect(listener.requests.length).toBe(received + 1);
    expect(listener.requests.at(-1)!.headers['ce-type']).toBe('dev.reposentry.repository.branch_created');
    const seen = proxy.seen.slice(before);
    expect(seen).toContain(`CONNECT localhost:${httpsGithub.port}`);
    expect(seen).toContain(`CONNECT localhost:${httpsListener.port}`);
    cfg.remove();
  });

  it('http.proxy and http.no_proxy in the config: git ls-remote goes through the proxy, the no_proxy receiver does not', async () => {
    const cfg = tempConfig();
    const listenerByName = listener.url.replace('127.0.0.1', 'localhost');
    cfg.write({
      listenerUrl: listenerByName,
      emitOnFirstPoll: true,
      repositories: [{ name: 'svc', url: git.url('acme/svc') }],
      extraTop: `http:\n  proxy: ${proxy.url.replace('http://', 'http://ops:pr0xy-pass@')}\n  no_proxy: localhost\n`,
    });
    const before = proxy.seen.length;
    const received = listener.requests.length;
    const run = await runCli(['run', '--once', '-c', cfg.file]);
    expect(run.code, run.stderr).toBe(0);
    expect(listener.requests.length).toBe(received + 1);
    const seen = proxy.seen.slice(before);
    expect(seen.some((s) => s.startsWith(`GET ${git.url('acme/svc')}/info/refs`))).toBe(true);
    expect(seen.some((s) => s.includes('localhost'))).toBe(false);
    expect(run.stderr).not.toContain('pr0xy-pass');
    cfg.remove();
  });

  it('http.ca_file: git over https with a private CA works with it and fails without it', async () => {
    const url = `${httpsGit.url}/acme/svc`;
    const without = tempConfig();
    without.write({ listenerUrl: listener.url, repositories: [{ name: 'svc', url }] });
    const refused = await runCli(['run', '--once', '-c', without.file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/certificate|SSL/i);

    const withCa = tempConfig();
    withCa.write({ listenerUrl: listener.url, repositories: [{ name: 'svc', url }], extraTop: `http:\n  ca_file: ${tls.certFile}\n` });
    const run = await runCli(['run', '--once', '-c', withCa.file]);
    expect(run.code, run.stderr).toBe(0);
    without.remove();
    withCa.remove();
  });

  it('a refusing proxy fails the run with an error naming the proxy', async () => {
    const cfg = tempConfig();
    cfg.write({
      listenerUrl: listener.url,
      repositories: [{ name: 'api', url: `${github.url}/acme/api`, provider: 'github', extra: `    api_base_url: ${github.url}\n` }],
    });
    proxy.refuse(true);
    try {
      const run = await runCli(['run', '--once', '-c', cfg.file], { env: { HTTP_PROXY: proxy.url } });
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain(`via proxy ${proxy.url}`);
      expect(run.stderr).toContain('407');
    } finally {
      proxy.refuse(false);
      cfg.remove();
    }
  });
});
