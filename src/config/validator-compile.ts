/**
 * Compiles the config schemas with ajv: at build time into the standalone module the daemon loads
 * (validators.generated.ts, written by scripts/gen-config-validator.mjs), and in tests, which
 * check that the generated module is current. Nothing on the daemon's path imports this file:
 * compiling the schema at every start cost more than the validation itself (docs/performance.md).
 *
 * The custom keywords are code-generating keywords whose generated code calls the plain functions
 * of schema-keywords.ts; the standalone module imports them from there.
 */
import { Ajv, _, type KeywordCxt, type KeywordDefinition, type ValidateFunction } from 'ajv';
// CommonJS: Node hands over module.exports, bundlers its `default`; the function is both
import standalone from 'ajv/dist/standalone/index.js';
import { durationKeywordError, globKeywordError, regexKeywordError } from './schema-keywords.js';
import { configSchema, repositoriesFileSchema } from './schema.js';

/** The module the generated code imports the keyword functions from (relative to the generated file). */
const KEYWORDS_MODULE = './schema-keywords.js';

/** A keyword whose check is `fn(data, schema)` returning the message, or undefined when the value passes. */
function messageKeyword(
  ajv: Ajv,
  def: { keyword: string; schemaType: 'string' | 'boolean'; type: KeywordDefinition['type']; name: string; fn: (data: never, schema: never) => string | undefined },
): void {
  const { keyword, schemaType, type, name, fn } = def;
  // `name` is fn's export in KEYWORDS_MODULE (fn.name may be renamed by a bundler)
  const ref = (cxt: { gen: KeywordCxt['gen'] }) => cxt.gen.scopeValue('func', { ref: fn, code: _`require(${KEYWORDS_MODULE})[${name}]` });
  ajv.addKeyword({
    keyword,
    schemaType,
    type,
    // the message is computed again only on failure, for the error object
    error: { message: (cxt) => _`${ref(cxt)}(${cxt.data}, ${cxt.schemaCode})` },
    code(cxt: KeywordCxt) {
      cxt.fail(_`${ref(cxt)}(${cxt.data}, ${cxt.schemaCode}) !== undefined`);
    },
  });
}

/** The ajv instance both the build and the tests compile with; `source` keeps the code for the standalone module. */
export function createConfigAjv(opts: { source?: boolean } = {}): Ajv {
  // validateSchema: false: test/config/schema-valid.test.ts checks the schemas against the meta-schema
  const ajv = new Ajv({
    allErrors: true,
    useDefaults: true,
    strict: true,
    allowUnionTypes: true,
    verbose: true,
    validateSchema: false,
    code: { source: opts.source === true, esm: true, lines: true },
  });
  ajv.addKeyword({ keyword: 'x-not-yet-effective', schemaType: 'string' });
  messageKeyword(ajv, { keyword: 'x-duration', schemaType: 'string', type: ['string', 'number'], name: 'durationKeywordError', fn: durationKeywordError });
  messageKeyword(ajv, { keyword: 'x-regex', schemaType: 'boolean', type: 'string', name: 'regexKeywordError', fn: regexKeywordError });
  messageKeyword(ajv, { keyword: 'x-glob', schemaType: 'boolean', type: 'string', name: 'globKeywordError', fn: globKeywordError });
  return ajv;
}

/** Both validators compiled now (tests compare them with the generated ones). */
export function compileValidators(): { config: ValidateFunction; repositoriesFile: ValidateFunction } {
  const ajv = createConfigAjv();
  return { config: ajv.compile(configSchema), repositoriesFile: ajv.compile(repositoriesFileSchema) };
}

const HEADER = `// @ts-nocheck
// Generated from src/config/schema.ts by scripts/gen-config-validator.mjs (npm run build and npm run
// typecheck run it; test/config/validators-generated.test.ts fails when this file is stale). Do not edit.
`;

/** The text of validators.generated.ts: ajv's standalone code of both schemas (schema.ts's unless given), as an ES module. */
export function standaloneValidatorsSource(schemas: { config: object; repositoriesFile: object } = { config: configSchema, repositoriesFile: repositoriesFileSchema }): string {
  const ajv = createConfigAjv({ source: true });
  ajv.addSchema(schemas.config, 'config');
  ajv.addSchema(schemas.repositoriesFile, 'repositoriesFile');
  const code = standalone.default(ajv, { config: 'config', repositoriesFile: 'repositoriesFile' });
  // ajv refers to its runtime helpers and to our keyword functions with require(): ES imports instead
  const imports = new Map<string, string>();
  const body = code.replace(/require\("([^"]+)"\)/g, (_m: string, spec: string) => {
    const target = spec.startsWith('.') ? spec : `${spec}.js`;
    if (!imports.has(target)) imports.set(target, `__import${imports.size}`);
    return imports.get(target)!;
  });
  // our module as a namespace (its named exports). ajv's CommonJS helpers are read as `.default`:
  // Node hands an ES import module.exports, vitest its `default` when __esModule is set; both are accepted
  const importLines = [...imports]
    .map(([spec, name]) => (spec.startsWith('.')
      ? `import * as ${name} from ${JSON.stringify(spec)};`
      : `import ${name}_ from ${JSON.stringify(spec)};\nconst ${name} = ${name}_ && ${name}_.__esModule ? ${name}_ : { default: ${name}_ };`))
    .join('\n');
  return `${HEADER}${importLines}\n${body.replace(/^"use strict";\n?/, '')}\n`;
}
