import { conflict, Problems } from '../platform/errors';
import { checkLocalDate, checkNumber, checkText } from '../platform/validate';
import { BOUNDS, textProblem, TEXT_LIMITS } from '../metrics/bounds';
import { CHANNELS, isValidLocalDate } from '../metrics/vocabulary';
import { authorize } from './access';
import { acknowledgementDue, ClockView, clockViews, PauseSpan, resolutionDue } from './clocks';
import {
  ComplaintChange,
  ComplaintEvent,
  ComplaintListArgs,
  findComplaint,
  findCorrectiveAction,
  insertComplaint,
  insertCorrectiveAction,
  markCorrectiveActionDone,
  newId,
  pausesOfComplaint,
  saveComplaintChange,
} from './complaints-storage';
import { eventEpoch, FeedbackContext, FeedbackReadContext, nowEpoch } from './context';
import { ComplaintPauseRow, ComplaintRow, ComplaintStatus, CorrectiveActionRow, PauseReason, SEVERITIES, Severity, TermsSnapshot } from './entities/complaint';

import type { ContractFacts } from '../clients/contracts';

export type { ComplaintListArgs } from './complaints-storage';

/**
 * The ISO 10002 complaint use cases: the rules (validation, lifecycle, clocks). Who may do what
 * is access.ts; the SQL is complaints-storage.ts.
 */

export interface RecordComplaintInput {
  queueId?: string | null;
  channel: string;
  category: string;
  severity: string;
  description: string;
  customerRef: string;
}

/**
 * A customer reference must be pseudonymous: the source system's key, not a name, an e-mail
 * address or a phone number (aggregate views and exports never carry personal data).
 */
function customerRefProblem(raw: string | null | undefined): string | null {
  const ref = raw?.trim() ?? '';
  if (!ref) return 'must not be empty';
  const text = textProblem(raw!, TEXT_LIMITS.reference);
  if (text) return text;
  if (ref.includes('@')) return 'looks like an e-mail address; give the pseudonymous customer key instead';
  if (/^\+?[\d\s().-]{7,}$/.test(ref)) return 'looks like a phone number; give the pseudonymous customer key instead';
  if (!/^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(ref)) return 'use letters, digits and . _ : - only (a key, not a name)';
  return null;
}

/** Free text that must say something: not blank, no control or bidi-override characters, capped. */
function requiredText(problems: Problems, field: string, value: string | null | undefined, maxLength: number): void {
  if (!value || !value.trim()) problems.add(field, 'must not be empty');
  else checkText(problems, field, value, maxLength);
}

export function actor(ctx: FeedbackContext): Pick<ComplaintEvent, 'actorSubject' | 'actorOrg'> {
  return { actorSubject: ctx.viewer.subject, actorOrg: ctx.viewer.organisationId };
}

/** The rules every recorded complaint follows (fields named under `at`): queue of the contract, channel, texts, severity, the pseudonymous key. */
export function checkComplaintInput(problems: Problems, at: string, contract: Pick<ContractFacts, 'id' | 'queues'>, input: RecordComplaintInput): void {
  if (input.queueId && !contract.queues.some((q) => q.id === input.queueId)) problems.add(`${at}.queueId`, `queue ${input.queueId} is not a queue of contract ${contract.id}`);
  if (!(CHANNELS as readonly string[]).includes(input.channel)) problems.add(`${at}.channel`, `unknown channel "${input.channel}"`);
  requiredText(problems, `${at}.category`, input.category, TEXT_LIMITS.name);
  if (!(SEVERITIES as readonly string[]).includes(input.severity)) problems.add(`${at}.severity`, `use ${SEVERITIES.join(', ')}`);
  requiredText(problems, `${at}.description`, input.description, TEXT_LIMITS.note);
  const refProblem = customerRefProblem(input.customerRef);
  if (refProblem) problems.add(`${at}.customerRef`, refProblem);
}

/** The instants of a complaint's lifecycle so far (epoch seconds): received, and the later ones reached. */
export type ComplaintTimes = { received: number; acknowledged: number | null; responded: number | null; closed: number | null };

/**
 * A complaint as stored, its clocks computed from `terms` and its times (no pauses): a complaint
 * recorded now (received = now, nothing later) or one recorded with its history.
 */
export function complaintRow(ctx: FeedbackContext, contract: { id: string; clientId: string; centreId: string }, input: RecordComplaintInput, status: ComplaintStatus, t: ComplaintTimes, terms: TermsSnapshot): ComplaintRow {
  const ackDue = acknowledgementDue(t.received, terms);
  const resolveDue = resolutionDue(t.received, terms, [], t.responded ?? eventEpoch(ctx));
  return Object.assign(new ComplaintRow(), {
    id: newId('cmp'),
    contractId: contract.id,
    clientId: contract.clientId,
    centreId: contract.centreId,
    queueId: input.queueId ?? null,
    channel: input.channel,
    category: input.category.trim(),
    severity: input.severity as Severity,
    description: input.description,
    customerRef: input.customerRef.trim(),
    status,
    version: 1,
    terms,
    receivedEpoch: t.received,
    ackDueEpoch: ackDue,
    acknowledgedEpoch: t.acknowledged,
    ackMet: t.acknowledged === null ? null : t.acknowledged <= ackDue ? 1 : 0,
    resolveDueEpoch: resolveDue,
    pausedSinceEpoch: null,
    respondedEpoch: t.responded,
    resolveMet: t.responded === null ? null : t.responded <= resolveDue ? 1 : 0,
    resolveSeconds: t.responded === null ? null : t.responded - t.received,
    respondedCount: t.responded === null ? 0 : 1,
    reopenCount: 0,
    closedEpoch: t.closed,
    customerSatisfaction: null,
    recordedBy: ctx.viewer.subject,
    recordedByOrg: ctx.viewer.organisationId,
  });
}

/**
 * The client or the centre records a complaint against a contract (and queue where known). The
 * contract's complaint-handling terms are snapshot onto it: its clocks follow the terms in force
 * when it was received, whatever later amendments say.
 */
export async function recordComplaint(ctx: FeedbackContext, contractId: string, input: RecordComplaintInput): Promise<ComplaintRow> {
  const contract = await authorize(ctx, 'recordComplaint', { contractId });
  const problems = new Problems();
  checkComplaintInput(problems, 'input', contract, input);
  if (!contract.complaintTerms) {
    problems.add('contractId', `contract ${contractId} has no complaint-handling terms, so no clock can run; the client sets them with setComplaintTerms`);
  }
  problems.throwIfAny();

  const now = eventEpoch(ctx);
  const row = complaintRow(ctx, contract, input, 'RECEIVED', { received: now, acknowledged: null, responded: null, closed: null }, contract.complaintTerms!);
  await insertComplaint(ctx.db, row, { kind: 'TRANSITION', from: null, to: 'RECEIVED', at: now, note: 'recorded', ...actor(ctx) });
  return row;
}

export function pauseSpans(rows: ComplaintPauseRow[]): PauseSpan[] {
  return rows.map((p) => ({ reason: p.reason, start: p.startEpoch, end: p.endEpoch }));
}

/** The latest instant the complaint's clocks know of: a change may not be dated before it. */
function lastChangeEpoch(row: ComplaintRow): number {
  return Math.max(row.receivedEpoch, row.acknowledgedEpoch ?? 0, row.respondedEpoch ?? 0, row.closedEpoch ?? 0, row.pausedSinceEpoch ?? 0);
}

/**
 * The instant of a change to `row`: the request's, which must not precede the complaint's last
 * change (a clock stepped back would otherwise give negative pauses and times to resolve).
 */
function changeEpoch(ctx: FeedbackContext, row: ComplaintRow): number {
  const now = eventEpoch(ctx);
  const last = lastChangeEpoch(row);
  if (now < last) {
    const iso = (epoch: number) => new Date(epoch * 1000).toISOString();
    throw conflict(`complaint ${row.id} last changed at ${iso(last)}, after the hub's clock (${iso(now)}); nothing was written, try again later`);
  }
  return now;
}

function checkVersion(row: ComplaintRow, expectedVersion: number | null | undefined): void {
  if (expectedVersion !== null && expectedVersion !== undefined && expectedVersion !== row.version) {
    throw conflict(`complaint ${row.id} is at version ${row.version}, not ${expectedVersion}: somebody changed it since you read it`);
  }
}

export interface TransitionOptions {
  note: string;
  customerSatisfaction?: number | null;
  expectedVersion?: number | null;
}

/** Moves a complaint along the ISO 10002 lifecycle (access.ts TRANSITIONS), stopping, pausing or restarting its clocks. */
export async function transitionComplaint(ctx: FeedbackContext, id: string, to: ComplaintStatus, options: TransitionOptions): Promise<ComplaintRow> {
  const problems = new Problems();
  requiredText(problems, 'note', options.note, TEXT_LIMITS.note);
  const satisfaction = options.customerSatisfaction;
  if (satisfaction !== null && satisfaction !== undefined) {
    if (to !== 'CLOSED') problems.add('customerSatisfaction', 'is recorded when the complaint is closed');
    else checkNumber(problems, 'customerSatisfaction', satisfaction, BOUNDS.complaintSatisfaction);
  }
  problems.throwIfAny();
  const { complaint: row } = await authorize(ctx, 'transitionComplaint', { complaintId: id, complaint: await findComplaint(ctx.db, id), to });
  checkVersion(row, options.expectedVersion);

  const now = changeEpoch(ctx, row);
  const pauses = await pausesOfComplaint(ctx.db, id);
  const open = pauses.find((p) => p.endEpoch === null);
  const columns: Partial<ComplaintRow> = { status: to };
  let endPause: ComplaintChange['endPause'];
  let addPause: ComplaintChange['addPause'];

  if (to === 'ACKNOWLEDGED' && row.acknowledgedEpoch === null) {
    columns.acknowledgedEpoch = now;
    columns.ackMet = now <= row.ackDueEpoch ? 1 : 0;
  }
  if ((to === 'RESPONDED' || to === 'WITHDRAWN') && open) {
    open.endEpoch = now;
    endPause = { id: open.id, at: now };
    columns.pausedSinceEpoch = null;
  }
  if (to === 'RESPONDED') {
    const due = resolutionDue(row.receivedEpoch, row.terms, pauseSpans(pauses), now);
    Object.assign(columns, { respondedEpoch: now, resolveDueEpoch: due, resolveMet: now <= due ? 1 : 0, resolveSeconds: now - row.receivedEpoch, respondedCount: row.respondedCount + 1 });
  }
  if (to === 'REOPENED') {
    // The time the complaint stood answered does not count against the resolution clock.
    addPause = { reason: 'ANSWERED', start: row.respondedEpoch ?? now, end: now };
    const due = resolutionDue(row.receivedEpoch, row.terms, [...pauseSpans(pauses), addPause], now);
    Object.assign(columns, { respondedEpoch: null, resolveMet: null, resolveSeconds: null, resolveDueEpoch: due, closedEpoch: null, reopenCount: row.reopenCount + 1 });
  }
  if (to === 'CLOSED' || to === 'WITHDRAWN') {
    columns.closedEpoch = now;
    if (to === 'CLOSED') columns.customerSatisfaction = satisfaction ?? null;
  }

  return saveComplaintChange(ctx.db, row, {
    columns,
    endPause,
    addPause,
    event: { kind: 'TRANSITION', from: row.status, to, at: now, note: options.note.trim(), ...actor(ctx) },
  });
}

const PAUSABLE: ReadonlySet<ComplaintStatus> = new Set(['ACKNOWLEDGED', 'ASSESSED', 'INVESTIGATING', 'ESCALATED', 'REOPENED']);

/** Either party stops the resolution clock while waiting on the customer or a third party. */
export async function pauseComplaintClock(ctx: FeedbackContext, id: string, reason: Exclude<PauseReason, 'ANSWERED'>, note: string, expectedVersion?: number | null): Promise<ComplaintRow> {
  const problems = new Problems();
  requiredText(problems, 'note', note, TEXT_LIMITS.note);
  if (reason !== 'AWAITING_CUSTOMER' && reason !== 'AWAITING_THIRD_PARTY') problems.add('reason', 'use AWAITING_CUSTOMER or AWAITING_THIRD_PARTY');
  problems.throwIfAny();
  const { complaint: row } = await authorize(ctx, 'pauseComplaintClock', { complaintId: id, complaint: await findComplaint(ctx.db, id) });
  checkVersion(row, expectedVersion);
  if (!PAUSABLE.has(row.status)) throw conflict(`the resolution clock of a ${row.status} complaint cannot be paused${row.status === 'RECEIVED' ? '; acknowledge it first' : ''}`);
  if (row.pausedSinceEpoch !== null) throw conflict('the resolution clock is already paused; resume it first');
  const now = changeEpoch(ctx, row);
  return saveComplaintChange(ctx.db, row, {
    columns: { pausedSinceEpoch: now },
    addPause: { reason, start: now, end: null },
    event: { kind: 'PAUSE', from: row.status, to: row.status, at: now, note: `${reason}: ${note.trim()}`, ...actor(ctx) },
  });
}

/** Restarts a paused resolution clock; the deadline moves by the business time the pause took. */
export async function resumeComplaintClock(ctx: FeedbackContext, id: string, note: string, expectedVersion?: number | null): Promise<ComplaintRow> {
  const problems = new Problems();
  requiredText(problems, 'note', note, TEXT_LIMITS.note);
  problems.throwIfAny();
  const { complaint: row } = await authorize(ctx, 'resumeComplaintClock', { complaintId: id, complaint: await findComplaint(ctx.db, id) });
  checkVersion(row, expectedVersion);
  if (row.pausedSinceEpoch === null) throw conflict('the resolution clock is not paused');
  const now = changeEpoch(ctx, row);
  const pauses = await pausesOfComplaint(ctx.db, id);
  const open = pauses.find((p) => p.endEpoch === null)!;
  open.endEpoch = now;
  const due = resolutionDue(row.receivedEpoch, row.terms, pauseSpans(pauses), now);
  return saveComplaintChange(ctx.db, row, {
    columns: { pausedSinceEpoch: null, resolveDueEpoch: due },
    endPause: { id: open.id, at: now },
    event: { kind: 'RESUME', from: row.status, to: row.status, at: now, note: note.trim(), ...actor(ctx) },
  });
}

export interface CorrectiveActionInput {
  rootCause: string;
  action: string;
  owner: string;
  dueDate: string;
}

/** Either party attaches a corrective action (root cause, action, owner, due date) to a complaint. */
export async function addCorrectiveAction(ctx: FeedbackContext, complaintId: string, input: CorrectiveActionInput): Promise<CorrectiveActionRow> {
  const problems = new Problems();
  requiredText(problems, 'input.rootCause', input.rootCause, TEXT_LIMITS.description);
  requiredText(problems, 'input.action', input.action, TEXT_LIMITS.description);
  requiredText(problems, 'input.owner', input.owner, TEXT_LIMITS.name);
  if (!isValidLocalDate(input.dueDate)) problems.add('input.dueDate', 'must be a date YYYY-MM-DD');
  else checkLocalDate(problems, 'input.dueDate', input.dueDate);
  problems.throwIfAny();
  const { complaint } = await authorize(ctx, 'addCorrectiveAction', { complaintId, complaint: await findComplaint(ctx.db, complaintId) });
  if (complaint.status === 'WITHDRAWN') throw conflict('a withdrawn complaint takes no corrective action');
  const action = Object.assign(new CorrectiveActionRow(), {
    id: newId('cac'),
    complaintId,
    rootCause: input.rootCause.trim(),
    action: input.action.trim(),
    owner: input.owner.trim(),
    dueDate: input.dueDate,
    doneEpoch: null,
    createdEpoch: eventEpoch(ctx),
    createdBy: ctx.viewer.subject,
  });
  await insertCorrectiveAction(ctx.db, action);
  return action;
}

/** Either party marks a corrective action done; a stranger is told the action was not found, whether it exists or not. */
export async function completeCorrectiveAction(ctx: FeedbackContext, id: string): Promise<CorrectiveActionRow> {
  const action = await findCorrectiveAction(ctx.db, id);
  const complaint = action ? await findComplaint(ctx.db, action.complaintId) : null;
  await authorize(ctx, 'completeCorrectiveAction', { correctiveActionId: id, complaint });
  if (action!.doneEpoch !== null) throw conflict('this corrective action is already done');
  const now = eventEpoch(ctx);
  if (!(await markCorrectiveActionDone(ctx.db, id, now))) throw conflict('this corrective action is already done');
  return Object.assign(action!, { doneEpoch: now });
}

// ---------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------

/** One complaint, for its contract's client and centre. */
export async function readComplaint(ctx: FeedbackReadContext, id: string): Promise<ComplaintRow> {
  const { complaint } = await authorize(ctx, 'readComplaint', { complaintId: id, complaint: await ctx.loaders.complaint.load(id) });
  return complaint;
}

/** The newest complaints of a contract, in some statuses. */
export async function contractComplaints(ctx: FeedbackReadContext, contractId: string, statuses: readonly ComplaintStatus[] | null | undefined, first: number): Promise<ComplaintRow[]> {
  const problems = new Problems();
  checkNumber(problems, 'first', first, BOUNDS.complaintsPerPage);
  problems.throwIfAny();
  await authorize(ctx, 'readContractFeedback', { contractId });
  const args: ComplaintListArgs = { statuses: statuses ? [...new Set(statuses)].sort() : null, first };
  return ctx.loaders.complaintsByContract.load({ owner: contractId, args });
}

/**
 * Both clocks of a complaint the caller has already read (its parent field authorised it), as
 * they stand at the request's instant.
 */
export async function complaintClocks(ctx: FeedbackReadContext, row: ComplaintRow): Promise<Array<ClockView & { overdue: boolean }>> {
  const pauses = await ctx.loaders.pausesByComplaint.load(row.id);
  return clockViews(row, pauseSpans(pauses), nowEpoch(ctx)).map((v) => ({ ...v, overdue: v.businessSecondsOverdue > 0 && v.met !== true }));
}
