import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { hasRole } from '../platform/auth';
import { isUniqueViolation } from '../platform/database';
import { badInput, conflict, forbidden, notFound } from '../platform/errors';
import { nextBucketStart, zonedToEpoch } from '../metrics/calendar';
import { CATALOGUE, isMetricKey, MetricDefinition } from '../metrics/catalogue';
import { RawSums } from '../metrics/kpi';
import { authorizeContract, PerformanceContext } from './access';
import { sumByBucket } from './aggregate';
import { computeCompliance } from './compliance';
import type { ContractFacts } from '../clients/contracts';
import { PerformanceReportRow } from './entities/performance-report';
import { DEFAULT_DEFINITIONS, Figure, figure, label } from './series';

/** The fields whose totals identify the data a report was computed from. */
const FINGERPRINT_FIELDS = ['offered', 'answered', 'abandoned', 'answeredWaitSeconds', 'abandonedWaitSeconds', 'talkSeconds', 'holdSeconds', 'wrapSeconds'] as const;

export interface ReportContent {
  month: string;
  timeZone: string;
  from: string;
  to: string;
  queues: Array<{ queueId: string; intervals: number; figures: Figure[] }>;
  compliance: Array<{
    targetId: string;
    label: string;
    goal: number;
    comparator: string;
    measurable: boolean;
    note: string | null;
    windowsJudged: number;
    windowsMet: number;
    shareMet: number | null;
    creditPercent: number;
    creditAmountMinor: number | null;
  }>;
  /** Per queue: the totals of FINGERPRINT_FIELDS and the interval count at publication. */
  fingerprint: Record<string, Record<string, number>>;
}

export interface DataDifference {
  queueId: string;
  field: string;
  published: number;
  current: number;
}

function monthRange(month: string, timeZone: string): { from: number; to: number } {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw badInput({ field: 'month', message: 'must be a month YYYY-MM' });
  const from = zonedToEpoch(Number(m[1]), Number(m[2]), 1, 0, 0, timeZone);
  return { from, to: nextBucketStart(from, 'MONTH', timeZone) };
}

function fingerprintOf(sums: RawSums, intervals: number): Record<string, number> {
  const out: Record<string, number> = { intervals };
  for (const f of FINGERPRINT_FIELDS) out[f] = Math.round(Number(sums[f]) * 1000) / 1000;
  return out;
}

async function monthlySums(db: DataSource, queueIds: string[], range: { from: number; to: number }) {
  const rows = await sumByBucket(db, queueIds, [range.from], range, { perQueue: true });
  return new Map(rows.map((r) => [r.queueId!, r]));
}

async function buildContent(db: DataSource, facts: ContractFacts, month: string): Promise<ReportContent> {
  const timeZone = facts.queues[0]?.timeZone ?? 'UTC';
  const range = monthRange(month, timeZone);
  const queueIds = facts.queues.map((q) => q.id);
  const sums = await monthlySums(db, queueIds, range);
  const current = facts.slaTargets.map((t) => t.history[t.history.length - 1]).filter(Boolean);
  const definitions = new Map<string, MetricDefinition>();
  for (const d of [...DEFAULT_DEFINITIONS, ...current]) {
    const def = { metric: d.metric, variant: d.variant ?? undefined, thresholdSeconds: d.thresholdSeconds ?? undefined, shortAbandonSeconds: d.shortAbandonSeconds ?? undefined };
    if (isMetricKey(def.metric) && CATALOGUE[def.metric].measuredBy === 'performance') definitions.set(label(def), def);
  }
  const queues = facts.queues.map((q) => {
    const row = sums.get(q.id);
    return {
      queueId: q.id,
      intervals: row?.intervals ?? 0,
      figures: row ? [...definitions.values()].map((d) => figure(d, row.sums, row.attribution, q.timeZone)) : [],
    };
  });
  const compliance = [];
  for (const target of facts.slaTargets) {
    const latest = target.history[target.history.length - 1];
    if (!latest) continue;
    const queue = facts.queues.find((q) => q.id === latest.queueId);
    const result = await computeCompliance(db, {
      versions: target.history,
      queueIds: queue ? [queue.id] : queueIds,
      timeZone: queue?.timeZone ?? timeZone,
      from: new Date(range.from * 1000),
      to: new Date(range.to * 1000),
      monthlyFeeMinor: facts.monthlyFeeMinor,
    });
    compliance.push({
      targetId: target.id,
      label: label(latest),
      goal: latest.goal,
      comparator: latest.comparator,
      measurable: result.measurable,
      note: result.note,
      windowsJudged: result.windowsJudged,
      windowsMet: result.windowsMet,
      shareMet: result.shareMet,
      creditPercent: result.creditPercent,
      creditAmountMinor: result.creditAmountMinor,
    });
  }
  const fingerprint: ReportContent['fingerprint'] = {};
  for (const q of queueIds) {
    const row = sums.get(q);
    if (row) fingerprint[q] = fingerprintOf(row.sums, row.intervals);
  }
  return { month, timeZone, from: new Date(range.from * 1000).toISOString(), to: new Date(range.to * 1000).toISOString(), queues, compliance, fingerprint };
}

/** The centre publishes the month's report: the figures are computed now and frozen. */
export async function publishReport(ctx: PerformanceContext, contractId: string, month: string, commentary: string | null): Promise<PerformanceReportRow> {
  const facts = await authorizeContract(ctx, 'publish', contractId);
  if (commentary && commentary.length > 20_000) throw badInput({ field: 'commentary', message: 'at most 20,000 characters' });
  const timeZone = facts.queues[0]?.timeZone ?? 'UTC';
  const range = monthRange(month, timeZone);
  if (range.to * 1000 > Date.now()) throw badInput({ field: 'month', message: `${month} has not ended yet; publish its report once it has` });
  const repo = ctx.db.getRepository(PerformanceReportRow);
  const latest = await repo.findOne({ where: { contractId, month }, order: { version: 'DESC' } });
  if (latest?.status === 'APPROVED') throw conflict(`the ${month} report was approved and is final`);
  if (latest?.status === 'PUBLISHED') throw conflict(`the ${month} report awaits the client's review; it can be published again only after a dispute`);
  const content = await buildContent(ctx.db, facts, month);
  const report = repo.create({
    id: randomUUID(),
    contractId,
    clientId: facts.clientId,
    centreId: facts.centreId,
    month,
    version: (latest?.version ?? 0) + 1,
    status: 'PUBLISHED',
    commentary: commentary?.trim() || null,
    publishedAt: new Date(),
    publishedBy: ctx.viewer.subject,
    reviewedAt: null,
    reviewedBy: null,
    disputeReason: null,
    content,
  });
  try {
    await ctx.db.transaction(async (tx) => {
      if (latest) {
        const res = await tx.update(PerformanceReportRow, { id: latest.id, status: 'DISPUTED' }, { status: 'SUPERSEDED' });
        if (res.affected === 0) throw conflict(`the ${month} report changed meanwhile; reload and retry`);
      }
      await tx.insert(PerformanceReportRow, report);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`another ${month} report was published meanwhile; reload and retry`);
    throw error;
  }
  return report;
}

/** A report is visible to the contract's client and centre; read from the report itself. */
export function authorizeReport(ctx: PerformanceContext, report: PerformanceReportRow | null, id: string): PerformanceReportRow {
  const party = report && (report.clientId === ctx.viewer.organisationId || report.centreId === ctx.viewer.organisationId);
  if (!report || !party) throw notFound('PerformanceReport', id);
  if (!hasRole(ctx.viewer, 'read')) throw forbidden('your token has no read role');
  return report;
}

/** The client approves (final) or disputes (with a reason) a published report. */
export async function reviewReport(
  ctx: PerformanceContext,
  id: string,
  decision: { approve: true } | { approve: false; reason: string },
): Promise<PerformanceReportRow> {
  const report = authorizeReport(ctx, await ctx.db.getRepository(PerformanceReportRow).findOneBy({ id }), id);
  if (report.clientId !== ctx.viewer.organisationId) throw forbidden('only the client organisation of the contract reviews its reports');
  if (!hasRole(ctx.viewer, 'write')) throw forbidden('reviewing a report needs a token with the write role');
  if (!decision.approve && (!decision.reason?.trim() || decision.reason.length > 5000)) {
    throw badInput({ field: 'reason', message: 'a dispute needs a reason of 1 to 5,000 characters' });
  }
  if (report.status !== 'PUBLISHED') throw conflict(`the report is ${report.status}; only a PUBLISHED report can be reviewed`);
  const changes = decision.approve
    ? { status: 'APPROVED' as const, reviewedAt: new Date(), reviewedBy: ctx.viewer.subject }
    : { status: 'DISPUTED' as const, reviewedAt: new Date(), reviewedBy: ctx.viewer.subject, disputeReason: decision.reason.trim() };
  const res = await ctx.db.getRepository(PerformanceReportRow).update({ id, status: 'PUBLISHED' }, changes);
  if (res.affected === 0) throw conflict('the report was reviewed meanwhile; reload it');
  return Object.assign(report, changes);
}

/** How the month's actuals now differ from those the report was computed from. */
export async function dataDifferences(db: DataSource, report: PerformanceReportRow): Promise<DataDifference[]> {
  const content = report.content as ReportContent;
  const range = { from: Date.parse(content.from) / 1000, to: Date.parse(content.to) / 1000 };
  const queueIds = content.queues.map((q) => q.queueId);
  const sums = await monthlySums(db, queueIds, range);
  const differences: DataDifference[] = [];
  for (const queueId of queueIds) {
    const published = content.fingerprint[queueId] ?? {};
    const row = sums.get(queueId);
    const current = row ? fingerprintOf(row.sums, row.intervals) : {};
    for (const field of ['intervals', ...FINGERPRINT_FIELDS]) {
      const before = published[field] ?? 0;
      const now = current[field] ?? 0;
      if (before !== now) differences.push({ queueId, field, published: before, current: now });
    }
  }
  return differences;
}
