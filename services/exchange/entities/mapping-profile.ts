import { Column, Entity, PrimaryColumn } from 'typeorm';

const json = { to: (v: unknown) => JSON.stringify(v), from: (v: string) => JSON.parse(v) };

/** A column-mapping profile an organisation saved, by name. */
@Entity('mapping_profiles')
export class MappingProfileRow {
  @PrimaryColumn({ name: 'organisation_id', type: 'varchar', length: 64 }) organisationId!: string;
  @PrimaryColumn({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'varchar', length: 24 }) kind!: string;
  @Column({ type: 'text', transformer: json }) definition!: object;
  @Column({ name: 'updated_at', type: 'datetime', precision: 3 }) updatedAt!: Date;
  @Column({ name: 'updated_by', type: 'varchar', length: 200 }) updatedBy!: string;
}
