// The server under test: where it is, how to reach it, what it can do. From flags or KC_* variables;
// with no base URL, an in-process mock (no port) is the target.
import { exec } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createMock } from '../mock/app.js';
import { MockControlClient } from '../mock/control/client.js';
import { resolveProfile } from '../mock/options.js';
import type { Profile, ProfileName } from '../mock/options.js';
import { ApiClient, RequestBudget, shellQuote } from './client.js';
import type { FetchLike } from './client.js';

export interface TargetConfig {
  /** The server root (API at `<baseUrl>/api/v1`); unset: an in-process mock. */
  baseUrl?: string | undefined;
  token?: string | undefined;
  /** A second tenant, for isolation checks. */
  token2?: string | undefined;
  profile: ProfileName;
  /** Root of a server with the mock's control API (`/__mock`), used to activate agents. */
  controlUrl?: string | undefined;
  /** A shell command that applies an agent manifest; `{agentURL}` is replaced by the URL. */
  activate?: string | undefined;
  activateTimeoutMs: number;
  /** How long a run's job may take to reach a done state (the JOBS area). */
  jobTimeoutMs: number;
  readOnly: boolean;
  timeoutMs: number;
  maxRequests: number;
  runId: string;
}

export const IN_PROCESS_TOKENS = ['conformance-tenant-a', 'conformance-tenant-b'] as const;

/** The environment variables behind each flag, so `vitest run` and the CLI read the same settings. */
export const envNames = {
  baseUrl: 'KC_BASE_URL',
  token: 'KC_TOKEN',
  token2: 'KC_TOKEN2',
  profile: 'KC_PROFILE',
  controlUrl: 'KC_CONTROL_URL',
  activate: 'KC_ACTIVATE',
  activateTimeoutMs: 'KC_ACTIVATE_TIMEOUT_MS',
  jobTimeoutMs: 'KC_JOB_TIMEOUT_MS',
  readOnly: 'KC_READ_ONLY',
  timeoutMs: 'KC_TIMEOUT_MS',
  maxRequests: 'KC_MAX_REQUESTS',
  runId: 'KC_RUN_ID',
} as const satisfies Record<keyof TargetConfig, string>;

export function newRunId(): string {
  return randomBytes(4).toString('hex');
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): TargetConfig {
  const number = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return env[name] && Number.isFinite(value) && value > 0 ? value : fallback;
  };
  const profile = env[envNames.profile] ?? 'strict';
  resolveProfile(profile as ProfileName);
  return {
    baseUrl: env[envNames.baseUrl] || undefined,
    token: env[envNames.token] || undefined,
    token2: env[envNames.token2] || undefined,
    profile: profile as ProfileName,
    controlUrl: env[envNames.controlUrl] || undefined,
    activate: env[envNames.activate] || undefined,
    activateTimeoutMs: number(envNames.activateTimeoutMs, 300_000),
    jobTimeoutMs: number(envNames.jobTimeoutMs, 300_000),
    readOnly: ['1', 'true', 'yes'].includes((env[envNames.readOnly] ?? '').toLowerCase()),
    timeoutMs: number(envNames.timeoutMs, 10_000),
    maxRequests: number(envNames.maxRequests, 5_000),
    runId: env[envNames.runId] || newRunId(),
  };
}

export function configToEnv(config: TargetConfig): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, name] of Object.entries(envNames)) {
    const value = config[key as keyof TargetConfig];
    if (value !== undefined && value !== false) env[name] = String(value);
  }
  return env;
}

/** How a cluster's agent gets applied, when the target can do it at all. */
export interface Activation {
  describe: string;
  /** Applies the agent behind `agentURL`; the caller then polls for ACTIVE. */
  apply(agentURL: string): Promise<void>;
  /** Time to wait for ACTIVE after applying. */
  timeoutMs: number;
  pollMs: number;
}

export interface Target {
  config: TargetConfig;
  profile: Profile;
  api: ApiClient;
  other: ApiClient | undefined;
  budget: RequestBudget;
  /** Set when the server has the mock's control API. */
  control: MockControlClient | undefined;
  activation: Activation | undefined;
  description: string;
}

export interface TargetOverrides {
  /** Replaces the network (an in-process app's `request`, or a deliberately broken variant). */
  fetch?: FetchLike;
}

export function openTarget(config: TargetConfig, overrides: TargetOverrides = {}): Target {
  const inProcess = config.baseUrl === undefined;
  const fetchImpl = overrides.fetch ?? (inProcess ? inProcessMock() : fetch);
  const baseUrl = config.baseUrl ?? 'http://mock.local';
  const [token, token2] = inProcess ? [config.token ?? IN_PROCESS_TOKENS[0], config.token2 ?? IN_PROCESS_TOKENS[1]] : [config.token, config.token2];
  const budget = new RequestBudget(config.maxRequests);
  const client = (t: string | undefined) => new ApiClient({ baseUrl, token: t, fetch: fetchImpl, timeoutMs: config.timeoutMs, budget });
  const controlUrl = config.controlUrl ?? (inProcess ? baseUrl : undefined);
  const control = controlUrl === undefined ? undefined : new MockControlClient(controlUrl.replace(/\/__mock\/?$/, ''), fetchImpl);
  return {
    config,
    profile: resolveProfile(config.profile),
    api: client(token),
    other: token2 === undefined ? undefined : client(token2),
    budget,
    control,
    activation: activationFor(config, control, fetchImpl),
    description: inProcess ? `the in-process mock (profile ${config.profile})` : `${config.baseUrl} (profile ${config.profile})`,
  };
}

function inProcessMock(): FetchLike {
  const mock = createMock({ tokens: [...IN_PROCESS_TOKENS], activationDelayMs: 1000 });
  return (input, init) => mock.app.request(input, init);
}

function activationFor(config: TargetConfig, control: MockControlClient | undefined, fetchImpl: FetchLike): Activation | undefined {
  if (config.activate) {
    const command = config.activate;
    return {
      describe: `the command ${command}`,
      apply: (agentURL) => runCommand(command.replaceAll('{agentURL}', shellQuote(agentURL)), config.activateTimeoutMs),
      timeoutMs: config.activateTimeoutMs,
      pollMs: 1000,
    };
  }
  if (!control) return undefined;
  // The mock's own path: fetch the manifest as kubectl would, then move the mock's clock past the delay.
  return {
    describe: 'the control API (fetch the manifest, then advance the clock)',
    apply: async (agentURL) => {
      const response = await fetchImpl(agentURL, { signal: AbortSignal.timeout(config.timeoutMs) });
      await response.arrayBuffer();
      await control.advanceClock(24 * 3600 * 1000);
    },
    timeoutMs: 2_000,
    pollMs: 100,
  };
}

function runCommand(command: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    exec(command, { timeout: timeoutMs }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`--activate command failed (${error.message.split('\n')[0]}): ${stderr.trim().slice(0, 300)}`));
      else resolve();
    });
  });
}
