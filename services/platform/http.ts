import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, BaseContext, HeaderMap } from '@apollo/server';
import { intFromEnv } from './config';
import { logger } from './log';
import { metricsText } from './metrics';
import { withServerSpan } from './tracing';

export interface HttpServerOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  port: number;
  host?: string;
  /**
   * Builds the per-request context; may throw a GraphQLError (e.g. UNAUTHENTICATED). `signal`
   * aborts when the request has run out of time (requestTimeoutMs).
   */
  context: (req: http.IncomingMessage, signal: AbortSignal) => Promise<TContext>;
  /**
   * Other routes the process serves (the gateway's console): answers the request and says true,
   * or says false to leave it to GraphQL.
   */
  routes?: (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => Promise<boolean>;
  /**
   * Readiness probe behind GET /health/ready (and GET /health, kept for compatibility), e.g. a
   * database ping and a schema check; throwing answers 503 with the message.
   */
  health?: () => Promise<void>;
  /** The service's name, for traces, metrics and logs ('gateway', 'contracts' …). */
  service?: string;
  /** Longest time stop() waits for requests in flight before cutting them off (default 10 s). */
  shutdownGraceMs?: number;
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
  /**
   * Graceful: stops accepting connections, answers readiness 503, lets the requests in flight
   * finish (up to the grace period), closes idle keep-alive connections, then stops Apollo.
   */
  stop(): Promise<void>;
}

/** Default grace period for requests in flight when a server stops. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

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
 * A small node:http integration for Apollo Server: POST/GET /graphql, GET /health/live
 * (liveness), GET /health/ready and /health (readiness), GET /metrics (Prometheus). It keeps the
 * stack to @apollo/server alone and gives every process the same endpoints for container
 * orchestration. Every GraphQL request runs in a server span that continues the caller's trace.
 */
export async function serveHttp<TContext extends BaseContext>(options: HttpServerOptions<TContext>): Promise<RunningServer> {
  const limit = options.maxBodyBytes ?? 16 * 1024 * 1024;
  const service = options.service ?? 'http';
  let draining = false;
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    const deadline = new AbortController();
    const timer = options.requestTimeoutMs
      ? setTimeout(() => deadline.abort(new RequestTimeout(options.requestTimeoutMs!)), options.requestTimeoutMs)
      : undefined;
    try {
      if (url.pathname === '/health/live') {
        // Alive while the process can answer at all; a stopping process is still alive.
        sendJson(res, 200, { status: 'ok' });
        return;
      }
      if (url.pathname === '/health' || url.pathname === '/health/ready') {
        if (draining) throw new Error('shutting down');
        await options.health?.();
        sendJson(res, 200, { status: 'ok' });
        return;
      }
      if (url.pathname === '/metrics') {
        const { contentType, body } = await metricsText();
        res.setHeader('content-type', contentType);
        res.end(body);
        return;
      }
      if (options.routes && (await options.routes(req, res, url))) return;
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
      const response = await withServerSpan(service, `${req.method ?? 'GET'} /graphql`, req.headers, async (span) => {
        const answer = await options.apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
          context: () => options.context(req, deadline.signal),
        });
        span.setAttribute('http.response.status_code', answer.status ?? 200);
        const requestId = req.headers['x-request-id'];
        if (typeof requestId === 'string') span.setAttribute('hub.request_id', requestId.slice(0, 100));
        return answer;
      });
      for (const [key, value] of response.headers) res.setHeader(key, value);
      if (draining) res.setHeader('connection', 'close');
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
      } else if (url.pathname === '/health' || url.pathname === '/health/ready') {
        sendJson(res, 503, { status: 'unavailable', error: (error as Error).message });
      } else {
        logger(service).error({ err: error, requestId: req.headers['x-request-id'] ?? '-' }, 'request failed');
        if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'internal server error' }] });
        else res.end();
      }
    } finally {
      clearTimeout(timer);
    }
  };
  const server = http.createServer((req, res) => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      if (draining) {
        // The answer is out: a keep-alive connection now idle is closed rather than kept.
        server.closeIdleConnections();
        if (inFlight === 0) drained?.();
      }
    });
    void handle(req, res, new URL(req.url ?? '/', 'http://localhost'));
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
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        const grace = options.shutdownGraceMs ?? intFromEnv('SHUTDOWN_GRACE_MS', DEFAULT_SHUTDOWN_GRACE_MS);
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise<void>((resolve) => (drained = resolve)),
          new Promise<void>((resolve) => (timer = setTimeout(resolve, grace))),
        ]);
        clearTimeout(timer);
      }
      server.closeAllConnections();
      await closed;
      await options.apollo.stop();
    },
  };
}
