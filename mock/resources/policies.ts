// The policies resource: backup schedules (cron specs in a time zone) that backup and copy definitions name.
import type { Issues } from '../http/errors.js';
import type { Fields } from '../store/document.js';
import { addIssue } from '../validation/issues.js';
import type { ResourceDefinition } from './definition.js';

export const policies: ResourceDefinition = {
  name: 'policies',
  // Eve would derive "Policie" from the resource name; the title is set, as CloudCasa would.
  title: 'Policy',
  schema: 'PolicyInput',
  patchSchema: 'PolicyPatch',
  serverOwned: [],
  noun: 'policy',
  unique: ['name'],
  lookup: [],
  references: [],
  rules: timezoneRule,
};

/** `timezone` must be an IANA time zone the schedules can run in. */
function timezoneRule(doc: Fields): Issues {
  const issues: Issues = {};
  const timezone = doc['timezone'];
  if (typeof timezone === 'string' && timezone !== '' && !isTimeZone(timezone)) {
    addIssue(issues, ['timezone'], `unallowed value ${timezone}: not an IANA time zone such as America/New_York`);
  }
  return issues;
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
