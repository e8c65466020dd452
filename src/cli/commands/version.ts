/** `reposentry version`: the package version, alone on stdout. */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { EXIT_OK } from '../exit.js';
import { VERSION } from '../../version.js';

export function registerVersionCommand(program: Command, ctx: CliContext): void {
  program
    .command('version')
    .description('print the version')
    .action(() => {
      ctx.out(VERSION);
      ctx.exitCode = EXIT_OK;
    });
}
