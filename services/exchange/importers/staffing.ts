import { boundProblem, BOUNDS } from '../../metrics/bounds';
import { forecast, publishForecast } from '../../clients/forecasts-files';
import { eachRow, JobRun, recordHash } from '../jobs';
import { HeaderBinding, ReadRow, RowProblem } from '../mapping';
import { updateJob } from '../jobs-storage';
import { parseTimestamp } from '../values';

/**
 * A WFM staffing file (the Calabrio BPO exchange import: skill, start, end, tasks, task time,
 * after-task time, agents, in the exporting user's time zone) read into a forecast's planned
 * agents: the forecast is published again as its queue's next version, with the same horizon,
 * volumes, AHT and parameters, and the planned agents of the file's intervals (the others keep
 * theirs). Planned agents are whole agents: fractional file values are rounded as the profile
 * says (DOWN by default, so a plan is never overstated) and counted in the job's notes.
 */
interface StaffingRow {
  start: number;
  agents: number;
  rounded: boolean;
}

function staffingRow(run: JobRun, binding: HeaderBinding, row: ReadRow, grid: { from: number; to: number; step: number }, timeZone: string, out: RowProblem[]): StaffingRow | null {
  const before = out.length;
  const time = (field: 'START' | 'END') => {
    const c = row.values.get(field);
    if (!c) return null;
    const parsed = parseTimestamp(String(c.value), run.def.timestampFormat, timeZone);
    if ('problem' in parsed) {
      out.push({ line: row.line, column: c.mapping.source, reason: parsed.problem });
      return undefined;
    }
    return parsed.value;
  };
  const start = time('START');
  const end = time('END');
  const agentsCell = row.values.get('AGENTS');
  const startColumn = binding.columnOf('START');
  if (start === null) out.push({ line: row.line, column: startColumn, reason: 'the start is empty' });
  if (!agentsCell) out.push({ line: row.line, column: binding.columnOf('AGENTS'), reason: 'the agents are empty' });
  if (out.length > before || start === undefined || end === undefined) return null;
  const iso = new Date(start! * 1000).toISOString();
  if (start! < grid.from || start! >= grid.to) out.push({ line: row.line, column: startColumn, reason: `${iso} is outside the forecast's horizon` });
  else if ((start! - grid.from) % grid.step !== 0) out.push({ line: row.line, column: startColumn, reason: `${iso} is not on the forecast's ${grid.step / 60}-minute grid` });
  if (end !== null && end! - start! !== grid.step) out.push({ line: row.line, column: binding.columnOf('END'), reason: `the interval is ${(end! - start!) / 60} minutes; the forecast's are ${grid.step / 60}` });
  const raw = Number(agentsCell!.value);
  const rounding = run.def.agentsRounding;
  const agents = rounding === 'DOWN' ? Math.floor(raw + 1e-9) : rounding === 'NEAREST' ? Math.round(raw) : raw;
  const p = boundProblem(agents, BOUNDS.agents);
  if (raw < 0 || p) out.push({ line: row.line, column: binding.columnOf('AGENTS'), reason: rounding === 'EXACT' && !Number.isInteger(raw) ? `${raw} is not a whole number of agents (the profile takes them exactly)` : `${raw} agents: ${p ?? 'must be 0 or more'}` });
  if (out.length > before) return null;
  return { start: start!, agents, rounded: agents !== raw };
}

export async function importStaffing(run: JobRun): Promise<void> {
  const { progress, job } = run;
  const current = await forecast(run.peers.forecasts, job.forecastId!, false);
  if (current.groupId) throw new Error('a volume share group forecast takes no planned agents; import into a queue forecast');
  const facts = await run.contracts.queue.load(current.queueId);
  if (!facts) throw new Error(`queue ${current.queueId} is no longer visible`);
  const timeZone = run.def.timeZone ?? job.timeZone ?? facts.timeZone;
  const grid = { from: Date.parse(current.from) / 1000, to: Date.parse(current.to) / 1000, step: current.granularityMinutes * 60 };
  const seen = new Map<number, number>();
  // The planned agents of the rows that passed, kept as they are read: at most one per interval
  // of the forecast (a second row of an interval is refused), so the file is read once.
  const planned = new Map<number, number>();
  let rounded = 0;
  const sha = await eachRow(
    run,
    (row, problems, binding) => {
      if (!row) return progress.refuse(problems);
      const r = staffingRow(run, binding, row, grid, timeZone, problems);
      if (r) {
        const earlier = seen.get(r.start);
        if (earlier) problems.push({ line: row.line, column: binding.columnOf('START'), reason: `the same interval as line ${earlier}` });
        else seen.set(r.start, row.line);
      }
      if (problems.length) return progress.refuse(problems);
      progress.checked += 1;
      planned.set(r!.start, r!.agents);
      if (r!.rounded) rounded += 1;
    },
  );
  await recordHash(run, sha);
  if (progress.refused > 0) return;
  await updateJob(run.db, job.id, { phase: 'WRITING' });
  const published = await publishForecast(run.peers.forecasts, current.queueId, {
    from: current.from,
    to: current.to,
    granularityMinutes: current.granularityMinutes,
    shrinkage: current.shrinkage,
    patienceSeconds: current.patienceSeconds,
    note: `planned agents of ${planned.size} intervals imported by job ${job.id} into version ${current.version}`.slice(0, 2000),
    intervals: current.intervals.map((i) => {
      const start = Date.parse(i.start) / 1000;
      return { start: i.start, volume: i.volume, ahtSeconds: i.ahtSeconds, plannedAgents: planned.has(start) ? planned.get(start)! : i.plannedAgents };
    }),
  });
  progress.written = planned.size;
  progress.notes.push(`published forecast version ${published.version} (${published.id}) with the planned agents of ${planned.size} intervals`);
  if (rounded > 0) progress.notes.push(`${rounded} fractional agent values were rounded ${run.def.agentsRounding === 'DOWN' ? 'down' : 'to the nearest'} to whole agents`);
}
