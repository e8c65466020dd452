import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigText, loadConfigTextFast, type LoadOptions } from '../../src/config/load.js';
import { repositoriesLane } from '../../src/config/fast-list.js';

// The loader answers from the fast path (js-yaml, no positions) only when it finds nothing to
// report; these tests prove that answer is the one the position-keeping path gives.
const VALID = path.resolve('test/fixtures/config/valid');
const INVALID = path.resolve('test/fixtures/config/invalid');
const ENV = { GITHUB_TOKEN: 'gh-token', GITLAB_TOKEN: 'gl-token', GHE_TOKEN: 'ghe-token', PORT: '9090', EMPTY: '' };

async function both(text: string, file: string, opts: LoadOptions = {}) {
  const full = await loadConfigText(text, file, { env: ENV, ...opts, alwaysKeepPositions: true });
  const fast = await loadConfigTextFast(text, file, { env: ENV, ...opts });
  const auto = await loadConfigText(text, file, { env: ENV, ...opts });
  return { full, fast, auto };
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.endsWith('.repos.yaml')).map((f) => path.join(dir, f));
}

const CLEAN = [...yamlFiles(VALID), path.resolve('config.example.yaml')];

describe('fast path on valid configurations', () => {
  it.each(CLEAN)('%s: same Config as the position-keeping parser', async (file) => {
    const { full, fast, auto } = await both(readFileSync(file, 'utf8'), file);
    expect(full.errors).toEqual([]);
    expect(full.config).toBeDefined();
    if (full.warnings.length === 0) expect(fast).toEqual(full);
    else expect(fast).toBeUndefined();
    expect(auto).toEqual(full);
  });

  it('takes the fast path for most of them (it is not declining everything)', async () => {
    let taken = 0;
    for (const file of CLEAN) if (await loadConfigTextFast(readFileSync(file, 'utf8'), file, { env: ENV })) taken++;
    expect(taken).toBeGreaterThanOrEqual(CLEAN.length - 1);
  });

  it('a generated 500-repository config (the benchmark shape) goes the fast path with the same result', async () => {
    const lines = ['app:', '  name: bench', 'polling:', '  interval: 1h', '  max_workers: 16', 'tekton:', '  event_listener_url: http://127.0.0.1:9/', 'repositories:'];
    for (let i = 0; i < 500; i++) lines.push(`  - name: bench/r${i}`, `    url: https://github.com/bench/r${i}`, '    provider: github', '    api_base_url: http://127.0.0.1:9');
    const { full, fast } = await both(lines.join('\n') + '\n', path.join(VALID, 'gen.yaml'));
    expect(full.config?.repositories).toHaveLength(500);
    expect(fast).toEqual(full);
  });
});

describe('fast path on invalid configurations', () => {
  it.each(yamlFiles(INVALID))('%s: declined, and the problems come with positions', async (file) => {
    const { full, fast, auto } = await both(readFileSync(file, 'utf8'), file);
    expect(full.errors.length + full.warnings.length).toBeGreaterThan(0);
    expect(fast).toBeUndefined();
    expect(auto).toEqual(full);
  });
});

const BASE = 'tekton:\n  event_listener_url: http://127.0.0.1:9/\nrepositories:\n  - name: a\n    url: https://github.com/o/a\n';

describe('YAML semantics the two parsers must agree on', () => {
  const cases: [string, string][] = [
    ['YAML 1.1 booleans stay strings (schema error)', `${BASE}    enabled: yes\n`],
    ['on/off stay strings', `${BASE}    enabled: on\n`],
    ['true/False/TRUE are booleans', `${BASE}    enabled: False\n`],
    ['octal and hex integers', `polling:\n  max_workers: 0o17\n  retry_attempts: 0x3\n${BASE}`],
    ['1.1-style binary and underscores are strings', `polling:\n  max_workers: 1_000\n${BASE}`],
    ['floats and exponents', `polling:\n  interval: 1.5e2\n${BASE}`],
    ['.inf', `polling:\n  interval: .inf\n${BASE}`],
    ['null forms', `polling: ~\n${BASE}`],
    ['duplicate keys', `app:\n  name: x\napp:\n  name: y\n${BASE}`],
    ['anchors and aliases', `${BASE}  - name: b\n    url: &u https://github.com/o/b\n    api_base_url: *u\n`],
    ['merge keys', `defaults: &d\n  enabled: true\n${BASE}    <<: *d\n`],
    ['tags', `${BASE}    enabled: !!str true\n`],
    ['a %YAML 1.1 directive', `%YAML 1.1\n---\n${BASE}    enabled: yes\n`],
    ['plain ${VAR} expanding to a number', `app:\n  health_check_port: \${PORT}\n${BASE}`],
    ['quoted ${VAR} stays a string', `app:\n  health_check_port: "\${PORT}"\n${BASE}`],
    ['${VAR:-} expanding to empty', `${BASE}    branch_regex: \${EMPTY:-}\n`],
    ['$$ and a lone $ in a regex', `${BASE}    branch_regex: ^(main|rel-$$x)$\n`],
    ['a syntax error', `${BASE}    url: [unclosed\n`],
    ['tabs for indentation', `${BASE}\tenabled: true\n`],
    ['multiple documents', `${BASE}---\napp: {}\n`],
    ['flow mappings and block scalars', `app: { name: "x y", log_level: 'info' }\ntekton:\n  event_listener_url: >-\n    http://127.0.0.1:9/\nrepositories:\n  - { name: a, url: "https://github.com/o/a" }\n`],
    ['an empty file', ''],
    ['a list at the root', '- a\n'],
  ];
  it.each(cases)('%s', async (_name, text) => {
    const { full, fast, auto } = await both(text, path.join(VALID, 'inline.yaml'));
    expect(auto).toEqual(full);
    if (fast) {
      expect(full.errors).toEqual([]);
      expect(full.warnings).toEqual([]);
      expect(fast).toEqual(full);
    }
  });

  it('yes stays a string on the fast path too: it is an error with a position', async () => {
    const r = await loadConfigText(`${BASE}    enabled: yes\n`, 'inline.yaml', { env: ENV });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ path: 'repositories[0].enabled', line: 6 });
  });

  it('a plain ${PORT} becomes a number; the fast path declines rather than guess', async () => {
    const text = `app:\n  health_check_port: \${PORT}\n${BASE}`;
    expect(await loadConfigTextFast(text, 'inline.yaml', { env: ENV })).toBeUndefined();
    const r = await loadConfigText(text, 'inline.yaml', { env: ENV });
    expect(r.config?.app.healthCheckPort).toBe(9090);
  });

  it('tokens from the environment go the fast path', async () => {
    const text = `${BASE}    token: \${GITHUB_TOKEN}\n`;
    const fast = await loadConfigTextFast(text, 'inline.yaml', { env: ENV });
    expect(fast?.config?.repositories[0]).toBeDefined();
    expect(fast).toEqual(await loadConfigText(text, 'inline.yaml', { env: ENV, alwaysKeepPositions: true }));
  });
});

describe('the repositories lane (a flat block list read line by line, the rest by js-yaml)', () => {
  const HEAD = 'tekton:\n  event_listener_url: http://127.0.0.1:9/\n';
  const taken: [string, string][] = [
    ['two-space items', `${HEAD}repositories:\n  - name: a\n    url: https://github.com/o/a\n    provider: github\n  - name: b\n    url: https://gitlab.com/g/b.git\n`],
    ['items at column 1', `${HEAD}repositories:\n- name: a\n  url: https://github.com/o/a\n- name: b\n  url: https://github.com/o/b\npolling:\n  interval: 2m\n`],
    ['four-space items, blank lines, trailing spaces', `repositories:\n\n    - name: a   \n      url: https://github.com/o/a\n\n    - name: b\n      url: https://github.com/o/b\n${HEAD}`],
    ['numbers, booleans, durations, regexes and ${VAR}', `${HEAD}repositories:\n  - name: a\n    url: https://github.com/o/a\n    polling_interval: 300\n    enabled: False\n    enrich: true\n    branch_regex: release/.+\n    token: \${GITHUB_TOKEN}\n  - name: b\n    url: https://github.com/o/b\n    polling_interval: 1.5e2\n    tag_regex: v.+\n`],
    ['regexes with flow characters inside', `${HEAD}repositories:\n  - name: a\n    url: https://github.com/o/a\n    branch_regex: ^(main|release/.+)$\n    tag_regex: v[0-9]+(\\.[0-9]+)*\n`],
    ['an alias-like character inside a lane value (searched for only in the rest)', `${HEAD}repositories:\n  - name: a\n    url: https://github.com/o/a\n    tag_regex: v[0-9]*\n`],
    ['the last line without a newline', `${HEAD}repositories:\n  - name: a\n    url: https://github.com/o/a`],
    ['a null and an invalid value (errors, with positions)', `${HEAD}repositories:\n  - name: a\n    url: https://github.com/o/a\n    enabled: ~\n    polling_interval: often\n`],
    // js-yaml tolerates the quoted string's lines at column 1 and `yaml` refuses them: the lane must
    // not read repositories out of the string while js-yaml accepts the rest
    ['a block inside a multi-line quoted string', `${HEAD}app:\n  name: "abc\nrepositories:\n- name: evil\n  url: https://github.com/evil/x\n"\nrepositories: []\n`],
    ['a block inside a multi-line single-quoted string', `${HEAD}app:\n  name: 'abc\nrepositories:\n- name: evil\n  url: https://github.com/evil/x\n'\nrepositories: []\n`],
    // js-yaml does not check the indentation of a quoted string's continuation lines; yaml refuses these
    ['an under-indented multi-line double-quoted string in the rest', `${HEAD}app:\n  name: "a\n  b"\nrepositories:\n  - name: a\n    url: https://github.com/o/a\n`],
    ['an under-indented multi-line single-quoted string in the rest', `${HEAD}app:\n  name: 'a\nb'\nrepositories:\n  - name: a\n    url: https://github.com/o/a\n`],
    ['the marker text already in the file', `${HEAD}app:\n  name: reposentry_lane\nrepositories:\n  - name: a\n    url: https://github.com/o/a\n`],
    ['a second repositories key', `${HEAD}repositories:\n  - name: a\n    url: https://github.com/o/a\nrepositories:\n  - name: b\n    url: https://github.com/o/b\n`],
  ];
  const declined: [string, string][] = [
    ['a duplicate key in an entry', `${HEAD}repositories:\n  - name: a\n    url: https://github.com/o/a\n    name: b\n`],
    ['a regex starting with an indicator', `${HEAD}repositories:\n  - name: a\n    url: https://github.com/o/a\n    branch_regex: '*'\n    tag_regex: "[0-9]"\n`],
    ['a comment in the block', `${HEAD}repositories:\n  # ours\n  - name: a\n    url: https://github.com/o/a\n`],
    ['a comment at column 1 between entries', `${HEAD}repositories:\n  - name: a\n    url: https://github.com/o/a\n# later\n  - name: b\n    url: https://github.com/o/b\n`],
    ['a quoted value', `${HEAD}repositories:\n  - name: "a"\n    url: https://github.com/o/a\n`],
    ['a value with a space and a comment', `${HEAD}repositories:\n  - name: a # first\n    url: https://github.com/o/a\n`],
    ['a nested value', `${HEAD}repositories:\n  - name: a\n    url: https://github.com/o/a\n    extra:\n      x: 1\n`],
    ['a flow entry', `${HEAD}repositories:\n  - { name: a, url: "https://github.com/o/a" }\n`],
    ['a value ending in a colon', `${HEAD}repositories:\n  - name: a:\n    url: https://github.com/o/a\n`],
    ['a negative number', `${HEAD}repositories:\n  - name: a\n    url: https://github.com/o/a\n    polling_interval: -5\n`],
    ['CRLF line ends', `${HEAD}repositories:\r\n  - name: a\r\n    url: https://github.com/o/a\r\n`],
    ['a misindented key', `${HEAD}repositories:\n  - name: a\n     url: https://github.com/o/a\n`],
    // YAML's white space is the space and the tab; JavaScript's trim() takes many more characters
    ['a no-break space after a URL', `${HEAD}repositories:\n  - name: a\n    url: https://github.com/o/a\u00a0\n`],
    ['a byte-order mark after a URL', `${HEAD}repositories:\n  - name: a\n    url: https://github.com/o/a\ufeff\n`],
    ['an ideographic space after a name', `${HEAD}repositories:\n  - name: a\u3000\n    url: https://github.com/o/a\n`],
    ['a vertical tab after a name', `${HEAD}repositories:\n  - name: a\u000b\n    url: https://github.com/o/a\n`],
    ['a no-break space as indentation', `${HEAD}repositories:\n\u00a0 - name: a\n    url: https://github.com/o/a\n`],
    ['a tab as indentation', `${HEAD}repositories:\n\t- name: a\n\t  url: https://github.com/o/a\n`],
  ];

  it.each(taken)('takes %s, with the answer of the position-keeping parser', async (_name, text) => {
    expect(repositoriesLane(text, (v) => v)).toBeDefined();
    const { full, fast, auto } = await both(text, path.join(VALID, 'lane.yaml'));
    expect(auto).toEqual(full);
    if (full.errors.length === 0 && full.warnings.length === 0) expect(fast).toEqual(full);
    else expect(fast).toBeUndefined();
  });

  it.each(declined)('declines %s; the answer is still the position-keeping parser\'s', async (_name, text) => {
    expect(repositoriesLane(text, (v) => v)).toBeUndefined();
    const { full, auto } = await both(text, path.join(VALID, 'lane.yaml'));
    expect(auto).toEqual(full);
  });

  it('declines an under-indented multi-line quoted string without the lane too, and takes a well-indented one', async () => {
    const bad = `app:\n  name: "a\n  b"\n${HEAD}repositories:\n  - name: "a"\n    url: https://github.com/o/a\n`;
    expect(repositoriesLane(bad, (v) => v)).toBeUndefined();
    const r = await both(bad, path.join(VALID, 'lane.yaml'));
    expect(r.full.errors.length).toBeGreaterThan(0);
    expect(r.fast).toBeUndefined();
    expect(r.auto).toEqual(r.full);
    const good = `app:\n  name: "a\n    b"\n${HEAD}repositories:\n  - name: "a"\n    url: https://github.com/o/a\n`;
    const g = await both(good, path.join(VALID, 'lane.yaml'));
    expect(g.full.errors).toEqual([]);
    expect(g.auto).toEqual(g.full);
  });

  it('leaves a tag in the rest of the file to the full parser', async () => {
    const text = `app:\n  name: !!str bench\n${HEAD}repositories:\n  - name: a\n    url: https://github.com/o/a\n`;
    expect(repositoriesLane(text, (v) => v)).toBeDefined();
    const { full, fast, auto } = await both(text, path.join(VALID, 'lane.yaml'));
    expect(fast).toBeUndefined();
    expect(auto).toEqual(full);
  });

  it('reads the benchmark shape', () => {
    const lines = ['app:', '  name: bench', 'repositories:'];
    for (let i = 0; i < 3; i++) lines.push(`  - name: bench/r${i}`, `    url: https://github.com/bench/r${i}`, '    provider: github', '    api_base_url: http://127.0.0.1:9');
    const lane = repositoriesLane(lines.join('\n') + '\n', (v) => v);
    expect(lane?.list).toEqual([0, 1, 2].map((i) => ({ name: `bench/r${i}`, url: `https://github.com/bench/r${i}`, provider: 'github', api_base_url: 'http://127.0.0.1:9' })));
    expect(lane?.rest).toBe(`app:\n  name: bench\nrepositories: [${lane?.marker}]\n`);
  });
});
