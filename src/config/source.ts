/** Key paths and the position lookup a FileReport needs, independent of the YAML parser used. */
export type PathSegment = string | number;

/** Where a config file's nodes are, and which keys the file itself wrote (before schema defaults). */
export interface ConfigSource {
  /** line and column of the node at `segments` (its key when `at` is "key"), or of its nearest existing ancestor */
  locate(segments: readonly PathSegment[], at?: 'key' | 'value'): { line: number; col: number };
  /** true when the file itself has a node at `segments` (defaults added by the schema do not count) */
  has(segments: readonly PathSegment[]): boolean;
}

/** `repositories[1].branch_regex` */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out === '' ? s : `.${s}`;
  }
  return out === '' ? '(root)' : out;
}
