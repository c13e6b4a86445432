// How a resource is declared: its schemas, indexes, references and server-owned fields (Eve's domain).
import type { SchemaName } from '../../spec/schemas.js';
import type { Issues } from '../http/errors.js';
import type { Fields, ResourceName, StoredDoc } from '../store/document.js';

/** A field holding the `_id` of another resource's document in the same tenant. */
export interface Reference {
  field: string;
  resource: ResourceName;
  /**
   * Whether the document referred to stays while this refers to it (the delete guard; default true).
   * False for a back-reference a client clears last: the Terraform provider deletes a kubeoffload
   * before the kubebackup whose `copydef` names it.
   */
  blocksDelete?: boolean;
}

/** How a definition runs (`POST /api/v1/<resource>/{id}/action/run`): the job it starts and how its status follows that job. */
export interface RunDeclaration {
  /** The job's `type`. */
  jobType: string;
  /** The job field naming this definition: `backupdef` for a kubebackup, `copydef` for a kubeoffload. */
  jobField: 'backupdef' | 'copydef';
  /** The backup definition the job belongs to (clients find the job through its `backupdef`). */
  backupdefOf(doc: StoredDoc): string;
  /** The definition's status once one of its jobs has started, and once it has ended. */
  started(status: Fields, job: StoredDoc): Fields;
  ended(status: Fields, job: StoredDoc): Fields;
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
  /**
   * Fields only the server writes but a client may send anything in (the Terraform provider sends
   * `status: {}` with every backup definition): validated by the schema, then the stored value is kept.
   */
  serverKept?: readonly string[];
  /** What a new document's server-written fields start as. */
  initial?: () => Fields;
  /** What the delete guard's message calls one of these: `backup definition`. */
  noun: string;
  unique: readonly string[];
  /** Extra equality indexes for `where` (dotted paths). */
  lookup: readonly string[];
  references: readonly Reference[];
  /** Rules beyond the schema, on the whole document about to be stored. */
  rules?: (doc: Fields) => Issues;
  /** Eve's `resource_methods` and `item_methods` (default: all of them); others answer 405. */
  methods?: { resource: readonly string[]; item: readonly string[] };
  runs?: RunDeclaration;
}
