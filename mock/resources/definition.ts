// How a resource is declared: its schemas, indexes, references and server-owned fields (Eve's domain).
import type { SchemaName } from '../../spec/schemas.js';
import type { Issues } from '../http/errors.js';
import type { Fields, ResourceName } from '../store/document.js';

/** A field holding the `_id` of another resource's document in the same tenant. */
export interface Reference {
  field: string;
  resource: ResourceName;
}

export interface WriteContext {
  tenant: string;
  now: number;
  /** Where the server is reached, e.g. `http://127.0.0.1:4010` (for URLs the server writes). */
  baseUrl: string;
}

export interface ResourceDefinition {
  name: ResourceName;
  /** Eve's `item_title`, e.g. `Kubecluster`. */
  title: string;
  /** The schema every stored document satisfies (POST bodies; PATCH and PUT results). */
  schema: SchemaName;
  /** The schema a PATCH body is checked against as sent (Eve validates the patch, not the merge). */
  patchSchema: SchemaName;
  /** Fields only the server writes; a client may send them back unchanged (PUT/PATCH) but never set them. */
  serverOwned: readonly string[];
  unique: readonly string[];
  /** Extra equality indexes for `where` (dotted paths). */
  lookup: readonly string[];
  references: readonly Reference[];
  /** Rules beyond the schema, on the whole document about to be stored. */
  rules?: (doc: Fields) => Issues;
}
