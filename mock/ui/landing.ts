// The landing page at `/`: what is running, how it was started, where to go next.
import type { MockRuntime } from '../runtime.js';
import { CONTROL_PREFIX, defaultTenant } from '../control/routes.js';
import { tenantSummaries } from '../control/tenants.js';
import { profileNameOf } from '../options.js';
import type { ResolvedOptions } from '../options.js';
import { fillTemplate, html } from './html.js';
import type { Html } from './html.js';
import type { PageAssets } from './page-assets.js';

export const DASHBOARD_PATH = `${CONTROL_PREFIX}/ui`;

/** `origin` is where the browser reached the mock (or --public-url): the page's links and curl line use it. */
export function landingPage(runtime: MockRuntime, assets: PageAssets, origin: string): string {
  const { options } = runtime;
  return fillTemplate(assets.staticFile('landing.html'), {
    version: assets.packageVersion(),
    nav: navigation(options.control, '/'),
    apiUrl: `${origin}/api/v1`,
    profile: profileNameOf(options.profile),
    tokens: options.tokens === undefined ? 'any well-formed bearer token (each is its own tenant)' : `${options.tokens.size} accepted token${options.tokens.size === 1 ? '' : 's'} (--tokens)`,
    activation: describeDelay(options.activationDelayMs),
    control: options.control ? html`on, under <code>${CONTROL_PREFIX}</code>` : 'off (--no-control)',
    cors: options.cors === undefined ? 'off' : options.cors === '*' ? 'any origin' : options.cors.join(', '),
    links: links(options.control),
    curl: `curl -s -H 'Authorization: Bearer ${defaultTenant(runtime)}' ${origin}/api/v1/kubeclusters`,
    tenants: options.control ? tenantTable(runtime) : html`<p class="empty">Listed when the control API is on: tenants are bearer tokens, not shown otherwise.</p>`,
  });
}

/** The top bar's links, shared by every page. */
export function navigation(control: boolean, current: string): Html[] {
  const pages = [
    { href: '/', label: 'Home' },
    { href: '/docs', label: 'API reference' },
    ...(control ? [{ href: DASHBOARD_PATH, label: 'Dashboard' }] : []),
    { href: '/api-docs', label: 'OpenAPI' },
  ];
  return pages.map(({ href, label }) => (href === current ? html`<a href="${href}" aria-current="page">${label}</a>` : html`<a href="${href}">${label}</a>`));
}

function links(control: boolean): Html[] {
  const entries = [
    { href: '/docs', label: 'API reference', what: 'every path and schema, rendered from the OpenAPI document' },
    ...(control ? [{ href: DASHBOARD_PATH, label: 'Dashboard', what: 'clusters per tenant, agents, the clock, the request journal, faults' }] : []),
    { href: '/api-docs', label: 'OpenAPI document', what: 'the spec as JSON, for code generators and tools' },
  ];
  return entries.map(({ href, label, what }) => html`<li><a href="${href}">${label}</a> <code>${href}</code><span>${what}</span></li>`);
}

function tenantTable(runtime: MockRuntime): Html {
  const rows = tenantSummaries(runtime.store).map(
    ({ tenant, counts }) => html`<tr><td><code>${tenant}</code></td><td class="num">${counts.kubeclusters}</td><td class="num">${counts.objectstores}</td><td class="num">${counts.kubebackups}</td></tr>`,
  );
  if (rows.length === 0) return html`<p class="empty">No tenant yet: the first request with a token creates one.</p>`;
  return html`<table><thead><tr><th>Tenant (token)</th><th class="num">Clusters</th><th class="num">Object stores</th><th class="num">Backups</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function describeDelay(delay: ResolvedOptions['activationDelayMs']): string {
  if (delay === 'never') return 'only through the control API (--activation-delay never)';
  if (delay === 0) return 'at once when the agent manifest is fetched';
  return `${delay >= 1000 ? `${delay / 1000} s` : `${delay} ms`} after the agent manifest is fetched`;
}
