import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Ctx, Directive, Field, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LIST_LIMITS } from '../../metrics/bounds';
import { AGENT_PAGE_DEFAULT, agentPerformance } from '../agents';
import { selectsField } from '../../platform/selection';
import { SubgraphContext } from '../../platform/subgraph';
import { Granularity } from '../../metrics/calendar';
import { RawSums } from '../../metrics/kpi';
import { targetCompliance } from '../compliance';
import { performanceContext } from '../context';
import { TARGET_VERSION_FIELDS, TargetVersionFacts } from '../../clients/contracts';
import { PerformanceReportRow } from '../entities/performance-report';
import { checkIntervalSpans } from '../interval-spans';
import { recordIntervals, uploadsFromBatch } from '../intervals';
import type { PerformanceLoaders } from '../loaders';
import { contractReports, publishReport, readReport, ReportContent, reviewReport } from '../reports';
import { contractPerformance, Figure as FigureValue, queuePerformance, SeriesPoint, SeriesResult } from '../series';
import {
  AgentPerformance,
  AttributionEnum,
  ComplianceWindow,
  Contract,
  DataDifference,
  Figure,
  GranularityEnum,
  IntervalBatchScalar,
  IntervalInput,
  IntervalSpanCheck,
  IntervalSums,
  MetricDefinitionInput,
  PerformancePoint,
  PerformanceReport,
  PerformanceSeries,
  Queue,
  RecordIntervalsResult,
  ReportCompliance,
  ReportQueue,
  SlaCompliance,
  SlaTarget,
} from './types';

type Context = SubgraphContext<PerformanceLoaders>;

function toIntervalSums(sums: RawSums): IntervalSums {
  const buckets = (counts: number[]) => counts.map((count, i) => ({ upToSeconds: Number.isFinite(sums.bucketBounds[i]) ? sums.bucketBounds[i] : null, count }));
  return {
    ...sums,
    flowedOut: sums.flowedOut ?? null,
    callbackRequested: sums.callbackRequested ?? null,
    transferred: sums.transferred ?? null,
    resolvedFirstContact: sums.resolvedFirstContact ?? null,
    staffedSeconds: sums.staffedSeconds ?? null,
    availableSeconds: sums.availableSeconds ?? null,
    lengthSeconds: sums.lengthSeconds ?? 0,
    longestWaitSeconds: sums.longestWaitSeconds ?? null,
    answeredWait: buckets(sums.answeredWait),
    abandonedWait: buckets(sums.abandonedWait),
  };
}

function toFigure(f: FigureValue): Figure {
  return { ...f, numerator: f.numerator ?? null, denominator: f.denominator ?? null, definition: { ...f.definition, thresholdSeconds: f.definition.thresholdSeconds ?? null, shortAbandonSeconds: f.definition.shortAbandonSeconds ?? null } };
}

// The loaders answer a series asked many times in one request (the same queue id repeated,
// aliases) with the same points; converted once too, keyed by those points.
const converted = new WeakMap<SeriesPoint[], PerformancePoint[]>();

function toPoints(series: SeriesPoint[]): PerformancePoint[] {
  let points = converted.get(series);
  if (!points) {
    points = series.map((p) => ({ ...p, sums: toIntervalSums(p.sums), figures: p.figures.map(toFigure) }));
    converted.set(series, points);
  }
  return points;
}

function toSeries(series: SeriesResult): PerformanceSeries {
  return { timeZone: series.timeZone, granularity: series.granularity, points: toPoints(series.points) };
}

/** The arguments of every performance series. */
@ArgsType()
class SeriesArgs {
  @Field(() => Date) from!: Date;
  @Field(() => Date) to!: Date;
  @Field(() => GranularityEnum, { defaultValue: 'DAY', description: 'INTERVAL, HOUR, DAY, WEEK or MONTH; HOUR and longer follow the time zone' })
  granularity!: Granularity;
  @Field(() => [MetricDefinitionInput], { nullable: true, description: 'Catalogue definitions to compute; by default service level 20 s, abandonment, ASA, AHT and occupancy' })
  metrics?: MetricDefinitionInput[];
  @Field(() => String, { nullable: true, description: "Buckets in this IANA zone instead of the queue's own" })
  timeZone?: string;
}

@ArgsType()
class AgentSeriesArgs extends SeriesArgs {
  @Field(() => Int, {
    defaultValue: AGENT_PAGE_DEFAULT,
    description: `Agents in this page, 1..${LIST_LIMITS.agentsPerRequest}, in reference order (the query cost counts this many)`,
  })
  first!: number;
  @Field(() => String, { nullable: true, description: 'The last reference of the previous page' }) after?: string | null;
}

@Resolver(() => Queue)
export class QueuePerformanceResolver {
  @FieldResolver(() => PerformanceSeries, {
    nullable: true,
    description: 'Actuals and KPIs of this queue per bucket; every figure carries its definition. Null (with an error) when refused, so the rest of the answer stands',
  })
  async performance(
    @Root() queue: Queue,
    @Ctx() ctx: Context,
    @Args(() => SeriesArgs) { from, to, granularity, metrics, timeZone }: SeriesArgs,
  ): Promise<PerformanceSeries> {
    return toSeries(await queuePerformance(performanceContext(ctx), queue.id, { from, to, granularity, definitions: metrics, timeZone }));
  }

  @FieldResolver(() => [AgentPerformance], {
    nullable: true,
    description:
      'Per agent of this queue, from the interval actuals uploaded with an agentRef: AHT, after-call work, hold and transfer rate by default (any interval metric when named). One page of agents in reference order (agents without an interval in the range are absent); both parties see the same pseudonymous references',
  })
  async agentPerformance(
    @Root() queue: Queue,
    @Ctx() ctx: Context,
    @Args(() => AgentSeriesArgs) { from, to, granularity, metrics, timeZone, first, after }: AgentSeriesArgs,
  ): Promise<AgentPerformance[]> {
    const result = await agentPerformance(performanceContext(ctx), queue.id, { from, to, granularity, definitions: metrics, timeZone, first, after });
    return result.agents.map((a) => ({ agentRef: a.agentRef, timeZone: result.timeZone, granularity: result.granularity, points: toPoints(a.points) }));
  }
}

@Resolver(() => Contract)
export class ContractPerformanceResolver {
  @FieldResolver(() => PerformanceSeries, {
    nullable: true,
    description: "All the contract's queues together; buckets in the first queue's time zone unless timeZone is given",
  })
  async performance(
    @Root() contract: Contract,
    @Ctx() ctx: Context,
    @Args(() => SeriesArgs) { from, to, granularity, metrics, timeZone }: SeriesArgs,
  ): Promise<PerformanceSeries> {
    return toSeries(await contractPerformance(performanceContext(ctx), contract.id, { from, to, granularity, definitions: metrics, timeZone }));
  }

  @FieldResolver(() => [PerformanceReport], { nullable: true, description: 'Monthly reports, newest month first, every version' })
  performanceReports(@Root() contract: Contract, @Ctx() ctx: Context): Promise<PerformanceReportRow[]> {
    return contractReports(performanceContext(ctx), contract.id);
  }
}

@Resolver(() => SlaTarget)
export class SlaTargetComplianceResolver {
  @Directive(`@requires(fields: "contractId history { ${TARGET_VERSION_FIELDS} }")`)
  @FieldResolver(() => SlaCompliance, {
    nullable: true,
    description: 'Per measurement window: the value under the definition then in force, met or missed, shortfall and service credit',
  })
  async compliance(
    @Root() target: SlaTarget,
    @Ctx() ctx: Context,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Info() info: GraphQLResolveInfo,
  ): Promise<SlaCompliance> {
    const history = target.history as unknown as TargetVersionFacts[];
    const result = await targetCompliance(performanceContext(ctx), { contractId: target.contractId, history }, { from, to }, selectsField(info, 'windows'));
    // The windows are shaped for the answer only when asked for: a summary of a year of DAY
    // windows would otherwise build and copy every one of them for nothing (hence no spread).
    const { measurable, note, windowsJudged, windowsMet, shareMet, creditPercent, creditAmountMinor, currency } = result;
    let windows: ComplianceWindow[] | undefined;
    return Object.defineProperty({ measurable, note, windowsJudged, windowsMet, shareMet, creditPercent, creditAmountMinor, currency } as SlaCompliance, 'windows', {
      enumerable: true,
      get: () =>
        (windows ??= result.windows.map(
          (w): ComplianceWindow => ({
            ...w,
            figure: toFigure(w.figure),
            goal: w.version.goal,
            comparator: w.version.comparator,
            window: w.version.window,
            minimumSample: w.version.minimumSample ?? null,
          }),
        )),
    });
  }
}

@Resolver(() => PerformanceReport)
export class PerformanceReportResolver {
  @FieldResolver(() => String) timeZone(@Root() r: PerformanceReportRow): string {
    return (r.content as ReportContent).timeZone;
  }

  @FieldResolver(() => [ReportQueue]) queues(@Root() r: PerformanceReportRow): ReportQueue[] {
    return (r.content as ReportContent).queues.map((q) => ({ ...q, figures: q.figures.map(toFigure) }));
  }

  @FieldResolver(() => [ReportCompliance]) compliance(@Root() r: PerformanceReportRow): ReportCompliance[] {
    return (r.content as ReportContent).compliance;
  }

  @FieldResolver(() => [DataDifference], { description: 'Totals of the month that changed since publication; empty when none' })
  dataDifferences(@Root() r: PerformanceReportRow, @Ctx() ctx: Context): Promise<DataDifference[]> {
    return ctx.loaders.reportDifferences.load(r);
  }

  @FieldResolver(() => Boolean, { description: "True when the month's actuals changed after publication" })
  async dataChanged(@Root() r: PerformanceReportRow, @Ctx() ctx: Context): Promise<boolean> {
    return (await ctx.loaders.reportDifferences.load(r)).length > 0;
  }
}

@Resolver()
export class PerformanceOperations {
  @Query(() => PerformanceReport, { description: 'One report; NOT_FOUND unless you are its client or centre' })
  async performanceReport(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<PerformanceReportRow> {
    return readReport(performanceContext(ctx), id);
  }

  @Mutation(() => RecordIntervalsResult, {
    description: 'A centre uploads interval actuals for a queue it serves: up to 10,000 per call, all or nothing; re-sent intervals replace',
  })
  recordIntervals(
    @Ctx() ctx: Context,
    @Arg('queueId', () => ID) queueId: string,
    @Arg('intervals', () => [IntervalInput]) intervals: IntervalInput[],
    @Arg('attribution', () => AttributionEnum, { defaultValue: 'QUEUE_ENTRY' }) attribution: 'QUEUE_ENTRY' | 'CONTACT_END',
  ) {
    return recordIntervals(performanceContext(ctx), queueId, intervals, attribution);
  }

  @Mutation(() => RecordIntervalsResult, {
    description:
      'The same upload in a compact form for high-volume feeds: { "columns": ["start", "lengthSeconds", "offered", …, "answeredWait", "abandonedWait"], "rows": [[…], …] }. Same rules, limits and errors as recordIntervals',
  })
  recordIntervalBatch(
    @Ctx() ctx: Context,
    @Arg('queueId', () => ID) queueId: string,
    @Arg('batch', () => IntervalBatchScalar) batch: unknown,
    @Arg('attribution', () => AttributionEnum, { defaultValue: 'QUEUE_ENTRY' }) attribution: 'QUEUE_ENTRY' | 'CONTACT_END',
  ) {
    return recordIntervals(performanceContext(ctx), queueId, uploadsFromBatch(batch), attribution);
  }

  @Mutation(() => IntervalSpanCheck, {
    description:
      'Checks intervals against the stored ones without writing anything: { "columns": ["start", "lengthSeconds", "agentRef"?], "rows": [[…], …] }, up to 10,000 per call. Answers the spans an upload would be refused for (overlapping a stored interval of another start or length) and how many it would replace. A mutation so that it reads the primary; authorised like an upload',
  })
  checkIntervalSpans(@Ctx() ctx: Context, @Arg('queueId', () => ID) queueId: string, @Arg('spans', () => IntervalBatchScalar) spans: unknown) {
    return checkIntervalSpans(performanceContext(ctx), queueId, spans);
  }

  @Mutation(() => PerformanceReport, { description: "The centre publishes a month's report; the figures are frozen" })
  publishPerformanceReport(
    @Ctx() ctx: Context,
    @Arg('contractId', () => ID) contractId: string,
    @Arg('month', () => String, { description: 'YYYY-MM, a month that has ended' }) month: string,
    @Arg('commentary', () => String, { nullable: true }) commentary?: string,
  ) {
    return publishReport(performanceContext(ctx), contractId, month, commentary ?? null);
  }

  @Mutation(() => PerformanceReport, { description: 'The client approves a published report; it is then final' })
  approvePerformanceReport(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return reviewReport(performanceContext(ctx), id, { approve: true });
  }

  @Mutation(() => PerformanceReport, { description: 'The client disputes a published report; the centre may then publish a new version' })
  disputePerformanceReport(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string) {
    return reviewReport(performanceContext(ctx), id, { approve: false, reason });
  }
}

/** References are plain keys here: every field that reads data authorises itself through the contracts subgraph. */
export const referenceResolvers = {
  Queue: (ref: { id: string }) => ({ id: ref.id }),
  Contract: (ref: { id: string }) => ({ id: ref.id }),
  SlaTarget: (ref: { id: string; contractId: string; history: unknown[] }) => ref,
  Tender: (ref: { id: string }) => ({ id: ref.id }),
  Bid: (ref: { id: string; tenderId: string }) => ref,
};
