import type { Queryable } from './aggregate';

/**
 * The reads behind the baseline forecasts: a queue's history summed per step (an hour, or a
 * quarter hour in zones whose days do not start on a UTC hour) by SQL, and the quarter hours of
 * the recent weeks and of the forecast range one by one (the intraday profile and the accuracy
 * need them). Both read the (queue_id, start_epoch) primary key range.
 */
export interface StepSums {
  /** Epoch seconds of the step's start. */
  start: number;
  offered: number;
  answered: number;
  handleSeconds: number;
  intervals: number;
}

export interface IntervalValues {
  start: number;
  lengthSeconds: number;
  offered: number;
  answered: number;
  handleSeconds: number;
}

export async function sumsPerStep(db: Queryable, queueId: string, from: number, to: number, stepSeconds: number): Promise<StepSums[]> {
  const step = Math.trunc(stepSeconds);
  const rows: Array<Record<string, unknown>> = await db.query(
    `SELECT start_epoch - (start_epoch % ${step}) AS step_start, SUM(offered) AS offered, SUM(answered) AS answered,
       SUM(talk_seconds + hold_seconds + wrap_seconds) AS handle, COUNT(*) AS n
     FROM interval_actuals WHERE queue_id = ? AND start_epoch >= ? AND start_epoch < ?
     GROUP BY start_epoch - (start_epoch % ${step}) ORDER BY step_start`,
    [queueId, from, to],
  );
  return rows.map((r) => ({ start: Number(r.step_start), offered: Number(r.offered), answered: Number(r.answered), handleSeconds: Number(r.handle), intervals: Number(r.n) }));
}

export async function intervalValues(db: Queryable, queueId: string, from: number, to: number): Promise<IntervalValues[]> {
  const rows: Array<Record<string, unknown>> = await db.query(
    `SELECT start_epoch, length_seconds, offered, answered, talk_seconds + hold_seconds + wrap_seconds AS handle
     FROM interval_actuals WHERE queue_id = ? AND start_epoch >= ? AND start_epoch < ? ORDER BY start_epoch`,
    [queueId, from, to],
  );
  return rows.map((r) => ({
    start: Number(r.start_epoch),
    lengthSeconds: Number(r.length_seconds),
    offered: Number(r.offered),
    answered: Number(r.answered),
    handleSeconds: Number(r.handle),
  }));
}
