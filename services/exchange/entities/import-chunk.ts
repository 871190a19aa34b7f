import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One chunk of an uploaded file, as sent (gzip or plain); read back one at a time. */
@Entity('import_chunks')
export class ImportChunkRow {
  @PrimaryColumn({ name: 'job_id', type: 'varchar', length: 64 }) jobId!: string;
  @PrimaryColumn({ type: 'int' }) seq!: number;
  @Column({ type: 'blob' }) data!: Buffer;
}
