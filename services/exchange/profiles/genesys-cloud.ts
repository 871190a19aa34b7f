import { col, definition } from './defaults';

/**
 * Genesys Cloud, Performance > Queues Performance (detail view by interval), exported as CSV.
 *
 * Followed: "View available columns in performance views by category" (Offered, Answered,
 * Abandoned, Flow-out, Service Level %, ASA …), https://help.mypurecloud.com/?p=334996;
 * "Configure the service level calculation" (Service Level % = answered within the target over
 * answered + abandoned, flow-outs left out unless enabled),
 * https://help.mypurecloud.com/articles/configure-the-service-level-calculation/; and "Why does
 * the Offered metric not always equal the Answered plus Abandoned metrics?" (each metric is counted
 * in the interval its event happens: a call offered at 7:28 and answered at 7:32 is offered in one
 * interval and answered in the next), https://help.mypurecloud.com/faqs/offered-metric-not-always-equal-answered-plus-abandoned-metrics.
 *
 * Hence attribution CONTACT_END (each count where its event ends) and the default service-level
 * formula OF_ANSWERED_AND_ABANDONED at the queue's target of 20 s; an organisation with another
 * target or with flow-outs included saves a copy with its own. Genesys gives ASA and the mean
 * abandon time as averages: the totals are rebuilt as mean × count. The answered-within count is
 * rebuilt from Service Level % × (answered + abandoned); nothing splits the other wait buckets, so
 * service level is exact at the target only (the job's coverage says so). An interval where answers
 * of calls offered earlier make answered + abandoned exceed offered is refused, as the hub's
 * record requires; export whole days then.
 */
export const GENESYS_CLOUD_QUEUE_PERFORMANCE = definition({
  kind: 'INTERVALS',
  description: 'Genesys Cloud queue performance detail export (30-minute intervals)',
  documentation: 'https://help.mypurecloud.com/?p=334996 ; https://help.mypurecloud.com/articles/configure-the-service-level-calculation/',
  attribution: 'CONTACT_END',
  serviceLevel: { thresholdSeconds: 20, formula: 'OF_ANSWERED_AND_ABANDONED' },
  columns: [
    col('Interval Start', 'START'),
    col('Interval End', 'END'),
    col('Queue Name', 'QUEUE'),
    col('Media Type', 'IGNORE'),
    col('Offer', 'OFFERED'),
    col('Answer', 'ANSWERED'),
    col('Abandon', 'ABANDONED'),
    col('Flowout', 'FLOWED_OUT'),
    col('Service Level %', 'SERVICE_LEVEL', { unit: 'PERCENT' }),
    col('ASA', 'AVERAGE_ANSWERED_WAIT', { unit: 'HHMMSS' }),
    col('Avg Abandon', 'AVERAGE_ABANDONED_WAIT', { unit: 'HHMMSS' }),
    col('Total Talk', 'TALK', { unit: 'HHMMSS' }),
    col('Total Hold', 'HOLD', { unit: 'HHMMSS' }),
    col('Total ACW', 'WRAP', { unit: 'HHMMSS' }),
    col('Transfer', 'TRANSFERRED', { optional: true }),
  ],
});
