import { DataSource } from 'typeorm';
import { badInput, Problems } from '../platform/errors';
import { dateParameter, upsertSql } from '../platform/database';
import { checkInstant, checkList, checkText } from '../platform/validate';
import { Bound, boundProblem, BOUNDS, LIST_LIMITS, TEXT_LIMITS } from '../metrics/bounds';
import { bucketBoundaries, Granularity, localDateLabel, nextBucketStart } from '../metrics/calendar';
import { npsWithInterval, wilsonInterval } from '../metrics/confidence';
import { CHANNELS } from '../metrics/vocabulary';
import { bucketExpression } from '../platform/sql-buckets';
import { validateRange } from '../platform/ranges';
import { authorize } from './access';
import { eventEpoch, FeedbackContext, FeedbackReadContext } from './context';
import { SURVEY_COLUMNS, SURVEY_TYPES, SurveyType } from './entities/survey-response';

const ROWS_PER_STATEMENT = 500;
const MAX_PROBLEMS = 50;
/** Clocks of survey platforms drift; a response up to this far in the future is accepted. */
const CLOCK_SKEW_SECONDS = 300;

/** The scale of each survey type; FCR is yes/no (stored as 1 / 0). */
const SCALES: Record<Exclude<SurveyType, 'FCR'>, Bound> = {
  CSAT: BOUNDS.csatScore,
  NPS: BOUNDS.npsScore,
  CES: BOUNDS.cesScore,
};

export interface SurveyResponseUpload {
  responseId: string;
  type: string;
  score?: number | null;
  resolved?: boolean | null;
  channel: string;
  respondedAt: Date;
  interactionRef?: string | null;
  agentRef?: string | null;
}

/** Problems, counted so a file full of errors answers with the first few rather than thousands. */
class CountedProblems extends Problems {
  count = 0;

  override add(field: string, message: string): void {
    this.count += 1;
    super.add(field, message);
  }
}

function validate(problems: CountedProblems, rows: SurveyResponseUpload[], now: number): void {
  const seen = new Map<string, number>();
  for (let i = 0; i < rows.length && problems.count < MAX_PROBLEMS; i++) {
    const r = rows[i];
    const at = `responses[${i}]`;
    const id = r.responseId?.trim() ?? '';
    if (!id) problems.add(`${at}.responseId`, 'must not be empty');
    else checkText(problems, `${at}.responseId`, r.responseId, TEXT_LIMITS.reference);
    const previous = seen.get(id);
    if (id && previous !== undefined) problems.add(`${at}.responseId`, `the same response id as responses[${previous}]`);
    seen.set(id, i);
    if (!(SURVEY_TYPES as readonly string[]).includes(r.type)) {
      problems.add(`${at}.type`, `unknown survey type "${r.type}"; use ${SURVEY_TYPES.join(', ')}`);
    } else if (r.type === 'FCR') {
      if (r.resolved === null || r.resolved === undefined) problems.add(`${at}.resolved`, 'an FCR response says whether the contact was resolved (true or false)');
      if (r.score !== null && r.score !== undefined) problems.add(`${at}.score`, 'an FCR response has no score; use resolved');
    } else {
      const scale = SCALES[r.type as keyof typeof SCALES];
      if (r.score === null || r.score === undefined || boundProblem(r.score, scale)) {
        problems.add(`${at}.score`, `a ${r.type} score is a whole number from ${scale.min} to ${scale.max} (got ${r.score ?? 'none'})`);
      }
      if (r.resolved !== null && r.resolved !== undefined) problems.add(`${at}.resolved`, `only FCR responses carry resolved`);
    }
    if (!(CHANNELS as readonly string[]).includes(r.channel)) problems.add(`${at}.channel`, `unknown channel "${r.channel}"`);
    const t = r.respondedAt?.getTime();
    if (!Number.isFinite(t)) problems.add(`${at}.respondedAt`, 'must be an instant');
    else if (t / 1000 > now + CLOCK_SKEW_SECONDS) problems.add(`${at}.respondedAt`, 'is in the future');
    else checkInstant(problems, `${at}.respondedAt`, r.respondedAt);
    for (const key of ['interactionRef', 'agentRef'] as const) {
      const v = r[key];
      if (v !== null && v !== undefined && v.length === 0) problems.add(`${at}.${key}`, 'must not be empty; leave it out instead');
      else checkText(problems, `${at}.${key}`, v, TEXT_LIMITS.reference);
    }
  }
}

export interface UploadResult {
  queueId: string;
  received: number;
  inserted: number;
  replaced: number;
}

/**
 * The client or the centre of a queue's contract uploads survey responses: validated as a whole,
 * written in one transaction; a response already stored with the same id (per contract) is
 * replaced, so re-sending a file never doubles it.
 */
export async function recordSurveyResponses(ctx: FeedbackContext, queueId: string, rows: SurveyResponseUpload[]): Promise<UploadResult> {
  const queue = await authorize(ctx, 'uploadSurveyResponses', { queueId });
  const size = new Problems();
  checkList(size, 'responses', rows, LIST_LIMITS.responsesPerUpload, 'responses');
  size.throwIfAny();
  const now = eventEpoch(ctx);
  const problems = new CountedProblems();
  validate(problems, rows, now);
  problems.throwIfAny();
  if (rows.length === 0) return { queueId, received: 0, inserted: 0, replaced: 0 };
  return writeSurveyResponses(ctx.db, queue.contractId, queueId, rows, { by: ctx.viewer.subject, at: ctx.now });
}

/** Stores validated responses (the seed writes its demo responses through here too). */
export async function writeSurveyResponses(
  db: DataSource,
  contractId: string,
  queueId: string,
  rows: SurveyResponseUpload[],
  uploaded: { by: string; at: Date },
): Promise<UploadResult> {
  const uploadedAt = dateParameter(db, uploaded.at);
  const values = rows.map((r) => [
    contractId,
    r.responseId.trim(),
    queueId,
    r.type,
    r.type === 'FCR' ? (r.resolved ? 1 : 0) : r.score,
    r.channel,
    Math.floor(r.respondedAt.getTime() / 1000),
    r.interactionRef ?? null,
    r.agentRef ?? null,
    uploadedAt,
    uploaded.by,
  ]);
  let replaced = 0;
  await db.transaction(async (tx) => {
    for (let i = 0; i < values.length; i += ROWS_PER_STATEMENT) {
      const ids = values.slice(i, i + ROWS_PER_STATEMENT).map((v) => v[1]);
      const [row] = await tx.query(`SELECT COUNT(*) AS n FROM survey_responses WHERE contract_id = ? AND response_id IN (${ids.map(() => '?').join(', ')})`, [contractId, ...ids]);
      replaced += Number(row.n);
    }
    for (let i = 0; i < values.length; i += ROWS_PER_STATEMENT) {
      const chunk = values.slice(i, i + ROWS_PER_STATEMENT);
      await tx.query(upsertSql(db, 'survey_responses', SURVEY_COLUMNS, ['contract_id', 'response_id'], chunk.length), chunk.flat());
    }
  });
  return { queueId, received: rows.length, inserted: rows.length - replaced, replaced };
}

// ---------------------------------------------------------------------------------------------
// Satisfaction series
// ---------------------------------------------------------------------------------------------

export interface ShareFigure {
  responses: number;
  successes: number;
  share: number | null;
  low: number | null;
  high: number | null;
}

export interface SatisfactionPoint {
  label: string;
  start: Date;
  end: Date;
  responses: number;
  csat: ShareFigure & { meanScore: number | null };
  nps: { responses: number; promoters: number; passives: number; detractors: number; score: number | null; low: number | null; high: number | null };
  ces: { responses: number; meanScore: number | null };
  fcr: ShareFigure;
}

export interface SatisfactionArgs {
  timeZone: string;
  from: Date;
  to: Date;
  granularity: Granularity;
}

/** The range rules of every series (the platform's validateRange), then the local bucket starts. */
function boundariesFor(args: SatisfactionArgs): number[] {
  validateRange(args.from, args.to, args.granularity);
  return bucketBoundaries(Math.floor(args.from.getTime() / 1000), Math.floor(args.to.getTime() / 1000), args.granularity, args.timeZone);
}

const SUMS = [
  "SUM(CASE WHEN type = 'CSAT' THEN 1 ELSE 0 END) AS csat_n",
  "SUM(CASE WHEN type = 'CSAT' AND score >= 4 THEN 1 ELSE 0 END) AS csat_top2",
  "SUM(CASE WHEN type = 'CSAT' THEN score ELSE 0 END) AS csat_sum",
  "SUM(CASE WHEN type = 'NPS' THEN 1 ELSE 0 END) AS nps_n",
  "SUM(CASE WHEN type = 'NPS' AND score >= 9 THEN 1 ELSE 0 END) AS nps_promoters",
  "SUM(CASE WHEN type = 'NPS' AND score <= 6 THEN 1 ELSE 0 END) AS nps_detractors",
  "SUM(CASE WHEN type = 'CES' THEN 1 ELSE 0 END) AS ces_n",
  "SUM(CASE WHEN type = 'CES' THEN score ELSE 0 END) AS ces_sum",
  "SUM(CASE WHEN type = 'FCR' THEN 1 ELSE 0 END) AS fcr_n",
  "SUM(CASE WHEN type = 'FCR' THEN score ELSE 0 END) AS fcr_yes",
].join(', ');

function share(successes: number, responses: number): ShareFigure {
  const interval = wilsonInterval(successes, responses);
  return { responses, successes, share: responses ? successes / responses : null, low: interval?.low ?? null, high: interval?.high ?? null };
}

function toPoint(row: Record<string, unknown> | undefined, start: number, end: number, args: SatisfactionArgs): SatisfactionPoint {
  const n = (k: string) => Number(row?.[k] ?? 0);
  const nps = npsWithInterval(n('nps_promoters'), n('nps_detractors'), n('nps_n'));
  return {
    label: localDateLabel(start, args.granularity, args.timeZone),
    start: new Date(start * 1000),
    end: new Date(end * 1000),
    responses: n('csat_n') + n('nps_n') + n('ces_n') + n('fcr_n'),
    csat: { ...share(n('csat_top2'), n('csat_n')), meanScore: n('csat_n') ? n('csat_sum') / n('csat_n') : null },
    nps: {
      responses: n('nps_n'),
      promoters: n('nps_promoters'),
      detractors: n('nps_detractors'),
      passives: n('nps_n') - n('nps_promoters') - n('nps_detractors'),
      score: nps?.score ?? null,
      low: nps?.low ?? null,
      high: nps?.high ?? null,
    },
    ces: { responses: n('ces_n'), meanScore: n('ces_n') ? n('ces_sum') / n('ces_n') : null },
    fcr: share(n('fcr_yes'), n('fcr_n')),
  };
}

/**
 * CSAT (top-two-box share and mean), NPS, CES and FCR per local calendar bucket, added up in
 * SQL (one GROUP BY statement for any number of queues), each share with its 95 % Wilson
 * interval and NPS with the interval of npsWithInterval. Buckets without responses are present
 * with zero counts and null figures. `scope` is a list of queues (one series per queue) or of
 * contracts (one series per contract, all its queues together).
 */
export async function satisfactionSeries(
  db: DataSource,
  scope: { queueIds: readonly string[] } | { contractIds: readonly string[] },
  args: SatisfactionArgs,
): Promise<Map<string, SatisfactionPoint[]>> {
  let boundaries: number[];
  try {
    boundaries = boundariesFor(args);
  } catch (error) {
    if (error instanceof RangeError) throw badInput({ field: 'granularity', message: error.message });
    throw error;
  }
  const from = Math.floor(args.from.getTime() / 1000);
  const to = Math.floor(args.to.getTime() / 1000);
  const column = 'queueIds' in scope ? 'queue_id' : 'contract_id';
  const keys = [...new Set('queueIds' in scope ? scope.queueIds : scope.contractIds)];
  const result = new Map<string, SatisfactionPoint[]>();
  if (keys.length === 0) return result;
  const sql =
    `SELECT ${bucketExpression(boundaries, 'responded_epoch')} AS bucket, ${column} AS series_key, ${SUMS} FROM survey_responses ` +
    `WHERE ${column} IN (${keys.map(() => '?').join(', ')}) AND responded_epoch >= ? AND responded_epoch < ? GROUP BY bucket, ${column}`;
  const rows: Record<string, unknown>[] = await db.query(sql, [...keys, Math.max(from, boundaries[0]), to]);
  const byKey = new Map<string, Record<string, unknown>>();
  for (const row of rows) byKey.set(`${String(row.series_key)}|${Number(row.bucket)}`, row);
  for (const key of keys) {
    result.set(
      key,
      boundaries.map((start, i) => toPoint(byKey.get(`${key}|${i}`), start, boundaries[i + 1] ?? nextBucketStart(start, args.granularity, args.timeZone), args)),
    );
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Satisfaction read use cases
// ---------------------------------------------------------------------------------------------

export interface SatisfactionRange {
  from: Date;
  to: Date;
  granularity: Granularity;
}

export interface SatisfactionSeriesView {
  timeZone: string;
  granularity: Granularity;
  points: SatisfactionPoint[];
}

/** The range of a series: both ends in the instant window, then the range rules of every series. */
function checkSatisfactionRange(range: SatisfactionRange): void {
  const problems = new Problems();
  checkInstant(problems, 'from', range.from);
  checkInstant(problems, 'to', range.to);
  problems.throwIfAny();
  validateRange(range.from, range.to, range.granularity);
}

/** A queue's satisfaction per bucket of its time zone, for its contract's client and centre. */
export async function queueSatisfaction(ctx: FeedbackReadContext, queueId: string, range: SatisfactionRange): Promise<SatisfactionSeriesView> {
  checkSatisfactionRange(range);
  const queue = await authorize(ctx, 'readQueueFeedback', { queueId });
  const args = { ...range, timeZone: queue.timeZone };
  return { timeZone: queue.timeZone, granularity: range.granularity, points: await ctx.loaders.queueSatisfaction.load({ owner: queueId, args }) };
}

/** All of a contract's survey responses together, in its first queue's time zone. */
export async function contractSatisfaction(ctx: FeedbackReadContext, contractId: string, range: SatisfactionRange): Promise<SatisfactionSeriesView> {
  checkSatisfactionRange(range);
  const contract = await authorize(ctx, 'readContractFeedback', { contractId });
  const timeZone = contract.queues[0]?.timeZone ?? 'UTC';
  const args = { ...range, timeZone };
  return { timeZone, granularity: range.granularity, points: await ctx.loaders.contractSatisfaction.load({ owner: contractId, args }) };
}
