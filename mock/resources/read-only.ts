// Eve's rules for the fields a client does not own: meta fields and a resource's server-owned fields.
import type { Issues } from '../http/errors.js';
import { isMetaField, setOwn } from '../store/document.js';
import type { Fields, StoredDoc } from '../store/document.js';
import { objectIdPattern } from '../store/ids.js';
import { addIssue } from '../validation/issues.js';
import type { ResourceDefinition } from './definition.js';

type Owned = Pick<ResourceDefinition, 'serverOwned'>;

function isReadOnly(definition: Owned, name: string): boolean {
  return isMetaField(name) || definition.serverOwned.includes(name);
}

/**
 * Meta fields other than `_id` are unknown fields; `_id` is taken on create when well-formed and must
 * stay the item's own afterwards; server-owned fields (`status`) may be sent back unchanged (the
 * GET-change-PUT recipe) but never set. `stored` is the document a PATCH or PUT changes.
 */
export function readOnlyIssues(definition: Owned, fields: Fields, stored: StoredDoc | undefined): Issues {
  const issues: Issues = {};
  for (const name of Object.keys(fields)) {
    if (!isReadOnly(definition, name)) continue;
    const message = readOnlyMessage(name, fields[name], stored);
    if (message) addIssue(issues, [name], message);
  }
  return issues;
}

function readOnlyMessage(name: string, value: unknown, stored: StoredDoc | undefined): string | undefined {
  if (name === '_id') {
    if (stored) return value === stored._id ? undefined : 'field is read-only';
    return typeof value === 'string' && objectIdPattern.test(value) ? undefined : 'must be of objectid type';
  }
  if (isMetaField(name)) return 'unknown field';
  return stored !== undefined && JSON.stringify(value) === JSON.stringify(stored[name]) ? undefined : 'field is read-only';
}

/** The fields a client sets: everything but the meta and server-owned fields. */
export function clientFields(definition: Owned, fields: Fields): Fields {
  const kept: Fields = {};
  for (const name of Object.keys(fields)) {
    if (!isReadOnly(definition, name)) setOwn(kept, name, fields[name]);
  }
  return kept;
}
