// A plain reverse proxy as nginx is set up by default (`proxy_set_header Host $proxy_host`): every
// request goes to the upstream with Host rewritten to the upstream's host:port, and the answer comes
// back untouched, so the server behind it names its own host in agentURL and Location.
import { createServer, request } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RunningProxy {
  /** The proxy's own base URL (`http://127.0.0.1:<port>`). */
  url: string;
  close(): Promise<void>;
}

/** Starts the proxy on 127.0.0.1 (a free port) in front of `upstream` (an `http://host:port` URL). */
export async function startHostRewritingProxy(upstream: string): Promise<RunningProxy> {
  const target = new URL(upstream);
  const server = createServer((incoming, outgoing) => forward(target, incoming, outgoing));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

function forward(target: URL, incoming: IncomingMessage, outgoing: ServerResponse): void {
  const headers = { ...incoming.headers, host: target.host };
  const upstream = request({ host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers }, (answer) => {
    outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(outgoing);
  });
  upstream.on('error', (error) => {
    if (outgoing.headersSent) return void outgoing.destroy();
    outgoing.writeHead(502, { 'Content-Type': 'text/plain' });
    outgoing.end(`upstream ${target.host}: ${error.message}`);
  });
  incoming.pipe(upstream);
}
