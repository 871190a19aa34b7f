import { GraphQLError } from 'graphql';
import { observeSubgraphCall } from '../platform/metrics';
import { withClientSpan } from '../platform/tracing';

/**
 * The one way a subgraph asks another: a GraphQL POST with the caller's own token, a timeout,
 * and errors mapped to the hub's codes. A peer that is down answers UPSTREAM_UNAVAILABLE, one
 * that is slow UPSTREAM_TIMEOUT; an error the peer raised on purpose (NOT_FOUND, FORBIDDEN,
 * BAD_USER_INPUT …) keeps its code; anything else is an internal fault of the peer.
 */
export interface PeerError {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

export interface PeerAnswer<T> {
  data?: T | null;
  errors?: PeerError[];
}

export interface Peer {
  /** The subgraph's name, for messages. */
  name: string;
  url: string;
  /** The caller's Authorization header, forwarded as is. */
  authorization: string;
  /** Milliseconds before the call is abandoned. */
  timeoutMs: number;
  /** The asking subgraph, for traces and metrics. */
  caller?: string;
  /** Further headers to forward (the request id). */
  headers?: Record<string, string>;
}

/** Default time a subgraph waits for another (SUBGRAPH_TIMEOUT_MS). */
export const DEFAULT_PEER_TIMEOUT_MS = 10_000;

/** Codes a peer raises on purpose, passed on to the caller unchanged. */
const CALLER_CODES = new Set(['NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED', 'BAD_USER_INPUT', 'CONFLICT', 'UPSTREAM_TIMEOUT', 'UPSTREAM_UNAVAILABLE']);

export function peerUnavailable(peer: Pick<Peer, 'name'>, reason: string): GraphQLError {
  return new GraphQLError(`the ${peer.name} service is unavailable (${reason}); try again shortly`, { extensions: { code: 'UPSTREAM_UNAVAILABLE', service: peer.name } });
}

export function peerTimeout(peer: Pick<Peer, 'name' | 'timeoutMs'>): GraphQLError {
  return new GraphQLError(`the ${peer.name} service did not answer within ${peer.timeoutMs} ms; try again shortly`, {
    extensions: { code: 'UPSTREAM_TIMEOUT', service: peer.name },
  });
}

/** The error to raise for one of the peer's errors: its own code when it is the caller's to see, an internal fault otherwise. */
export function fromPeerError(peer: Pick<Peer, 'name'>, error: PeerError): Error {
  const code = error.extensions?.code;
  if (code && CALLER_CODES.has(code)) {
    const { code: _code, ...rest } = error.extensions ?? {};
    return new GraphQLError(error.message, { extensions: { ...rest, code } });
  }
  return new Error(`${peer.name} subgraph answered: ${error.message}`);
}

/** One call to a peer, in a client span that carries the trace on, counted and timed for /metrics. */
export function postGraphQL<T>(peer: Peer, query: string, variables: Record<string, unknown>): Promise<PeerAnswer<T>> {
  return postGraphQLJson<T>(peer, query, JSON.stringify(variables));
}

/**
 * postGraphQL with the variables already written as JSON text (a bulk write whose rows were
 * serialised when they were checked, so they are not parsed and written again).
 */
export function postGraphQLJson<T>(peer: Peer, query: string, variablesJson: string): Promise<PeerAnswer<T>> {
  const caller = peer.caller ?? 'client';
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  return withClientSpan(caller, peer.name, async (trace) => {
    try {
      const answer = await postOnce<T>(peer, `{"query":${JSON.stringify(query)},"variables":${variablesJson}}`, trace);
      observeSubgraphCall(caller, peer.name, seconds(), answer.errors?.length ? 'error' : 'ok');
      return answer;
    } catch (error) {
      const code = (error as GraphQLError).extensions?.code;
      observeSubgraphCall(caller, peer.name, seconds(), code === 'UPSTREAM_TIMEOUT' ? 'timeout' : 'unavailable');
      throw error;
    }
  });
}

async function postOnce<T>(peer: Peer, request: string, trace: Record<string, string>): Promise<PeerAnswer<T>> {
  let response: Response;
  try {
    response = await fetch(peer.url, {
      method: 'POST',
      headers: { ...peer.headers, ...trace, 'content-type': 'application/json', authorization: peer.authorization },
      body: request,
      signal: AbortSignal.timeout(peer.timeoutMs),
    });
  } catch (error) {
    throw isTimeout(error) ? peerTimeout(peer) : peerUnavailable(peer, (error as Error).message);
  }
  let body: PeerAnswer<T>;
  try {
    body = (await response.json()) as PeerAnswer<T>;
  } catch (error) {
    if (isTimeout(error)) throw peerTimeout(peer);
    throw peerUnavailable(peer, `HTTP ${response.status} without a GraphQL answer`);
  }
  if (typeof body !== 'object' || body === null) throw peerUnavailable(peer, `HTTP ${response.status} without a GraphQL answer`);
  return body;
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}
