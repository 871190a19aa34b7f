import { Problems } from '../platform/errors';
import { checkList } from '../platform/validate';
import { instantProblem, LIST_LIMITS } from '../metrics/bounds';
import { HANDLING_STATUSES, HISTORIC_STATUSES, HistoricStatus, impliedStatus, statusTimesProblem } from '../metrics/complaint-history';
import { authorize } from './access';
import { actor, checkComplaintInput, complaintRow, ComplaintTimes, RecordComplaintInput } from './complaints';
import { ComplaintEvent, insertComplaintsWithHistory } from './complaints-storage';
import { eventEpoch, FeedbackContext } from './context';
import { ComplaintRow, ComplaintStatus, TermsSnapshot } from './entities/complaint';

/**
 * Complaints recorded with their past (a centre or client migrating its complaint register): each
 * with the instants it was received, acknowledged, responded to and closed, and the status it
 * stands at. Its clocks follow the contract's complaint terms in force when it was received (asked
 * of the contracts subgraph as of that instant), so deadlines and met-or-missed verdicts come out
 * as they would have had the complaint been handled in the hub.
 */

/** Every status a complaint can be recorded at is one of feedback's (checked when compiled). */
const RECORDABLE: readonly ComplaintStatus[] = HISTORIC_STATUSES;
void RECORDABLE;

export interface HistoricComplaintInput extends RecordComplaintInput {
  /** Null: the latest state the times say (CLOSED, RESPONDED, ACKNOWLEDGED or RECEIVED). */
  status?: string | null;
  receivedAt: Date;
  acknowledgedAt?: Date | null;
  respondedAt?: Date | null;
  /** When it was closed (CLOSED) or withdrawn (WITHDRAWN). */
  closedAt?: Date | null;
}

type Times = ComplaintTimes;

const epochOf = (d: Date | null | undefined): number | null => (d === null || d === undefined ? null : Math.floor(d.getTime() / 1000));

/** Checks one complaint's times (fields under `at`): in the instant window, not after now, in lifecycle order. */
function checkTimes(problems: Problems, at: string, input: HistoricComplaintInput, now: number): Times | null {
  const before = problems.size;
  const named: Array<[keyof Times, string, number | null]> = [
    ['received', 'receivedAt', epochOf(input.receivedAt)],
    ['acknowledged', 'acknowledgedAt', epochOf(input.acknowledgedAt)],
    ['responded', 'respondedAt', epochOf(input.respondedAt)],
    ['closed', 'closedAt', epochOf(input.closedAt)],
  ];
  if (named[0][2] === null) problems.add(`${at}.receivedAt`, 'give when the complaint was received');
  let previous: { field: string; epoch: number } | null = null;
  for (const [, field, epoch] of named) {
    if (epoch === null) continue;
    const p = instantProblem(epoch);
    if (p) problems.add(`${at}.${field}`, p);
    else if (epoch > now) problems.add(`${at}.${field}`, 'is in the future; give the history as it happened');
    else if (previous && epoch < previous.epoch) problems.add(`${at}.${field}`, `is before ${previous.field}; a complaint moves forward in time`);
    previous = { field, epoch };
  }
  if (problems.size > before) return null;
  return { received: named[0][2]!, acknowledged: named[1][2], responded: named[2][2], closed: named[3][2] };
}

/** The stored complaint and its history, clocks computed from `terms` (no pauses: a register row carries none). */
function historicRow(ctx: FeedbackContext, contract: { id: string; clientId: string; centreId: string }, input: HistoricComplaintInput, status: HistoricStatus, t: Times, terms: TermsSnapshot): { row: ComplaintRow; events: ComplaintEvent[] } {
  const row = complaintRow(ctx, contract, input, status, t, terms);
  const who = actor(ctx);
  const events: ComplaintEvent[] = [{ kind: 'TRANSITION', from: null, to: 'RECEIVED', at: t.received, note: 'recorded with its history', ...who }];
  let last: ComplaintStatus = 'RECEIVED';
  const step = (to: ComplaintStatus, at: number, note: string | null) => {
    events.push({ kind: 'TRANSITION', from: last, to, at, note, ...who });
    last = to;
  };
  if (t.acknowledged !== null) step('ACKNOWLEDGED', t.acknowledged, 'as recorded at the source');
  if (status !== 'ACKNOWLEDGED' && HANDLING_STATUSES.has(status)) step(status, t.acknowledged!, 'status as recorded at the source, which gives no time for it');
  if (t.responded !== null) step('RESPONDED', t.responded, 'as recorded at the source');
  if (t.closed !== null) step(status === 'WITHDRAWN' ? 'WITHDRAWN' : 'CLOSED', t.closed, 'as recorded at the source');
  row.version = events.length;
  return { row, events };
}

/**
 * The client or the centre records past complaints with their history, all or nothing: every
 * complaint checked as recordComplaint checks it, its times in order and not in the future, its
 * status consistent with them, and the contract having complaint terms at its receipt.
 */
export async function recordComplaintHistory(ctx: FeedbackContext, contractId: string, inputs: HistoricComplaintInput[]): Promise<ComplaintRow[]> {
  const size = new Problems();
  checkList(size, 'complaints', inputs, LIST_LIMITS.complaintsPerHistoryUpload, 'complaints');
  size.throwIfAny();
  const contract = await authorize(ctx, 'recordComplaintHistory', { contractId });
  const now = eventEpoch(ctx);
  const problems = new Problems();
  const checked: Array<{ input: HistoricComplaintInput; status: HistoricStatus; times: Times } | null> = inputs.map((input, i) => {
    const at = `complaints[${i}]`;
    const before = problems.size;
    checkComplaintInput(problems, at, contract, input);
    let status: HistoricStatus | null = null;
    if (input.status !== null && input.status !== undefined && !(HISTORIC_STATUSES as readonly string[]).includes(input.status)) {
      problems.add(`${at}.status`, `use ${HISTORIC_STATUSES.join(', ')} (a reopened complaint is recorded as answered, then reopened)`);
    }
    const times = checkTimes(problems, at, input, now);
    if (times && problems.size === before) {
      status = (input.status as HistoricStatus | null | undefined) ?? impliedStatus(times);
      const p = statusTimesProblem(status, times);
      if (p) problems.add(`${at}.${p.field}`, p.message);
    }
    return problems.size === before && status && times ? { input, status, times } : null;
  });
  problems.throwIfAny();
  if (!ctx.contracts.complaintTermsAsOf) throw new Error('the contracts client cannot read complaint terms as of an instant');
  const terms = await ctx.contracts.complaintTermsAsOf(contractId, checked.map((c) => c!.times.received));
  checked.forEach((c, i) => {
    if (!terms.get(c!.times.received)) {
      problems.add(`complaints[${i}].receivedAt`, `contract ${contractId} had no complaint-handling terms at ${c!.input.receivedAt.toISOString()}, so no clock could run`);
    }
  });
  problems.throwIfAny();
  const items = checked.map((c) => historicRow(ctx, contract, c!.input, c!.status, c!.times, terms.get(c!.times.received)! as TermsSnapshot));
  if (items.length) await insertComplaintsWithHistory(ctx.db, items);
  return items.map((i) => i.row);
}
