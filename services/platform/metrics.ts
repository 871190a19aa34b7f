import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { DataSource } from 'typeorm';

/**
 * Prometheus metrics (prom-client), served by every process on GET /metrics: GraphQL requests
 * (rate, outcome, latency) per service and operation, calls to subgraphs per caller and
 * subgraph, database pool use, and gauges other code sets (import job progress). One registry
 * per process; in a process running several services (npm start, tests) the `service` label
 * tells them apart.
 */
export const metricsRegistry = new Registry();

let processMetrics = false;
/** Adds Node's process metrics (CPU, memory, event loop lag, GC) once per process. */
export function collectProcessMetrics(): void {
  if (processMetrics) return;
  processMetrics = true;
  collectDefaultMetrics({ register: metricsRegistry, prefix: 'hub_' });
}

/** Latency buckets in seconds, from a cached lookup to a slow report. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** A counter of the registry, made on first use (names are the caller's to keep unique). */
export function counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
  return (metricsRegistry.getSingleMetric(name) as Counter<L> | undefined) ?? new Counter({ name, help, labelNames, registers: [metricsRegistry] });
}

/** A gauge of the registry, made on first use. */
export function gauge<L extends string>(name: string, help: string, labelNames: readonly L[]): Gauge<L> {
  return (metricsRegistry.getSingleMetric(name) as Gauge<L> | undefined) ?? new Gauge({ name, help, labelNames, registers: [metricsRegistry] });
}

/** A latency histogram (seconds) of the registry, made on first use. */
export function histogram<L extends string>(name: string, help: string, labelNames: readonly L[]): Histogram<L> {
  return (
    (metricsRegistry.getSingleMetric(name) as Histogram<L> | undefined) ??
    new Histogram({ name, help, labelNames, buckets: LATENCY_BUCKETS, registers: [metricsRegistry] })
  );
}

export const graphqlRequests = counter('hub_graphql_requests_total', 'GraphQL requests answered, by service, operation and outcome (ok, error: the caller\'s, fault: ours)', [
  'service',
  'operation',
  'outcome',
]);
export const graphqlErrors = counter('hub_graphql_errors_total', 'GraphQL errors answered, by service, operation and code', ['service', 'operation', 'code']);
export const graphqlDuration = histogram('hub_graphql_request_duration_seconds', 'Time to answer a GraphQL request, by service and operation', ['service', 'operation']);
export const subgraphCalls = counter('hub_subgraph_requests_total', 'Calls to a subgraph, by caller (the gateway or a subgraph), subgraph and outcome', ['caller', 'subgraph', 'outcome']);
export const subgraphDuration = histogram('hub_subgraph_request_duration_seconds', 'Time a subgraph took to answer a call, by caller and subgraph', ['caller', 'subgraph']);
export const importJobProgress = gauge('hub_import_job_progress_ratio', 'Share of an import job done (0 to 1), by service and job', ['service', 'job']);

/** Records one call to a subgraph. */
export function observeSubgraphCall(caller: string, subgraph: string, seconds: number, outcome: 'ok' | 'error' | 'timeout' | 'unavailable'): void {
  subgraphCalls.inc({ caller, subgraph, outcome });
  subgraphDuration.observe({ caller, subgraph }, seconds);
}

/**
 * Operation names come from callers: only plain names are kept as labels, and at most
 * MAX_OPERATIONS per service, so a caller cannot grow the metrics without bound.
 */
const MAX_OPERATIONS = 200;
const operationsSeen = new Map<string, Set<string>>();
export function operationLabel(service: string, name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (!/^\w{1,64}$/.test(name)) return 'other';
  let seen = operationsSeen.get(service);
  if (!seen) operationsSeen.set(service, (seen = new Set()));
  if (seen.has(name)) return name;
  if (seen.size >= MAX_OPERATIONS) return 'other';
  seen.add(name);
  return name;
}

/** Counts and times every GraphQL request of a service, with its outcome and error codes. */
export function metricsPlugin(service: string): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart({ request }) {
      const started = process.hrtime.bigint();
      let operation = operationLabel(service, request.operationName);
      return {
        async didResolveOperation({ operationName }) {
          if (!request.operationName && operationName) operation = operationLabel(service, operationName);
        },
        async willSendResponse({ response, errors }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const all = errors ?? body?.errors ?? [];
          const codes = all.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          for (const code of codes) graphqlErrors.inc({ service, operation, code });
          const outcome = codes.length === 0 ? 'ok' : codes.includes('INTERNAL_SERVER_ERROR') ? 'fault' : 'error';
          graphqlRequests.inc({ service, operation, outcome });
          graphqlDuration.observe({ service, operation }, seconds);
        },
      };
    },
  };
}

interface MysqlPoolInternals {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
  config?: { connectionLimit?: number };
}

const pools = new Map<string, DataSource>();
const poolConnections = gauge('hub_db_pool_connections', 'Database connections of a service, by state (used, idle, waiting: requests queued for one; limit)', ['service', 'state']);

/** Reports a data source's connection pool on every scrape (MySQL; SQLite has one connection). */
export function observeDatabasePool(service: string, db: DataSource): void {
  pools.set(service, db);
}
export function forgetDatabasePool(service: string, db: DataSource): void {
  if (pools.get(service) === db) pools.delete(service);
}

async function collectPools(): Promise<void> {
  for (const [service, db] of pools) {
    const pool = (db.driver as { pool?: MysqlPoolInternals }).pool;
    if (!db.isInitialized || !pool) {
      poolConnections.set({ service, state: 'used' }, db.isInitialized ? 1 : 0);
      continue;
    }
    const all = pool._allConnections?.length ?? 0;
    const idle = pool._freeConnections?.length ?? 0;
    poolConnections.set({ service, state: 'used' }, all - idle);
    poolConnections.set({ service, state: 'idle' }, idle);
    poolConnections.set({ service, state: 'waiting' }, pool._connectionQueue?.length ?? 0);
    poolConnections.set({ service, state: 'limit' }, pool.config?.connectionLimit ?? 0);
  }
}

/** The registry in Prometheus' text format. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  await collectPools();
  return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
}
