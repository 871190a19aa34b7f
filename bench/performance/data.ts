import { INTERVAL_COLUMNS, MAX_COLUMNS, SUM_COLUMNS } from '../../services/performance/entities/interval-actual';
import { interval } from '../../test/support/intervals';

/** The benchmark's data: a month of quarter hours per queue, consistent records with deterministic variation. */

/** Deterministic pseudo-random numbers in [0, 1) from integer seeds (mulberry32 over a mixed seed). */
function rand(...seeds: number[]): number {
  let a = 0x9e3779b9;
  for (const s of seeds) a = Math.imul(a ^ (s + 0x6d2b79f5), 0x85ebca6b) ^ (a >>> 13);
  a = (a + 0x6d2b79f5) | 0;
  let t = Math.imul(a ^ (a >>> 15), a | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

export type Row = ReturnType<typeof interval>;

/** Contacts per quarter hour by UTC hour: quiet nights, a morning and an afternoon peak. */
const HOURLY_VOLUME = [3, 2, 2, 2, 3, 6, 18, 40, 60, 64, 58, 50, 46, 52, 58, 54, 44, 32, 22, 14, 9, 6, 4, 3];

export function rowsFor(queueIndex: number, starts: number[], monthStart: number): Row[] {
  return starts.map((epoch, i) => {
    const day = Math.floor((epoch - monthStart) / 86_400);
    const hour = new Date(epoch * 1000).getUTCHours();
    const volume = Math.round(HOURLY_VOLUME[hour] * (0.8 + 0.4 * rand(queueIndex, i, 1)));
    const abandoned = Math.round(volume * (0.04 + 0.05 * rand(queueIndex, i, 2)));
    const answered = volume - abandoned;
    // A day-level quality per queue so that some days meet the 80 % goal and some miss it.
    const share = Math.min(1, Math.max(0, 0.86 + 0.12 * (rand(queueIndex, day, 3) - 0.5) + 0.06 * (rand(queueIndex, i, 4) - 0.5)));
    const within = Math.round(answered * share);
    const beyond = answered - within;
    const w = [Math.floor(within * 0.45), Math.floor(within * 0.25), Math.floor(within * 0.18)];
    const b = [Math.floor(beyond * 0.5), Math.floor(beyond * 0.25), Math.floor(beyond * 0.15)];
    const answeredWait = [...w, within - w[0] - w[1] - w[2], ...b, beyond - b[0] - b[1] - b[2]];
    const a0 = Math.floor(abandoned * 0.3);
    const a3 = Math.floor(abandoned * 0.3);
    const abandonedWait = [a0, 0, 0, a3, 0, abandoned - a0 - a3];
    return interval(new Date(epoch * 1000).toISOString(), { answeredWait, abandonedWait, ahtSeconds: 240 + Math.round(120 * rand(queueIndex, i, 5)) });
  });
}

/** The row as recordIntervals writes it (intervals.ts), for the raw baseline. */
export function sqlValues(queueId: string, row: Row, uploadedAt: Date | string, uploadedBy: string): unknown[] {
  return [
    queueId,
    Date.parse(row.start) / 1000,
    row.lengthSeconds,
    ...SUM_COLUMNS.map((c) => (row as unknown as Record<string, number | null | undefined>)[c.field] ?? null),
    ...MAX_COLUMNS.map((c) => (row as unknown as Record<string, number | null | undefined>)[c.field] ?? null),
    ...row.answeredWait,
    ...row.abandonedWait,
    'QUEUE_ENTRY',
    uploadedAt,
    uploadedBy,
  ];
}

export function insertSql(table: string, rows: number): string {
  const one = `(${INTERVAL_COLUMNS.map(() => '?').join(', ')})`;
  return `INSERT INTO ${table} (${INTERVAL_COLUMNS.join(', ')}) VALUES ${new Array(rows).fill(one).join(', ')}`;
}

/** Rows as the compact IntervalBatch scalar: column names once, then one array per row. */
export function asBatch(rows: Array<Record<string, unknown>>): { columns: string[]; rows: unknown[][] } {
  const columns = Object.keys(rows[0]);
  return { columns, rows: rows.map((r) => columns.map((c) => r[c])) };
}
