import { performance } from 'node:perf_hooks';
import { post } from '../graphql';
import { fmt, seconds, timed } from '../timing';
import { QUEUES, RECORD_BATCH } from './config';
import { asBatch, rowsFor } from './data';
import { Bench } from './setup';

export interface Upload {
  requestMs: number;
  clientMs: number;
  bodyBytes: number;
  perCallMs: number[];
  uploadWallMs: number;
  uploadSql: { performance: number; contracts: number };
  apiRate: number;
}

/** Step 2: a month of quarter-hour actuals per queue uploaded through the gateway, one queue-month per call. */
export async function uploadThroughGateway({ counters, month, url, centre, queueIds, perfDb }: Bench): Promise<Upload> {
  const { starts, monthStart, totalRows } = month;
  console.log(`\nupload: ${QUEUES} calls of ${fmt(starts.length)} rows through the gateway (recordIntervalBatch, centre token)`);
  let requestMs = 0;
  let clientMs = 0;
  let bodyBytes = 0;
  const perCallMs: number[] = [];
  counters.performance.reset();
  counters.contracts.reset();
  const uploadT0 = performance.now();
  for (let i = 0; i < QUEUES; i++) {
    const c0 = performance.now();
    const rows = rowsFor(i, starts, monthStart);
    const body = JSON.stringify({ query: RECORD_BATCH, variables: { q: queueIds[i], b: asBatch(rows as unknown as Array<Record<string, unknown>>) } });
    clientMs += performance.now() - c0;
    bodyBytes = Math.max(bodyBytes, Buffer.byteLength(body));
    const r = await timed(() => post<{ recordIntervalBatch: { inserted: number; received: number } }>(url, centre, body));
    if (r.value.data.recordIntervalBatch.inserted !== rows.length) throw new Error(`queue ${i}: inserted ${r.value.data.recordIntervalBatch.inserted} of ${rows.length}`);
    requestMs += r.ms;
    perCallMs.push(r.ms);
    if ((i + 1) % 10 === 0 || i + 1 === QUEUES) {
      const done = (i + 1) * starts.length;
      console.log(`  ${String(i + 1).padStart(3)}/${QUEUES} queues, ${fmt(done).padStart(7)} rows, ${fmt(seconds(performance.now() - uploadT0), 1).padStart(6)} s, ${fmt(done / seconds(requestMs))} rows/s`);
    }
  }
  const uploadWallMs = performance.now() - uploadT0;
  const uploadSql = { performance: counters.performance.count, contracts: counters.contracts.count };
  const [{ n: storedRows }] = await perfDb.query('SELECT COUNT(*) AS n FROM interval_actuals');
  if (Number(storedRows) !== totalRows) throw new Error(`interval_actuals holds ${storedRows} rows, expected ${totalRows}`);
  return { requestMs, clientMs, bodyBytes, perCallMs, uploadWallMs, uploadSql, apiRate: totalRows / seconds(requestMs) };
}
