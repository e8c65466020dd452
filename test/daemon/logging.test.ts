import { mkdtempSync, readFileSync, readdirSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openLogFile, pruneOldLogs } from '../../src/daemon/log-file.js';
import { createDaemonLogger } from '../../src/log.js';

function sink() {
  let text = '';
  return { stream: new Writable({ write(c: Buffer, _e, done) { text += c.toString(); done(); } }), text: () => text };
}

describe('daemon logger', () => {
  it('redacts tokens, secrets and authorization headers in JSON lines and in the log file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rs-log-'));
    const file = await openLogFile(join(dir, 'reposentry.log'), { maxSizeMb: 1, maxBackups: 2, maxAgeDays: 30 });
    const out = sink();
    const log = createDaemonLogger({ level: 'debug', format: 'json', stderr: out.stream, files: [file.stream] });
    log.info({ token: 'tok-CANARY', target: { secret: 'sec-CANARY', headers: { authorization: 'Bearer auth-CANARY' } }, webhooks: { githubSecret: 'gh-CANARY' } }, 'hello');
    log.debug('detail');
    await file.close();
    const written = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('');
    for (const text of [out.text(), written]) {
      expect(text).toContain('"msg":"hello"');
      expect(text).toContain('[redacted]');
      expect(text).not.toContain('CANARY');
    }
    expect(readdirSync(dir)).toEqual(['reposentry.1.log']);
  });

  it('honours the level', () => {
    const out = sink();
    const log = createDaemonLogger({ level: 'warn', format: 'json', stderr: out.stream });
    log.info('quiet');
    log.warn('loud');
    expect(out.text()).not.toContain('quiet');
    expect(out.text()).toContain('loud');
  });
});

describe('pruneOldLogs (max_age)', () => {
  it('deletes numbered files older than max_age but never the current one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rs-prune-'));
    const old = Date.now() / 1000 - 40 * 86_400;
    for (const n of [1, 2, 3]) writeFileSync(join(dir, `reposentry.${n}.log`), 'x');
    writeFileSync(join(dir, 'other.1.log'), 'x');
    for (const n of [1, 2, 3]) utimesSync(join(dir, `reposentry.${n}.log`), old, n === 2 ? Date.now() / 1000 : old);
    utimesSync(join(dir, 'other.1.log'), old, old);
    const removed = await pruneOldLogs(join(dir, 'reposentry.log'), 30);
    expect(removed.map((f) => f.slice(dir.length + 1))).toEqual(['reposentry.1.log']);
    expect(existsSync(join(dir, 'reposentry.3.log'))).toBe(true);
    expect(existsSync(join(dir, 'other.1.log'))).toBe(true);
  });
});
