import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a stub peer does with one request: answer it, or never (a hung peer). */
export type StubHandler = (body: { query: string; variables?: Record<string, unknown> }, req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface StubPeer {
  url: string;
  /** Requests received, in order. */
  received: Array<{ query: string; variables?: Record<string, unknown>; headers: http.IncomingHttpHeaders }>;
  close(): Promise<void>;
}

/**
 * For tests of the callers of a peer (postGraphQL, the clients, the gateway): a GraphQL peer on
 * 127.0.0.1 that answers as the test says: slow, broken, or with chosen
 * errors. A handler that never answers stands for a hung peer; closing the stub drops its
 * connections, so no test waits on it.
 */
export async function startStubPeer(handler: StubHandler): Promise<StubPeer> {
  const received: StubPeer['received'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      received.push({ query: body.query, variables: body.variables, headers: req.headers });
      handler(body, req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A URL where nothing listens: a peer that is down. */
export async function downPeerUrl(): Promise<string> {
  const stub = await startStubPeer(() => undefined);
  await stub.close();
  return stub.url;
}

export function answer(res: http.ServerResponse, body: unknown, status = 200, contentType = 'application/json'): void {
  res.writeHead(status, { 'content-type': contentType });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** Never answers: a hung peer. */
export const hang: StubHandler = () => undefined;
