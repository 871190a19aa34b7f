import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ComplaintTermsValue, InformationItemValue, ReportingObligationValue, ResponsibilityValue, ServiceTermValue } from '../terms';
import type { PriceTerms } from '../../metrics/pricing';

export type ContractStatus = 'DRAFT' | 'ACTIVE';

/** Money in integer minor units; bigint columns come back as numbers within the safe range. */
const bigintAsNumber = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

@Entity('contracts')
export class ContractRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'client_id', type: 'varchar', length: 64 })
  clientId!: string;

  @Column({ name: 'centre_id', type: 'varchar', length: 64 })
  centreId!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  reference!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: ContractStatus;

  /** Local calendar dates (YYYY-MM-DD): a contract runs from a business day, not an instant. */
  @Column({ name: 'start_date', type: 'varchar', length: 10 })
  startDate!: string;

  @Column({ name: 'end_date', type: 'varchar', length: 10, nullable: true })
  endDate!: string | null;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Column({ name: 'monthly_fee_minor', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  monthlyFeeMinor!: number | null;

  /** Bumped by every change; the optimistic-concurrency token of amendments. */
  @Column({ type: 'int' })
  revision!: number;

  @Column({ type: 'simple-json' })
  responsibilities!: ResponsibilityValue[];

  @Column({ name: 'information_items', type: 'simple-json' })
  informationItems!: InformationItemValue[];

  @Column({ name: 'reporting_obligations', type: 'simple-json' })
  reportingObligations!: ReportingObligationValue[];

  @Column({ name: 'complaint_terms', type: 'simple-json', nullable: true })
  complaintTerms!: ComplaintTermsValue | null;

  @Column({ name: 'service_terms', type: 'simple-json' })
  serviceTerms!: ServiceTermValue[];

  /** What the client pays (issue 14), in minor units of `currency`; versioned with the contract's revisions. */
  @Column({ name: 'price_terms', type: 'simple-json', nullable: true })
  priceTerms!: PriceTerms | null;

  @Column({ name: 'activated_at', type: 'datetime', precision: 3, nullable: true })
  activatedAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
