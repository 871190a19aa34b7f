import { col, definition } from './defaults';

/**
 * Amazon Connect historical metrics report on queues, 15-minute intervals, downloaded as CSV.
 *
 * Followed: "Historical metrics definitions",
 * https://docs.aws.amazon.com/connect/latest/adminguide/historical-metrics-definitions.html —
 * Contacts queued, Contacts handled incoming, Contacts abandoned (callbacks not counted as
 * abandoned), Contacts transferred out, Average queue answer time, Average queue abandon time,
 * Agent interaction time, Customer hold time and After contact work time (totals, hh:mm:ss),
 * Contacts answered in X seconds and Contacts abandoned in X seconds (X chosen from 15, 20, 25, 30,
 * 45, 60, 90, 120, 180, 240, 300, 600).
 *
 * The thresholds that are also the hub's bucket bounds (15, 20, 30, 45, 60, 90, 120, 180, 300,
 * 600 s) keep their counts exactly; Connect has none below 15 s, so the 5 s and 10 s buckets are
 * apportioned from the summed wait and service level at 5 or 10 s is not the source's. ASA and the
 * mean abandon time are averages: the totals are rebuilt as mean × count, exact to the second the
 * report rounds to.
 */
const THRESHOLDS = [15, 20, 30, 45, 60, 90, 120, 180, 300, 600];

export const AMAZON_CONNECT_HISTORICAL_METRICS = definition({
  kind: 'INTERVALS',
  description: 'Amazon Connect historical metrics report, queues, 15-minute intervals',
  documentation: 'https://docs.aws.amazon.com/connect/latest/adminguide/historical-metrics-definitions.html',
  attribution: 'CONTACT_END',
  columns: [
    col('Queue', 'QUEUE'),
    col('StartInterval', 'START'),
    col('EndInterval', 'END'),
    col('Contacts queued', 'OFFERED'),
    col('Contacts handled incoming', 'ANSWERED'),
    col('Contacts abandoned', 'ABANDONED'),
    col('Contacts transferred out', 'TRANSFERRED', { optional: true }),
    col('Average queue answer time', 'AVERAGE_ANSWERED_WAIT', { unit: 'HHMMSS' }),
    col('Average queue abandon time', 'AVERAGE_ABANDONED_WAIT', { unit: 'HHMMSS' }),
    col('Agent interaction time', 'TALK', { unit: 'HHMMSS' }),
    col('Customer hold time', 'HOLD', { unit: 'HHMMSS' }),
    col('After contact work time', 'WRAP', { unit: 'HHMMSS' }),
    ...THRESHOLDS.map((t) => col(`Contacts answered in ${t} seconds`, 'ANSWERED_WITHIN', { seconds: t, optional: true })),
    ...THRESHOLDS.map((t) => col(`Contacts abandoned in ${t} seconds`, 'ABANDONED_WITHIN', { seconds: t, optional: true })),
  ],
});
