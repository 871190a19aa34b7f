import { SpanKind } from '@opentelemetry/api';
import type { InMemorySpanExporter, ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { manualClock } from '../services/platform/clock';
import { startInMemoryTracing } from '../services/platform/tracing-setup';
import { startTestHub, TestHub } from './support/hub';
import { interval, quarterHours } from './support/intervals';

/**
 * One federated query, one trace: the gateway's request, its calls to two subgraphs, their
 * requests, the call one subgraph makes to another, and the SQL statements under them, all in
 * one trace with each span under the span that caused it (issue 16).
 */
const clock = manualClock('2026-06-15T10:00:00Z');
const SINCE = '2026-01-01T00:00:00Z';
let t: TestHub;
let tracing: { exporter: InMemorySpanExporter; stop: () => Promise<void> };
let queueId: string;

beforeAll(async () => {
  tracing = startInMemoryTracing();
  t = await startTestHub({ clock });
  await t.organisations([
    { id: 'acme', kind: 'CLIENT' },
    { id: 'callco', kind: 'CENTRE' },
  ]);
  const c = t.client(t.token('acme'));
  const created = await c.request<any>(
    `mutation($input: CreateContractInput!, $f: DateTime) { createContract(input: $input, effectiveFrom: $f) { id } }`,
    { input: { title: 'Acme care', centreId: 'callco', startDate: '2026-01-01', currency: 'EUR', monthlyFeeMinor: 1_000_000 }, f: SINCE },
  );
  const contractId = created.createContract.id;
  const queue = await c.request<any>(
    `mutation($c: ID!, $f: DateTime) { addQueue(contractId: $c, effectiveFrom: $f, input: { name: "Billing", channel: VOICE, timeZone: "Europe/Paris" }) { id } }`,
    { c: contractId, f: SINCE },
  );
  queueId = queue.addQueue.id;
  await c.request(`mutation($c: ID!, $q: ID, $f: DateTime) { setSlaTarget(contractId: $c, effectiveFrom: $f, input: { queueId: $q, metric: "ASA", goal: 30, window: WEEK }) { id } }`, {
    c: contractId,
    q: queueId,
    f: SINCE,
  });
  await c.request(`mutation($id: ID!, $f: DateTime) { activateContract(id: $id, effectiveFrom: $f) { id } }`, { id: contractId, f: SINCE });
  const rows = quarterHours('2026-06-01T08:00:00Z', 8).map((start) => interval(start, { answeredWait: [50, 20], abandonedWait: [2] }));
  await t.client(t.token('callco')).request(`mutation($q: ID!, $rows: [IntervalInput!]!) { recordIntervals(queueId: $q, intervals: $rows) { inserted } }`, { q: queueId, rows });
});

afterAll(async () => {
  await t?.stop();
  await tracing?.stop();
});

const scope = (span: ReadableSpan) => span.instrumentationScope.name;
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

it('a federated query makes one trace from the gateway through two subgraphs, a call between them, down to SQL', async () => {
  tracing.exporter.reset();
  const answer = await t.client(t.token('acme')).request<any>(
    `query Performance($q: ID!) { queues(ids: [$q]) { id name performance(from: "2026-06-01T00:00:00Z", to: "2026-06-02T00:00:00Z", granularity: DAY) { points { intervals } } } }`,
    { q: queueId },
  );
  expect(answer.queues[0].performance.points[0].intervals).toBe(8);

  const spans = tracing.exporter.getFinishedSpans();
  const root = spans.find((s) => scope(s) === 'cchub.gateway' && s.kind === SpanKind.SERVER);
  expect(root).toBeDefined();
  const trace = spans.filter((s) => s.spanContext().traceId === root!.spanContext().traceId);
  const byId = new Map(trace.map((s) => [s.spanContext().spanId, s]));
  const ancestors = (span: ReadableSpan): ReadableSpan[] => {
    const chain: ReadableSpan[] = [];
    for (let p = parentOf(span); p && byId.has(p); p = parentOf(byId.get(p)!)) chain.push(byId.get(p)!);
    return chain;
  };

  // The gateway calls both subgraphs, each call a client span under the gateway's request.
  const gatewayCalls = trace.filter((s) => scope(s) === 'cchub.gateway' && s.kind === SpanKind.CLIENT);
  expect(new Set(gatewayCalls.map((s) => s.attributes['peer.service']))).toEqual(new Set(['contracts', 'performance']));
  for (const call of gatewayCalls) expect(ancestors(call)).toContain(root);

  // Each subgraph serves its part in a server span whose parent is the gateway's call to it.
  for (const name of ['contracts', 'performance']) {
    const served = trace.filter((s) => scope(s) === `cchub.${name}` && s.kind === SpanKind.SERVER);
    expect(served.length).toBeGreaterThan(0);
    for (const s of served) expect(ancestors(s)[0].kind).toBe(SpanKind.CLIENT);
    expect(served.some((s) => ancestors(s)[0].attributes['peer.service'] === name && scope(ancestors(s)[0]) === 'cchub.gateway')).toBe(true);
  }

  // Performance asks contracts about the queue (who may see it) with the caller's token: a call between subgraphs, in the trace.
  const between = trace.filter((s) => scope(s) === 'cchub.performance' && s.kind === SpanKind.CLIENT && s.attributes['peer.service'] === 'contracts');
  expect(between.length).toBeGreaterThan(0);
  expect(trace.some((s) => scope(s) === 'cchub.contracts' && s.kind === SpanKind.SERVER && parentOf(s) === between[0].spanContext().spanId)).toBe(true);

  // SQL statements of both subgraphs, each under its subgraph's request.
  for (const name of ['contracts', 'performance']) {
    // The same test runs on SQLite and, in CI's second run, on MariaDB.
    const system = /^(mysql|mariadb):\/\//.test(process.env.DATABASE_URL ?? '') ? 'mysql' : 'sqlite';
    const sql = trace.filter((s) => scope(s) === `cchub.${name}` && s.attributes['db.system'] === system);
    expect(sql.length).toBeGreaterThan(0);
    for (const s of sql) expect(ancestors(s).some((a) => scope(a) === `cchub.${name}` && a.kind === SpanKind.SERVER)).toBe(true);
  }
  const read = trace.find((s) => scope(s) === 'cchub.performance' && s.name === 'SELECT interval_actuals');
  expect(read?.attributes['db.statement']).toMatch(/FROM interval_actuals/);
});

it('the gateway counts its calls to each subgraph on /metrics', async () => {
  const text = await (await fetch(t.url.replace('/graphql', '/metrics'))).text();
  expect(text).toMatch(/hub_subgraph_requests_total\{caller="gateway",subgraph="contracts",outcome="ok"\} \d+/);
  expect(text).toMatch(/hub_subgraph_requests_total\{caller="performance",subgraph="contracts",outcome="ok"\} \d+/);
  expect(text).toMatch(/hub_graphql_requests_total\{service="gateway",operation="Performance",outcome="ok"\} 1/);
});
