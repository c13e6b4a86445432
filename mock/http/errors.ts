// The one error type the mock throws; `render.ts` turns it into Eve's error body.

/** Eve's `_issues`: field name → message, nested objects for nested fields. */
export type Issues = { [field: string]: string | Issues };

export type BulkItemResult = { _status: 'OK' } | { _status: 'ERR'; _issues: Issues };

export interface ApiErrorOptions {
  issues?: Issues;
  headers?: Record<string, string>;
  items?: BulkItemResult[];
  /** Answer `_status` and `_issues` only, without `_error` (Eve's PATCH and PUT validation failures). */
  issuesOnly?: boolean;
}

export class ApiError extends Error {
  readonly status: number;
  readonly issues: Issues | undefined;
  /** Extra headers the response must carry (e.g. `WWW-Authenticate`). */
  readonly headers: Record<string, string>;
  /** Per-document results of a failed bulk insert, in request order. */
  readonly items: BulkItemResult[] | undefined;
  readonly issuesOnly: boolean;

  constructor(status: number, message: string, options: ApiErrorOptions = {}) {
    // An answer to the client, not a fault: no stack is taken (walking it costs more than the answer under load).
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = stackTraceLimit;
    this.name = 'ApiError';
    this.status = status;
    this.issues = options.issues;
    this.headers = options.headers ?? {};
    this.items = options.items;
    this.issuesOnly = options.issuesOnly ?? false;
  }
}

/** A 400 about one query parameter or header, named in the message so the caller knows what to fix. */
export function badRequest(param: string, reason: string): ApiError {
  return new ApiError(400, `Invalid ${param}: ${reason}`);
}
