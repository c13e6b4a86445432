// Rules on the request side of an exchange: what the client sent against the spec and the profile
// (the client's violations), and whether the server took what it had to refuse (the server's).
import { hasIfMatch, headerName, needsIfMatch } from './answers.js';
import { ifMatchRule, requestBodyRule, serverMustRefuse } from './ids.js';
import { client, isSuccess, requestChecker, server } from './rule.js';
import type { Rule, Violation } from './rule.js';

/** KC-VALID-*: the body against its operation's schema; a server that answers 2xx to a body it must refuse breaks the same requirement. */
export const requestBody: Rule = (exchange) => {
  const { method, url, headers, body } = exchange.request;
  const problems = requestChecker().check({ method, path: new URL(url).pathname, contentType: headers[headerName(headers, 'Content-Type')], body });
  const violations: Violation[] = [];
  for (const problem of problems) {
    const rule = requestBodyRule(problem.keyword, problem.at, method);
    violations.push(client(rule, `a ${method} body as the spec documents it`, `${problem.at}: ${problem.message}`));
    if (isSuccess(exchange) && serverMustRefuse(problem.keyword, problem.at, method)) {
      violations.push(server(rule, `a refusal (422, or 400 for a body that is not JSON) of a body with ${problem.at}: ${problem.message}`, `${exchange.status}`));
    }
  }
  return violations;
};

/** KC-ETAG-2, KC-DELETE-2: a write the profile guards is sent with If-Match. */
export const ifMatchSent: Rule = (exchange, context) => {
  if (!needsIfMatch(exchange, context) || hasIfMatch(exchange)) return [];
  const method = exchange.request.method;
  const why = method === 'DELETE' ? ' (the profile sets deleteRequiresIfMatch)' : '';
  return [client(ifMatchRule(method), `${method} with If-Match: the ETag last read${why}`, 'no If-Match header')];
};
