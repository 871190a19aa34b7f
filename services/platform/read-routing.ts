import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { DataSource } from 'typeorm';

/**
 * Where a request's reads go when a subgraph has a read replica (<NAME>_READ_DATABASE_URL).
 * The rules, so that a party always reads its own writes:
 *
 * - a mutation reads and writes the primary, and so does every call it makes to another
 *   subgraph (the call carries LAST_WRITE_HEADER with the request's instant);
 * - a request that carries LAST_WRITE_HEADER (epoch milliseconds of its party's last write)
 *   less than the staleness bound old reads the primary; the gateway answers every mutation
 *   with that header, so a client that sends it back sees what it wrote;
 * - any other query reads the replica, which may lag the primary by up to the replication delay:
 *   READ_REPLICA_MAX_LAG_MS must exceed it (monitor Seconds_Behind_Master; a replica further
 *   behind should be taken out of service rather than read).
 */
export const LAST_WRITE_HEADER = 'x-hub-last-write';

/** How long after a write its party's reads stay on the primary, unless configured. */
export const DEFAULT_READ_REPLICA_MAX_LAG_MS = 5000;

/** True when a request's last-write header is recent enough that it must read the primary. */
export function wroteRecently(header: string | string[] | undefined, now: Date, maxLagMs: number): boolean {
  const raw = Array.isArray(header) ? header[0] : header;
  if (!raw || !/^\d{1,15}$/.test(raw)) return false;
  // A stamp from the future (clocks of two machines) counts as recent.
  return now.getTime() - Number(raw) < maxLagMs;
}

/** What the read routing keeps on a request's context: how to move it to the primary. */
export interface Routed {
  /** Moves a request's context (Apollo works on a shallow copy of it) to the primary, its loaders made again there. */
  toPrimary(context: { db: DataSource; loaders: unknown }): void;
}

/** The key of the routing on a context (a symbol, copied with the context, invisible to resolvers' fields). */
const ROUTE = Symbol('read-routing');

/** Remembers how a request's context can be moved to the primary. */
export function routeContext(context: object, routed: Routed): void {
  (context as { [ROUTE]?: Routed })[ROUTE] = routed;
}

/** Sends every mutation to the primary before any resolver runs. */
export function primaryForMutationsPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== 'mutation') return;
          const context = contextValue as { [ROUTE]?: Routed; db: DataSource; loaders: unknown };
          context[ROUTE]?.toPrimary(context);
        },
      };
    },
  };
}
