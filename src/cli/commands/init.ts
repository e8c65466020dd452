/** `reposentry init [FILE]`: write the commented starter config; never overwrite. */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { EXAMPLE_CONFIG } from '../../config/example-config.js';
import { ReposentryError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { DEFAULT_CONFIG_FILE } from '../config-path.js';
import { EXIT_OK } from '../exit.js';

export async function runInit(file: string, ctx: CliContext): Promise<number> {
  try {
    // "wx" fails if the file exists, without a window between a check and the write
    await writeFile(file, EXAMPLE_CONFIG, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new ReposentryError('usage', `${file} already exists; not overwriting it (choose another FILE or remove it first)`);
    throw new ReposentryError('usage', `cannot write ${file}: ${(err as Error).message}`, { cause: err });
  }
  ctx.out(`wrote ${file}`);
  ctx.err(`next: edit it, then run: reposentry validate -c ${file}`);
  return EXIT_OK;
}

export function registerInitCommand(program: Command, ctx: CliContext): void {
  program
    .command('init [file]')
    .description(`write a commented starter config (default ./${DEFAULT_CONFIG_FILE}); refuses to overwrite`)
    .action(async (file: string | undefined) => {
      ctx.exitCode = await runInit(file ?? DEFAULT_CONFIG_FILE, ctx);
    });
}
