import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { badInput, conflict, FieldProblem } from '../platform/errors';
import { isUniqueViolation, valuesPlaceholders } from '../platform/database';
import { authorizeGroup, authorizeQueue, ForecastsContext } from './access';
import { groupSubject } from './versions';
import { FORECAST_INTERVAL_COLUMNS, ForecastRow } from './entities/forecast';

/** Up to a year (a leap year) of 15-minute intervals per call. */
export const MAX_HORIZON_DAYS = 366;
export const MAX_INTERVALS_PER_CALL = MAX_HORIZON_DAYS * 96;
export const GRANULARITIES_MINUTES = [15, 30, 60] as const;
const ROWS_PER_STATEMENT = 1000;
const MAX_PROBLEMS = 50;
/** Every zone's offset is a multiple of 15 minutes: horizons start on a UTC quarter hour. */
const ALIGNMENT_SECONDS = 900;

export interface ForecastIntervalUpload {
  start: Date;
  volume: number;
  ahtSeconds: number;
  plannedAgents?: number | null;
}

export interface ForecastUpload {
  from: Date;
  to: Date;
  granularityMinutes: number;
  shrinkage?: number | null;
  patienceSeconds?: number | null;
  note?: string | null;
  intervals: ForecastIntervalUpload[];
}

/**
 * Checks a forecast as a whole and names every offending field (the first 50): the horizon, the
 * parameters, and per interval a start on the granularity inside the horizon and not repeated,
 * a volume that is a finite number ≥ 0, an AHT > 0, planned agents a whole number ≥ 0.
 */
export function validateForecast(input: ForecastUpload): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ field, message });
  };
  const g = input.granularityMinutes * 60;
  const from = input.from.getTime() / 1000;
  const to = input.to.getTime() / 1000;
  if (!(GRANULARITIES_MINUTES as readonly number[]).includes(input.granularityMinutes)) {
    add('granularityMinutes', 'must be 15, 30 or 60');
  }
  if (from % ALIGNMENT_SECONDS !== 0) add('from', 'must be on a quarter hour (UTC), e.g. 2026-03-01T23:00:00Z');
  if (!(to > from)) add('to', 'must be after from');
  else if (to - from > MAX_HORIZON_DAYS * 86_400) add('to', `a forecast covers at most ${MAX_HORIZON_DAYS} days; publish longer horizons in parts`);
  else if (problems.length === 0 && (to - from) % g !== 0) add('to', `the horizon must be a whole number of ${input.granularityMinutes}-minute intervals`);
  if (input.shrinkage != null && !(input.shrinkage >= 0 && input.shrinkage < 1)) add('shrinkage', 'must be from 0 to less than 1 (0.3 means 30 % of paid time is not on contacts)');
  if (input.patienceSeconds != null && !(input.patienceSeconds > 0 && Number.isFinite(input.patienceSeconds))) add('patienceSeconds', 'must be more than 0 seconds');
  if (input.note != null && input.note.length > 2000) add('note', 'at most 2000 characters');
  if (input.intervals.length > MAX_INTERVALS_PER_CALL) {
    add('intervals', `at most ${MAX_INTERVALS_PER_CALL} intervals per call (a year of 15-minute intervals)`);
    return problems;
  }
  if (problems.length > 0) return problems;

  const seen = new Map<number, number>();
  for (let i = 0; i < input.intervals.length && problems.length < MAX_PROBLEMS; i++) {
    const row = input.intervals[i];
    const at = `intervals[${i}]`;
    const start = row.start.getTime() / 1000;
    const label = row.start.toISOString();
    if (start < from || start >= to) add(`${at}.start`, `${label} is outside the horizon [${input.from.toISOString()}, ${input.to.toISOString()})`);
    else if ((start - from) % g !== 0) add(`${at}.start`, `${label} is not on the ${input.granularityMinutes}-minute grid of the horizon`);
    const previous = seen.get(start);
    if (previous !== undefined) add(`${at}.start`, `${label} is the same start as intervals[${previous}]`);
    seen.set(start, i);
    if (!Number.isFinite(row.volume) || row.volume < 0) add(`${at}.volume`, `the interval starting ${label} has a volume of ${row.volume}; volumes must be 0 or more`);
    if (!Number.isFinite(row.ahtSeconds) || !(row.ahtSeconds > 0)) add(`${at}.ahtSeconds`, `the interval starting ${label} has an AHT of ${row.ahtSeconds}; AHT must be more than 0 seconds`);
    if (row.plannedAgents != null && !(Number.isInteger(row.plannedAgents) && row.plannedAgents >= 0)) {
      add(`${at}.plannedAgents`, `the interval starting ${label} plans ${row.plannedAgents} agents; a whole number of 0 or more`);
    }
  }
  return problems;
}

/** Writes a validated forecast as the queue's next version, in one transaction (the API and the demo seed use it). */
export async function insertForecast(db: DataSource, row: ForecastRow, intervals: ForecastIntervalUpload[]): Promise<ForecastRow> {
  return db.transaction(async (tx) => {
    const [{ v }] = await tx.query('SELECT MAX(version) AS v FROM forecasts WHERE queue_id = ?', [row.queueId]);
    row.version = Number(v ?? 0) + 1;
    await tx.getRepository(ForecastRow).insert(row);
    const values = intervals.map((r) => [row.id, r.start.getTime() / 1000, r.volume, r.ahtSeconds, r.plannedAgents ?? null]);
    for (let i = 0; i < values.length; i += ROWS_PER_STATEMENT) {
      const chunk = values.slice(i, i + ROWS_PER_STATEMENT);
      await tx.query(
        `INSERT INTO forecast_intervals (${FORECAST_INTERVAL_COLUMNS.join(', ')}) VALUES ${valuesPlaceholders(chunk.length, FORECAST_INTERVAL_COLUMNS.length)}`,
        chunk.flat(),
      );
    }
    return row;
  });
}

/**
 * The centre serving a queue publishes a forecast: validated as a whole, written in one
 * transaction as the queue's next version. Older versions are not touched: the new one
 * supersedes them where its horizon overlaps theirs (see versions.ts).
 */
export async function publishForecast(ctx: ForecastsContext, queueId: string, input: ForecastUpload, now = new Date()): Promise<ForecastRow> {
  const facts = await authorizeQueue(ctx, 'publish', queueId);
  const problems = validateForecast(input);
  if (problems.length > 0) throw badInput(problems);
  const row = Object.assign(new ForecastRow(), {
    id: `fc-${randomUUID()}`,
    queueId,
    contractId: facts.contractId,
    clientId: facts.clientId,
    centreId: facts.centreId,
    version: 0,
    fromEpoch: input.from.getTime() / 1000,
    toEpoch: input.to.getTime() / 1000,
    granularitySeconds: input.granularityMinutes * 60,
    shrinkage: input.shrinkage ?? null,
    patienceSeconds: input.patienceSeconds ?? null,
    note: input.note ?? null,
    intervalCount: input.intervals.length,
    publishedAt: now,
    publishedBy: ctx.viewer.subject,
  });
  try {
    return await insertForecast(ctx.db, row, input.intervals);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`another forecast for queue ${queueId} was published at the same moment; publish again`);
    throw error;
  }
}

/**
 * The client publishes the TOTAL forecast of a volume share group: validated exactly like a
 * queue's forecast and stored the same way, as the next version of the subject `group:<id>`
 * (queue_id and contract_id hold that key). Each member queue then reads it scaled by its share.
 */
export async function publishGroupForecast(ctx: ForecastsContext, groupId: string, input: ForecastUpload, now = new Date()): Promise<ForecastRow> {
  await authorizeGroup(ctx, 'publish', groupId);
  const problems = validateForecast(input);
  if (problems.length > 0) throw badInput(problems);
  const subject = groupSubject(groupId);
  const row = Object.assign(new ForecastRow(), {
    id: `fc-${randomUUID()}`,
    queueId: subject,
    contractId: subject,
    clientId: ctx.viewer.organisationId,
    centreId: '',
    version: 0,
    fromEpoch: input.from.getTime() / 1000,
    toEpoch: input.to.getTime() / 1000,
    granularitySeconds: input.granularityMinutes * 60,
    shrinkage: input.shrinkage ?? null,
    patienceSeconds: input.patienceSeconds ?? null,
    note: input.note ?? null,
    intervalCount: input.intervals.length,
    publishedAt: now,
    publishedBy: ctx.viewer.subject,
  });
  try {
    return await insertForecast(ctx.db, row, input.intervals);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`another forecast for volume share group ${groupId} was published at the same moment; publish again`);
    throw error;
  }
}
