import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../platform/database';
import { badInput, conflict, Problems } from '../platform/errors';
import { checkLocalDate } from '../platform/validate';
import { nextBucketStart, zonedToEpoch } from '../metrics/calendar';
import {
  ComplianceFact,
  computeStatement,
  EarnBackFact,
  PricedSegment,
  PriceTerms,
  PricingOverflow,
  ROUNDING_RULE,
  StatementLine,
  StatementResult,
} from '../metrics/pricing';
import type { PricedContractFacts, TargetFacts } from '../clients/contracts';
import { authorize } from './access';
import { insertStatement, issuedStatement, latestInvoice, latestStatement, supersedeStatement } from './billing-storage';
import type { BillingContext, BillingReadContext } from './context';
import { StatementRow } from './entities/statement';

/**
 * Monthly statements (issue 14): for a contract and a month, the billable quantities the hub
 * holds (handled contacts and minutes from interval actuals, productive hours from staffed time,
 * the forecast in force for volume bands, SLA compliance for credits and bonuses), asked of the
 * other subgraphs with the caller's token, priced by metrics/pricing.ts under the terms in force
 * in each part of the month. A live statement is computed on every read; an issued one is frozen.
 */

export interface StatementContent extends StatementResult {
  month: string;
  timeZone: string;
  currency: string;
  /** The month, [from, to), as ISO instants. */
  from: string;
  to: string;
  computedAt: string;
  rounding: string;
}

export type StatementStatusView = 'LIVE' | 'ISSUED' | 'SUPERSEDED';

/** A statement as the API shows it: live (computed now, no id) or issued (a stored version). */
export interface StatementView {
  id: string | null;
  contractId: string;
  clientId: string;
  centreId: string;
  month: string;
  version: number | null;
  status: StatementStatusView;
  issuedAt: Date | null;
  issuedBy: string | null;
  content: StatementContent;
}

export interface StatementDifference {
  code: string;
  /** The start of the line's period (a line split mid-month has two). */
  from: string;
  field: 'quantity' | 'rateMinor' | 'amountMinor' | 'line';
  issued: number | null;
  current: number | null;
}

export interface MonthRange {
  from: number;
  to: number;
  timeZone: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A month YYYY-MM within the hub's window. */
export function checkMonth(problems: Problems, month: string): void {
  if (!MONTH.test(month)) {
    problems.add('month', 'must be a month YYYY-MM');
    return;
  }
  checkLocalDate(problems, 'month', `${month}-01`);
}

/** The month `delta` months after `month` (YYYY-MM). */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return d.toISOString().slice(0, 7);
}

/** A contract's months follow the time zone of its first queue, as its monthly reports do. */
export function monthRange(month: string, facts: Pick<PricedContractFacts, 'queues'>): MonthRange {
  const timeZone = facts.queues[0]?.timeZone ?? 'UTC';
  const [y, m] = month.split('-').map(Number);
  const from = zonedToEpoch(y, m, 1, 0, 0, timeZone);
  return { from, to: nextBucketStart(from, 'MONTH', timeZone), timeZone };
}

function epoch(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

function isoOf(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

/** The parts of the month under each version of the price terms (nothing while the contract was a draft). */
export function segmentsOf(facts: PricedContractFacts, range: MonthRange): Array<{ from: number; to: number; terms: PriceTerms; revision: number }> {
  return facts.priceTermsHistory
    .map((v) => ({
      from: Math.max(range.from, epoch(v.effectiveFrom)),
      to: Math.min(range.to, v.effectiveTo ? epoch(v.effectiveTo) : range.to),
      terms: v.terms as PriceTerms,
      revision: v.revision,
    }))
    .filter((s) => s.to > s.from);
}

function targetLabel(t: TargetFacts): string {
  const v = t.history[t.history.length - 1];
  if (!v) return t.id;
  const parts = [v.metric];
  if (v.thresholdSeconds != null) parts.push(`${v.thresholdSeconds}s`);
  if (v.variant && v.variant !== 'CANONICAL') parts.push(v.variant);
  return `${t.id} (${parts.join(' ')})`;
}

function representation(t: TargetFacts) {
  return { id: t.id, contractId: t.contractId, history: t.history };
}

/** Targets whose compliance the month's money depends on: those with a service credit, and those a bonus rewards. */
function pricedTargets(facts: PricedContractFacts, finalTerms: PriceTerms | null): TargetFacts[] {
  const rewarded = new Set((finalTerms?.bonuses ?? []).map((b) => b.slaTargetId));
  return facts.slaTargets.filter((t) => t.history.length > 0 && (rewarded.has(t.id) || t.history.some((v) => v.creditPercentPerPoint != null && v.creditCapPercent != null)));
}

/**
 * Whether a target earned its credit back over the months since: every month had a judged
 * window, and no judged window was missed.
 */
export function earnedBack(windows: Array<{ start: string; met: boolean | null }>, months: Array<{ month: string; from: number; to: number }>): { earned: boolean; reason: string } {
  const missed: string[] = [];
  const unjudged: string[] = [];
  for (const r of months) {
    const inMonth = windows.filter((w) => epoch(w.start) >= r.from && epoch(w.start) < r.to && w.met !== null);
    if (inMonth.length === 0) unjudged.push(r.month);
    const misses = inMonth.filter((w) => w.met === false).length;
    if (misses > 0) missed.push(`${misses} window(s) in ${r.month}`);
  }
  if (missed.length > 0) return { earned: false, reason: `the target missed ${missed.join(' and ')}` };
  if (unjudged.length > 0) return { earned: false, reason: `no window of the target was judged in ${unjudged.join(', ')}` };
  return { earned: true, reason: `the target met every judged window of ${months.map((m) => m.month).join(', ')}` };
}

/**
 * Whether each credit on the statement issued `n` months before was earned back: its target met
 * every judged window of every month since (and each month had one judged).
 */
async function earnBackOf(ctx: BillingContext, facts: PricedContractFacts, month: string, range: MonthRange, n: number, notes: string[]): Promise<EarnBackFact | null> {
  const earlier = shiftMonth(month, -n);
  const stored = await issuedStatement(ctx.db.manager, facts.id, earlier);
  if (!stored) {
    notes.push(`earn-back after ${n} month(s): no statement was issued for ${earlier}, so no credit of it can be earned back`);
    return null;
  }
  const content = stored.content as StatementContent;
  const credits = content.lines.filter((l) => l.kind === 'SERVICE_CREDIT' && l.slaTargetId && l.amountMinor < 0);
  if (credits.length === 0) return null;
  const ranges = Array.from({ length: n }, (_, i) => shiftMonth(earlier, i + 1)).map((m) => ({ month: m, ...monthRange(m, facts) }));
  const since = ranges[0].from;
  const results = await Promise.all(
    credits.map(async (line) => {
      const target = facts.slaTargets.find((t) => t.id === line.slaTargetId);
      const label = target ? targetLabel(target) : line.slaTargetId!;
      const amountMinor = -line.amountMinor;
      if (!target || target.history.length === 0) return { slaTargetId: line.slaTargetId!, label, amountMinor, earned: false, reason: 'the target is no longer part of the contract' };
      const compliance = await ctx.performance.compliance.load({ target: representation(target), from: since, to: range.to });
      return { slaTargetId: line.slaTargetId!, label, amountMinor, ...earnedBack(compliance.windows, ranges) };
    }),
  );
  return { month: earlier, netDeductedMinor: Math.max(0, -content.creditsMinor), credits: results };
}

/**
 * The statement of a contract's month as the hub's data now stands: every peer asked with the
 * caller's token, in as few requests as the month has parts (each part's queues together).
 */
export async function computeContent(ctx: BillingContext, facts: PricedContractFacts, month: string, range: MonthRange): Promise<StatementContent> {
  const queueIds = facts.queues.map((q) => q.id);
  const segments = segmentsOf(facts, range);
  const priced: PricedSegment[] = await Promise.all(
    segments.map(async (seg) => {
      const period = { from: seg.from, to: seg.to };
      const banded = [...new Set(seg.terms.components.filter((c) => c.bands.length > 0).flatMap((c) => (c.queueId ? [c.queueId] : queueIds)))];
      const [sums, forecasts] = await Promise.all([
        Promise.all(queueIds.map((queueId) => ctx.performance.periodSums.load({ queueId, ...period }))),
        Promise.all(banded.map((queueId) => ctx.forecasts.inForce.load({ queueId, ...period }))),
      ]);
      return {
        ...period,
        terms: seg.terms,
        termsRevision: seg.revision,
        queues: Object.fromEntries(
          queueIds.map((q, i) => [
            q,
            { handledContacts: sums[i].answered, handledSeconds: sums[i].talkSeconds + sums[i].holdSeconds + sums[i].wrapSeconds, staffedSeconds: sums[i].staffedSeconds, intervals: sums[i].intervals },
          ]),
        ),
        forecast: Object.fromEntries(banded.map((q, i) => [q, forecasts[i].covered ? { contacts: forecasts[i].contacts, minutes: forecasts[i].minutes } : null])),
      };
    }),
  );
  const finalTerms = segments[segments.length - 1]?.terms ?? null;
  const notes: string[] = [];
  const targets = pricedTargets(facts, finalTerms);
  const compliance: ComplianceFact[] = await Promise.all(
    targets.map(async (t) => {
      const c = await ctx.performance.compliance.load({ target: representation(t), from: range.from, to: range.to });
      if (!c.measurable) notes.push(`SLA target ${targetLabel(t)}: ${c.note ?? 'not measured from interval actuals'}; no credit or bonus computed`);
      return { slaTargetId: t.id, label: targetLabel(t), measurable: c.measurable, creditPercent: c.creditPercent, windowsJudged: c.windowsJudged, shareMet: c.shareMet };
    }),
  );
  const earnBack = finalTerms?.earnBackMonths ? await earnBackOf(ctx, facts, month, range, finalTerms.earnBackMonths, notes) : null;
  if (range.to * 1000 > ctx.now.getTime()) notes.unshift(`${month} has not ended: the quantities are those reported so far`);
  let result: StatementResult;
  try {
    result = computeStatement({ month, monthFrom: range.from, monthTo: range.to, segments: priced, compliance, earnBack });
  } catch (error) {
    if (error instanceof PricingOverflow) throw conflict(`the ${month} statement cannot be priced: ${error.message}; check the price terms and the stored actuals`);
    throw error;
  }
  return {
    ...result,
    notes: [...notes, ...result.notes],
    month,
    timeZone: range.timeZone,
    currency: facts.currency,
    from: isoOf(range.from),
    to: isoOf(range.to),
    computedAt: ctx.now.toISOString(),
    rounding: ROUNDING_RULE,
  };
}

function liveView(facts: PricedContractFacts, month: string, content: StatementContent): StatementView {
  return { id: null, contractId: facts.id, clientId: facts.clientId, centreId: facts.centreId, month, version: null, status: 'LIVE', issuedAt: null, issuedBy: null, content };
}

export function storedView(row: StatementRow): StatementView {
  return {
    id: row.id,
    contractId: row.contractId,
    clientId: row.clientId,
    centreId: row.centreId,
    month: row.month,
    version: row.version,
    status: row.status,
    issuedAt: row.issuedAt,
    issuedBy: row.issuedBy,
    content: row.content as StatementContent,
  };
}

/** The month checked and its range: a month that has begun (or, `ended`, one that is over). */
export function checkedMonth(ctx: BillingContext, facts: PricedContractFacts, month: string, ended: boolean): MonthRange {
  const range = monthRange(month, facts);
  if (range.from * 1000 > ctx.now.getTime()) throw badInput({ field: 'month', message: `${month} has not begun` });
  if (ended && range.to * 1000 > ctx.now.getTime()) throw badInput({ field: 'month', message: `${month} has not ended yet; its statement is issued once it has (read it live meanwhile)` });
  return range;
}

function monthProblems(month: string): void {
  const problems = new Problems();
  checkMonth(problems, month);
  problems.throwIfAny();
}

/** The statement of a month as the data now stands, for the contract's client and centre. */
export async function liveStatement(ctx: BillingContext, contractId: string, month: string): Promise<StatementView> {
  monthProblems(month);
  const facts = await authorize(ctx, 'contract.read', contractId);
  const range = checkedMonth(ctx, facts, month, false);
  return liveView(facts, month, await computeContent(ctx, facts, month, range));
}

/** The figures of a statement, what "the same statement" means: every line's quantity, rate and amount, and the totals. */
export function figuresOf(content: Pick<StatementContent, 'lines' | 'totalMinor'>): string {
  const lines = content.lines.map((l: StatementLine) => [l.code, l.kind, l.queueId, l.slaTargetId, l.from, l.to, l.quantityScaled, l.unit, l.rateMinor, l.amountMinor]);
  return JSON.stringify({ lines, total: content.totalMinor });
}

/**
 * The statement issued for the month, inside the caller's transaction: the current one when its
 * figures are those just computed, else a new version superseding it. A statement that an
 * invoice awaiting review or approved was checked against is never replaced.
 */
export async function issueWithin(tx: EntityManager, ctx: BillingContext, facts: PricedContractFacts, month: string, content: StatementContent): Promise<StatementRow> {
  const latest = await latestStatement(tx, facts.id, month);
  if (latest?.status === 'ISSUED' && figuresOf(latest.content as StatementContent) === figuresOf(content)) return latest;
  const invoice = await latestInvoice(tx, facts.id, month);
  if (invoice?.status === 'APPROVED') throw conflict(`the ${month} invoice was approved against statement version ${latest?.version}: that statement is final; later changes show as changed on it`);
  if (invoice?.status === 'SUBMITTED') throw conflict(`the ${month} invoice awaits the client's review against statement version ${latest?.version}; a new statement is issued only after a dispute`);
  const row = Object.assign(new StatementRow(), {
    id: randomUUID(),
    contractId: facts.id,
    clientId: facts.clientId,
    centreId: facts.centreId,
    month,
    version: (latest?.version ?? 0) + 1,
    status: 'ISSUED' as const,
    currency: facts.currency,
    issuedAt: ctx.now,
    issuedBy: ctx.viewer.subject,
    content,
  });
  if (latest?.status === 'ISSUED' && !(await supersedeStatement(tx, latest.id))) throw conflict(`the ${month} statement changed meanwhile; reload and retry`);
  await insertStatement(tx, row);
  return row;
}

/**
 * Either party issues the statement of a month that has ended: computed now and frozen. Issuing
 * again returns the same statement while the figures are unchanged.
 */
export async function issueStatement(ctx: BillingContext, contractId: string, month: string): Promise<StatementView> {
  monthProblems(month);
  const facts = await authorize(ctx, 'statement.issue', contractId);
  const range = checkedMonth(ctx, facts, month, true);
  const content = await computeContent(ctx, facts, month, range);
  try {
    return storedView(await ctx.db.transaction((tx) => issueWithin(tx, ctx, facts, month, content)));
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`another ${month} statement was issued meanwhile; reload and retry`);
    throw error;
  }
}

/** One issued statement, for its client and centre. */
export async function readStatement(ctx: BillingReadContext, id: string): Promise<StatementView> {
  return storedView(await authorize(ctx, 'statement.read', { id, row: await ctx.loaders.statement.load(id) }));
}

/** A contract's issued statements, every version, newest month first. */
export async function contractStatements(ctx: BillingReadContext, contractId: string): Promise<StatementView[]> {
  await authorize(ctx, 'contract.read', contractId);
  return (await ctx.loaders.statementsByContract.load(contractId)).map(storedView);
}

/** How the live statement of an issued statement's month differs from it, line by line. */
export function differences(issued: StatementContent, current: StatementContent): StatementDifference[] {
  const key = (l: StatementLine) => `${l.code}|${l.from}`;
  const now = new Map(current.lines.map((l) => [key(l), l]));
  const before = new Map(issued.lines.map((l) => [key(l), l]));
  const out: StatementDifference[] = [];
  for (const l of issued.lines) {
    const c = now.get(key(l));
    const from = isoOf(l.from);
    if (!c) {
      out.push({ code: l.code, from, field: 'line', issued: l.amountMinor, current: null });
      continue;
    }
    if (c.quantityScaled !== l.quantityScaled || c.unit !== l.unit) out.push({ code: l.code, from, field: 'quantity', issued: l.quantity, current: c.quantity });
    if (c.rateMinor !== l.rateMinor) out.push({ code: l.code, from, field: 'rateMinor', issued: l.rateMinor, current: c.rateMinor });
    if (c.amountMinor !== l.amountMinor) out.push({ code: l.code, from, field: 'amountMinor', issued: l.amountMinor, current: c.amountMinor });
  }
  for (const c of current.lines) if (!before.has(key(c))) out.push({ code: c.code, from: isoOf(c.from), field: 'line', issued: null, current: c.amountMinor });
  return out;
}

/**
 * The differences between an issued statement and its month as the data now stands (empty while
 * nothing changed), computed once a request per statement. The issued statement is never
 * rewritten: a change to the actuals after approval shows here.
 */
export function currentDifferences(ctx: BillingReadContext, view: StatementView): Promise<StatementDifference[]> {
  if (view.status === 'LIVE' || view.id === null) return Promise.resolve([]);
  const cached = ctx.loaders.differences.get(view.id);
  if (cached) return cached;
  const work = (async () => {
    const facts = await authorize(ctx, 'contract.read', view.contractId);
    const range = monthRange(view.month, facts);
    return differences(view.content, await computeContent(ctx, facts, view.month, range));
  })();
  ctx.loaders.differences.set(view.id, work);
  return work;
}
