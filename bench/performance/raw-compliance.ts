import { ABANDONED_BUCKET_COLUMNS, ANSWERED_BUCKET_COLUMNS, SUM_COLUMNS } from '../../services/performance/entities/interval-actual';
import { SLA } from './config';

/** The raw compliance baseline: one statement, per queue and local day, judged in JS. */

export function sumsSql(): string {
  const columns = SUM_COLUMNS.map((c) =>
    c.optional ? `CASE WHEN COUNT(${c.column}) = COUNT(*) THEN SUM(${c.column}) END AS ${c.column}` : `SUM(${c.column}) AS ${c.column}`,
  );
  const buckets = [...ANSWERED_BUCKET_COLUMNS, ...ABANDONED_BUCKET_COLUMNS].map((c) => `SUM(${c}) AS ${c}`);
  return [...columns, ...buckets, 'COUNT(*) AS intervals', 'MIN(attribution) AS attr_min', 'MAX(attribution) AS attr_max'].join(', ');
}

/** The CASE over local-day boundaries that aggregate.ts builds for uneven buckets. */
export function caseBucket(boundaries: number[]): string {
  return `CASE ${boundaries.slice(1).map((b, i) => `WHEN start_epoch < ${b} THEN ${i}`).join(' ')} ELSE ${boundaries.length - 1} END`;
}

export interface TargetVerdict {
  windowsMet: number;
  windowsJudged: number;
  creditPercent: number;
  values: Array<number | null>;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** SERVICE_LEVEL 20 s canonical per queue-day (answered within 20 s / offered), met, shortfall, capped credit. */
export function judgeRaw(rows: Array<Record<string, unknown>>, queueIds: string[], days: number): Map<string, TargetVerdict> {
  const verdicts = new Map<string, TargetVerdict>(queueIds.map((q) => [q, { windowsMet: 0, windowsJudged: 0, creditPercent: 0, values: new Array(days).fill(null) }]));
  const within = ANSWERED_BUCKET_COLUMNS.slice(0, 4); // ≤5, ≤10, ≤15, ≤20 s
  for (const row of rows) {
    const v = verdicts.get(String(row.queue_id))!;
    const offered = Number(row.offered);
    if (offered > 0) v.values[Number(row.bucket)] = within.reduce((s, c) => s + Number(row[c]), 0) / offered;
  }
  for (const v of verdicts.values()) {
    let credit = 0;
    for (const value of v.values) {
      if (value === null) continue;
      v.windowsJudged += 1;
      if (value >= SLA.goal) v.windowsMet += 1;
      else credit += round6(Math.min(SLA.capPercent, round6((SLA.goal - value) * 100) * SLA.percentPerPoint));
    }
    v.creditPercent = round6(Math.min(credit, SLA.capPercent));
  }
  return verdicts;
}
