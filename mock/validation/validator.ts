// Validates documents against the spec's schemas (compiled once), answering Eve-style issues.
import { createSchemaValidators } from '../../spec/schemas.js';
import type { SchemaName, SchemaValidators } from '../../spec/schemas.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { Issues } from '../http/errors.js';
import type { Fields } from '../store/document.js';
import { issuesFromAjv } from './issues.js';

export class DocumentValidator {
  readonly #schemas: SchemaValidators = createSchemaValidators({ applyDefaults: true, verbose: true });
  /** Compiled on the first patch: most runs that only read never need it. */
  #asSent: SchemaValidators | undefined;

  /** Issues of `doc` against a component schema; fills in schema defaults on `doc` (pass a copy). */
  check(schema: SchemaName, doc: Fields): Issues {
    return issuesOf(this.#schemas.validator(schema), doc);
  }

  /** `check` that leaves `doc` as it is (a PATCH body is validated as sent, no default filled in). */
  checkAsSent(schema: SchemaName, doc: Fields): Issues {
    this.#asSent ??= createSchemaValidators({ applyDefaults: false, verbose: true });
    return issuesOf(this.#asSent.validator(schema), doc);
  }
}

function issuesOf(validate: ValidateFunction, doc: Fields): Issues {
  return validate(doc) ? {} : issuesFromAjv(validate.errors ?? []);
}
