// ETag headers and preconditions: If-Match (428/412) on writes, If-None-Match / If-Modified-Since (304) on reads.
import { ApiError } from './errors.js';
import type { StoredDoc } from '../store/document.js';
import { parseHttpDate } from '../store/http-date.js';

export const MISSING_IF_MATCH = 'To edit a document its etag must be provided using the If-Match header';
export const STALE_IF_MATCH = "Client and server etags don't match";

export function etagHeader(etag: string): string {
  return `"${etag}"`;
}

/** Eve (`utils.py: etag_parse`) drops a leading `W/` before a quoted value, then every double quote. */
export function normalizeEtag(value: string): string {
  const trimmed = value.trim();
  return (trimmed.startsWith('W/"') ? trimmed.slice(2) : trimmed).replace(/"/g, '');
}

/** Throws 428 when `If-Match` is required but absent, 412 when it is not the current etag. */
export function assertIfMatch(ifMatch: string | undefined, doc: StoredDoc, required: boolean): void {
  if (ifMatch === undefined) {
    if (required) throw new ApiError(428, MISSING_IF_MATCH);
    return;
  }
  if (normalizeEtag(ifMatch) !== doc._etag) throw new ApiError(412, STALE_IF_MATCH);
}

/**
 * True when a conditional GET may answer 304: Eve's `getitem`, where every validator sent must hold.
 * `If-None-Match` is one etag compared whole; `If-Modified-Since` gets Eve's one second of slack
 * (`weak_date`), since stored dates once had sub-second precision.
 */
export function isNotModified(doc: StoredDoc, ifNoneMatch: string | undefined, ifModifiedSince: string | undefined): boolean {
  if (ifNoneMatch === undefined && ifModifiedSince === undefined) return false;
  if (ifNoneMatch !== undefined && normalizeEtag(ifNoneMatch) !== doc._etag) return false;
  if (ifModifiedSince !== undefined) {
    const since = parseHttpDate(ifModifiedSince);
    if (since === undefined || since + 1000 < doc._updated) return false;
  }
  return true;
}
