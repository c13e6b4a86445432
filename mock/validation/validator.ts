// Validates documents against the spec's schemas (compiled once), answering Eve-style issues.
import { createSchemaValidators } from '../../spec/schemas.js';
import type { SchemaName, SchemaValidators } from '../../spec/schemas.js';
import type { Issues } from '../http/errors.js';
import type { Fields } from '../store/document.js';
import { issuesFromAjv } from './issues.js';

export class DocumentValidator {
  readonly #schemas: SchemaValidators = createSchemaValidators({ applyDefaults: true, verbose: true });

  /** Issues of `doc` against a component schema; fills in schema defaults on `doc` (pass a copy). */
  check(schema: SchemaName, doc: Fields): Issues {
    const validate = this.#schemas.validator(schema);
    return validate(doc) ? {} : issuesFromAjv(validate.errors ?? []);
  }
}
