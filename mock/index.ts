// The library's public surface on Node: the mock app (with Node's files and fast paths), a server for
// tests, its control client, and the options. Other runtimes: the msw and browser entries (mock/msw/).
export { createMock, createMockApp } from './node/mock.js';
export type { NodeMock } from './node/mock.js';
export type { Mock } from './app.js';
export type { MockHost, MockRuntime } from './runtime.js';
export { startMockServer, DEFAULT_HOST, DEFAULT_PORT } from './node/server.js';
export type { RunningMock, StartOptions } from './node/server.js';
export { MockControlClient } from './control/client.js';
export type { AgentMove, ClockState, FetchLike, FixturesRequest, JobMove } from './control/client.js';
export type { Snapshot } from './control/snapshot.js';
export type { Fault, FaultSpec, JournalEntry } from './control/state.js';
export type { TenantContents, TenantSummary } from './control/tenants.js';
export type { CorsOrigins } from './http/cors.js';
export { profiles, defaultLimits, resolveProfile } from './options.js';
export type { Limits, MockOptions, Profile, ProfileName } from './options.js';
export { MockClock } from './store/clock.js';
export type { Clock } from './store/clock.js';
export { generateFixtures } from '../fixtures/generate.js';
export { loadSeedFixtures } from '../fixtures/seed.js';
export type { FixtureSet } from '../fixtures/types.js';
