// Judges each exchange the proxy forwards: the request (the client's part), the answer (the server's),
// and what the memory of earlier exchanges says. Pure: no HTTP here.
import { resolveProfile } from '../../mock/options.js';
import type { ProfileName } from '../../mock/options.js';
import type { Exchange } from '../client.js';
import { conditionalGet, etagHeader, eveErrorBody, ifMatchEnforced, lastModified, locationOfCreated, newClusterRegistered, specAnswer, tokenRequired } from '../rules/answers.js';
import { listCounts, listEnvelope, listHeaders, listLinks, listPaging } from '../rules/lists.js';
import { ifMatchSent, requestBody } from '../rules/requests.js';
import type { Rule, RuleContext, Violation } from '../rules/rule.js';
import { DocumentMemory } from './memory.js';
import type { Timing } from './memory.js';

/** The rules every exchange goes through, the client's first. */
export const exchangeRules: readonly Rule[] = [
  requestBody,
  ifMatchSent,
  specAnswer,
  eveErrorBody,
  tokenRequired,
  locationOfCreated,
  newClusterRegistered,
  etagHeader,
  lastModified,
  conditionalGet,
  ifMatchEnforced,
  listEnvelope,
  listPaging,
  listCounts,
  listLinks,
  listHeaders,
];

/** The mock's control API is no part of the contract: its traffic is forwarded but not judged. */
const UNJUDGED = /^\/__mock(\/|$)/;

export class Inspector {
  readonly #context: RuleContext;
  readonly #memory = new DocumentMemory();

  constructor(profile: ProfileName = 'strict') {
    this.#context = { profile: resolveProfile(profile) };
  }

  inspect(exchange: Exchange, timing: Timing): Violation[] {
    if (UNJUDGED.test(new URL(exchange.request.url).pathname)) return [];
    // Only what the memory knows is gone counts as not held: an unseen document may well exist.
    const context = { ...this.#context, holdsDocument: (seen: Exchange) => !this.#memory.deletedBefore(seen, timing.sentAt) };
    const found = exchangeRules.flatMap((rule) => rule(exchange, context));
    found.push(...this.#memory.observe(exchange, timing));
    return unique(found);
  }
}

/** One violation per rule, party and expectation: two rules seeing the same fault say it once. */
function unique(violations: Violation[]): Violation[] {
  const seen = new Set<string>();
  return violations.filter((v) => {
    const key = `${v.rule}|${v.party}|${v.expected}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
