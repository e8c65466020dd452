/**
 * The config schema's validators: defaults applied, all errors, reposentry's custom keywords.
 * Compiled at build time (validator-compile.ts → validators.generated.ts): a start loads the
 * generated code instead of compiling the schema with ajv.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { config, repositoriesFile } from './validators.generated.js';

export type SchemaError = ErrorObject;

export interface Validators {
  config: ValidateFunction;
  repositoriesFile: ValidateFunction;
}

export function createValidators(): Validators {
  return { config: config as unknown as ValidateFunction, repositoriesFile: repositoriesFile as unknown as ValidateFunction };
}
