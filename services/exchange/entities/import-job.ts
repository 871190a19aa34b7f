import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const JOB_STATUSES = ['UPLOADING', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'REFUSED', 'FAILED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const ACTIVE_STATUSES: readonly JobStatus[] = ['UPLOADING', 'QUEUED', 'RUNNING'];

const json = { to: (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v)), from: (v: string | null) => (v === null ? null : JSON.parse(v)) };
const int = { to: (v: number) => v, from: (v: string | number) => Number(v) };

/**
 * One import: the file as it arrived (chunks in import_chunks), the profile it is read with (a
 * copy, so editing the profile never changes a job), its target, and where it stands. Refused
 * rows are kept on the row as a bounded list, with their total count.
 */
@Entity('import_jobs')
@Index('ix_import_jobs_org_created', ['organisationId', 'createdAt'])
@Index('ix_import_jobs_status', ['status'])
@Index('ix_import_jobs_hash', ['kind', 'contentSha256'])
export class ImportJobRow {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @Column({ name: 'organisation_id', type: 'varchar', length: 64 }) organisationId!: string;
  @Column({ name: 'created_by', type: 'varchar', length: 200 }) createdBy!: string;
  @Column({ type: 'varchar', length: 24 }) kind!: string;
  @Column({ name: 'profile_name', type: 'varchar', length: 200 }) profileName!: string;
  @Column({ type: 'text', transformer: json }) profile!: object;
  @Column({ name: 'queue_id', type: 'varchar', length: 64, nullable: true }) queueId!: string | null;
  @Column({ name: 'contract_id', type: 'varchar', length: 64, nullable: true }) contractId!: string | null;
  @Column({ name: 'forecast_id', type: 'varchar', length: 64, nullable: true }) forecastId!: string | null;
  @Column({ name: 'scorecard_id', type: 'varchar', length: 64, nullable: true }) scorecardId!: string | null;
  @Column({ name: 'queue_map', type: 'text', nullable: true, transformer: json }) queueMap!: Array<{ source: string; queueId: string }> | null;
  @Column({ name: 'skip_unmapped', type: 'int' }) skipUnmapped!: number;
  @Column({ name: 'time_zone', type: 'varchar', length: 64, nullable: true }) timeZone!: string | null;
  @Column({ name: 'file_name', type: 'varchar', length: 200, nullable: true }) fileName!: string | null;
  @Column({ type: 'varchar', length: 16 }) status!: JobStatus;
  @Column({ type: 'varchar', length: 16, nullable: true }) phase!: string | null;
  @Column({ type: 'int' }) chunks!: number;
  @Column({ name: 'bytes_received', type: 'bigint', transformer: int }) bytesReceived!: number;
  @Column({ name: 'content_sha256', type: 'varchar', length: 64, nullable: true }) contentSha256!: string | null;
  @Column({ name: 'same_file_as', type: 'varchar', length: 64, nullable: true }) sameFileAs!: string | null;
  @Column({ name: 'rows_read', type: 'int' }) rowsRead!: number;
  @Column({ name: 'rows_checked', type: 'int' }) rowsChecked!: number;
  @Column({ name: 'rows_written', type: 'int' }) rowsWritten!: number;
  @Column({ name: 'rows_refused', type: 'int' }) rowsRefused!: number;
  @Column({ name: 'rows_skipped', type: 'int' }) rowsSkipped!: number;
  @Column({ type: 'text', transformer: json }) problems!: Array<{ line: number; column: string | null; reason: string }>;
  @Column({ type: 'text', nullable: true, transformer: json }) coverage!: { rebuilt: string[]; notRebuilt: Array<{ figure: string; reason: string }> } | null;
  @Column({ type: 'text', transformer: json }) notes!: string[];
  @Column({ type: 'text', nullable: true }) failure!: string | null;
  @Column({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt!: Date;
  @Column({ name: 'started_at', type: 'datetime', precision: 3, nullable: true }) startedAt!: Date | null;
  @Column({ name: 'finished_at', type: 'datetime', precision: 3, nullable: true }) finishedAt!: Date | null;
}
