/** `reposentry completion bash|zsh|fish` (bash completion exercised in a real bash) and examples in every command's --help. */
import { spawnSync } from 'node:child_process';
import type { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../src/cli/examples.js';
import { createProgram } from '../../src/cli/main.js';
import { processContext } from '../../src/cli/context.js';
import { BIN, assertBuilt, runCli } from './run-cli.js';

beforeAll(assertBuilt);

function paths(cmd: Command, prefix = ''): string[] {
  return cmd.commands.flatMap((c) => {
    const path = prefix ? `${prefix} ${c.name()}` : c.name();
    return [path, ...paths(c, path)];
  });
}

/** What bash completes for the words typed so far (the last one being completed). */
function complete(...typed: string[]): string[] {
  const words = ['reposentry', ...typed].map((w) => `'${w}'`).join(' ');
  const script = `source <("${process.execPath}" "${BIN}" completion bash); COMP_WORDS=(${words}); COMP_CWORD=${typed.length}; _reposentry; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\n').filter(Boolean).sort();
}

describe('--help', () => {
  it('every command has examples', () => {
    const all = paths(createProgram(processContext()));
    expect(all.length).toBeGreaterThan(15);
    expect(all.filter((p) => !EXAMPLES[p])).toEqual([]);
  });

  it('shows them after the options', async () => {
    for (const args of [['--help'], ['run', '--help'], ['events', 'list', '--help'], ['completion', '--help']]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toMatch(/\nExamples:\n {2}\$ .*reposentry /);
    }
  });
});

describe('reposentry completion', () => {
  it('bash completes commands, subcommands and options', () => {
    expect(complete('ev')).toEqual(['events']);
    expect(complete('events', 'l')).toEqual(['list']);
    expect(complete('run', '--on')).toEqual(['--once']);
    expect(complete('events', 'list', '--st')).toEqual(['--status']);
    expect(complete('va')).toEqual(['validate']);
  });

  it('zsh (through bashcompinit) and fish scripts name the same commands', async () => {
    const zsh = await runCli(['completion', 'zsh']);
    expect(zsh.code).toBe(0);
    expect(zsh.stdout).toMatch(/^#compdef reposentry\n/);
    expect(zsh.stdout).toContain('bashcompinit');
    const fish = await runCli(['completion', 'fish']);
    expect(fish.code).toBe(0);
    for (const c of ['run', 'validate', 'status', 'events', 'completion']) expect(fish.stdout).toContain(`-n '__fish_use_subcommand' -a ${c} `);
    expect(fish.stdout).toContain("complete -c reposentry -n '__fish_seen_subcommand_from run' -l once");
  });

  it('an unknown shell is a usage error', async () => {
    const r = await runCli(['completion', 'powershell']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('choose one of bash, zsh, fish');
  });
});
