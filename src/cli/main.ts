/**
 * The CLI entry: a thin registry of commands (one file each under commands/)
 * and the one place where errors become exit codes (exit.ts).
 */
import { Command } from 'commander';
import { processContext, type CliContext } from './context.js';
import { errorLine, exitCodeFor } from './exit.js';
import { VERSION } from '../version.js';
import { registerInitCommand } from './commands/init.js';
import { registerValidateCommand } from './commands/validate.js';
import { registerVersionCommand } from './commands/version.js';
import { registerRunCommand } from './commands/run.js';
import { registerStatusCommand } from './commands/status.js';
import { registerEventsCommand } from './commands/events.js';
import { registerDbCommand } from './commands/db.js';
import { registerDiscoverCommand } from './commands/discover.js';
import { registerCredentialsCommand } from './commands/credentials.js';
import { registerCompletionCommand } from './commands/completion.js';
import { addExamples } from './examples.js';

export type { CliContext } from './context.js';

/** Each command file exports one of these; add new commands to the list. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

const COMMANDS: RegisterCommand[] = [
  registerRunCommand,
  registerValidateCommand,
  registerStatusCommand,
  registerEventsCommand,
  registerDbCommand,
  registerDiscoverCommand,
  registerCredentialsCommand,
  registerInitCommand,
  registerVersionCommand,
  registerCompletionCommand,
];

export function createProgram(ctx: CliContext): Command {
  const program = new Command('reposentry');
  program
    .description('Polling sentinel for Git repositories: detects branch and tag changes and delivers events to Tekton and webhooks.')
    .version(VERSION, '-V, --version')
    .configureOutput({ writeOut: ctx.writeOut, writeErr: ctx.writeErr })
    .exitOverride()
    .showHelpAfterError('(run reposentry --help for usage)');
  for (const register of COMMANDS) register(program, ctx);
  addExamples(program);
  return program;
}

/** Runs the CLI; resolves to the process exit code. argv as in process.argv (node, script, ...args). */
export async function main(argv: string[], ctx: CliContext = processContext()): Promise<number> {
  const program = createProgram(ctx);
  try {
    await program.parseAsync(argv);
    return ctx.exitCode;
  } catch (err) {
    const level = argv.find((a, i) => a.startsWith('--log-level=') || argv[i - 1] === '--log-level');
    const line = errorLine(err, { debug: level !== undefined && /(debug|trace)$/.test(level) });
    if (line) ctx.err(line);
    return exitCodeFor(err);
  }
}
