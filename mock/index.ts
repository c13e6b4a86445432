// The library's public surface: the mock app, a server for tests, its control client, and the options.
export { createMock, createMockApp } from './app.js';
export type { Mock, MockRuntime } from './app.js';
export { startMockServer, DEFAULT_HOST, DEFAULT_PORT } from './server.js';
export type { RunningMock, StartOptions } from './server.js';
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
