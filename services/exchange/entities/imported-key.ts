import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A source record already written through its owner (a complaint, by the source system's key),
 * with what the owner created for it: re-importing it is recognised and skipped, never doubled.
 */
@Entity('imported_keys')
export class ImportedKeyRow {
  @PrimaryColumn({ type: 'varchar', length: 64 }) target!: string;
  @PrimaryColumn({ type: 'varchar', length: 24 }) kind!: string;
  @PrimaryColumn({ name: 'source_key', type: 'varchar', length: 200 }) sourceKey!: string;
  @Column({ name: 'created_id', type: 'varchar', length: 64 }) createdId!: string;
  @Column({ name: 'job_id', type: 'varchar', length: 64 }) jobId!: string;
}
