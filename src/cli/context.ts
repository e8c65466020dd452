/** What a command needs from the outside world; tests inject their own. */
export interface CliContext {
  /** a result line on stdout */
  out(line: string): void;
  /** a diagnostic line on stderr */
  err(line: string): void;
  /** raw writers, for commander's own help and error output */
  writeOut(text: string): void;
  writeErr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  /** set by the command that ran; main() returns it */
  exitCode: number;
}

export function processContext(): CliContext {
  // `reposentry events list | head`: the reader left early. Stop quietly, as a pipeline expects,
  // rather than die of an unhandled EPIPE with a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  return {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    writeOut: (text) => process.stdout.write(text),
    writeErr: (text) => process.stderr.write(text),
    env: process.env,
    exitCode: 0,
  };
}
