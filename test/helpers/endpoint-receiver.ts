import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Test } from 'tap';

/** One request an endpoint received: the exact bytes, as a signature check needs them. */
export interface ReceivedDelivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** How a path answers its nth request (1-based): a status, and headers. */
export type Answer = (nth: number) => { status: number; headers?: Record<string, string> };

/**
 * A subscribed endpoint's server on 127.0.0.1: every request recorded, every TCP connection counted
 * (to show a refused delivery never connected), each path answering as the test says (200 unless
 * told otherwise). Closed at teardown.
 */
export async function startEndpointReceiver(t: Test) {
  const received: ReceivedDelivery[] = [];
  const answers = new Map<string, Answer>();
  let connections = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      const answer = answers.get(path)?.(received.filter((r) => r.path === path).length) ?? { status: 200 };
      response.writeHead(answer.status, answer.headers).end();
    });
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    answer: (path: string, answer: Answer) => answers.set(path, answer),
    at: (path: string) => received.filter((r) => r.path === path),
    get connections() {
      return connections;
    },
  };
}
