// The conformance runner as a library: run the checks against a target from code, or start the CLI.
export { runConformanceCli } from './cli.js';
export { runChecks, runCheck, cleanUp } from './run.js';
export type { CheckResult, Outcome } from './run.js';
export { allChecks } from './checks/index.js';
export { verdictOf, exitCodeOf, tally } from './verdict.js';
export type { Verdict, Tally } from './verdict.js';
export type { Check, Need } from './check.js';
export { requirements, requirementsById, areas } from './requirements.js';
export type { Requirement, Level, Source, ProfileOption } from './requirements.js';
export { openTarget, configFromEnv, configToEnv, envNames } from './target.js';
export type { Target, TargetConfig, TargetOverrides } from './target.js';
export { ApiClient, RequestBudget, curlOf } from './client.js';
export type { Exchange, FetchLike } from './client.js';
export { startProxy } from './proxy/server.js';
export type { ProxyOptions, RunningProxy, Finding } from './proxy/server.js';
export { runExplore } from './explore/run.js';
export type { ExploreOptions, ExploreOutcome, ExploreResult, ExploreViolation } from './explore/run.js';
export type { Violation, Party } from './rules/rule.js';
