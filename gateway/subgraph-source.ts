import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import https from 'node:https';
import { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { GraphQLError } from 'graphql';
import { peerTimeout, peerUnavailable } from '../services/clients/graphql-http';
import { RequestTimeout } from '../services/platform/http';
import { logger } from '../services/platform/log';
import { observeSubgraphCall } from '../services/platform/metrics';
import { withClientSpan } from '../services/platform/tracing';
import { LAST_WRITE_HEADER } from '../services/platform/read-routing';

/** The fetcher a data source calls, and what it is given and answers (Apollo's own types). */
type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherRequestInit = NonNullable<Parameters<Fetcher>[1]>;
type FetcherResponse = Awaited<ReturnType<Fetcher>>;
type FetcherHeaders = FetcherResponse['headers'];

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

/** The signal of the request a subgraph call is made for (the fetcher is not given the context). */
const requestSignal = new AsyncLocalStorage<AbortSignal>();

export function requestTimedOut(reason: unknown): GraphQLError {
  const limit = reason instanceof RequestTimeout ? ` of ${reason.timeoutMs} ms` : '';
  return new GraphQLError(`the request ran out of time (the gateway's limit${limit}); ask for less, or try again`, {
    extensions: { code: 'REQUEST_TIMEOUT' },
  });
}

/** True when a body is a GraphQL answer: an object with an errors list or data. */
function isGraphQLAnswer(text: string): boolean {
  try {
    const body = JSON.parse(text) as unknown;
    return typeof body === 'object' && body !== null && (Array.isArray((body as { errors?: unknown }).errors) || 'data' in body);
  } catch {
    return false;
  }
}

/**
 * Connections kept open to the subgraphs, shared by every data source: a call reuses an idle
 * socket instead of opening one (a TCP handshake, and a new socket's buffers, per call). Sized
 * past the gateway's concurrency (16 organisations times GATEWAY_MAX_INFLIGHT_PER_ORG per
 * subgraph is rare; beyond it calls wait for a free socket).
 */
// An idle socket is closed after 30 s, before the subgraphs close theirs (keepAliveTimeout 65 s), so none is reused as it closes.
const AGENT_OPTIONS = { keepAlive: true, keepAliveMsecs: 1000, timeout: 30_000, maxSockets: 256, maxFreeSockets: 64, scheduling: 'lifo' as const };
const httpAgent = new http.Agent(AGENT_OPTIONS);
const httpsAgent = new https.Agent(AGENT_OPTIONS);

/** The headers of a subgraph's answer, as the data source reads them (lower-case names). */
class AnswerHeaders implements FetcherHeaders {
  private readonly map = new Map<string, string>();
  constructor(raw: http.IncomingHttpHeaders) {
    for (const [name, value] of Object.entries(raw)) if (value !== undefined) this.map.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  append(name: string, value: string): void {
    const old = this.map.get(name.toLowerCase());
    this.map.set(name.toLowerCase(), old === undefined ? value : `${old}, ${value}`);
  }
  delete(name: string): void {
    this.map.delete(name.toLowerCase());
  }
  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  set(name: string, value: string): void {
    this.map.set(name.toLowerCase(), value);
  }
  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
  values(): IterableIterator<string> {
    return this.map.values();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries();
  }
}

/** A subgraph's answer, read whole (the data source parses it at once). */
class Answer implements FetcherResponse {
  bodyUsed = false;
  readonly redirected = false;
  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: FetcherHeaders,
    private readonly body: string,
  ) {}
  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }
  async text(): Promise<string> {
    this.bodyUsed = true;
    return this.body;
  }
  async json(): Promise<unknown> {
    this.bodyUsed = true;
    return JSON.parse(this.body);
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    this.bodyUsed = true;
    const bytes = Buffer.from(this.body, 'utf8');
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
  clone(): FetcherResponse {
    return new Answer(this.url, this.status, this.statusText, this.headers, this.body);
  }
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
 * a connection that fails is an error whose `cause` carries the system code (ECONNREFUSED …),
 * as with fetch.
 */
function post(url: string, init: FetcherRequestInit, extraHeaders: Record<string, string>, timeoutMs: number, outer: AbortSignal | undefined): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    if (outer?.aborted) {
      reject(named('AbortError', 'the request was aborted'));
      return;
    }
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const body = init.body ?? '';
    const headers: Record<string, string | number> = { ...init.headers, ...extraHeaders, 'content-length': Buffer.byteLength(body) };
    let settled = false;
    const request = (secure ? https : http).request(target, { method: init.method ?? 'POST', headers, agent: secure ? httpsAgent : httpAgent });
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
    request.on('error', (error) => {
      const wrapped = new Error(`the call failed: ${error.message}`, { cause: error });
      wrapped.name = 'TypeError';
      finish(wrapped);
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => finish(new Error(`the answer broke off: ${error.message}`, { cause: error })));
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        finish(null, new Answer(url, status, response.statusMessage ?? '', new AnswerHeaders(response.headers), Buffer.concat(chunks).toString('utf8')));
      });
    });
    request.end(body);
  });
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
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<SubgraphCallContext> {
  constructor(
    readonly name: string,
    url: string,
    readonly timeoutMs: number,
  ) {
    super({ url });
    this.fetcher = (input: string, init?: FetcherRequestInit) => this.fetchInTime(input, init ?? {});
  }

  override process(options: GraphQLDataSourceProcessOptions<SubgraphCallContext>): ReturnType<RemoteGraphQLDataSource['process']> {
    const signal = options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION ? options.context.signal : undefined;
    return signal ? requestSignal.run(signal, () => super.process(options)) : super.process(options);
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<SubgraphCallContext>): void {
    if (options.kind !== GraphQLDataSourceRequestKind.INCOMING_OPERATION) return;
    const { request, context } = options;
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
    if (context.requestId) request.http?.headers.set('x-request-id', context.requestId);
    // Every call of a mutation (its entity fetches too) reads the primary; so does a caller that wrote recently.
    const mutation = options.incomingRequestContext.operation?.operation === 'mutation';
    const lastWrite = mutation && context.nowMs !== undefined ? String(context.nowMs) : context.lastWrite;
    if (lastWrite) request.http?.headers.set(LAST_WRITE_HEADER, lastWrite);
  }

  private fetchInTime(url: string, init: FetcherRequestInit): Promise<FetcherResponse> {
    const started = performance.now();
    return withClientSpan('gateway', this.name, async (trace, span) => {
      try {
        const response = await this.fetchOnce(url, init, trace);
        span.setAttribute('http.response.status_code', response.status);
        observeSubgraphCall('gateway', this.name, (performance.now() - started) / 1000, response.ok ? 'ok' : 'error');
        return response;
      } catch (error) {
        observeSubgraphCall('gateway', this.name, (performance.now() - started) / 1000, isTimeout(error) ? 'timeout' : 'unavailable');
        throw error;
      }
    });
  }

  private async fetchOnce(url: string, init: FetcherRequestInit, trace: Record<string, string>): Promise<FetcherResponse> {
    const answer = await post(url, init, trace, this.timeoutMs, requestSignal.getStore());
    if (answer.ok) return answer;
    const text = await answer.text();
    // A refusal sent with an HTTP error status (a malformed variable is HTTP 400) is still the subgraph's answer.
    if (isGraphQLAnswer(text)) return new Answer(url, 200, 'OK', answer.headers, text);
    return answer;
  }

  /** Every failure to get a GraphQL answer from the subgraph passes here: give it a code. */
  override didEncounterError(error: Error): void {
    const outer = requestSignal.getStore();
    if (outer?.aborted) throw requestTimedOut(outer.reason);
    if (isTimeout(error)) throw peerTimeout(this);
    const status = error instanceof GraphQLError ? (error.extensions?.response as { status?: number } | undefined)?.status : undefined;
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const reason = status ? `HTTP ${status} without a GraphQL answer` : cause ?? 'no GraphQL answer';
    logger('gateway').error({ subgraph: this.name, reason }, `the ${this.name} subgraph is unavailable: ${reason}`);
    throw peerUnavailable(this, reason);
  }
}
