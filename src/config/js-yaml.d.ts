// The part of js-yaml 4's API that fast-yaml.ts uses (the package ships no types).
declare module 'js-yaml' {
  export interface TypeOptions {
    kind: 'scalar' | 'sequence' | 'mapping';
    resolve?: (data: string) => boolean;
    construct?: (data: string) => unknown;
    predicate?: (data: unknown) => boolean;
  }
  export class Type {
    constructor(tag: string, options: TypeOptions);
  }
  export interface Schema {
    extend(types: { implicit?: Type[]; explicit?: Type[] }): Schema;
  }
  export const FAILSAFE_SCHEMA: Schema;
  export const types: { null: Type; bool: Type };
  /** the loader's state as a listener sees it (0-based line; position: offset in the text) */
  export interface LoaderState {
    line: number;
    position: number;
    kind: string | null;
  }
  export function load(
    text: string,
    options?: { schema?: Schema; json?: boolean; listener?: (event: 'open' | 'close', state: LoaderState) => void },
  ): unknown;
}
