import { performance } from 'node:perf_hooks';
import { dateParameter } from '../../services/platform/database';
import { fmt, seconds, timed } from '../timing';
import { QUEUES, RAW_ROWS_PER_STATEMENT } from './config';
import { insertSql, rowsFor, sqlValues } from './data';
import { createRawTable } from './database';
import { Bench } from './setup';

export interface RawInsert {
  rawDdl: string;
  rawMs: number;
  rawStatements: number;
  rawWallMs: number;
  rawRate: number;
}

/** Step 3: the same rows inserted with the driver alone into a table of the same shape, the baseline of the upload. */
export async function insertRaw({ target, month, queueIds, perfDb }: Bench): Promise<RawInsert> {
  const { starts, monthStart, totalRows } = month;
  console.log(`\nraw insert: the same ${fmt(totalRows)} rows into bench_raw (same columns and primary key), INSERT of ${RAW_ROWS_PER_STATEMENT} rows, one transaction per queue`);
  const rawDdl = await createRawTable(perfDb, target.dialect);
  let rawMs = 0;
  let rawStatements = 0;
  const rawT0 = performance.now();
  for (let i = 0; i < QUEUES; i++) {
    const rows = rowsFor(i, starts, monthStart);
    const r = await timed(async () => {
      const uploadedAt = dateParameter(perfDb, new Date());
      const values = rows.map((row) => sqlValues(queueIds[i], row, uploadedAt, 'bench-raw'));
      await perfDb.transaction(async (tx) => {
        for (let k = 0; k < values.length; k += RAW_ROWS_PER_STATEMENT) {
          const chunk = values.slice(k, k + RAW_ROWS_PER_STATEMENT);
          await tx.query(insertSql('bench_raw', chunk.length), chunk.flat());
          rawStatements += 1;
        }
      });
    });
    rawMs += r.ms;
    if ((i + 1) % 25 === 0 || i + 1 === QUEUES) {
      console.log(`  ${String(i + 1).padStart(3)}/${QUEUES} queues, ${fmt(seconds(performance.now() - rawT0), 1).padStart(6)} s, ${fmt(((i + 1) * starts.length) / seconds(rawMs))} rows/s`);
    }
  }
  const rawWallMs = performance.now() - rawT0;
  const [{ n: rawRows }] = await perfDb.query('SELECT COUNT(*) AS n FROM bench_raw');
  if (Number(rawRows) !== totalRows) throw new Error(`bench_raw holds ${rawRows} rows, expected ${totalRows}`);
  return { rawDdl, rawMs, rawStatements, rawWallMs, rawRate: totalRows / seconds(rawMs) };
}
