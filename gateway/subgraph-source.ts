import http from 'node:http';
import https from 'node:https';
import { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { parseCacheControlHeader } from '@apollo/gateway/dist/datasources/parseCacheControlHeader';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { GraphQLError } from 'graphql';
import { peerTimeout, peerUnavailable } from '../services/clients/graphql-http';
import { RequestTimeout } from '../services/platform/http';
import { logger } from '../services/platform/log';
import { observeSubgraphCall } from '../services/platform/metrics';
import { withClientSpan } from '../services/platform/tracing';
import { LAST_WRITE_HEADER } from '../services/platform/read-routing';

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/** What the gateway keeps per request for the calls it makes to subgraphs. */
export interface SubgraphCallContext {
  authorization: string;
  requestId: string;
  /** Aborts when the request has run out of time (GATEWAY_REQUEST_TIMEOUT_MS). */
  signal?: AbortSignal;
  /** The caller's last write (x-hub-last-write), passed on so subgraphs with a read replica read its writes. */
  lastWrite?: string;
  /** The request's instant, in epoch milliseconds: a mutation's calls carry it as their last write. */
  nowMs?: number;
}

export function requestTimedOut(reason: unknown): GraphQLError {
  const limit = reason instanceof RequestTimeout ? ` of ${reason.timeoutMs} ms` : '';
  return new GraphQLError(`the request ran out of time (the gateway's limit${limit}); ask for less, or try again`, {
    extensions: { code: 'REQUEST_TIMEOUT' },
  });
}

/**
 * Connections kept open to the subgraphs, shared by every data source: a call reuses an idle
 * socket instead of opening one (a TCP handshake and a new socket per call). An idle socket is
 * closed after 30 s, before the subgraphs close theirs (keepAliveTimeout 65 s), so none is
 * reused as it closes.
 */
const AGENT_OPTIONS = { keepAlive: true, timeout: 30_000, maxSockets: 256, maxFreeSockets: 64, scheduling: 'lifo' as const };
const httpAgent = new http.Agent(AGENT_OPTIONS);
const httpsAgent = new https.Agent(AGENT_OPTIONS);

/** A subgraph's answer, read whole. */
interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** An error named as fetch names it, so a timeout reads as one (TimeoutError, AbortError). */
function named(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/**
 * POSTs one call over a kept-alive connection and reads the answer whole. Gives up with a
 * TimeoutError after `timeoutMs`, or an AbortError when `outer` (the request's own time) aborts;
 * a connection that fails is an error whose `cause` carries the system code (ECONNREFUSED …).
 */
function post(url: URL, headers: Record<string, string | number>, body: string, timeoutMs: number, outer: AbortSignal | undefined): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    if (outer?.aborted) {
      reject(named('AbortError', 'the request was aborted'));
      return;
    }
    const secure = url.protocol === 'https:';
    headers['content-length'] = Buffer.byteLength(body);
    let settled = false;
    const request = (secure ? https : http).request(url, { method: 'POST', headers, agent: secure ? httpsAgent : httpAgent });
    const finish = (error: Error | null, answer?: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(answer!);
    };
    const fail = (error: Error) => {
      finish(error);
      request.destroy();
    };
    const onAbort = () => fail(named('AbortError', 'the request was aborted'));
    const timer = setTimeout(() => fail(named('TimeoutError', `no answer within ${timeoutMs} ms`)), timeoutMs);
    outer?.addEventListener('abort', onAbort, { once: true });
    request.on('error', (error) => finish(new Error(`the call failed: ${error.message}`, { cause: error })));
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => finish(new Error(`the answer broke off: ${error.message}`, { cause: error })));
      response.on('end', () => finish(null, { status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    request.end(body);
  });
}

/**
 * The answer's JSON object, or undefined. With an HTTP error status it must be a GraphQL answer
 * (an errors list or data): a subgraph refuses a malformed variable or literal with HTTP 400.
 */
function graphQLAnswer(answer: Answer): GatewayGraphQLResponse | undefined {
  try {
    const body = JSON.parse(answer.text) as unknown;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
    if (isOk(answer) || Array.isArray((body as { errors?: unknown }).errors) || 'data' in body) return body as GatewayGraphQLResponse;
  } catch {
    /* not JSON */
  }
  return undefined;
}

function isOk(answer: Answer): boolean {
  return answer.status >= 200 && answer.status < 300;
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

/**
 * One subgraph as the gateway sees it. Forwards the caller's token and request id (every
 * subgraph verifies the token again and filters by tenant); gives every call a timeout; and
 * keeps the codes of the errors a subgraph answers, also when it answers them with an HTTP
 * error status (a malformed variable or literal is refused with HTTP 400 and BAD_USER_INPUT).
 * A subgraph that is down, or answers without a GraphQL body, is UPSTREAM_UNAVAILABLE; one that
 * does not answer in time UPSTREAM_TIMEOUT, as for the calls between subgraphs
 * (services/clients/graphql-http.ts).
 *
 * It does what Apollo's RemoteGraphQLDataSource does for the hub (POST the operation as JSON,
 * return its answer, narrow the request's cache policy by the answer's cache-control), over
 * node:http with kept-alive connections and without building fetch requests, header objects and
 * streams per call: the gateway's own work per request is most of what it adds to a subgraph's.
 */
export class SubgraphDataSource implements GraphQLDataSource<SubgraphCallContext> {
  private readonly target: URL;

  constructor(
    readonly name: string,
    readonly url: string,
    readonly timeoutMs: number,
  ) {
    this.target = new URL(url);
  }

  async process(options: GraphQLDataSourceProcessOptions<SubgraphCallContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    if (!request.query) throw new Error('Missing query');
    const headers: Record<string, string | number> = {};
    if (request.http?.headers) for (const [name, value] of request.http.headers) headers[name.toLowerCase()] = value;
    headers['content-type'] = 'application/json';
    let signal: AbortSignal | undefined;
    if (options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION) {
      const { context } = options;
      signal = context.signal;
      if (context.authorization) headers.authorization = context.authorization;
      if (context.requestId) headers['x-request-id'] = context.requestId;
      // Every call of a mutation (its entity fetches too) reads the primary; so does a caller that wrote recently.
      const mutation = options.incomingRequestContext.operation?.operation === 'mutation';
      const lastWrite = mutation && context.nowMs !== undefined ? String(context.nowMs) : context.lastWrite;
      if (lastWrite) headers[LAST_WRITE_HEADER] = lastWrite;
    }
    const { http: _http, ...payload } = request;
    const answer = await this.call(headers, JSON.stringify(payload), signal);
    const body = graphQLAnswer(answer);
    if (!body) throw this.unavailable(isOk(answer) ? 'no GraphQL answer' : `HTTP ${answer.status} without a GraphQL answer`);
    // As Apollo's data source: the answer's cache-control (none: not cacheable) narrows the request's.
    const policy = options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION ? options.incomingRequestContext.overallCachePolicy : undefined;
    if (policy && 'restrict' in policy) {
      const header = answer.headers['cache-control'];
      const parsed = parseCacheControlHeader(Array.isArray(header) ? header.join(', ') : header);
      const maxAge = parsed['max-age'];
      policy.restrict({
        maxAge: typeof maxAge === 'string' && /^[0-9]+$/.test(maxAge) ? Number(maxAge) : 0,
        ...(parsed.private === true ? { scope: 'PRIVATE' as const } : parsed.public === true ? { scope: 'PUBLIC' as const } : {}),
      });
    }
    return body;
  }

  /** One call, timed, traced and counted; every failure to get an answer gets its code here. */
  private call(headers: Record<string, string | number>, body: string, signal: AbortSignal | undefined): Promise<Answer> {
    const started = performance.now();
    return withClientSpan('gateway', this.name, async (trace, span) => {
      for (const key in trace) headers[key] = trace[key];
      try {
        const answer = await post(this.target, headers, body, this.timeoutMs, signal);
        span.setAttribute('http.response.status_code', answer.status);
        observeSubgraphCall('gateway', this.name, (performance.now() - started) / 1000, isOk(answer) ? 'ok' : 'error');
        return answer;
      } catch (error) {
        observeSubgraphCall('gateway', this.name, (performance.now() - started) / 1000, isTimeout(error) ? 'timeout' : 'unavailable');
        if (signal?.aborted) throw requestTimedOut(signal.reason);
        if (isTimeout(error)) throw peerTimeout(this);
        throw this.unavailable((error as { cause?: { code?: string } }).cause?.code ?? 'no GraphQL answer');
      }
    });
  }

  private unavailable(reason: string): GraphQLError {
    logger('gateway').error({ subgraph: this.name, reason }, `the ${this.name} subgraph is unavailable: ${reason}`);
    return peerUnavailable(this, reason);
  }
}
