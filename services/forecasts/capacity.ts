import { Between, In } from 'typeorm';
import type { ContractFacts } from '../clients/contracts';
import { BOUNDS, LIST_LIMITS } from '../metrics/bounds';
import { localDateLabel, nextBucketStart, zonedToEpoch } from '../metrics/calendar';
import { badInput, Problems } from '../platform/errors';
import { dateParameter, upsertSql } from '../platform/database';
import { checkInstant, checkList, checkLocalDate, checkNumber } from '../platform/validate';
import { authorize } from './access';
import type { ForecastsContext } from './context';
import { CAPACITY_COLUMNS, CapacityPlanRow } from './entities/capacity-plan';
import { inForce } from './forecasts';
import { CappedProblems } from './problems';

/**
 * Capacity (ISO 18295-1 7.3): per queue and local ISO week, the productive hours the forecast in
 * force requires (the sum of its intervals' required agents × interval length), the hours the
 * centre committed and scheduled, and the hours actually staffed (performance's staffedSeconds),
 * side by side with the gaps. A week is Monday to Monday in the queue's time zone.
 */
export const MAX_CAPACITY_WEEKS = 27;
const WEEK_LABEL = /^(\d{4})-W(\d{2})$/;

/** Local Monday midnight of an ISO week label in a time zone, or null when the label is not a week. */
export function weekStart(label: string, timeZone: string): number | null {
  const m = WEEK_LABEL.exec(label);
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  // ISO 8601: week 1 holds 4 January; weeks start on Monday.
  const jan4 = Date.UTC(year, 0, 4);
  const monday1 = jan4 - (((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000);
  const monday = new Date(monday1 + (week - 1) * 7 * 86_400_000);
  if (week < 1 || week > 53) return null;
  const start = zonedToEpoch(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate(), 0, 0, timeZone);
  return localDateLabel(start, 'WEEK', timeZone) === label ? start : null;
}

export interface CapacityWeekInput {
  week: string;
  committedHours?: number | null;
  scheduledHours?: number | null;
}

/** The centre serving a queue states its committed and scheduled productive hours per week; a week sent again replaces it. */
export async function setCapacityPlan(ctx: ForecastsContext, queueId: string, weeks: CapacityWeekInput[]): Promise<CapacityPlanRow[]> {
  const facts = await authorize(ctx, 'planCapacity', { queue: queueId });
  const problems = new CappedProblems();
  if (weeks.length === 0) problems.add('weeks', 'name at least one week');
  checkList(problems, 'weeks', weeks, LIST_LIMITS.capacityWeeks, 'weeks');
  problems.throwIfAny();
  const starts = new Map<number, number>();
  const rows = weeks.map((w, i) => {
    const field = `weeks[${i}].week`;
    const before = problems.found.length;
    if (!WEEK_LABEL.test(w.week)) problems.add(field, `"${w.week}" is not an ISO week like 2026-W06`);
    else checkLocalDate(problems, field, w.week);
    const start = problems.found.length === before ? weekStart(w.week, facts.timeZone) : null;
    if (problems.found.length === before) {
      if (start === null) problems.add(field, `"${w.week}" is not an ISO week like 2026-W06`);
      else if (starts.has(start)) problems.add(field, `${w.week} is the same week as weeks[${starts.get(start)}]`);
      else starts.set(start, i);
    }
    checkNumber(problems, `weeks[${i}].committedHours`, w.committedHours, BOUNDS.hoursPerWeek);
    checkNumber(problems, `weeks[${i}].scheduledHours`, w.scheduledHours, BOUNDS.hoursPerWeek);
    return Object.assign(new CapacityPlanRow(), {
      queueId, weekStartEpoch: start ?? 0, week: w.week, contractId: facts.contractId, centreId: facts.centreId,
      committedHours: w.committedHours ?? null, scheduledHours: w.scheduledHours ?? null, updatedAt: ctx.now, updatedBy: ctx.viewer.subject,
    });
  });
  problems.throwIfAny();
  const at = dateParameter(ctx.db, ctx.now);
  await ctx.db.transaction(async (tx) => {
    await tx.query(
      upsertSql(ctx.db, 'capacity_plans', CAPACITY_COLUMNS, ['queue_id', 'week_start_epoch'], rows.length),
      rows.flatMap((r) => [r.queueId, r.weekStartEpoch, r.week, r.contractId, r.centreId, r.committedHours, r.scheduledHours, at, r.updatedBy]),
    );
  });
  return rows;
}

export interface CapacityWeek {
  queueId: string;
  centreId: string;
  week: string;
  start: Date;
  end: Date;
  requiredHours: number | null;
  committedHours: number | null;
  scheduledHours: number | null;
  actualHours: number | null;
  commitmentGapHours: number | null;
  scheduleGapHours: number | null;
  actualGapHours: number | null;
  shareOfGroup: number | null;
}

const gap = (value: number | null, required: number | null) => (value === null || required === null ? null : value - required);

/** The range of a capacity request: both ends in the instant window, at most MAX_CAPACITY_WEEKS. */
function capacityRange(from: Date, to: Date): { from: number; to: number } {
  const problems = new Problems();
  checkInstant(problems, 'from', from);
  checkInstant(problems, 'to', to);
  problems.throwIfAny();
  const fromEpoch = Math.floor(from.getTime() / 1000);
  const toEpoch = Math.floor(to.getTime() / 1000);
  if (!(toEpoch > fromEpoch)) throw badInput({ field: 'to', message: 'must be after from' });
  if (toEpoch - fromEpoch > MAX_CAPACITY_WEEKS * 7 * 86_400) throw badInput({ field: 'to', message: `capacity covers at most ${MAX_CAPACITY_WEEKS} weeks per request` });
  return { from: fromEpoch, to: toEpoch };
}

/** Required, committed, scheduled and actual hours per queue and week of a contract, with the gaps (positive: more than required). */
export async function contractCapacity(ctx: ForecastsContext, contractId: string, from: Date, to: Date): Promise<CapacityWeek[]> {
  const facts = await authorize(ctx, 'readContract', { contract: contractId });
  return capacityOf(ctx, facts, facts.queues, capacityRange(from, to));
}

/** Capacity of some queues of a contract the caller was authorised to read. */
async function capacityOf(ctx: ForecastsContext, facts: ContractFacts, queues: ContractFacts['queues'], range: { from: number; to: number }): Promise<CapacityWeek[]> {
  const { from: fromEpoch, to: toEpoch } = range;
  if (queues.length === 0) return [];
  const weeksOf = new Map(
    queues.map((queue) => {
      const tz = queue.timeZone;
      let start = weekStart(localDateLabel(fromEpoch, 'WEEK', tz), tz)!;
      const weeks: Array<{ week: string; start: number; end: number }> = [];
      while (start < toEpoch) {
        const end = nextBucketStart(start, 'WEEK', tz);
        weeks.push({ week: localDateLabel(start, 'WEEK', tz), start, end });
        start = end;
      }
      return [queue.id, weeks];
    }),
  );
  const allWeeks = [...weeksOf.values()].flat();
  const planRows: CapacityPlanRow[] = await ctx.db.getRepository(CapacityPlanRow).find({
    where: {
      contractId: facts.id,
      queueId: In(queues.map((q) => q.id)),
      weekStartEpoch: Between(Math.min(...allWeeks.map((w) => w.start)), Math.max(...allWeeks.map((w) => w.start))),
    },
  });
  const plans = new Map(planRows.map((p) => [`${p.queueId}|${p.weekStartEpoch}`, p]));
  const out: CapacityWeek[] = [];
  await Promise.all(
    queues.map(async (queue) => {
      const weeks = weeksOf.get(queue.id)!;
      const span = { from: weeks[0].start, to: weeks[weeks.length - 1].end };
      const [intervals, staffed] = await Promise.all([
        inForce(ctx, { id: queue.id, contractId: facts.id, centreId: facts.centreId }, span, null),
        ctx.loaders.performance.weeklyStaffed.load({ queueId: queue.id, from: span.from, to: span.to }),
      ]);
      for (const w of weeks) {
        const inWeek = intervals.filter((i) => i.start.getTime() / 1000 >= w.start && i.start.getTime() / 1000 < w.end);
        const required = inWeek.length === 0 || inWeek.some((i) => i.staffing === null) ? null : inWeek.reduce((s, i) => s + i.staffing!.requiredProductiveHours, 0);
        const share = inWeek.find((i) => i.shareOfGroup !== null)?.shareOfGroup ?? null;
        const plan = plans.get(`${queue.id}|${w.start}`);
        const actualSeconds = staffed.get(w.start);
        const actual = actualSeconds === undefined || actualSeconds === null ? null : actualSeconds / 3600;
        out.push({
          queueId: queue.id,
          centreId: facts.centreId,
          week: w.week,
          start: new Date(w.start * 1000),
          end: new Date(w.end * 1000),
          requiredHours: required,
          committedHours: plan?.committedHours ?? null,
          scheduledHours: plan?.scheduledHours ?? null,
          actualHours: actual,
          commitmentGapHours: gap(plan?.committedHours ?? null, required),
          scheduleGapHours: gap(plan?.scheduledHours ?? null, required),
          actualGapHours: gap(actual, required),
          shareOfGroup: share,
        });
      }
    }),
  );
  return out.sort((a, b) => a.queueId.localeCompare(b.queueId) || a.start.getTime() - b.start.getTime());
}

/**
 * The client's view of a volume share group: each member centre's capacity per week side by side
 * (each from its own contract's capacity, so under the share-scaled requirement), by week then
 * centre. Only the group's client may ask (NOT_FOUND for anybody else); authorised once, for the
 * group: its member contracts are the client's, read as data.
 */
export async function groupCapacity(ctx: ForecastsContext, groupId: string, from: Date, to: Date): Promise<CapacityWeek[]> {
  const group = await authorize(ctx, 'readGroup', { group: groupId });
  const range = capacityRange(from, to);
  const shareOf = new Map(group.members.map((m) => [m.queueId, m.share]));
  const contracts = await Promise.all([...new Set(group.members.map((m) => m.contractId))].map((id) => ctx.loaders.contracts.contract.load(id)));
  const perContract = await Promise.all(
    contracts.filter((c): c is ContractFacts => c !== null).map((c) => capacityOf(ctx, c, c.queues.filter((q) => shareOf.has(q.id)), range)),
  );
  return perContract
    .flat()
    .map((w) => ({ ...w, shareOfGroup: shareOf.get(w.queueId)! }))
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.centreId.localeCompare(b.centreId));
}
