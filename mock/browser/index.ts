// The browser entry: the MSW mock and a one-call start of MSW's Service Worker with its handlers.
import { setupWorker } from 'msw/browser';
import type { SetupWorker } from 'msw/browser';
import type { MswMock } from '../msw/index.js';

export { createMswMock, DEFAULT_BASE_URL } from '../msw/index.js';
export type { MswMock, MswMockOptions } from '../msw/index.js';

export interface StartWorkerOptions {
  /** Where the page serves MSW's worker script (`npx msw init public/`). Default `/mockServiceWorker.js`. */
  serviceWorkerUrl?: string;
  /** Do not log each intercepted request to the console. */
  quiet?: boolean;
}

/** Registers MSW's Service Worker with the mock's handlers; requests to other hosts go to the network. */
export async function startWorker(mock: Pick<MswMock, 'handlers'>, options: StartWorkerOptions = {}): Promise<SetupWorker> {
  const worker = setupWorker(...mock.handlers);
  await worker.start({
    serviceWorker: { url: options.serviceWorkerUrl ?? '/mockServiceWorker.js' },
    onUnhandledRequest: 'bypass',
    quiet: options.quiet ?? false,
  });
  return worker;
}
