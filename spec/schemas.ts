// Compiles the spec's component schemas with ajv (JSON Schema 2020-12, as OpenAPI 3.1 uses).
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { loadSpec } from './document.js';
import type { components } from './types.js';

export type SchemaName = keyof components['schemas'];
export type { ErrorObject };

const SPEC_ID = 'https://kubeclusters-mock.local/openapi.json';

export interface SchemaValidators {
  /** The compiled validator of one component schema (compiled on first use, then cached). */
  validator(name: SchemaName): ValidateFunction;
  /** Validates any schema object of the document (e.g. a response's), `$ref`s resolved against the spec. */
  validatorFor(schema: object): ValidateFunction;
}

// ajv-formats is CommonJS: Node hands its module object as the default export, a bundler may hand its `default`; both are the plugin.
const addFormats: typeof formats.default = (formats as { default?: typeof formats.default }).default ?? (formats as unknown as typeof formats.default);

/** The compiler is made when the first schema is compiled: a server that has only been read from has not needed it yet. */
function newAjv(options: { applyDefaults?: boolean; verbose?: boolean }): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: false,
    useDefaults: options.applyDefaults ?? false,
    // `verbose` keeps the offending value on each error, which Eve-style messages quote.
    verbose: options.verbose ?? false,
  });
  addFormats(ajv);
  // The spec is linted and every schema compiled by the tests; re-checking it against the meta-schema here only slows start-up.
  ajv.addSchema({ $id: SPEC_ID, components: loadSpec()['components'] }, undefined, undefined, false);
  return ajv;
}

/**
 * `applyDefaults` fills in schema defaults (the mock wants `kublet_pods_dir`); checkers of answers
 * must not use it, or a missing field would pass unnoticed.
 */
export function createSchemaValidators(options: { applyDefaults?: boolean; verbose?: boolean } = {}): SchemaValidators {
  let made: Ajv2020 | undefined;
  const ajv = () => (made ??= newAjv(options));
  const byName = new Map<SchemaName, ValidateFunction>();
  const bySchema = new WeakMap<object, ValidateFunction>();
  return {
    validator(name) {
      let validate = byName.get(name);
      if (!validate) {
        validate = ajv().compile({ $ref: `${SPEC_ID}#/components/schemas/${name}` });
        byName.set(name, validate);
      }
      return validate;
    },
    validatorFor(schema) {
      let validate = bySchema.get(schema);
      if (!validate) {
        validate = ajv().compile({ $id: `${SPEC_ID}/inline/${Math.random().toString(36).slice(2)}`, ...rebase(schema) });
        bySchema.set(schema, validate);
      }
      return validate;
    },
  };
}

/** Inline schemas refer to `#/components/...`; point those refs at the registered document. */
function rebase(schema: object): object {
  return JSON.parse(JSON.stringify(schema), (key, value: unknown) =>
    key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `${SPEC_ID}${value}` : value,
  ) as object;
}
