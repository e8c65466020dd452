import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file below dir (recursively): the canary tests search all of them for a secret. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}
