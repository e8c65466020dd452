/** Checks a path glob of a target filter (paths, ignore_paths) the way the filter will compile it. */
import picomatch from 'picomatch';

/** undefined when the glob is usable, else what is wrong with it. */
export function globProblem(glob: string): string | undefined {
  if (glob.trim() !== glob) return `invalid glob ${JSON.stringify(glob)}: leading or trailing spaces never match a path`;
  if (glob.startsWith('/') || glob.startsWith('./')) return `invalid glob ${JSON.stringify(glob)}: changed paths are relative to the repository root (write "${glob.replace(/^\.?\//, '')}")`;
  try {
    picomatch.makeRe(glob, { dot: true, strictBrackets: true });
    return undefined;
  } catch (err) {
    return `invalid glob ${JSON.stringify(glob)}: ${(err as Error).message}`;
  }
}
