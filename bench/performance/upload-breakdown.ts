import { viewerFromAuthorization } from '../../services/platform/auth';
import { createContractsClient } from '../../services/clients/contracts';
import { recordIntervals, writeIntervals } from '../../services/performance/intervals';
import { post } from '../graphql';
import { fmt, median, round, timed, timedSync } from '../timing';
import { RECORD, RECORD_BATCH, SAMPLE, SECRET } from './config';
import { asBatch, rowsFor } from './data';
import { Bench } from './setup';

export interface UploadBreakdown {
  breakdown: Record<string, { medianMs: number; runsMs: number[] }>;
  jsonMs: number;
}

/** Step 3b: where upload time goes, by re-sending (replacing) SAMPLE queue-months along ever shorter paths. */
export async function uploadBreakdown({ month, hub, url, centre, queueIds, perfDb }: Bench): Promise<UploadBreakdown> {
  const { starts, monthStart } = month;
  console.log(`\nupload breakdown: ${SAMPLE} queue-months re-sent (replacing) along each path`);
  const sample = queueIds.slice(0, SAMPLE);
  const sampleRows = sample.map((_, i) => rowsFor(i, starts, monthStart));
  const sampleBodies = sample.map((q, i) => JSON.stringify({ query: RECORD_BATCH, variables: { q, b: asBatch(sampleRows[i] as unknown as Array<Record<string, unknown>>) } }));
  const sampleTypedBodies = sample.map((q, i) => JSON.stringify({ query: RECORD, variables: { q, rows: sampleRows[i] } }));
  const contractsUrl = hub.subgraphs.contracts.server.url;
  const authorization = `Bearer ${centre}`;
  // Each path sends the same queue-month; the paths take turns per queue so that load from
  // elsewhere on the machine falls on all of them alike.
  const paths: Record<string, (i: number) => Promise<unknown>> = {
    gatewayTypedInput: (i) => post(url, centre, sampleTypedBodies[i]),
    gateway: (i) => post(url, centre, sampleBodies[i]),
    subgraphDirect: (i) => post(hub.subgraphs.performance.server.url, centre, sampleBodies[i]),
    useCaseInProcess: (i) => {
      const uploads = sampleRows[i].map((r) => ({ ...r, start: new Date(r.start) }));
      const ctx = { viewer: viewerFromAuthorization(authorization, SECRET), db: perfDb, now: new Date(), contracts: createContractsClient({ name: 'contracts', url: contractsUrl, authorization, timeoutMs: 10_000 }) };
      return recordIntervals(ctx, sample[i], uploads);
    },
    contractsLookup: (i) => createContractsClient({ name: 'contracts', url: contractsUrl, authorization, timeoutMs: 10_000 }).queue.load(sample[i]),
    sqlOnly: (i) => {
      // The write step of recordIntervals alone: the range read and the upserts, in one transaction.
      const uploads = sampleRows[i].map((r) => ({ ...r, start: new Date(r.start) }));
      return writeIntervals(perfDb, sample[i], uploads, 'QUEUE_ENTRY', 'bench-centre', new Date());
    },
  };
  const pathRuns: Record<string, number[]> = Object.fromEntries(Object.keys(paths).map((name) => [name, []]));
  for (let i = 0; i < sample.length; i++) {
    for (const [name, run] of Object.entries(paths)) pathRuns[name].push((await timed(() => run(i))).ms);
  }
  const breakdown: Record<string, { medianMs: number; runsMs: number[] }> = {};
  for (const [name, runs] of Object.entries(pathRuns)) {
    breakdown[name] = { medianMs: round(median(runs), 1), runsMs: runs.map((x) => round(x, 1)) };
    console.log(`  ${name.padEnd(17)} median ${fmt(median(runs), 1).padStart(8)} ms per ${fmt(starts.length)}-row call`);
  }
  const jsonMs = median(sampleRows.map((rows, i) => timedSync(() => JSON.parse(JSON.stringify({ query: RECORD, variables: { q: sample[i], rows } })))));
  return { breakdown, jsonMs };
}
