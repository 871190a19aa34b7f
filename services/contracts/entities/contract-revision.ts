import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ContractSnapshot, FieldChange } from '../snapshot';

/**
 * One row per change to a contract: who, when, why, what changed, and the whole contract as it
 * stood afterwards. The snapshot makes "the contract as of date D" a single-row read and keeps
 * past states exact even when later code changes how current state is stored.
 */
@Entity('contract_revisions')
export class ContractRevisionRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'contract_id', type: 'varchar', length: 64 })
  contractId!: string;

  @Column({ type: 'int' })
  revision!: number;

  /** When the change was recorded. */
  @Column({ type: 'datetime', precision: 3 })
  at!: Date;

  /**
   * From when the change applies to the service (defaults to when it was recorded). Never
   * earlier than the previous revision's, so the versions of a contract form one timeline.
   */
  @Column({ name: 'effective_from', type: 'datetime', precision: 3 })
  effectiveFrom!: Date;

  @Column({ name: 'actor_subject', type: 'varchar', length: 200 })
  actorSubject!: string;

  @Column({ name: 'actor_organisation_id', type: 'varchar', length: 64 })
  actorOrganisationId!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'simple-json' })
  changes!: FieldChange[];

  @Column({ type: 'simple-json' })
  snapshot!: ContractSnapshot;
}
