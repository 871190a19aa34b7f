import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '../platform/database';
import { badInput, conflict, Problems } from '../platform/errors';
import { checkLocalDate, checkText } from '../platform/validate';
import { Bound, BOUNDS, TEXT_LIMITS } from '../metrics/bounds';
import { nextBucketStart, zonedToEpoch } from '../metrics/calendar';
import { CATALOGUE, isMetricKey, MetricDefinition } from '../metrics/catalogue';
import { RawSums } from '../metrics/kpi';
import type { ContractFacts } from '../clients/contracts';
import { authorize } from './access';
import { BucketSums, Queryable, sumByBucket } from './aggregate';
import { ComplianceResult, complianceArgs, computeCompliance, NO_OWNERS } from './compliance';
import type { PerformanceContext } from './context';
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

type Range = { from: number; to: number };

/** The month's range in the zone, or null with the problem added: YYYY-MM within the hub's window. */
function monthRange(problems: Problems, month: string, timeZone: string): Range | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) {
    problems.add('month', 'must be a month YYYY-MM');
    return null;
  }
  const before = problems.empty;
  checkLocalDate(problems, 'month', `${month}-01`);
  if (before && !problems.empty) return null;
  const from = zonedToEpoch(Number(m[1]), Number(m[2]), 1, 0, 0, timeZone);
  return { from, to: nextBucketStart(from, 'MONTH', timeZone) };
}

function fingerprintOf(sums: RawSums, intervals: number): Record<string, number> {
  const out: Record<string, number> = { intervals };
  for (const f of FINGERPRINT_FIELDS) out[f] = Math.round(Number(sums[f]) * 1000) / 1000;
  return out;
}

async function monthlySums(db: Queryable, queueIds: string[], range: Range): Promise<Map<string, BucketSums>> {
  const rows = await sumByBucket(db, queueIds, [range.from], range, { perQueue: true });
  return new Map(rows.map((r) => [r.queueId!, r]));
}

/**
 * The compliance of the targets whose latest definition another subgraph measures (surveys,
 * complaints, quality), asked of those subgraphs with the caller's token before the report's
 * transaction opens, so no database transaction waits on another service.
 */
async function externalCompliance(ctx: PerformanceContext, facts: ContractFacts, range: Range): Promise<Map<string, ComplianceResult>> {
  const owned = facts.slaTargets.filter((t) => {
    const latest = t.history[t.history.length - 1];
    return latest && isMetricKey(latest.metric) && CATALOGUE[latest.metric].measuredBy !== 'performance';
  });
  const window = { from: new Date(range.from * 1000), to: new Date(range.to * 1000) };
  const results = await Promise.all(owned.map((t) => computeCompliance(ctx.db, complianceArgs(facts, t.history, window), ctx.figures ?? NO_OWNERS)));
  return new Map(owned.map((t, i) => [t.id, results[i]]));
}

async function buildContent(db: Queryable, facts: ContractFacts, month: string, range: Range, external: Map<string, ComplianceResult>): Promise<ReportContent> {
  const timeZone = facts.queues[0]?.timeZone ?? 'UTC';
  const queueIds = facts.queues.map((q) => q.id);
  const sums = await monthlySums(db, queueIds, range);
  storedDataProblem(month, sums);
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
    const result = external.get(target.id) ?? (await computeCompliance(db, complianceArgs(facts, target.history, { from: new Date(range.from * 1000), to: new Date(range.to * 1000) })));
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

// A count or a duration summed over n intervals lies within n times its bound per interval.
const SUMMED_BOUNDS: Record<(typeof FINGERPRINT_FIELDS)[number], Bound> = {
  offered: BOUNDS.contactsPerInterval,
  answered: BOUNDS.contactsPerInterval,
  abandoned: BOUNDS.contactsPerInterval,
  answeredWaitSeconds: BOUNDS.secondsPerInterval,
  abandonedWaitSeconds: BOUNDS.secondsPerInterval,
  talkSeconds: BOUNDS.secondsPerInterval,
  holdSeconds: BOUNDS.secondsPerInterval,
  wrapSeconds: BOUNDS.secondsPerInterval,
};

/**
 * Actuals stored before the bounds were enforced may hold absurd numbers (1e308 seconds); a
 * report over them would freeze figures no reader can use. Refused as CONFLICT, naming the
 * queue and field, so the centre re-uploads those intervals and publishes again.
 */
function storedDataProblem(month: string, sums: Map<string, BucketSums>): void {
  for (const [queueId, row] of sums) {
    for (const field of FINGERPRINT_FIELDS) {
      const value = Number(row.sums[field]);
      const max = SUMMED_BOUNDS[field].max * row.intervals;
      if (!Number.isFinite(value) || value > max) {
        throw conflict(
          `the ${month} report cannot be computed: the stored actuals of queue ${queueId} add up to ${field} = ${value} over ${row.intervals} intervals, ` +
            `beyond ${SUMMED_BOUNDS[field].max} ${SUMMED_BOUNDS[field].unit} an interval; re-upload those intervals, then publish`,
        );
      }
    }
  }
}

/** The first number of a report's content that no reader could be given (NaN, ±Infinity), by path. */
function unrepresentable(value: unknown, path: string): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unrepresentable(value[i], `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const found = unrepresentable(v, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/**
 * The centre publishes the month's report: the figures are computed and frozen. Everything the
 * mutation answers is computed inside its transaction (the content, and that nothing changed
 * since, so its data differences are none); any failure rolls back, so an error answer never
 * leaves a report behind.
 */
export async function publishReport(ctx: PerformanceContext, contractId: string, month: string, commentary: string | null): Promise<PerformanceReportRow> {
  const facts = await authorize(ctx, 'contract.publish', contractId);
  const problems = new Problems();
  checkText(problems, 'commentary', commentary, TEXT_LIMITS.note);
  const timeZone = facts.queues[0]?.timeZone ?? 'UTC';
  const range = monthRange(problems, month, timeZone);
  problems.throwIfAny();
  if (range!.to * 1000 > ctx.now.getTime()) throw badInput({ field: 'month', message: `${month} has not ended yet; publish its report once it has` });
  const external = await externalCompliance(ctx, facts, range!);
  let published: PerformanceReportRow;
  try {
    published = await ctx.db.transaction(async (tx) => {
      const latest = await tx.findOne(PerformanceReportRow, { where: { contractId, month }, order: { version: 'DESC' } });
      if (latest?.status === 'APPROVED') throw conflict(`the ${month} report was approved and is final`);
      if (latest?.status === 'PUBLISHED') throw conflict(`the ${month} report awaits the client's review; it can be published again only after a dispute`);
      const content = await buildContent(tx, facts, month, range!, external);
      const bad = unrepresentable(content, 'content');
      if (bad) throw conflict(`the ${month} report cannot be computed from the stored actuals (${bad} is not a finite number); re-upload the month's intervals, then publish`);
      const row = tx.create(PerformanceReportRow, {
        id: randomUUID(),
        contractId,
        clientId: facts.clientId,
        centreId: facts.centreId,
        month,
        version: (latest?.version ?? 0) + 1,
        status: 'PUBLISHED',
        commentary: commentary?.trim() || null,
        publishedAt: ctx.now,
        publishedBy: ctx.viewer.subject,
        reviewedAt: null,
        reviewedBy: null,
        disputeReason: null,
        content,
      });
      if (latest) {
        const res = await tx.update(PerformanceReportRow, { id: latest.id, status: 'DISPUTED' }, { status: 'SUPERSEDED' });
        if (res.affected === 0) throw conflict(`the ${month} report changed meanwhile; reload and retry`);
      }
      await tx.insert(PerformanceReportRow, row);
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`another ${month} report was published meanwhile; reload and retry`);
    throw error;
  }
  // Computed from the same reads as the content, in the same transaction: nothing differs.
  ctx.loaders.reportDifferences.prime(published, []);
  return published;
}

/** One report, for its client and centre. */
export async function readReport(ctx: PerformanceContext, id: string): Promise<PerformanceReportRow> {
  const row = await ctx.db.getRepository(PerformanceReportRow).findOneBy({ id });
  return authorize(ctx, 'report.read', { id, row });
}

/** A contract's reports, newest month first, every version. */
export async function contractReports(ctx: PerformanceContext, contractId: string): Promise<PerformanceReportRow[]> {
  await authorize(ctx, 'contract.read', contractId);
  return ctx.loaders.reportsByContract.load(contractId);
}

/** The client approves (final) or disputes (with a reason) a published report. */
export async function reviewReport(
  ctx: PerformanceContext,
  id: string,
  decision: { approve: true } | { approve: false; reason: string },
): Promise<PerformanceReportRow> {
  const report = await authorize(ctx, 'report.review', { id, row: await ctx.db.getRepository(PerformanceReportRow).findOneBy({ id }) });
  if (!decision.approve) {
    const problems = new Problems();
    if (!decision.reason?.trim()) problems.add('reason', `a dispute needs a reason of 1 to ${TEXT_LIMITS.description} characters`);
    checkText(problems, 'reason', decision.reason, TEXT_LIMITS.description);
    problems.throwIfAny();
  }
  if (report.status !== 'PUBLISHED') throw conflict(`the report is ${report.status}; only a PUBLISHED report can be reviewed`);
  const changes = decision.approve
    ? { status: 'APPROVED' as const, reviewedAt: ctx.now, reviewedBy: ctx.viewer.subject }
    : { status: 'DISPUTED' as const, reviewedAt: ctx.now, reviewedBy: ctx.viewer.subject, disputeReason: decision.reason.trim() };
  const res = await ctx.db.getRepository(PerformanceReportRow).update({ id, status: 'PUBLISHED' }, changes);
  if (res.affected === 0) throw conflict('the report was reviewed meanwhile; reload it');
  return Object.assign(report, changes);
}

/** How the month's actuals now differ from those the report was computed from. */
export async function dataDifferences(db: Queryable, report: PerformanceReportRow): Promise<DataDifference[]> {
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
