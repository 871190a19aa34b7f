import { GraphQLError } from 'graphql';
import type { ContractFacts, QueueFacts, VolumeShareFacts, VolumeShareGroupFacts } from '../clients/contracts';
import { peerUnavailable } from '../clients/graphql-http';
import type { ActualInterval } from '../clients/performance';

/**
 * What the forecasts subgraph asks of its two peers, as lookups: the clients in services/clients
 * in production, stubs in the use-case tests. Every answer passes through `guardPeer`, so a
 * peer's failure reaches the caller with a code (the peer's own NOT_FOUND, FORBIDDEN …, or
 * UPSTREAM_TIMEOUT / UPSTREAM_UNAVAILABLE), never as an internal error of this subgraph.
 */
export interface Lookup<K, V> {
  load(key: K): Promise<V>;
}

export interface ContractsPeer {
  queue: Lookup<string, QueueFacts | null>;
  contract: Lookup<string, ContractFacts | null>;
  volumeShare: Lookup<string, VolumeShareFacts | null>;
  volumeShareGroup: Lookup<string, VolumeShareGroupFacts | null>;
}

/** A queue and a range of epoch seconds [from, to). */
export interface QueueRange {
  queueId: string;
  from: number;
  to: number;
}

export interface PerformancePeer {
  /** Offered contacts per 15-minute slot. */
  actuals: Lookup<QueueRange, ActualInterval[]>;
  /** Staffed seconds per local week start (null when some intervals did not report them). */
  weeklyStaffed: Lookup<QueueRange, Map<number, number | null>>;
}

export interface ForecastsPeers {
  contracts: ContractsPeer;
  performance: PerformancePeer;
}

/**
 * The error a caller sees when a peer failed: a coded error as it is; anything else (an error
 * the peer did not mean for callers, a missing URL) as UPSTREAM_UNAVAILABLE naming the peer.
 */
export function codedPeerError(peer: string, error: unknown): Error {
  if (error instanceof GraphQLError && typeof error.extensions?.code === 'string' && error.extensions.code !== 'INTERNAL_SERVER_ERROR') return error;
  // The fault is the peer's, logged here once since the caller only sees its code.
  console.error(`the ${peer} subgraph failed`, (error as Error)?.message ?? error);
  return peerUnavailable({ name: peer }, 'it could not answer this request');
}

/** The same lookups, with every failure turned into a coded error. */
export function guardPeer<P extends { [K in keyof P]: Lookup<any, any> }>(peer: string, lookups: P): P {
  const guarded = {} as P;
  for (const key of Object.keys(lookups) as Array<keyof P>) {
    const lookup = lookups[key];
    guarded[key] = {
      load: (k: unknown) =>
        lookup.load(k).catch((error: unknown) => {
          throw codedPeerError(peer, error);
        }),
    } as P[keyof P];
  }
  return guarded;
}
