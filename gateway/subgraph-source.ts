import { AsyncLocalStorage } from 'node:async_hooks';
import { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { GraphQLError } from 'graphql';
import { peerTimeout, peerUnavailable } from '../services/clients/graphql-http';
import { RequestTimeout } from '../services/platform/http';

/** What the gateway keeps per request for the calls it makes to subgraphs. */
export interface SubgraphCallContext {
  authorization: string;
  requestId: string;
  /** Aborts when the request has run out of time (GATEWAY_REQUEST_TIMEOUT_MS). */
  signal?: AbortSignal;
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
    this.fetcher = ((input: string, init: RequestInit) => this.fetchInTime(input, init)) as never;
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
  }

  private async fetchInTime(url: string, init: RequestInit): Promise<Response> {
    const outer = requestSignal.getStore();
    const timeout = AbortSignal.timeout(this.timeoutMs);
    // Node's own fetch (undici) moves large request bodies (bulk uploads) faster than the default fetcher.
    const response = await fetch(url, { ...init, signal: outer ? AbortSignal.any([timeout, outer]) : timeout });
    if (response.ok) return response;
    const text = await response.text();
    if (isGraphQLAnswer(text)) return new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });
    return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
  }

  /** Every failure to get a GraphQL answer from the subgraph passes here: give it a code. */
  override didEncounterError(error: Error): void {
    const outer = requestSignal.getStore();
    if (outer?.aborted) throw requestTimedOut(outer.reason);
    if (isTimeout(error)) throw peerTimeout(this);
    const status = error instanceof GraphQLError ? (error.extensions?.response as { status?: number } | undefined)?.status : undefined;
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const reason = status ? `HTTP ${status} without a GraphQL answer` : cause ?? 'no GraphQL answer';
    console.error(`[gateway] the ${this.name} subgraph is unavailable: ${reason}`);
    throw peerUnavailable(this, reason);
  }
}
