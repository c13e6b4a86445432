// Explore's steps: compare's symbolic steps, plus where a step goes (the API, the mock's control API, or
// a cluster's agent URL) and the placeholder of an agent URL, which only the model of answers knows.
import type { Step, StepDraft, Sym } from '../compare/steps.js';

/** `api` (default): the server's API; `control`: the mock's control API (`--control-url`); `agent`: an agent URL, no token. */
export type Via = 'api' | 'control' | 'agent';

export interface ExploreStep extends Step {
  via?: Via;
}

export type ExploreDraft = StepDraft & { via?: Via };

/** `{{agent SYM}}`: the path of the agent URL the cluster's status names. */
export const agentPlaceholder = (sym: Sym) => `{{agent ${sym}}}`;
export const AGENT_PLACEHOLDER = /^\{\{agent ([^}]+)\}\}$/;

/** The id and name of the latest job the run has listed: only the answers know them. */
export const JOB_ID = '{{job id}}';
export const JOB_NAME = '{{job name}}';
export interface KnownJob {
  id: string;
  name: string;
}

/** A step of a replay under another name prefix: every name the step writes or queries moves with it. */
export function withPrefix(step: ExploreStep, from: string, to: string): ExploreStep {
  const swap = (text: string) => text.split(from).join(to);
  const headers = Object.fromEntries(Object.entries(step.headers).map(([name, value]) => [name, swap(value)]));
  return { ...step, path: swap(step.path), headers, ...(step.body === undefined ? {} : { body: swap(step.body) }) };
}
