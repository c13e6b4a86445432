// A server that accepts connections and reads requests but never answers: the upstream a proxy must not wait on forever.
import { createServer } from 'node:net';
import type { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface SilentServer {
  url: string;
  /** Requests whose first bytes have arrived (one per connection). */
  readonly received: number;
  /** Resolves when `count` requests have arrived. */
  receivedAtLeast(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  let received = 0;
  const waiting: Array<{ count: number; resolve: () => void }> = [];
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('data', () => {
      received++;
      for (const wait of waiting.filter((w) => received >= w.count)) wait.resolve();
    });
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get received() {
      return received;
    },
    receivedAtLeast: (count) => (received >= count ? Promise.resolve() : new Promise((resolve) => waiting.push({ count, resolve }))),
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
