// ETag headers and preconditions: If-Match (428/412) on writes, If-None-Match / If-Modified-Since (304) on reads.
import { ApiError } from './errors.js';
import type { StoredDoc } from '../store/document.js';
import { parseHttpDate } from '../store/http-date.js';

export const MISSING_IF_MATCH = 'To edit a document its etag must be provided using the If-Match header';
export const STALE_IF_MATCH = "Client and server etags don't match";

export function etagHeader(etag: string): string {
  return `"${etag}"`;
}

/** Eve compares after dropping a leading `W/` and every double quote. */
export function normalizeEtag(value: string): string {
  return value.trim().replace(/^W\//, '').replace(/"/g, '');
}

/** Throws 428 when `If-Match` is required but absent, 412 when it is not the current etag. */
export function assertIfMatch(ifMatch: string | undefined, doc: StoredDoc, required: boolean): void {
  if (ifMatch === undefined) {
    if (required) throw new ApiError(428, MISSING_IF_MATCH);
    return;
  }
  if (normalizeEtag(ifMatch) !== doc._etag) throw new ApiError(412, STALE_IF_MATCH);
}

/** True when a conditional GET may answer 304: every condition sent holds. */
export function isNotModified(doc: StoredDoc, ifNoneMatch: string | undefined, ifModifiedSince: string | undefined): boolean {
  if (ifNoneMatch === undefined && ifModifiedSince === undefined) return false;
  if (ifNoneMatch !== undefined && !ifNoneMatch.split(',').some((v) => v.trim() === '*' || normalizeEtag(v) === doc._etag)) {
    return false;
  }
  if (ifModifiedSince !== undefined) {
    const since = parseHttpDate(ifModifiedSince);
    if (since === undefined || since < doc._updated) return false;
  }
  return true;
}
