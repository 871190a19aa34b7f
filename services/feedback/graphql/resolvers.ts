import { Arg, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { SubgraphContext } from '../../platform/subgraph';
import { Granularity } from '../../metrics/calendar';
import { BOUNDS, LIST_LIMITS } from '../../metrics/bounds';
import {
  addCorrectiveAction,
  complaintClocks,
  completeCorrectiveAction,
  contractComplaints,
  pauseComplaintClock,
  readComplaint,
  recordComplaint,
  resumeComplaintClock,
  transitionComplaint,
} from '../complaints';
import { recordComplaintHistory } from '../complaint-history';
import { feedbackContext } from '../context';
import { ComplaintEventRow, ComplaintRow, ComplaintStatus, CorrectiveActionRow } from '../entities/complaint';
import type { FeedbackLoaders } from '../loaders';
import { contractComplaintStats } from '../stats';
import { windowFigures } from '../figures';
import { contractSatisfaction, queueSatisfaction, recordSurveyResponses } from '../surveys';
import {
  ClockPause,
  Complaint,
  ComplaintClock,
  ComplaintClockTerms,
  ComplaintEvent,
  ComplaintStats,
  ComplaintStatusEnum,
  Contract,
  CorrectiveAction,
  CorrectiveActionInput,
  FigureWindowInput,
  GranularityEnum,
  HistoricComplaintInput,
  PauseReasonEnum,
  Queue,
  RecordComplaintInput,
  RecordSurveyResponsesResult,
  SatisfactionSeries,
  SurveyResponseInput,
  WindowFigure,
} from './types';

type Context = SubgraphContext<FeedbackLoaders>;

const at = (epoch: number | null) => (epoch === null ? null : new Date(epoch * 1000));

function toComplaint(row: ComplaintRow): Complaint & { row: ComplaintRow } {
  return {
    row,
    id: row.id,
    contractId: row.contractId,
    queueId: row.queueId,
    channel: row.channel,
    category: row.category,
    severity: row.severity,
    description: row.description,
    customerRef: row.customerRef,
    status: row.status,
    version: row.version,
    receivedAt: at(row.receivedEpoch)!,
    acknowledgedAt: at(row.acknowledgedEpoch),
    respondedAt: at(row.respondedEpoch),
    closedAt: at(row.closedEpoch),
    reopenCount: row.reopenCount,
    customerSatisfaction: row.customerSatisfaction,
    recordedBy: row.recordedBy,
    recordedByOrganisationId: row.recordedByOrg,
  };
}

function toAction(a: CorrectiveActionRow): CorrectiveAction {
  return { ...a, done: a.doneEpoch !== null, doneAt: at(a.doneEpoch), createdAt: at(a.createdEpoch)! };
}

const SERIES_ARGS = { granularity: { defaultValue: 'DAY', description: 'HOUR, DAY, WEEK or MONTH in the time zone (INTERVAL is 15 minutes)' } };

@Resolver(() => Queue)
export class QueueFeedbackResolver {
  @FieldResolver(() => SatisfactionSeries, { nullable: true, description: "CSAT, NPS, CES and FCR of this queue per bucket of the queue's time zone, each share with its 95 % interval" })
  async satisfaction(
    @Root() queue: Queue,
    @Ctx() ctx: Context,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('granularity', () => GranularityEnum, SERIES_ARGS.granularity) granularity: Granularity,
  ): Promise<SatisfactionSeries> {
    return queueSatisfaction(feedbackContext(ctx), queue.id, { from, to, granularity });
  }
}

@Resolver(() => Contract)
export class ContractFeedbackResolver {
  @FieldResolver(() => SatisfactionSeries, { nullable: true, description: "All the contract's survey responses together, in its first queue's time zone" })
  async satisfaction(
    @Root() contract: Contract,
    @Ctx() ctx: Context,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('granularity', () => GranularityEnum, SERIES_ARGS.granularity) granularity: Granularity,
  ): Promise<SatisfactionSeries> {
    return contractSatisfaction(feedbackContext(ctx), contract.id, { from, to, granularity });
  }

  @FieldResolver(() => [Complaint], { nullable: true, description: 'Complaints on this contract, newest first; only its client and centre see them' })
  async complaints(
    @Root() contract: Contract,
    @Ctx() ctx: Context,
    @Arg('status', () => [ComplaintStatusEnum], { nullable: true, description: 'Only complaints in these statuses' }) status?: ComplaintStatus[],
    @Arg('first', () => Int, { defaultValue: 100, description: `${BOUNDS.complaintsPerPage.min}..${BOUNDS.complaintsPerPage.max}` }) first = 100,
  ) {
    return (await contractComplaints(feedbackContext(ctx), contract.id, status, first)).map(toComplaint);
  }

  @FieldResolver(() => ComplaintStats, { nullable: true, description: 'Counts, clocks met, time to resolve and reopen rate of the complaints received in [from, to)' })
  complaintStats(@Root() contract: Contract, @Ctx() ctx: Context, @Arg('from', () => Date) from: Date, @Arg('to', () => Date) to: Date) {
    return contractComplaintStats(feedbackContext(ctx), contract.id, from, to);
  }

  @Directive('@shareable')
  @Directive('@inaccessible')
  @FieldResolver(() => [WindowFigure], {
    description:
      'For SLA verdicts (asked by the performance subgraph): CSAT, NPS, CES or FCR from survey responses, or complaint clocks met, in each window, with sample size and 95 % interval',
  })
  windowFigures(
    @Root() contract: Contract,
    @Ctx() ctx: Context,
    @Arg('metric', () => String) metric: string,
    @Arg('windows', () => [FigureWindowInput]) windows: FigureWindowInput[],
    @Arg('variant', () => String, { nullable: true }) variant?: string | null,
    @Arg('queueId', () => ID, { nullable: true }) queueId?: string | null,
  ) {
    return windowFigures(feedbackContext(ctx), contract.id, { metric, variant, queueId, windows });
  }
}

type ComplaintParent = Complaint & { row: ComplaintRow };

@Resolver(() => Complaint)
export class ComplaintResolver {
  @FieldResolver(() => Contract) contract(@Root() c: ComplaintParent): Contract {
    return { id: c.contractId };
  }

  @FieldResolver(() => Queue, { nullable: true }) queue(@Root() c: ComplaintParent): Queue | null {
    return c.queueId ? { id: c.queueId } : null;
  }

  @FieldResolver(() => ComplaintClockTerms, { description: 'The terms the clocks follow: those in force when the complaint was received' })
  terms(@Root() c: ComplaintParent): ComplaintClockTerms {
    const t = c.row.terms;
    return { acknowledgeWithinHours: t.acknowledgeWithinHours, resolveWithinDays: t.resolveWithinDays, timeZone: t.calendar.timeZone, holidays: t.calendar.holidays, hours: t.calendar.hours };
  }

  @FieldResolver(() => [ComplaintClock], { description: 'Every deadline (acknowledgement, resolution), with time remaining or overdue and whether it was met' })
  clocks(@Root() c: ComplaintParent, @Ctx() ctx: Context): Promise<ComplaintClock[]> {
    return complaintClocks(feedbackContext(ctx), c.row);
  }

  @FieldResolver(() => [ComplaintEvent], { description: 'Every transition and clock pause, oldest first' })
  async history(@Root() c: ComplaintParent, @Ctx() ctx: Context): Promise<ComplaintEvent[]> {
    const rows: ComplaintEventRow[] = await ctx.loaders.eventsByComplaint.load(c.id);
    return rows.map((e) => ({ seq: e.seq, kind: e.kind, from: e.fromStatus, to: e.toStatus, at: at(e.atEpoch)!, actorSubject: e.actorSubject, actorOrganisationId: e.actorOrg, note: e.note }));
  }

  @FieldResolver(() => [ClockPause]) async pauses(@Root() c: ComplaintParent, @Ctx() ctx: Context): Promise<ClockPause[]> {
    return (await ctx.loaders.pausesByComplaint.load(c.id)).map((p) => ({ reason: p.reason, start: at(p.startEpoch)!, end: at(p.endEpoch) }));
  }

  @FieldResolver(() => [CorrectiveAction]) async correctiveActions(@Root() c: ComplaintParent, @Ctx() ctx: Context): Promise<CorrectiveAction[]> {
    return (await ctx.loaders.actionsByComplaint.load(c.id)).map(toAction);
  }
}

@Resolver()
export class FeedbackOperations {
  @Query(() => Complaint, { description: 'One complaint; NOT_FOUND unless you are its contract client or centre' })
  async complaint(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return toComplaint(await readComplaint(feedbackContext(ctx), id));
  }

  @Mutation(() => RecordSurveyResponsesResult, {
    description: `The client or the centre uploads survey responses of a queue: up to ${LIST_LIMITS.responsesPerUpload.toLocaleString('en')} per call, all or nothing; a response id sent again replaces`,
  })
  recordSurveyResponses(@Ctx() ctx: Context, @Arg('queueId', () => ID) queueId: string, @Arg('responses', () => [SurveyResponseInput]) responses: SurveyResponseInput[]) {
    return recordSurveyResponses(feedbackContext(ctx), queueId, responses);
  }

  @Mutation(() => Complaint, { description: 'The client or the centre records a complaint; its clocks start from the contract complaint terms' })
  async recordComplaint(@Ctx() ctx: Context, @Arg('contractId', () => ID) contractId: string, @Arg('input', () => RecordComplaintInput) input: RecordComplaintInput) {
    return toComplaint(await recordComplaint(feedbackContext(ctx), contractId, input));
  }

  @Mutation(() => [Complaint], {
    description: `The client or the centre records past complaints with their history (a complaint register migrated): up to ${LIST_LIMITS.complaintsPerHistoryUpload} per call, all or nothing; clocks follow the contract complaint terms in force at each receipt`,
  })
  async recordComplaintHistory(@Ctx() ctx: Context, @Arg('contractId', () => ID) contractId: string, @Arg('complaints', () => [HistoricComplaintInput]) complaints: HistoricComplaintInput[]) {
    return (await recordComplaintHistory(feedbackContext(ctx), contractId, complaints)).map(toComplaint);
  }

  @Mutation(() => Complaint, { description: 'Moves a complaint along the ISO 10002 lifecycle; CONFLICT for a transition the lifecycle does not allow' })
  async transitionComplaint(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('to', () => ComplaintStatusEnum) to: ComplaintStatus,
    @Arg('note', () => String, { description: 'Why; kept in the history' }) note: string,
    @Arg('customerSatisfaction', () => Int, { nullable: true, description: 'CLOSED only: the customer satisfaction with the handling, 1-5' }) customerSatisfaction?: number,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number,
  ) {
    return toComplaint(await transitionComplaint(feedbackContext(ctx), id, to, { note, customerSatisfaction, expectedVersion }));
  }

  @Mutation(() => Complaint, { description: 'Stops the resolution clock while waiting on the customer or a third party' })
  async pauseComplaintClock(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => PauseReasonEnum) reason: 'AWAITING_CUSTOMER' | 'AWAITING_THIRD_PARTY',
    @Arg('note', () => String) note: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number,
  ) {
    return toComplaint(await pauseComplaintClock(feedbackContext(ctx), id, reason, note, expectedVersion));
  }

  @Mutation(() => Complaint, { description: 'Restarts the resolution clock; its deadline moves by the business time paused' })
  async resumeComplaintClock(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('note', () => String) note: string, @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number) {
    return toComplaint(await resumeComplaintClock(feedbackContext(ctx), id, note, expectedVersion));
  }

  @Mutation(() => CorrectiveAction, { description: 'Attaches a corrective action (root cause, action, owner, due date) to a complaint' })
  async addCorrectiveAction(@Ctx() ctx: Context, @Arg('complaintId', () => ID) complaintId: string, @Arg('input', () => CorrectiveActionInput) input: CorrectiveActionInput) {
    return toAction(await addCorrectiveAction(feedbackContext(ctx), complaintId, input));
  }

  @Mutation(() => CorrectiveAction, { description: 'Marks a corrective action done' })
  async completeCorrectiveAction(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return toAction(await completeCorrectiveAction(feedbackContext(ctx), id));
  }
}

/** References are plain keys: every field that reads data authorises itself. */
export const referenceResolvers = {
  Queue: (ref: { id: string }) => ({ id: ref.id }),
  Contract: (ref: { id: string }) => ({ id: ref.id }),
};
