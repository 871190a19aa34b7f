import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ScorecardSection } from '../../metrics/scorecard';

/** Epoch seconds stored as BIGINT (MySQL hands them back as strings). */
export const epochColumn = { to: (v: number | null) => v, from: (v: string | number | null) => (v === null || v === undefined ? null : Number(v)) };

/** Sections and criteria as JSON text. */
export const jsonColumn = { to: (v: unknown) => (v === undefined ? undefined : JSON.stringify(v)), from: (v: string | null) => (v === null || v === undefined ? null : JSON.parse(v)) };

/**
 * A quality scorecard on a contract. The parties are copied from the contract when it is
 * defined, so reading a scorecard (and everything on it) asks the contracts subgraph nothing.
 */
@Entity('quality_scorecards')
export class ScorecardRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'contract_id', type: 'varchar', length: 64 })
  contractId!: string;

  @Column({ name: 'client_id', type: 'varchar', length: 64 })
  clientId!: string;

  @Column({ name: 'centre_id', type: 'varchar', length: 64 })
  centreId!: string;

  @Column({ name: 'created_epoch', type: 'bigint', transformer: epochColumn })
  createdEpoch!: number;
}

/**
 * One version of a scorecard: in force from `effectiveFromEpoch` until the next version's. A
 * version never changes once written; an evaluation keeps the version it was scored under.
 */
@Entity('quality_scorecard_versions')
export class ScorecardVersionRow {
  @PrimaryColumn({ name: 'scorecard_id', type: 'varchar', length: 64 })
  scorecardId!: string;

  @PrimaryColumn({ type: 'int' })
  version!: number;

  @Column({ name: 'effective_from_epoch', type: 'bigint', transformer: epochColumn })
  effectiveFromEpoch!: number;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'pass_mark', type: 'double' })
  passMark!: number;

  @Column({ type: 'text', transformer: jsonColumn })
  sections!: ScorecardSection[];

  @Column({ name: 'created_epoch', type: 'bigint', transformer: epochColumn })
  createdEpoch!: number;

  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy!: string;
}
