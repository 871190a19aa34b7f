import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { badInput, conflict, notFound, Problems } from '../platform/errors';
import { CHANNELS, isValidLocalDate } from '../metrics/vocabulary';
import { authorizeComplaint, authorizeContract, authorizeTransition, FeedbackContext, nowEpoch } from './access';
import { acknowledgementDue, PauseSpan, resolutionDue } from './clocks';
import {
  ComplaintEventRow,
  ComplaintPauseRow,
  ComplaintRow,
  ComplaintStatus,
  CorrectiveActionRow,
  PauseReason,
  SEVERITIES,
  Severity,
  TermsSnapshot,
} from './entities/complaint';

function newId(prefix: string): string {
  return `${prefix}-${randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

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
function customerRefProblem(ref: string): string | null {
  if (!ref || ref.length > 128) return 'must be 1 to 128 characters';
  if (ref.includes('@')) return 'looks like an e-mail address; give the pseudonymous customer key instead';
  if (/^\+?[\d\s().-]{7,}$/.test(ref)) return 'looks like a phone number; give the pseudonymous customer key instead';
  if (!/^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(ref)) return 'use letters, digits and . _ : - only (a key, not a name)';
  return null;
}

function text(problems: Problems, field: string, value: string | null | undefined, max: number): void {
  if (!value || !value.trim()) problems.add(field, 'must not be empty');
  else if (value.length > max) problems.add(field, `must be at most ${max} characters`);
}

/**
 * The client or the centre records a complaint against a contract (and queue where known). The
 * contract's complaint-handling terms are snapshot onto it: its clocks follow the terms in force
 * when it was received, whatever later amendments say.
 */
export async function recordComplaint(ctx: FeedbackContext, contractId: string, input: RecordComplaintInput): Promise<ComplaintRow> {
  const contract = await authorizeContract(ctx, 'record', contractId);
  const problems = new Problems();
  if (input.queueId && !contract.queues.some((q) => q.id === input.queueId)) problems.add('input.queueId', `queue ${input.queueId} is not a queue of contract ${contractId}`);
  if (!(CHANNELS as readonly string[]).includes(input.channel)) problems.add('input.channel', `unknown channel "${input.channel}"`);
  text(problems, 'input.category', input.category, 64);
  if (!(SEVERITIES as readonly string[]).includes(input.severity)) problems.add('input.severity', `use ${SEVERITIES.join(', ')}`);
  text(problems, 'input.description', input.description, 10_000);
  const refProblem = customerRefProblem(input.customerRef?.trim() ?? '');
  if (refProblem) problems.add('input.customerRef', refProblem);
  if (!contract.complaintTerms) {
    problems.add('contractId', `contract ${contractId} has no complaint-handling terms, so no clock can run; the client sets them with setComplaintTerms`);
  }
  problems.throwIfAny();

  const terms: TermsSnapshot = contract.complaintTerms!;
  const now = nowEpoch(ctx);
  const row = Object.assign(new ComplaintRow(), {
    id: newId('cmp'),
    contractId,
    clientId: contract.clientId,
    centreId: contract.centreId,
    queueId: input.queueId ?? null,
    channel: input.channel,
    category: input.category.trim(),
    severity: input.severity as Severity,
    description: input.description,
    customerRef: input.customerRef.trim(),
    status: 'RECEIVED' as const,
    version: 1,
    terms,
    receivedEpoch: now,
    ackDueEpoch: acknowledgementDue(now, terms),
    acknowledgedEpoch: null,
    ackMet: null,
    resolveDueEpoch: resolutionDue(now, terms, [], now),
    pausedSinceEpoch: null,
    respondedEpoch: null,
    resolveMet: null,
    resolveSeconds: null,
    respondedCount: 0,
    reopenCount: 0,
    closedEpoch: null,
    customerSatisfaction: null,
    recordedBy: ctx.viewer.subject,
    recordedByOrg: ctx.viewer.organisationId,
  });
  await ctx.db.transaction(async (tx) => {
    await tx.getRepository(ComplaintRow).insert(row);
    await insertEvent(tx, ctx, row.id, 1, 'TRANSITION', null, 'RECEIVED', now, 'recorded');
  });
  return row;
}

async function insertEvent(
  tx: EntityManager,
  ctx: FeedbackContext,
  complaintId: string,
  seq: number,
  kind: 'TRANSITION' | 'PAUSE' | 'RESUME',
  from: ComplaintStatus | null,
  to: ComplaintStatus,
  at: number,
  note: string | null,
): Promise<void> {
  await tx.getRepository(ComplaintEventRow).insert({
    id: newId('cev'),
    complaintId,
    seq,
    kind,
    fromStatus: from,
    toStatus: to,
    atEpoch: at,
    actorSubject: ctx.viewer.subject,
    actorOrg: ctx.viewer.organisationId,
    note,
  });
}

export function pauseSpans(rows: ComplaintPauseRow[]): PauseSpan[] {
  return rows.map((p) => ({ reason: p.reason, start: p.startEpoch, end: p.endEpoch }));
}

async function loadForChange(ctx: FeedbackContext, id: string, expectedVersion: number | null | undefined) {
  const found = await ctx.db.getRepository(ComplaintRow).findOneBy({ id });
  const { row, party } = authorizeComplaint(ctx, 'handle', found, id);
  if (expectedVersion !== null && expectedVersion !== undefined && expectedVersion !== row.version) {
    throw conflict(`complaint ${id} is at version ${row.version}, not ${expectedVersion}: somebody changed it since you read it`);
  }
  return { row, party };
}

/**
 * Saves a changed complaint only if nobody changed it meanwhile (its version), with the event
 * and pause changes, in one transaction. The next event's seq is version + 1: a complaint is
 * recorded at version 1 with event 1, and every save (the only writer of either) adds one to
 * the version and inserts exactly one event, under the version check.
 */
async function save(
  ctx: FeedbackContext,
  row: ComplaintRow,
  changes: Partial<ComplaintRow>,
  work: (tx: EntityManager, seq: number) => Promise<void>,
): Promise<ComplaintRow> {
  const version = row.version;
  await ctx.db.transaction(async (tx) => {
    const result = await tx.getRepository(ComplaintRow).update({ id: row.id, version }, { ...changes, version: version + 1 });
    if (result.affected === 0) throw conflict(`complaint ${row.id} was changed by somebody else meanwhile; read it again`);
    await work(tx, version + 1);
  });
  return Object.assign(row, changes, { version: version + 1 });
}

export interface TransitionOptions {
  note: string;
  customerSatisfaction?: number | null;
  expectedVersion?: number | null;
}

/** Moves a complaint along the ISO 10002 lifecycle (access.ts TRANSITIONS), stopping, pausing or restarting its clocks. */
export async function transitionComplaint(ctx: FeedbackContext, id: string, to: ComplaintStatus, options: TransitionOptions): Promise<ComplaintRow> {
  const problems = new Problems();
  text(problems, 'note', options.note, 10_000);
  const satisfaction = options.customerSatisfaction;
  if (satisfaction !== null && satisfaction !== undefined) {
    if (to !== 'CLOSED') problems.add('customerSatisfaction', 'is recorded when the complaint is closed');
    else if (!Number.isInteger(satisfaction) || satisfaction < 1 || satisfaction > 5) problems.add('customerSatisfaction', 'must be a whole number from 1 to 5');
  }
  problems.throwIfAny();
  const { row, party } = await loadForChange(ctx, id, options.expectedVersion);
  authorizeTransition(party, row.status, to);

  const now = nowEpoch(ctx);
  const pauses = await ctx.db.getRepository(ComplaintPauseRow).find({ where: { complaintId: id }, order: { startEpoch: 'ASC' } });
  const open = pauses.find((p) => p.endEpoch === null);
  const changes: Partial<ComplaintRow> = { status: to };
  let closePause = false;
  let answeredPause: ComplaintPauseRow | null = null;

  if (to === 'ACKNOWLEDGED' && row.acknowledgedEpoch === null) {
    changes.acknowledgedEpoch = now;
    changes.ackMet = now <= row.ackDueEpoch ? 1 : 0;
  }
  if (to === 'RESPONDED' || to === 'WITHDRAWN') {
    if (open) {
      closePause = true;
      open.endEpoch = now;
      changes.pausedSinceEpoch = null;
    }
  }
  if (to === 'RESPONDED') {
    const due = resolutionDue(row.receivedEpoch, row.terms, pauseSpans(pauses), now);
    Object.assign(changes, { respondedEpoch: now, resolveDueEpoch: due, resolveMet: now <= due ? 1 : 0, resolveSeconds: now - row.receivedEpoch, respondedCount: row.respondedCount + 1 });
  }
  if (to === 'REOPENED') {
    // The time the complaint stood answered does not count against the resolution clock.
    answeredPause = Object.assign(new ComplaintPauseRow(), { id: newId('cps'), complaintId: id, reason: 'ANSWERED' as const, startEpoch: row.respondedEpoch ?? now, endEpoch: now });
    const due = resolutionDue(row.receivedEpoch, row.terms, [...pauseSpans(pauses), ...pauseSpans([answeredPause])], now);
    Object.assign(changes, { respondedEpoch: null, resolveMet: null, resolveSeconds: null, resolveDueEpoch: due, closedEpoch: null, reopenCount: row.reopenCount + 1 });
  }
  if (to === 'CLOSED' || to === 'WITHDRAWN') {
    changes.closedEpoch = now;
    if (to === 'CLOSED') changes.customerSatisfaction = satisfaction ?? null;
  }

  return save(ctx, row, changes, async (tx, seq) => {
    if (closePause && open) await tx.getRepository(ComplaintPauseRow).update({ id: open.id }, { endEpoch: now });
    if (answeredPause) await tx.getRepository(ComplaintPauseRow).insert(answeredPause);
    await insertEvent(tx, ctx, id, seq, 'TRANSITION', row.status, to, now, options.note.trim());
  });
}

const PAUSABLE: ReadonlySet<ComplaintStatus> = new Set(['ACKNOWLEDGED', 'ASSESSED', 'INVESTIGATING', 'ESCALATED', 'REOPENED']);

/** Either party stops the resolution clock while waiting on the customer or a third party. */
export async function pauseComplaintClock(ctx: FeedbackContext, id: string, reason: Exclude<PauseReason, 'ANSWERED'>, note: string, expectedVersion?: number | null): Promise<ComplaintRow> {
  const problems = new Problems();
  text(problems, 'note', note, 10_000);
  if (reason !== 'AWAITING_CUSTOMER' && reason !== 'AWAITING_THIRD_PARTY') problems.add('reason', 'use AWAITING_CUSTOMER or AWAITING_THIRD_PARTY');
  problems.throwIfAny();
  const { row } = await loadForChange(ctx, id, expectedVersion);
  if (!PAUSABLE.has(row.status)) throw conflict(`the resolution clock of a ${row.status} complaint cannot be paused${row.status === 'RECEIVED' ? '; acknowledge it first' : ''}`);
  if (row.pausedSinceEpoch !== null) throw conflict('the resolution clock is already paused; resume it first');
  const now = nowEpoch(ctx);
  return save(ctx, row, { pausedSinceEpoch: now }, async (tx, seq) => {
    await tx.getRepository(ComplaintPauseRow).insert({ id: newId('cps'), complaintId: id, reason, startEpoch: now, endEpoch: null });
    await insertEvent(tx, ctx, id, seq, 'PAUSE', row.status, row.status, now, `${reason}: ${note.trim()}`);
  });
}

/** Restarts a paused resolution clock; the deadline moves by the business time the pause took. */
export async function resumeComplaintClock(ctx: FeedbackContext, id: string, note: string, expectedVersion?: number | null): Promise<ComplaintRow> {
  const problems = new Problems();
  text(problems, 'note', note, 10_000);
  problems.throwIfAny();
  const { row } = await loadForChange(ctx, id, expectedVersion);
  if (row.pausedSinceEpoch === null) throw conflict('the resolution clock is not paused');
  const now = nowEpoch(ctx);
  const pauses = await ctx.db.getRepository(ComplaintPauseRow).findBy({ complaintId: id });
  const open = pauses.find((p) => p.endEpoch === null)!;
  open.endEpoch = now;
  const due = resolutionDue(row.receivedEpoch, row.terms, pauseSpans(pauses), now);
  return save(ctx, row, { pausedSinceEpoch: null, resolveDueEpoch: due }, async (tx, seq) => {
    await tx.getRepository(ComplaintPauseRow).update({ id: open.id }, { endEpoch: now });
    await insertEvent(tx, ctx, id, seq, 'RESUME', row.status, row.status, now, note.trim());
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
  text(problems, 'input.rootCause', input.rootCause, 10_000);
  text(problems, 'input.action', input.action, 10_000);
  text(problems, 'input.owner', input.owner, 200);
  if (!isValidLocalDate(input.dueDate)) problems.add('input.dueDate', 'must be a date YYYY-MM-DD');
  problems.throwIfAny();
  const found = await ctx.db.getRepository(ComplaintRow).findOneBy({ id: complaintId });
  const { row } = authorizeComplaint(ctx, 'handle', found, complaintId);
  if (row.status === 'WITHDRAWN') throw conflict('a withdrawn complaint takes no corrective action');
  const action = Object.assign(new CorrectiveActionRow(), {
    id: newId('cac'),
    complaintId,
    rootCause: input.rootCause.trim(),
    action: input.action.trim(),
    owner: input.owner.trim(),
    dueDate: input.dueDate,
    doneEpoch: null,
    createdEpoch: nowEpoch(ctx),
    createdBy: ctx.viewer.subject,
  });
  await ctx.db.getRepository(CorrectiveActionRow).insert(action);
  return action;
}

export async function completeCorrectiveAction(ctx: FeedbackContext, id: string): Promise<CorrectiveActionRow> {
  const action = await ctx.db.getRepository(CorrectiveActionRow).findOneBy({ id });
  if (!action) throw notFound('Corrective action', id);
  const complaint = await ctx.db.getRepository(ComplaintRow).findOneBy({ id: action.complaintId });
  authorizeComplaint(ctx, 'handle', complaint, action.complaintId);
  if (action.doneEpoch !== null) throw conflict('this corrective action is already done');
  const now = nowEpoch(ctx);
  const result = await ctx.db.getRepository(CorrectiveActionRow).update({ id, doneEpoch: IsNull() }, { doneEpoch: now });
  if (result.affected === 0) throw conflict('this corrective action is already done');
  return Object.assign(action, { doneEpoch: now });
}

export interface ComplaintListArgs {
  /** Only complaints in these statuses; null for all. */
  statuses: readonly ComplaintStatus[] | null;
  /** At most this many per contract, the newest. */
  first: number;
}

/**
 * The newest `first` complaints of each of some contracts, in some statuses, newest first; for
 * the per-request loader. Filtered and limited in SQL (a row number per contract), one statement.
 */
export async function complaintsOfContracts(db: DataSource, contractIds: readonly string[], args: ComplaintListArgs): Promise<ComplaintRow[]> {
  if (contractIds.length === 0 || (args.statuses && args.statuses.length === 0)) return [];
  const statusFilter = args.statuses ? ' AND status IN (:...statuses)' : '';
  return db
    .getRepository(ComplaintRow)
    .createQueryBuilder('c')
    .where(
      `c.id IN (SELECT ranked.id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY contract_id ORDER BY received_epoch DESC, id) AS rn ` +
        `FROM complaints WHERE contract_id IN (:...contractIds)${statusFilter}) ranked WHERE ranked.rn <= :first)`,
      { contractIds: [...contractIds], statuses: args.statuses ? [...args.statuses] : [], first: args.first },
    )
    .orderBy('c.receivedEpoch', 'DESC')
    .addOrderBy('c.id', 'ASC')
    .getMany();
}

export function checkComplaintListArgs(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > 500) throw badInput({ field: 'first', message: 'must be from 1 to 500' });
}
