import { randomUUID } from 'node:crypto';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { isUniqueViolation } from '../platform/database';
import { ACTIVE_STATUSES, ImportJobRow, JobStatus } from './entities/import-job';
import { ImportChunkRow } from './entities/import-chunk';
import { ImportedKeyRow } from './entities/imported-key';
import { MappingProfileRow } from './entities/mapping-profile';

/** The SQL of the exchange subgraph: jobs, their chunks, saved profiles and imported keys. */

export function newJobId(): string {
  return `imp-${randomUUID()}`;
}

export function findJob(db: DataSource, id: string): Promise<ImportJobRow | null> {
  return db.getRepository(ImportJobRow).findOneBy({ id });
}

export function findJobs(db: DataSource, ids: string[]): Promise<ImportJobRow[]> {
  return ids.length ? db.getRepository(ImportJobRow).findBy({ id: In(ids) }) : Promise.resolve([]);
}

export function jobsOf(db: DataSource, organisationId: string, first: number, statuses: JobStatus[] | null): Promise<ImportJobRow[]> {
  return db.getRepository(ImportJobRow).find({
    where: statuses ? { organisationId, status: In(statuses) } : { organisationId },
    order: { createdAt: 'DESC', id: 'DESC' },
    take: first,
  });
}

export function countActiveJobs(db: DataSource, organisationId: string): Promise<number> {
  return db.getRepository(ImportJobRow).countBy({ organisationId, status: In([...ACTIVE_STATUSES]) });
}

/** Creates a job with its first chunk (when given), in one transaction. */
export async function insertJob(db: DataSource, job: ImportJobRow, firstChunk: Buffer | null): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.getRepository(ImportJobRow).insert(job);
    if (firstChunk) await tx.getRepository(ImportChunkRow).insert({ jobId: job.id, seq: 0, data: firstChunk });
  });
}

/**
 * Adds chunk `seq` to an uploading job and moves it on when it is the last, in one transaction.
 * Answers false when another call added this chunk first (the caller's retry then sees the job as
 * it stands).
 */
export async function addChunk(db: DataSource, job: ImportJobRow, data: Buffer, last: boolean): Promise<boolean> {
  try {
    await db.transaction(async (tx) => {
      await tx.getRepository(ImportChunkRow).insert({ jobId: job.id, seq: job.chunks, data });
      const moved = await tx
        .getRepository(ImportJobRow)
        .update({ id: job.id, status: 'UPLOADING', chunks: job.chunks }, { chunks: job.chunks + 1, bytesReceived: job.bytesReceived + data.length, status: last ? 'QUEUED' : 'UPLOADING' });
      if (!moved.affected) throw Object.assign(new Error('moved on'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
    });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export async function setStatus(db: DataSource, id: string, from: JobStatus, to: JobStatus): Promise<boolean> {
  const r = await db.getRepository(ImportJobRow).update({ id, status: from }, { status: to });
  return Boolean(r.affected);
}

export async function chunkAt(db: DataSource, jobId: string, seq: number): Promise<Buffer | null> {
  const rows: Array<{ data: Buffer | Uint8Array }> = await db.query('SELECT data FROM import_chunks WHERE job_id = ? AND seq = ?', [jobId, seq]);
  return rows.length ? Buffer.from(rows[0].data) : null;
}

export async function updateJob(db: DataSource, id: string, patch: Partial<ImportJobRow>): Promise<void> {
  await db.getRepository(ImportJobRow).update({ id }, patch);
}

/**
 * Jobs a stopped process left queued or running cannot go on (the caller's token went with the
 * process): they fail, saying so; the caller sends the file again.
 */
export async function failInterrupted(db: DataSource, at: Date): Promise<number> {
  const r = await db
    .getRepository(ImportJobRow)
    .update({ status: In(['QUEUED', 'RUNNING']) }, { status: 'FAILED', finishedAt: at, failure: 'the hub stopped before this job finished; nothing more was written by it — send the file again (rows already written are replaced, never doubled)' });
  return r.affected ?? 0;
}

/** The stored files of an organisation's finished jobs are dropped when it next uploads. */
export async function pruneFinishedChunks(db: DataSource, organisationId: string): Promise<void> {
  const finished = await db.getRepository(ImportJobRow).find({ select: { id: true }, where: { organisationId, status: Not(In([...ACTIVE_STATUSES])), chunks: Not(0) } });
  if (finished.length === 0) return;
  const ids = finished.map((j) => j.id);
  await db.transaction(async (tx) => {
    await tx.getRepository(ImportChunkRow).delete({ jobId: In(ids) });
    await tx.getRepository(ImportJobRow).update({ id: In(ids) }, { chunks: 0 });
  });
}

/** An earlier job that wrote the same content into the same target, if any. */
export async function sameFileAs(db: DataSource, job: ImportJobRow, sha256: string): Promise<string | null> {
  const earlier = await db.getRepository(ImportJobRow).find({
    where: { kind: job.kind, contentSha256: sha256, status: 'SUCCEEDED', queueId: job.queueId ?? IsNull(), contractId: job.contractId ?? IsNull(), forecastId: job.forecastId ?? IsNull(), scorecardId: job.scorecardId ?? IsNull(), id: Not(job.id) },
    order: { createdAt: 'DESC' },
    take: 1,
  });
  return earlier[0]?.id ?? null;
}

export async function importedKeys(db: DataSource, target: string, kind: string, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.getRepository(ImportedKeyRow).findBy({ target, kind, sourceKey: In(keys) });
  return new Set(rows.map((r) => r.sourceKey));
}

export async function insertImportedKeys(db: DataSource, rows: ImportedKeyRow[]): Promise<void> {
  if (rows.length) await db.getRepository(ImportedKeyRow).insert(rows);
}

export function findProfile(db: DataSource, organisationId: string, name: string): Promise<MappingProfileRow | null> {
  return db.getRepository(MappingProfileRow).findOneBy({ organisationId, name });
}

export function profilesOf(db: DataSource, organisationId: string): Promise<MappingProfileRow[]> {
  return db.getRepository(MappingProfileRow).find({ where: { organisationId }, order: { name: 'ASC' } });
}

export function countProfiles(db: DataSource, organisationId: string): Promise<number> {
  return db.getRepository(MappingProfileRow).countBy({ organisationId });
}

export async function saveProfile(db: DataSource, row: MappingProfileRow): Promise<void> {
  await db.getRepository(MappingProfileRow).save(row);
}

export async function deleteProfile(db: DataSource, organisationId: string, name: string): Promise<boolean> {
  const r = await db.getRepository(MappingProfileRow).delete({ organisationId, name });
  return Boolean(r.affected);
}
