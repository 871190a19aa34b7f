import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { BOUNDS, boundProblem, LIST_LIMITS, TEXT_LIMITS } from '../metrics/bounds';
import { badInput, conflict, FieldProblem } from '../platform/errors';
import { isUniqueViolation, valuesPlaceholders } from '../platform/database';
import { checkInstant, checkList, checkNumber, checkText } from '../platform/validate';
import { authorize } from './access';
import type { ForecastsContext } from './context';
import type { ForecastView } from './forecasts';
import { CappedProblems } from './problems';
import { groupSubject } from './versions';
import { FORECAST_INTERVAL_COLUMNS, ForecastRow } from './entities/forecast';

/** A horizon covers up to a year (a leap year); its intervals are capped by LIST_LIMITS.forecastIntervals. */
export const MAX_HORIZON_DAYS = 366;
export const GRANULARITIES_MINUTES = [15, 30, 60] as const;
const ROWS_PER_STATEMENT = 1000;
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
 * Checks a forecast as a whole and names every offending field (the first 50): the horizon
 * (within the instant window, at most 366 days), the parameters, and per interval a start on
 * the granularity inside the horizon and not repeated, and a volume, AHT, planned agents and
 * offered load within their bounds (metrics/bounds.ts), so that staffing every interval when the
 * forecast is read takes bounded time.
 */
export function validateForecast(input: ForecastUpload): FieldProblem[] {
  const problems = new CappedProblems();
  const g = input.granularityMinutes * 60;
  const from = input.from.getTime() / 1000;
  const to = input.to.getTime() / 1000;
  if (!(GRANULARITIES_MINUTES as readonly number[]).includes(input.granularityMinutes)) problems.add('granularityMinutes', 'must be 15, 30 or 60');
  checkInstant(problems, 'from', input.from);
  checkInstant(problems, 'to', input.to);
  if (from % ALIGNMENT_SECONDS !== 0) problems.add('from', 'must be on a quarter hour (UTC), e.g. 2026-03-01T23:00:00Z');
  if (!(to > from)) problems.add('to', 'must be after from');
  else if (to - from > MAX_HORIZON_DAYS * 86_400) problems.add('to', `a forecast covers at most ${MAX_HORIZON_DAYS} days; publish longer horizons in parts`);
  else if (problems.empty && (to - from) % g !== 0) problems.add('to', `the horizon must be a whole number of ${input.granularityMinutes}-minute intervals`);
  if (input.shrinkage != null && !(input.shrinkage >= 0 && input.shrinkage < 1)) problems.add('shrinkage', 'must be from 0 to less than 1 (0.3 means 30 % of paid time is not on contacts)');
  checkNumber(problems, 'patienceSeconds', input.patienceSeconds, BOUNDS.patienceSeconds);
  checkText(problems, 'note', input.note, TEXT_LIMITS.description);
  checkList(problems, 'intervals', input.intervals, LIST_LIMITS.forecastIntervals, 'forecast intervals (13 weeks of 15-minute intervals, a year of hourly ones)');
  if (!problems.empty) return problems.found;

  const seen = new Map<number, number>();
  for (let i = 0; i < input.intervals.length && !problems.full; i++) {
    const row = input.intervals[i];
    const at = `intervals[${i}]`;
    const start = row.start.getTime() / 1000;
    const label = row.start.toISOString();
    if (start < from || start >= to) problems.add(`${at}.start`, `${label} is outside the horizon [${input.from.toISOString()}, ${input.to.toISOString()})`);
    else if ((start - from) % g !== 0) problems.add(`${at}.start`, `${label} is not on the ${input.granularityMinutes}-minute grid of the horizon`);
    const previous = seen.get(start);
    if (previous !== undefined) problems.add(`${at}.start`, `${label} is the same start as intervals[${previous}]`);
    seen.set(start, i);
    const volume = boundProblem(row.volume, BOUNDS.forecastVolume);
    if (volume) problems.add(`${at}.volume`, `the interval starting ${label} has a volume of ${row.volume}; a volume ${volume}`);
    const aht = boundProblem(row.ahtSeconds, BOUNDS.handlingSeconds);
    if (aht) problems.add(`${at}.ahtSeconds`, `the interval starting ${label} has an AHT of ${row.ahtSeconds}; AHT ${aht}`);
    const agents = row.plannedAgents == null ? null : boundProblem(row.plannedAgents, BOUNDS.agents);
    if (agents) problems.add(`${at}.plannedAgents`, `the interval starting ${label} plans ${row.plannedAgents} agents; planned agents ${agents}`);
    if (!volume && !aht) {
      const load = (row.volume * row.ahtSeconds) / g;
      if (boundProblem(load, BOUNDS.offeredLoadErlangs)) {
        problems.add(
          `${at}.volume`,
          `the interval starting ${label} has an offered load of ${Math.round(load)} Erlangs (volume × ahtSeconds / ${g} s); at most ${BOUNDS.offeredLoadErlangs.max} Erlangs per interval`,
        );
      }
    }
  }
  return problems.found;
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

function newVersion(ctx: ForecastsContext, input: ForecastUpload, subject: Pick<ForecastRow, 'queueId' | 'contractId' | 'clientId' | 'centreId'>): ForecastRow {
  return Object.assign(new ForecastRow(), {
    id: `fc-${randomUUID()}`,
    ...subject,
    version: 0,
    fromEpoch: input.from.getTime() / 1000,
    toEpoch: input.to.getTime() / 1000,
    granularitySeconds: input.granularityMinutes * 60,
    shrinkage: input.shrinkage ?? null,
    patienceSeconds: input.patienceSeconds ?? null,
    note: input.note ?? null,
    intervalCount: input.intervals.length,
    publishedAt: ctx.now,
    publishedBy: ctx.viewer.subject,
  });
}

/**
 * The centre serving a queue publishes a forecast: validated as a whole, written in one
 * transaction as the queue's next version. Older versions are not touched: the new one
 * supersedes them where its horizon overlaps theirs (see versions.ts).
 */
export async function publishForecast(ctx: ForecastsContext, queueId: string, input: ForecastUpload): Promise<ForecastView> {
  const facts = await authorize(ctx, 'publishForecast', { queue: queueId });
  const problems = validateForecast(input);
  if (problems.length > 0) throw badInput(problems);
  // The SLA targets that staff the version's intervals, fetched before writing: an answer that
  // selects staffing cannot then fail on the contracts peer after the version is stored.
  await ctx.loaders.contracts.contract.load(facts.contractId);
  const row = newVersion(ctx, input, { queueId, contractId: facts.contractId, clientId: facts.clientId, centreId: facts.centreId });
  try {
    await insertForecast(ctx.db, row, input.intervals);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`another forecast for queue ${queueId} was published at the same moment; publish again`);
    throw error;
  }
  return { row, versions: await ctx.loaders.versionsByQueue.clear(queueId).load(queueId), asOf: null };
}

/**
 * The client publishes the TOTAL forecast of a volume share group: validated exactly like a
 * queue's forecast and stored the same way, as the next version of the subject `group:<id>`
 * (queue_id and contract_id hold that key). Each member queue then reads it scaled by its share.
 */
export async function publishGroupForecast(ctx: ForecastsContext, groupId: string, input: ForecastUpload): Promise<ForecastView> {
  await authorize(ctx, 'publishGroupForecast', { group: groupId });
  const problems = validateForecast(input);
  if (problems.length > 0) throw badInput(problems);
  const subject = groupSubject(groupId);
  const row = newVersion(ctx, input, { queueId: subject, contractId: subject, clientId: ctx.viewer.organisationId, centreId: '' });
  try {
    await insertForecast(ctx.db, row, input.intervals);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`another forecast for volume share group ${groupId} was published at the same moment; publish again`);
    throw error;
  }
  return { row, versions: await ctx.loaders.versionsByQueue.clear(subject).load(subject), asOf: null, share: null, groupId };
}
