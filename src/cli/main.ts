import { Command } from 'commander';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('reposentry');
  program.exitOverride();
  program.command('version').action(() => { console.log('0.1.0'); });
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    const e = err as { exitCode?: number };
    return e.exitCode ? 2 : 0;
  }
}
