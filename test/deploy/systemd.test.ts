import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, repoPath, requireCommand } from './helpers.js';

const UNIT = repoPath('systemd/reposentry.service');
const INSTALL = repoPath('scripts/install-systemd.sh');

/** [section] → key → values (a key may repeat); comments and blank lines dropped. */
function parseUnit(text: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      current = new Map();
      sections.set(header[1], current);
      continue;
    }
    const eq = line.indexOf('=');
    if (!current || eq < 0) throw new Error(`unparsable unit line: ${raw}`);
    const key = line.slice(0, eq);
    current.set(key, [...(current.get(key) ?? []), line.slice(eq + 1)]);
  }
  return sections;
}

const tmpDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'reposentry-systemd-'));
  tmpDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tmpDirs) rmSync(dir, { recursive: true, force: true });
});

function install(args: string[]) {
  return spawnSync('sh', [INSTALL, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
}

function mode(path: string): string {
  return (statSync(path).mode & 0o777).toString(8).padStart(4, '0');
}

describe('systemd/reposentry.service', () => {
  const service = parseUnit(readFileSync(UNIT, 'utf8')).get('Service')!;
  const one = (key: string) => service.get(key)?.[0];

  it('runs the daemon in the foreground with the config from /etc/reposentry', () => {
    expect(one('Type')).toBe('simple');
    expect(one('ExecStart')).toBe('/usr/local/bin/reposentry run -c /etc/reposentry/config.yaml');
    expect(one('ExecReload')).toBe('/bin/kill -HUP $MAINPID');
    expect(one('Restart')).toBe('on-failure');
    expect(one('StateDirectory')).toBe('reposentry');
    expect(one('LogsDirectory')).toBe('reposentry');
    expect(one('EnvironmentFile')).toBe('-/etc/reposentry/environment');
    expect(one('User')).toBe('reposentry');
    // The daemon stops within 10 s; systemd must not SIGKILL it before that.
    expect(Number.parseInt(one('TimeoutStopSec') ?? '0', 10)).toBeGreaterThan(10);
  });

  it('sets every hardening option the issue lists', () => {
    const expected: Record<string, string> = {
      NoNewPrivileges: 'yes',
      ProtectSystem: 'strict',
      ProtectHome: 'yes',
      PrivateTmp: 'yes',
      PrivateDevices: 'yes',
      CapabilityBoundingSet: '',
      RestrictAddressFamilies: 'AF_INET AF_INET6 AF_UNIX',
      SystemCallFilter: '@system-service',
      SystemCallArchitectures: 'native',
      LockPersonality: 'yes',
      RestrictSUIDSGID: 'yes',
    };
    for (const [key, value] of Object.entries(expected)) {
      expect(service.get(key), key).toEqual([value]);
    }
  });

  it('does not set MemoryDenyWriteExecute, and says why', () => {
    expect(service.has('MemoryDenyWriteExecute')).toBe(false);
    expect(readFileSync(UNIT, 'utf8')).toMatch(/^#.*MemoryDenyWriteExecute=.*V8's JIT/m);
  });
});

describe('scripts/install-systemd.sh', () => {
  it('stages the unit, config and environment file with their modes into a DESTDIR', () => {
    const dest = tempDir();
    const res = install(['--destdir', dest, '--no-systemctl']);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('/etc/reposentry/config.yaml');
    expect(res.stdout).toContain('systemctl enable --now reposentry');

    const unit = join(dest, 'etc/systemd/system/reposentry.service');
    expect(readFileSync(unit, 'utf8')).toBe(readFileSync(UNIT, 'utf8'));
    expect(mode(unit)).toBe('0644');
    expect(readFileSync(join(dest, 'etc/reposentry/config.yaml'), 'utf8')).toBe(readFileSync(repoPath('systemd/config.yaml'), 'utf8'));
    expect(mode(join(dest, 'etc/reposentry/config.yaml'))).toBe('0640');
    expect(mode(join(dest, 'etc/reposentry/environment'))).toBe('0600');
    expect(readFileSync(join(dest, 'etc/reposentry/environment'), 'utf8')).toMatch(/^#GITHUB_TOKEN=/m);
    for (const dir of ['etc/reposentry', 'var/lib/reposentry', 'var/log/reposentry']) {
      expect(mode(join(dest, dir)), dir).toBe('0750');
    }
  });

  it('keeps an edited config and environment file on a second run', () => {
    const dest = tempDir();
    expect(install(['--destdir', dest, '--no-systemctl']).status).toBe(0);
    writeFileSync(join(dest, 'etc/reposentry/config.yaml'), 'edited: true\n');
    writeFileSync(join(dest, 'etc/reposentry/environment'), 'GITHUB_TOKEN=x\n');
    const again = install(['--destdir', dest, '--no-systemctl']);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('kept existing');
    expect(readFileSync(join(dest, 'etc/reposentry/config.yaml'), 'utf8')).toBe('edited: true\n');
    expect(readFileSync(join(dest, 'etc/reposentry/environment'), 'utf8')).toBe('GITHUB_TOKEN=x\n');
  });

  it('points ExecStart at --prefix and installs --binary there', () => {
    const dest = tempDir();
    const fake = join(tempDir(), 'reposentry');
    writeFileSync(fake, '#!/bin/sh\necho fake\n');
    chmodSync(fake, 0o755);
    const res = install(['--destdir', dest, '--prefix', '/opt/reposentry', '--binary', fake, '--no-systemctl']);
    expect(res.status).toBe(0);
    expect(readFileSync(join(dest, 'etc/systemd/system/reposentry.service'), 'utf8')).toContain(
      'ExecStart=/opt/reposentry/bin/reposentry run -c /etc/reposentry/config.yaml',
    );
    expect(mode(join(dest, 'opt/reposentry/bin/reposentry'))).toBe('0755');
    expect(readFileSync(join(dest, 'etc/systemd/system/reposentry.service'), 'utf8')).toContain(
      'Documentation=file:///opt/reposentry/share/doc/reposentry/operations.md',
    );
    expect(existsSync(join(dest, 'opt/reposentry/share/doc/reposentry/operations.md'))).toBe(true);
  });

  it('rejects an unknown option and a relative prefix with exit 2', () => {
    expect(install(['--bogus']).status).toBe(2);
    const res = install(['--destdir', tempDir(), '--prefix', 'relative', '--no-systemctl']);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('absolute');
  });
});

// systemd-analyze comes with Debian's systemd package, which .ci/run installs when it is missing.
describe('systemd-analyze verify', () => {
  beforeAll(() => requireCommand('systemd-analyze', 'apt-get install -y systemd'));

  it('accepts the unit as the install script writes it', () => {
    const dest = tempDir();
    // verify checks that ExecStart is executable, so --prefix points at a real reposentry.
    const prefix = tempDir();
    mkdirSync(join(prefix, 'bin'));
    symlinkSync(BIN, join(prefix, 'bin/reposentry'));
    expect(install(['--destdir', dest, '--prefix', prefix, '--no-systemctl']).status).toBe(0);
    const unit = join(dest, 'etc/systemd/system/reposentry.service');
    expect(existsSync(unit)).toBe(true);
    const res = spawnSync('systemd-analyze', ['verify', unit], { encoding: 'utf8' });
    expect(res.stderr).not.toMatch(/reposentry\.service/);
    expect(res.status).toBe(0);
  });

  it('fails on a unit with an unknown option (so a pass above means something)', () => {
    const dir = tempDir();
    const unit = join(dir, 'reposentry.service');
    writeFileSync(unit, readFileSync(UNIT, 'utf8').replace('[Service]', '[Service]\nProtectEverything=yes').replace(/^ExecStart=.*$/m, `ExecStart=${process.execPath} --version`));
    const res = spawnSync('systemd-analyze', ['verify', unit], { encoding: 'utf8' });
    expect(res.stderr).toContain('ProtectEverything');
  });
});
