import { LIST_LIMITS } from '../../metrics/bounds';
import { checkIntervalSpans, recordIntervalBatch } from '../../clients/performance-files';
import { BATCH_COLUMNS, batchValues, intervalRow, SlotMap } from '../interval-rows';
import { StagedRows } from '../staging';
import { eachRow, JobRun, JobStopped, recordHash } from '../jobs';
import { HeaderBinding, ReadRow, RowProblem } from '../mapping';
import { coverageOf } from '../profile';
import { updateJob } from '../jobs-storage';
import { clip } from '../values';

/** Where a row goes: its hub queue and that queue's time zone, or why not. */
type Route = { queueId: string; timeZone: string } | { skip: true } | { problem: RowProblem };

/**
 * The queue of each row: the job's queue, or for a contract the queue the row's QUEUE column names
 * (through the job's queue map, or a queue id of the contract). Rows of other queues are refused,
 * or skipped and counted when the job says so.
 */
export async function router(run: JobRun): Promise<(row: ReadRow, columnOfQueue: string | null) => Route> {
  const { job } = run;
  if (job.queueId) {
    const facts = await run.contracts.queue.load(job.queueId);
    if (!facts) throw new Error(`queue ${job.queueId} is no longer visible`);
    const route = { queueId: facts.id, timeZone: facts.timeZone };
    return () => route;
  }
  const contract = await run.contracts.contract.load(job.contractId!);
  if (!contract) throw new Error(`contract ${job.contractId} is no longer visible`);
  const zones = new Map(contract.queues.map((q) => [q.id, q.timeZone]));
  const map = new Map((job.queueMap ?? []).map((m) => [m.source.trim(), m.queueId]));
  return (row, column) => {
    const name = row.values.get('QUEUE')?.value;
    if (name === undefined) return { problem: { line: row.line, column, reason: 'the queue is empty' } };
    const queueId = map.get(String(name)) ?? (zones.has(String(name)) ? String(name) : undefined);
    if (queueId && zones.has(queueId)) return { queueId, timeZone: zones.get(queueId)! };
    if (job.skipUnmapped) return { skip: true };
    return { problem: { line: row.line, column, reason: `"${clip(String(name))}" is not in the job's queue map nor a queue of contract ${job.contractId}` } };
  };
}

/**
 * Rows per call to performance, in the check against stored intervals and in the writes: the
 * upload bound. Tests lower it to cover several calls with a few rows. The write pass holds at
 * most `callsBuffered` calls' worth of rows across the file's queues (a bound of its own, never
 * growing with the file): when that is reached the largest queue's rows go, so a file of many
 * interleaved queues is still written in large calls (20 queues: about 2,000 rows each).
 */
export const INTERVAL_IMPORT: { rowsPerCall: number; callsBuffered: number } = { rowsPerCall: LIST_LIMITS.intervalsPerUpload, callsBuffered: 4 };

/** The source column a problem with an interval's time names. */
function timeColumn(binding: HeaderBinding): string | null {
  return binding.columnOf('START') ?? binding.columnOf('DATE') ?? binding.columnOf('END');
}

const iso = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString();

/**
 * Interval actuals: every row checked (and no two rows of a queue overlapping), then the file's
 * intervals checked against the stored ones (checkIntervalSpans: an interval overlapping a
 * stored one of another start or length is refused, with its line), all before any is written;
 * then written with recordIntervalBatch in batches of the upload bound, one batch in flight while
 * the next is gathered. The check pass stages every row it passed as the JSON text the write
 * sends (staging.ts, on disk), so the file is read and parsed once. Intervals already stored
 * with the same start and length are replaced by performance, so a file sent twice never
 * doubles.
 */
export async function importIntervals(run: JobRun): Promise<void> {
  const staged = await StagedRows.create();
  try {
    await checkIntervals(run, staged);
    if (run.progress.refused > 0) return;
    await writeIntervals(run, staged);
  } finally {
    await staged.remove();
  }
}

async function checkIntervals(run: JobRun, staged: StagedRows): Promise<void> {
  const { def, job, progress } = run;
  await updateJob(run.db, job.id, { coverage: coverageOf(def) });
  const route = await router(run);
  const nowEpoch = Math.floor(run.now.getTime() / 1000);
  const zoneOf = (queueZone: string) => def.timeZone ?? job.timeZone ?? queueZone;
  const slots = new SlotMap();
  let column: string | null = null;

  const sha = await eachRow(
    run,
    (row, problems, binding) => {
      if (!row) return progress.refuse(problems);
      column ??= timeColumn(binding);
      const target = route(row, binding.columnOf('QUEUE'));
      if ('skip' in target) {
        progress.skipped += 1;
        return;
      }
      if ('problem' in target) return progress.refuse([target.problem]);
      const record = intervalRow(def, binding, row, zoneOf(target.timeZone), nowEpoch, problems);
      if (record) {
        const earlier = slots.claim(target.queueId, record.start, record.lengthSeconds, row.line);
        if (earlier) {
          problems.push({
            line: row.line,
            column: timeColumn(binding),
            reason: `the interval starting ${iso(record.start)} overlaps the one on line ${earlier} (queue ${target.queueId})`,
          });
        }
      }
      if (problems.length) return progress.refuse(problems);
      progress.checked += 1;
      // Once a row is refused nothing will be written: staging stops.
      const staging = progress.refused === 0 ? staged.add(target.queueId, JSON.stringify(batchValues(record!))) : undefined;
      const saving = progress.save();
      return staging && saving ? Promise.all([staging, saving]).then(() => undefined) : (staging ?? saving);
    },
  );
  await recordHash(run, sha);
  await checkAgainstStored(run, slots, column);
}

/**
 * The staged rows written queue by queue in calls of the upload bound. At most `callsBuffered`
 * calls' worth of rows are held across the file's queues: when that is reached the largest
 * queue's rows go.
 */
async function writeIntervals(run: JobRun, staged: StagedRows): Promise<void> {
  const { def, job, progress } = run;
  await updateJob(run.db, job.id, { phase: 'WRITING' });
  const buffers = new Map<string, string[]>();
  let buffered = 0;
  let inFlight: Promise<void> | null = null;
  let replaced = 0;
  const send = async (queueId: string, rows: string[]) => {
    const result = await recordIntervalBatch(run.peers.performance, queueId, BATCH_COLUMNS, rows, def.attribution);
    progress.written += result.received;
    replaced += result.replaced;
    await progress.save();
  };
  const flush = async (queueId: string) => {
    const rows = buffers.get(queueId)!;
    buffers.delete(queueId);
    buffered -= rows.length;
    if (inFlight) await inFlight;
    inFlight = send(queueId, rows);
    // A failed write surfaces at the next flush or at the end; never unhandled.
    inFlight.catch(() => undefined);
  };
  for await (const [queueId, json] of staged.rows()) {
    if (run.stopping()) throw new JobStopped('the hub stopped while this job ran');
    const list = buffers.get(queueId) ?? [];
    list.push(json);
    buffers.set(queueId, list);
    buffered += 1;
    if (list.length >= INTERVAL_IMPORT.rowsPerCall) await flush(queueId);
    else if (buffered >= INTERVAL_IMPORT.rowsPerCall * INTERVAL_IMPORT.callsBuffered) {
      const largest = [...buffers.entries()].sort((a, b) => b[1].length - a[1].length)[0][0];
      await flush(largest);
    }
  }
  for (const queueId of [...buffers.keys()]) await flush(queueId);
  if (inFlight) await inFlight;
  if (replaced > 0) progress.notes.push(`${replaced} intervals replaced ones already stored with the same start and length`);
}

/**
 * The file's intervals (the rows that passed their own checks, as the SlotMap holds them) checked
 * against what performance has stored, queue by queue in time order, in calls of the upload
 * bound (one indexed range read each, one call in flight while the next batch is gathered). A row
 * whose interval overlaps a stored one of another start or length is refused with its line:
 * performance would refuse the write of its batch, so the file is refused before anything is
 * written. A stored interval with the same start and length is fine: the write replaces it.
 */
async function checkAgainstStored(run: JobRun, slots: SlotMap, column: string | null): Promise<void> {
  const { progress } = run;
  let inFlight: Promise<void> | null = null;
  const send = async (queueId: string, spans: Array<{ start: number; lengthSeconds: number; line: number }>) => {
    const answer = await checkIntervalSpans(run.peers.performance, queueId, { columns: ['start', 'lengthSeconds'], rows: spans.map((s) => [iso(s.start), s.lengthSeconds]) });
    for (const c of answer.conflicts) {
      const span = spans[c.index];
      progress.checked -= 1;
      progress.refuse([
        {
          line: span.line,
          column,
          reason: `the interval starting ${iso(span.start)} (${span.lengthSeconds} s) overlaps the interval stored from ${c.storedStart} (${c.storedLengthSeconds} s) on queue ${queueId}; only an interval with the same start and length replaces a stored one`,
        },
      ]);
    }
  };
  const flush = async (queueId: string, spans: Array<{ start: number; lengthSeconds: number; line: number }>) => {
    if (inFlight) await inFlight;
    inFlight = send(queueId, spans);
    // A failed check surfaces at the next flush or at the end; never unhandled.
    inFlight.catch(() => undefined);
  };
  let queueId: string | null = null;
  let batch: Array<{ start: number; lengthSeconds: number; line: number }> = [];
  for (const interval of slots.intervals()) {
    if (queueId !== null && (interval.queueId !== queueId || batch.length >= INTERVAL_IMPORT.rowsPerCall)) {
      if (run.stopping()) throw new JobStopped('the hub stopped while this job ran');
      await flush(queueId, batch);
      batch = [];
    }
    queueId = interval.queueId;
    batch.push({ start: interval.start, lengthSeconds: interval.lengthSeconds, line: interval.line });
  }
  if (queueId !== null && batch.length > 0) await flush(queueId, batch);
  if (inFlight) await inFlight;
  await progress.save(true);
}
