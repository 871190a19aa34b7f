import { Column, Entity, PrimaryColumn } from 'typeorm';

export type OrganisationKind = 'CLIENT' | 'CENTRE';

@Entity('organisations')
export class OrganisationRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: OrganisationKind;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
