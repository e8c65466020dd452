/** ajv set up for the config schema: defaults applied, all errors, reposentry's custom keywords. */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { durationProblem, parseDuration } from './duration.js';
import { globProblem } from './glob.js';
import { configSchema, repositoriesFileSchema } from './schema.js';

export type SchemaError = ErrorObject;

export interface Validators {
  config: ValidateFunction;
  repositoriesFile: ValidateFunction;
}

export function createValidators(): Validators {
  // validateSchema: false skips checking our own static schemas against the JSON Schema meta-schema on
  // every start; test/config/schema-valid.test.ts checks them once. optimize: false skips the
  // generated code's dead-code passes: faster to compile, barely slower to validate (docs/performance.md).
  const ajv = new Ajv({
    allErrors: true,
    useDefaults: true,
    strict: true,
    allowUnionTypes: true,
    verbose: true,
    validateSchema: false,
    code: { optimize: false },
  });
  ajv.addKeyword({ keyword: 'x-not-yet-effective', schemaType: 'string' });
  ajv.addKeyword({
    keyword: 'x-duration',
    schemaType: 'string',
    type: ['string', 'number'],
    errors: true,
    validate: function checkDuration(kind: string, data: unknown): boolean {
      const self = checkDuration as unknown as { errors: Partial<ErrorObject>[] };
      const problem = durationProblem(data);
      if (problem) {
        self.errors = [{ keyword: 'x-duration', message: problem, params: {} }];
        return false;
      }
      if (kind === 'positive' && parseDuration(data) <= 0) {
        self.errors = [{ keyword: 'x-duration', message: `must be a positive duration, got ${JSON.stringify(data)}`, params: {} }];
        return false;
      }
      return true;
    },
  });
  ajv.addKeyword({
    keyword: 'x-regex',
    schemaType: 'boolean',
    type: 'string',
    errors: true,
    validate: function checkRegex(_flag: boolean, data: string): boolean {
      const self = checkRegex as unknown as { errors: Partial<ErrorObject>[] };
      try {
        new RegExp(data);
        return true;
      } catch (err) {
        self.errors = [{ keyword: 'x-regex', message: `invalid regular expression: ${(err as Error).message.replace(/^Invalid regular expression: /, "")}`, params: {} }];
        return false;
      }
    },
  });
  ajv.addKeyword({
    keyword: 'x-glob',
    schemaType: 'boolean',
    type: 'string',
    errors: true,
    validate: function checkGlob(_flag: boolean, data: string): boolean {
      const self = checkGlob as unknown as { errors: Partial<ErrorObject>[] };
      const problem = globProblem(data);
      if (problem) self.errors = [{ keyword: 'x-glob', message: problem, params: {} }];
      return problem === undefined;
    },
  });
  const config = ajv.compile(configSchema);
  // Compiled on first use: most configs have no repositories_config file, and each compile
  // lengthens the daemon's start.
  let repositoriesFile: ValidateFunction | undefined;
  return {
    config,
    get repositoriesFile(): ValidateFunction {
      return (repositoriesFile ??= ajv.compile(repositoriesFileSchema));
    },
  };
}
