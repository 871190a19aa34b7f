import { context, propagation, ROOT_CONTEXT, Span, SpanKind, SpanStatusCode, trace, Tracer } from '@opentelemetry/api';
import type { IncomingHttpHeaders } from 'node:http';
import type { DataSource, QueryRunner } from 'typeorm';

/**
 * OpenTelemetry traces: one span per HTTP request a process serves (the caller's trace context
 * taken from the W3C `traceparent` header), one per call to a subgraph (the gateway's, and one
 * subgraph's to another, with the context passed on), and one per SQL statement. Until a tracer
 * provider is registered (startTracing in a process's main, or a test's in-memory exporter) the
 * API is a no-op and these cost a check each.
 */

/** The tracer of one service of the hub (the instrumentation scope names the service). */
export function tracer(service: string): Tracer {
  return trace.getTracer(`cchub.${service}`);
}

/** True when a span started now would be recorded (a provider is registered and the trace sampled). */
function tracing(): boolean {
  return trace.getSpan(context.active())?.isRecording() ?? false;
}

/** Runs `work` in a server span continuing the caller's trace (from its traceparent header). */
export function withServerSpan<T>(service: string, name: string, headers: IncomingHttpHeaders, work: (span: Span) => Promise<T>): Promise<T> {
  const parent = propagation.extract(ROOT_CONTEXT, headers);
  return tracer(service).startActiveSpan(name, { kind: SpanKind.SERVER, attributes: { 'hub.service': service } }, parent, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * Runs an outgoing call to another service in a client span, with headers that carry the trace
 * on (`inject` them into the request). The span ends when `work` settles.
 */
export async function withClientSpan<T>(
  service: string,
  peer: string,
  work: (headers: Record<string, string>, span: Span) => Promise<T>,
): Promise<T> {
  return tracer(service).startActiveSpan(
    `POST ${peer}`,
    { kind: SpanKind.CLIENT, attributes: { 'hub.service': service, 'peer.service': peer } },
    async (span) => {
      const headers: Record<string, string> = {};
      propagation.inject(context.active(), headers);
      try {
        return await work(headers, span);
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** `SELECT interval_actuals`: the statement's verb and first table, never its values. */
export function sqlSpanName(sql: string): string {
  const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SQL';
  const table = /\b(?:FROM|INTO|UPDATE|TABLE)\s+[`"]?(\w+)/i.exec(sql)?.[1];
  return table ? `${verb} ${table}` : verb;
}

/** Set by startTracing when the mysql2 driver makes the SQL spans itself (then MySQL statements are not wrapped twice). */
let mysqlSpansFromDriver = false;
export function setMysqlSpansFromDriver(value: boolean): void {
  mysqlSpansFromDriver = value;
}

const TRACED = Symbol('traced');
const STATEMENT_CHARS = 2000;

function traceRunner(runner: QueryRunner, service: string, system: string, name: string): QueryRunner {
  const traced = runner as QueryRunner & { [TRACED]?: boolean };
  if (traced[TRACED]) return runner;
  traced[TRACED] = true;
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  (runner as { query: unknown }).query = (sql: string, ...rest: unknown[]) => {
    if (!tracing() || (system === 'mysql' && mysqlSpansFromDriver)) return query(sql, ...rest);
    return tracer(service).startActiveSpan(
      sqlSpanName(sql),
      { kind: SpanKind.CLIENT, attributes: { 'db.system': system, 'db.name': name, 'db.statement': sql.slice(0, STATEMENT_CHARS), 'hub.service': service } },
      async (span) => {
        try {
          return await query(sql, ...rest);
        } catch (error) {
          span.recordException(error as Error);
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  };
  return runner;
}

/**
 * Makes a span of every SQL statement a data source runs (its parameters are never recorded).
 * TypeORM sends every statement through a query runner's `query`, so wrapping the runners the
 * driver hands out covers the entity manager, query builders and raw queries alike.
 */
export function traceDataSource(db: DataSource, service: string): void {
  const driver = db.driver as { createQueryRunner: (mode: 'master' | 'slave') => QueryRunner; [TRACED]?: boolean };
  if (driver[TRACED]) return;
  driver[TRACED] = true;
  const system = db.options.type === 'mysql' ? 'mysql' : 'sqlite';
  const name = String(db.options.database ?? '');
  const create = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode) => traceRunner(create(mode), service, system, name);
}
