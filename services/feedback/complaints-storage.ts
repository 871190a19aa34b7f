import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { conflict } from '../platform/errors';
import { ComplaintEventRow, ComplaintPauseRow, ComplaintRow, ComplaintStatus, CorrectiveActionRow, PauseReason } from './entities/complaint';

/**
 * The SQL of complaints: what the use cases in complaints.ts and the loaders read and write.
 * No rule lives here; every write is one transaction.
 */

export function newId(prefix: string): string {
  return `${prefix}-${randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

/** One entry of a complaint's history; the storage gives it its id and seq. */
export interface ComplaintEvent {
  kind: 'TRANSITION' | 'PAUSE' | 'RESUME';
  from: ComplaintStatus | null;
  to: ComplaintStatus;
  at: number;
  actorSubject: string;
  actorOrg: string;
  note: string | null;
}

async function insertEvent(tx: EntityManager, complaintId: string, seq: number, event: ComplaintEvent): Promise<void> {
  await tx.getRepository(ComplaintEventRow).insert({
    id: newId('cev'),
    complaintId,
    seq,
    kind: event.kind,
    fromStatus: event.from,
    toStatus: event.to,
    atEpoch: event.at,
    actorSubject: event.actorSubject,
    actorOrg: event.actorOrg,
    note: event.note,
  });
}

export function findComplaint(db: DataSource, id: string): Promise<ComplaintRow | null> {
  return db.getRepository(ComplaintRow).findOneBy({ id });
}

export function findComplaints(db: DataSource, ids: readonly string[]): Promise<ComplaintRow[]> {
  return db.getRepository(ComplaintRow).findBy({ id: In([...ids]) });
}

/** A new complaint (version 1) with its first event (seq 1). */
export async function insertComplaint(db: DataSource, row: ComplaintRow, event: ComplaintEvent): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.getRepository(ComplaintRow).insert(row);
    await insertEvent(tx, row.id, 1, event);
  });
}

/**
 * New complaints each with their whole history (events seq 1…n, the complaint at version n), all
 * in one transaction: every complaint is written, or none.
 */
export async function insertComplaintsWithHistory(db: DataSource, items: ReadonlyArray<{ row: ComplaintRow; events: ComplaintEvent[] }>): Promise<void> {
  await db.transaction(async (tx) => {
    for (const { row, events } of items) {
      await tx.getRepository(ComplaintRow).insert(row);
      for (let i = 0; i < events.length; i++) await insertEvent(tx, row.id, i + 1, events[i]);
    }
  });
}

export function pausesOfComplaint(db: DataSource, complaintId: string): Promise<ComplaintPauseRow[]> {
  return db.getRepository(ComplaintPauseRow).find({ where: { complaintId }, order: { startEpoch: 'ASC', id: 'ASC' } });
}

/** What one change of a complaint writes besides its columns. */
export interface ComplaintChange {
  columns: Partial<ComplaintRow>;
  event: ComplaintEvent;
  /** Ends the open pause with this id at this instant. */
  endPause?: { id: string; at: number };
  /** Starts (or records a whole) pause. */
  addPause?: { reason: PauseReason; start: number; end: number | null };
}

/**
 * Saves a change only if nobody changed the complaint meanwhile (its version), with the event and
 * pause changes, in one transaction. The next event's seq is version + 1: a complaint is recorded
 * at version 1 with event 1, and every change (the only writer of either) adds one to the version
 * and inserts exactly one event, under the version check. Returns the complaint as saved.
 */
export async function saveComplaintChange(db: DataSource, row: ComplaintRow, change: ComplaintChange): Promise<ComplaintRow> {
  const version = row.version;
  await db.transaction(async (tx) => {
    const result = await tx.getRepository(ComplaintRow).update({ id: row.id, version }, { ...change.columns, version: version + 1 });
    if (result.affected === 0) throw conflict(`complaint ${row.id} was changed by somebody else meanwhile; read it again`);
    if (change.endPause) await tx.getRepository(ComplaintPauseRow).update({ id: change.endPause.id }, { endEpoch: change.endPause.at });
    if (change.addPause) {
      await tx.getRepository(ComplaintPauseRow).insert({
        id: newId('cps'),
        complaintId: row.id,
        reason: change.addPause.reason,
        startEpoch: change.addPause.start,
        endEpoch: change.addPause.end,
      });
    }
    await insertEvent(tx, row.id, version + 1, change.event);
  });
  return Object.assign(row, change.columns, { version: version + 1 });
}

export function findCorrectiveAction(db: DataSource, id: string): Promise<CorrectiveActionRow | null> {
  return db.getRepository(CorrectiveActionRow).findOneBy({ id });
}

export async function insertCorrectiveAction(db: DataSource, action: CorrectiveActionRow): Promise<void> {
  await db.getRepository(CorrectiveActionRow).insert(action);
}

/** Marks an action done unless it already is; false when it was (somebody else was first). */
export async function markCorrectiveActionDone(db: DataSource, id: string, at: number): Promise<boolean> {
  const result = await db.getRepository(CorrectiveActionRow).update({ id, doneEpoch: IsNull() }, { doneEpoch: at });
  return (result.affected ?? 0) > 0;
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

/** The history of some complaints, oldest first: one statement. */
export function eventsOfComplaints(db: DataSource, ids: readonly string[]): Promise<ComplaintEventRow[]> {
  return db.getRepository(ComplaintEventRow).find({ where: { complaintId: In([...ids]) }, order: { seq: 'ASC' } });
}

/** The pauses of some complaints, oldest first: one statement. */
export function pausesOfComplaints(db: DataSource, ids: readonly string[]): Promise<ComplaintPauseRow[]> {
  return db.getRepository(ComplaintPauseRow).find({ where: { complaintId: In([...ids]) }, order: { startEpoch: 'ASC' } });
}

/** The corrective actions of some complaints, oldest first: one statement. */
export function actionsOfComplaints(db: DataSource, ids: readonly string[]): Promise<CorrectiveActionRow[]> {
  return db.getRepository(CorrectiveActionRow).find({ where: { complaintId: In([...ids]) }, order: { createdEpoch: 'ASC', id: 'ASC' } });
}
