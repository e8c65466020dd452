/**
 * A discover source's answer names where each repository lives. When it puts a repository on
 * another host than the source's API (a hostile or misconfigured provider, or anything in
 * between), git must not carry the source's token there: with enable_api_fallback a failing API
 * would otherwise send the token to that host through `git ls-remote`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitServer, type GitServer } from '../helpers/git-server.js';
import { startFakeEventListener, type FakeEventListener } from '../fakes/event-listener.js';
import { onSourceHost } from '../../src/discover/merge.js';
import { baseYaml, runOnce, tempDir, withStore } from './helpers.js';

const TOKEN = 'canary-discover-token-5d2f81';

let git: GitServer;
let el: FakeEventListener;
let api: Server;
let apiUrl: string;

beforeEach(async () => {
  git = await startGitServer();
  await git.createRepo('acme/app');
  git.requireToken('acme/app', TOKEN);
  await git.commit('acme/app', 'main', 'first');
  el = await startFakeEventListener();
  // the source's API: lists acme/app on the git server's origin, and fails everything else (5xx: a fallback case)
  api = createServer((req, res) => {
    if (req.url?.startsWith('/orgs/acme/repos')) {
      const html = git.url('acme/app').replace(/\.git$/, '');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify([{ full_name: 'acme/app', html_url: html, clone_url: `${html}.git`, archived: false, fork: false }]));
      return;
    }
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('bad gateway');
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => api.close(() => resolve()));
  await Promise.all([git.close(), el.close()]);
});

describe('discover: a repository listed on another host than the source', () => {
  it('is never fetched with the source token (ls-remote fallback), though it may still be watched', async () => {
    const dir = tempDir();
    const yaml = `${baseYaml(dir, el.url, 'retry_attempts: 0\n  enable_api_fallback: true')}discover:\n  - name: acme\n    org: acme\n    token: ${TOKEN}\n    api_base_url: ${apiUrl}\n`;
    const run = await runOnce(dir, yaml);
    expect(run.repositories).toContain('acme/app');
    // the poll reached the git server (the fallback ran) …
    expect(git.authHeaders.length).toBeGreaterThan(0);
    // … without the token in any form
    const basic = (user: string) => `Basic ${Buffer.from(`${user}:${TOKEN}`).toString('base64')}`;
    for (const h of git.authHeaders) {
      expect(h ?? '').not.toContain(TOKEN);
      expect([basic('x-access-token'), basic('oauth2')]).not.toContain(h);
    }
  });
});

describe('discover: a repository URL that URL parsers and git read as different hosts', () => {
  it('is not watched: "http://<source>\\@<other>/…" is the source\'s host to a URL parser and the other host to git, which would carry the token there', async () => {
    const other = git.url('acme/app').replace(/^http:\/\//, '');
    const sly = `${apiUrl}\\@${other}`;
    api.removeAllListeners('request');
    api.on('request', (req, res) => {
      if (req.url?.startsWith('/orgs/acme/repos')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify([{ full_name: 'acme/app', html_url: sly.replace(/\.git$/, ''), clone_url: sly, archived: false, fork: false }]));
        return;
      }
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('bad gateway');
    });
    const dir = tempDir();
    const yaml = `${baseYaml(dir, el.url, 'retry_attempts: 0\n  enable_api_fallback: true')}discover:\n  - name: acme\n    org: acme\n    token: ${TOKEN}\n    api_base_url: ${apiUrl}\n`;
    const run = await runOnce(dir, yaml);
    expect(run.repositories).not.toContain('acme/app');
    // the token in no form: not as a Bearer, not inside a Basic header
    const decoded = git.authHeaders.map((h) => (h?.startsWith('Basic ') ? Buffer.from(h.slice(6), 'base64').toString() : h ?? ''));
    expect(decoded.filter((h) => h.includes(TOKEN))).toEqual([]);
  });
});

describe('onSourceHost', () => {
  it.each([
    ['https://github.com', 'https://api.github.com', true],
    ['https://ghe.example.com', 'https://ghe.example.com/api/v3', true],
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000/api/v4', true],
    ['http://127.0.0.1:3001', 'http://127.0.0.1:3000/api/v4', false],
    ['https://evil.example', 'https://api.github.com', false],
    ['http://github.com', 'https://api.github.com', false],
  ])('%s for the API %s: %s', (origin, api, same) => {
    expect(onSourceHost({ origin }, api)).toBe(same);
  });
});

describe('discover: a cached next-page link on another origin', () => {
  it('is not followed with the token when the first page answers 304 (a listing stored by an older version)', async () => {
    const seen: Array<string | undefined> = [];
    const evil = createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('[]');
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    const evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/orgs/acme/repos?page=2`;
    // a source API whose single page carries an ETag, and answers 304 to it
    const etagApi = createServer((req, res) => {
      if (!req.url?.startsWith('/orgs/acme/repos')) {
        res.writeHead(404);
        res.end();
        return;
      }
      if (req.headers['if-none-match'] === '"p1"') {
        res.writeHead(304, { etag: '"p1"' });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', etag: '"p1"' });
      res.end('[]');
    });
    await new Promise<void>((resolve) => etagApi.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(etagApi.address() as AddressInfo).port}`;
    try {
      const dir = tempDir();
      const yaml = `${baseYaml(dir, el.url)}discover:\n  - name: acme\n    org: acme\n    token: ${TOKEN}\n    api_base_url: ${base}\n`;
      await runOnce(dir, yaml);
      withStore(dir, (store) => {
        const row = store.db.prepare(`SELECT pages FROM discover_sources WHERE name = 'acme'`).get() as { pages: string };
        const pages = JSON.parse(row.pages) as Array<{ next?: string }>;
        expect(pages).toHaveLength(1);
        pages[0].next = evilUrl;
        store.db.prepare(`UPDATE discover_sources SET pages = ? WHERE name = 'acme'`).run(JSON.stringify(pages));
      });
      await runOnce(dir, yaml);
      expect(seen.filter((h) => h?.includes(TOKEN))).toEqual([]);
    } finally {
      await Promise.all([new Promise<void>((resolve) => evil.close(() => resolve())), new Promise<void>((resolve) => etagApi.close(() => resolve()))]);
    }
  });
});
