// The dashboard's script: polls the control API once a second and turns buttons into control calls.
import { MockControlClient } from '../../control/client.js';
import type { ClockState } from '../../control/client.js';
import type { JournalEntry } from '../../control/state.js';
import type { TenantContents } from '../../control/tenants.js';
import { byId, el, renderOnChange } from './dom.js';
import { faultItems, journalRows, tenantBody } from './views.js';
import type { ClusterActions } from './views.js';

const POLL_MS = 1000;
const JOURNAL_ROWS = 100;
const control = new MockControlClient(location.origin);
const tenantSections = new Map<string, HTMLElement>();
let frozen = false;
let journalSeenUpTo = '';

const clusterActions: ClusterActions = {
  connect: (id) => act(() => control.connectAgent(id)),
  disconnect: (id) => act(() => control.disconnectAgent(id)),
  copy: (input, from) => {
    const done = (label: string) => {
      from.textContent = label;
      setTimeout(() => (from.textContent = 'Copy'), 1500);
    };
    // Selected either way: where the page may not write the clipboard (plain http off localhost), Ctrl+C does.
    input.select();
    const clipboard = window.isSecureContext ? navigator.clipboard : undefined;
    if (!clipboard) return done('Press Ctrl+C');
    clipboard.writeText(input.value).then(() => done('Copied'), () => done('Press Ctrl+C'));
  },
};

async function refresh(): Promise<void> {
  try {
    const [tenants, clock, journal, faults] = await Promise.all([control.tenants(), control.clock(), control.journal(JOURNAL_ROWS), control.faults()]);
    const contents = await Promise.all(tenants.map(({ tenant }) => control.tenant(tenant)));
    showClock(clock);
    showTenants(contents);
    showJournal(journal);
    renderOnChange(byId('faults'), faults, () => faultItems(faults));
    showProblem(undefined);
  } catch (error) {
    showProblem(`Cannot read the mock's state: ${(error as Error).message}`);
  }
}

/** Runs a control call, shows what went wrong if anything did, and shows the new state at once. */
async function act(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    showProblem((error as Error).message);
    return;
  }
  await refresh();
}

function showClock(clock: ClockState): void {
  byId('clock-now').textContent = clock.iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  byId('clock-frozen').hidden = !clock.frozen;
  byId('freeze').textContent = clock.frozen ? 'Unfreeze' : 'Freeze';
  frozen = clock.frozen;
}

function showTenants(contents: readonly TenantContents[]): void {
  const container = byId('tenants');
  if (contents.length === 0) {
    tenantSections.clear();
    renderOnChange(container, [], () => [el('section', { class: 'card' }, el('p', { class: 'empty' }, 'No tenant yet. Send a request with a bearer token, or load fixtures above.'))]);
    return;
  }
  const sections = contents.map((tenant) => {
    let section = tenantSections.get(tenant.tenant);
    if (!section) tenantSections.set(tenant.tenant, (section = el('section', { class: 'card tenant', 'data-tenant': tenant.tenant })));
    renderOnChange(section, tenant, () => tenantBody(tenant, clusterActions));
    return section;
  });
  for (const name of tenantSections.keys()) if (!contents.some((tenant) => tenant.tenant === name)) tenantSections.delete(name);
  renderOnChange(container, contents.map((tenant) => tenant.tenant), () => sections);
}

function showJournal(entries: readonly JournalEntry[]): void {
  byId('journal-count').textContent = entries.length === JOURNAL_ROWS ? `the last ${JOURNAL_ROWS}` : `${entries.length} request${entries.length === 1 ? '' : 's'}`;
  renderOnChange(byId('journal').querySelector('tbody') as HTMLElement, entries, () =>
    // On the first showing nothing is new; afterwards the requests that arrived since are highlighted.
    entries.length === 0 ? [el('tr', {}, el('td', { class: 'empty', colspan: '4' }, 'No API request yet.'))] : journalRows(entries, journalSeenUpTo || '\uffff'),
  );
  journalSeenUpTo = entries.at(-1)?.time ?? journalSeenUpTo;
}

function showProblem(message: string | undefined): void {
  const banner = byId('problem');
  banner.hidden = message === undefined;
  banner.textContent = message ?? '';
}

function onSubmit(formId: string, action: () => Promise<unknown>): void {
  byId<HTMLFormElement>(formId).addEventListener('submit', (event) => {
    event.preventDefault();
    void act(action);
  });
}

function onClick(buttonId: string, action: () => Promise<unknown>): void {
  byId(buttonId).addEventListener('click', () => void act(action));
}

function value(id: string): string {
  return byId<HTMLInputElement | HTMLSelectElement>(id).value.trim();
}

function wireControls(): void {
  onSubmit('advance-form', () => control.advanceClock(Number(value('advance-seconds')) * 1000));
  onClick('freeze', () => (frozen ? control.unfreezeClock() : control.freezeClock()));
  onSubmit('fixtures-form', () => {
    const tenant = value('fixtures-tenant') || 'demo';
    const kind = value('fixtures-kind');
    return control.loadFixtures(kind === 'seed' ? { seed: true, tenant } : { generate: Number(kind), tenant });
  });
  onClick('reset', async () => {
    if (confirm('Empty every tenant, the journal and the faults?')) await control.reset();
  });
  onClick('clear-journal', () => control.clearJournal());
  onClick('clear-faults', () => control.clearFaults());
  onSubmit('fault-form', () => {
    const method = value('fault-method');
    return control.addFault({ path: value('fault-path'), status: Number(value('fault-status')), count: Number(value('fault-count')), ...(method ? { method } : {}) });
  });
}

function poll(): void {
  void refresh().finally(() => setTimeout(poll, POLL_MS));
}

wireControls();
poll();
