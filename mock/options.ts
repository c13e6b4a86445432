// The mock's options and the named profiles that settle the points where the sources disagree.
import type { CorsOrigins } from './http/cors.js';
import type { Clock } from './store/clock.js';

/** Each switch is a place where the guide, Eve and real clients disagree (see the spec's description). */
export interface Profile {
  /** DELETE without `If-Match` answers 428 (the seed, the older overview) or is allowed (newer overview, Terraform). */
  deleteRequiresIfMatch: boolean;
  /** `eve`: `Location: …/api/v1/kubeclusters/<id>`; `seed`: `…/api/v1/v1/kubeclusters/<id>` as the seed prints it. */
  linkStyle: 'eve' | 'seed';
  /** The spelling of the agent URL in `status` (clients read it case-insensitively). */
  agentUrlKey: 'agentURL' | 'agentUrl';
  /** PUT to an unknown id creates it (Eve's `UPSERT_ON_PUT`) instead of answering 404. */
  upsertOnPut: boolean;
  /**
   * A PUT whose document equals the one the previous PUT stored, in the same second, answers 412
   * "Client and server etags don't match", as Eve 2.3 does (its Mongo layer counts 0 modified documents).
   */
  noopWriteConflict: boolean;
}

export const profiles = {
  strict: { deleteRequiresIfMatch: true, linkStyle: 'eve', agentUrlKey: 'agentURL', upsertOnPut: false, noopWriteConflict: false },
  lenient: { deleteRequiresIfMatch: false, linkStyle: 'eve', agentUrlKey: 'agentURL', upsertOnPut: false, noopWriteConflict: false },
  seed: { deleteRequiresIfMatch: true, linkStyle: 'seed', agentUrlKey: 'agentURL', upsertOnPut: false, noopWriteConflict: false },
} as const satisfies Record<string, Profile>;

export type ProfileName = keyof typeof profiles;

/** The seed's links (`Location`, its image list) name `/api/v1/v1/…`: a profile that hands them out serves the API there too. */
export const servesSeedPaths = (profile: Profile): boolean => profile.linkStyle === 'seed';

export interface Limits {
  /** Largest request body in bytes (413 above). */
  maxBodyBytes: number;
  /** Most items a tenant may hold in one resource (422 above). */
  maxItemsPerTenant: number;
  maxWhereLength: number;
  maxWhereDepth: number;
  maxRegexLength: number;
  /** Requests kept in the control API's journal. */
  journalSize: number;
}

export const defaultLimits: Limits = {
  maxBodyBytes: 1024 * 1024,
  maxItemsPerTenant: 2_000_000,
  maxWhereLength: 8192,
  maxWhereDepth: 8,
  maxRegexLength: 256,
  journalSize: 1000,
};

export interface MockOptions {
  /** A profile name, or a profile name's switches overridden one by one. */
  profile?: ProfileName | (Partial<Profile> & { base?: ProfileName });
  /** Accepted bearer tokens; each is its own tenant. Unset: any non-empty token is accepted. */
  tokens?: readonly string[];
  /** Milliseconds from fetching the agent manifest to `ACTIVE`; `'never'`: only the control API activates. */
  activationDelayMs?: number | 'never';
  /** Milliseconds from a run to its job's COMPLETED (RUNNING, then CATALOG); `'never'`: only the control API ends jobs. */
  jobDurationMs?: number | 'never';
  /** Base URL for `status.agentURL` and `Location`; unset: taken from each request's host. */
  publicUrl?: string;
  /** Serve the test-control API under `/__mock` (default true). */
  control?: boolean;
  /** Let browser pages on these origins (or `'*'`) call the mock: Eve's `X_DOMAINS`. Unset: no CORS. */
  cors?: CorsOrigins;
  clock?: Clock;
  limits?: Partial<Limits>;
  /** A JSON file the state is loaded from at start and saved to after every change (atomically). */
  statePath?: string;
  /** Called with one line per request (method, path, status, milliseconds). */
  log?: (line: string) => void;
}

export interface ResolvedOptions {
  profile: Profile;
  tokens: ReadonlySet<string> | undefined;
  activationDelayMs: number | 'never';
  jobDurationMs: number | 'never';
  publicUrl: string | undefined;
  control: boolean;
  cors: CorsOrigins | undefined;
  limits: Limits;
  log: ((line: string) => void) | undefined;
}

export const defaultActivationDelayMs = 3000;
/** A few seconds: a client polling every 5 s (the Terraform provider) sees the job RUNNING once, then done. */
export const defaultJobDurationMs = 5000;

export function resolveProfile(profile: MockOptions['profile']): Profile {
  if (profile === undefined) return { ...profiles.strict };
  if (typeof profile === 'string') {
    if (!Object.hasOwn(profiles, profile)) {
      throw new RangeError(`Unknown profile "${profile}"; expected one of ${Object.keys(profiles).join(', ')}`);
    }
    return { ...profiles[profile] };
  }
  const { base, ...overrides } = profile;
  return { ...resolveProfile(base), ...overrides };
}

/** The name of the profile these switches make up, or `custom` when single options were overridden. */
export function profileNameOf(profile: Profile): ProfileName | 'custom' {
  const names = Object.keys(profiles) as ProfileName[];
  const same = (named: Profile) => (Object.keys(named) as Array<keyof Profile>).every((key) => named[key] === profile[key]);
  return names.find((name) => same(profiles[name])) ?? 'custom';
}

export function resolveOptions(options: MockOptions): ResolvedOptions {
  return {
    profile: resolveProfile(options.profile),
    tokens: options.tokens ? new Set(options.tokens) : undefined,
    activationDelayMs: options.activationDelayMs ?? defaultActivationDelayMs,
    jobDurationMs: options.jobDurationMs ?? defaultJobDurationMs,
    publicUrl: options.publicUrl?.replace(/\/+$/, ''),
    control: options.control ?? true,
    cors: options.cors,
    limits: { ...defaultLimits, ...options.limits },
    log: options.log,
  };
}
