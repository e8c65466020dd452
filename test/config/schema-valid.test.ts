import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { configSchema, repositoriesFileSchema } from '../../src/config/schema.js';
import { createValidators } from '../../src/config/validator.js';

// createValidators skips ajv's meta-schema check at startup (validateSchema: false); this is where it happens.
describe('config schemas', () => {
  it('are valid JSON Schemas', () => {
    const ajv = new Ajv({ allowUnionTypes: true });
    for (const schema of [configSchema, repositoriesFileSchema]) {
      expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    }
  });

  it('an invalid schema is caught by the meta-schema check', () => {
    const ajv = new Ajv();
    expect(ajv.validateSchema({ type: 'no-such-type' })).toBe(false);
  });

  it('both validators still compile and reject a wrong value', () => {
    const v = createValidators();
    expect(v.config({ polling: 'nope' })).toBe(false);
    expect(v.repositoriesFile({ repositories: 'nope' })).toBe(false);
  });
});
