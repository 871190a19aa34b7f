import { Column, Entity, PrimaryColumn } from 'typeorm';

const epoch = { to: (v: number) => v, from: (v: string | number) => Number(v) };

/**
 * One published version of a queue's forecast (ISO 18295-2 6.7). Rows are never changed after
 * publication: a later version whose horizon overlaps supersedes this one for the intervals it
 * covers, which is computed when reading, so every version stays readable exactly as published.
 * Horizon bounds are epoch seconds, like interval starts in the performance subgraph.
 */
@Entity('forecasts')
export class ForecastRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'queue_id', type: 'varchar', length: 64 })
  queueId!: string;

  @Column({ name: 'contract_id', type: 'varchar', length: 64 })
  contractId!: string;

  @Column({ name: 'client_id', type: 'varchar', length: 64 })
  clientId!: string;

  @Column({ name: 'centre_id', type: 'varchar', length: 64 })
  centreId!: string;

  /** 1, 2, … per queue, in publication order. */
  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'from_epoch', type: 'bigint', transformer: epoch })
  fromEpoch!: number;

  /** Exclusive end of the horizon. */
  @Column({ name: 'to_epoch', type: 'bigint', transformer: epoch })
  toEpoch!: number;

  @Column({ name: 'granularity_seconds', type: 'int' })
  granularitySeconds!: number;

  /** Share of paid time agents are not available for contacts (0 ≤ s < 1); null when not stated. */
  @Column({ type: 'double', nullable: true })
  shrinkage!: number | null;

  /** Mean patience of a waiting contact; when stated, staffing also uses Erlang A. */
  @Column({ name: 'patience_seconds', type: 'double', nullable: true })
  patienceSeconds!: number | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'interval_count', type: 'int' })
  intervalCount!: number;

  @Column({ name: 'published_at', type: 'datetime', precision: 3 })
  publishedAt!: Date;

  @Column({ name: 'published_by', type: 'varchar', length: 200 })
  publishedBy!: string;
}

/** One interval of one forecast version: expected offered volume and AHT, and the centre's planned agents. */
@Entity('forecast_intervals')
export class ForecastIntervalRow {
  @PrimaryColumn({ name: 'forecast_id', type: 'varchar', length: 64 })
  forecastId!: string;

  @PrimaryColumn({ name: 'start_epoch', type: 'bigint', transformer: epoch })
  startEpoch!: number;

  @Column({ type: 'double' })
  volume!: number;

  @Column({ name: 'aht_seconds', type: 'double' })
  ahtSeconds!: number;

  /** Agents the centre plans to have handling contacts in the interval (productive, after shrinkage). */
  @Column({ name: 'planned_agents', type: 'int', nullable: true })
  plannedAgents!: number | null;
}

export const FORECAST_INTERVAL_COLUMNS = ['forecast_id', 'start_epoch', 'volume', 'aht_seconds', 'planned_agents'] as const;
