import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, BaseContext, HeaderMap } from '@apollo/server';

export interface HttpServerOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  port: number;
  host?: string;
  /**
   * Builds the per-request context; may throw a GraphQLError (e.g. UNAUTHENTICATED). `signal`
   * aborts when the request has run out of time (requestTimeoutMs).
   */
  context: (req: http.IncomingMessage, signal: AbortSignal) => Promise<TContext>;
  /** Readiness probe behind GET /health, e.g. a database ping. */
  health?: () => Promise<void>;
  maxBodyBytes?: number;
  /**
   * Longest time one request may take: the context's signal aborts then, so the calls the
   * request is waiting for give up. A client still sending its request by then is cut off.
   */
  requestTimeoutMs?: number;
}

/** Why a request's signal aborted: its time ran out. */
export class RequestTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the request took longer than ${timeoutMs} ms`);
    this.name = 'RequestTimeout';
  }
}

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLarge(`request body exceeds ${limit} bytes`));
      return;
    }
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
      } else {
        // Keep reading to the end, discarding, so the client receives the 413 answer.
        chunks.length = 0;
        reject(new BodyTooLarge(`request body exceeds ${limit} bytes`));
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

/**
 * A small node:http integration for Apollo Server: POST/GET /graphql and GET /health. It keeps
 * the stack to @apollo/server alone and gives every process the same health endpoint for
 * container orchestration.
 */
export async function serveHttp<TContext extends BaseContext>(options: HttpServerOptions<TContext>): Promise<RunningServer> {
  const limit = options.maxBodyBytes ?? 16 * 1024 * 1024;
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const deadline = new AbortController();
    const timer = options.requestTimeoutMs
      ? setTimeout(() => deadline.abort(new RequestTimeout(options.requestTimeoutMs!)), options.requestTimeoutMs)
      : undefined;
    try {
      if (url.pathname === '/health') {
        await options.health?.();
        sendJson(res, 200, { status: 'ok' });
        return;
      }
      if (url.pathname !== '/graphql' && url.pathname !== '/') {
        sendJson(res, 404, { error: 'not found; the GraphQL endpoint is /graphql' });
        return;
      }
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      let body: unknown;
      if (req.method === 'POST') {
        const raw = await readBody(req, limit);
        if (raw.length > 0 && (headers.get('content-type') ?? '').includes('json')) {
          try {
            body = JSON.parse(raw);
          } catch {
            sendJson(res, 400, { errors: [{ message: 'request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
            return;
          }
        } else {
          body = raw;
        }
      }
      const response = await options.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
        context: () => options.context(req, deadline.signal),
      });
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        res.end(response.body.string);
      } else {
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        res.setHeader('connection', 'close');
        sendJson(res, 413, { errors: [{ message: error.message, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
      } else if (url.pathname === '/health') {
        sendJson(res, 503, { status: 'unavailable', error: (error as Error).message });
      } else {
        console.error(error);
        if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'internal server error' }] });
        else res.end();
      }
    } finally {
      clearTimeout(timer);
    }
  });
  server.keepAliveTimeout = 65_000;
  // A client sending its request slowly is cut off too (Node answers 408).
  if (options.requestTimeoutMs) server.requestTimeout = Math.max(options.requestTimeoutMs, 1000);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://localhost:${port}/graphql`,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await options.apollo.stop();
    },
  };
}
