import { LIST_LIMITS } from '../../metrics/bounds';
import { recordIntervalBatch } from '../../clients/performance-files';
import { BATCH_COLUMNS, batchValues, IntervalRow, intervalRow, SlotMap } from '../interval-rows';
import { eachRow, JobRun, recordHash } from '../jobs';
import { ReadRow, RowProblem } from '../mapping';
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
 * Interval actuals: every row checked (and no two rows of a queue overlapping) before any is
 * written; then written with recordIntervalBatch in batches of the upload bound, one batch in
 * flight while the next is read. Intervals already stored with the same start and length are
 * replaced by performance, so a file sent twice never doubles.
 */
export async function importIntervals(run: JobRun): Promise<void> {
  const { def, job, progress } = run;
  await updateJob(run.db, job.id, { coverage: coverageOf(def) });
  const route = await router(run);
  const nowEpoch = Math.floor(run.now.getTime() / 1000);
  const zoneOf = (queueZone: string) => def.timeZone ?? job.timeZone ?? queueZone;
  const slots = new SlotMap();

  const sha = await eachRow(
    run,
    (row, problems, binding) => {
      if (!row) return progress.refuse(problems);
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
            column: binding.columnOf('START') ?? binding.columnOf('DATE') ?? binding.columnOf('END'),
            reason: `the interval starting ${new Date(record.start * 1000).toISOString()} overlaps the one on line ${earlier} (queue ${target.queueId})`,
          });
        }
      }
      if (problems.length) progress.refuse(problems);
      else progress.checked += 1;
      return progress.save();
    },
    true,
  );
  await recordHash(run, sha);
  if (progress.refused > 0) return;

  await updateJob(run.db, job.id, { phase: 'WRITING' });
  const buffers = new Map<string, IntervalRow[]>();
  let buffered = 0;
  let inFlight: Promise<void> | null = null;
  let replaced = 0;
  const send = async (queueId: string, rows: IntervalRow[]) => {
    const result = await recordIntervalBatch(run.peers.performance, queueId, { columns: BATCH_COLUMNS, rows: rows.map(batchValues) }, def.attribution);
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
  await eachRow(
    run,
    async (row, problems, binding) => {
      if (!row) throw new Error(`line ${problems[0]?.line}: a row checked before no longer reads`);
      const target = route(row, binding.columnOf('QUEUE'));
      if ('skip' in target) return;
      if ('problem' in target) throw new Error(`line ${row.line}: ${target.problem.reason}`);
      const record = intervalRow(def, binding, row, zoneOf(target.timeZone), nowEpoch, problems, true);
      if (!record) throw new Error(`line ${row.line}: a row checked before no longer reads`);
      const list = buffers.get(target.queueId) ?? [];
      list.push(record);
      buffers.set(target.queueId, list);
      buffered += 1;
      if (list.length >= LIST_LIMITS.intervalsPerUpload) await flush(target.queueId);
      else if (buffered >= LIST_LIMITS.intervalsPerUpload) {
        const largest = [...buffers.entries()].sort((a, b) => b[1].length - a[1].length)[0][0];
        await flush(largest);
      }
    },
    false,
  );
  for (const queueId of [...buffers.keys()]) await flush(queueId);
  if (inFlight) await inFlight;
  if (replaced > 0) progress.notes.push(`${replaced} intervals replaced ones already stored with the same start and length`);
}
