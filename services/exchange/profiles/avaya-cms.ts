import { col, definition } from './defaults';

/**
 * Avaya Call Management System, split/skill interval data (the hsplit table's database items),
 * exported as CSV with the item names as headers.
 *
 * Followed: "Avaya Call Management System Database Items and Calculations" (split/skill items
 * ROW_DATE, STARTTIME, INTRVL, SPLIT, CALLSOFFERED, ACDCALLS, ABNCALLS, OUTFLOWCALLS, ANSTIME,
 * ABNTIME, ACDTIME, HOLDACDTIME, ACWTIME, TRANSFERRED, I_STAFFTIME, I_AVAILTIME, and ACDCALLS1–10 /
 * ABNCALLS1–10, the calls answered and abandoned in each service-level increment of the split),
 * https://docslib.org/doc/12809119/avaya-call-management-system-database-items-and-calculations.
 *
 * CMS gives totals, not averages, so every sum is the source's. The ten increments are defined per
 * split in CMS ("Split/Skill Call Profile Setup"); this profile assumes increments ending at 5, 10,
 * 15, 20, 30, 45, 60, 90 and 120 s (the hub's own bounds), the tenth open. A centre with other
 * increments saves a copy with its own seconds: increments that are not hub bounds only bound the
 * apportioning. STARTTIME is the local time of day as HMM (830 is 08:30); the date and time are in
 * the CMS server's zone, the queue's unless the job says otherwise. CMS records an ACD call in the
 * interval it completes: attribution CONTACT_END.
 */
const INCREMENTS = [5, 10, 15, 20, 30, 45, 60, 90, 120];

export const AVAYA_CMS_SPLIT_INTERVAL = definition({
  kind: 'INTERVALS',
  description: 'Avaya CMS split/skill interval items (hsplit), service-level increments at 5 … 120 s',
  documentation: 'https://docslib.org/doc/12809119/avaya-call-management-system-database-items-and-calculations',
  attribution: 'CONTACT_END',
  columns: [
    col('ROW_DATE', 'DATE'),
    col('STARTTIME', 'TIME'),
    col('INTRVL', 'LENGTH', { unit: 'MINUTES' }),
    col('SPLIT', 'QUEUE'),
    col('CALLSOFFERED', 'OFFERED'),
    col('ACDCALLS', 'ANSWERED'),
    col('ABNCALLS', 'ABANDONED'),
    col('OUTFLOWCALLS', 'FLOWED_OUT', { optional: true }),
    col('ANSTIME', 'ANSWERED_WAIT', { unit: 'SECONDS' }),
    col('ABNTIME', 'ABANDONED_WAIT', { unit: 'SECONDS' }),
    col('ACDTIME', 'TALK', { unit: 'SECONDS' }),
    col('HOLDACDTIME', 'HOLD', { unit: 'SECONDS' }),
    col('ACWTIME', 'WRAP', { unit: 'SECONDS' }),
    col('TRANSFERRED', 'TRANSFERRED', { optional: true }),
    col('I_STAFFTIME', 'STAFFED', { unit: 'SECONDS', optional: true }),
    col('I_AVAILTIME', 'AVAILABLE', { unit: 'SECONDS', optional: true }),
    ...[...INCREMENTS, null].map((s, i) => col(`ACDCALLS${i + 1}`, 'ANSWERED_IN_BUCKET', { seconds: s })),
    ...[...INCREMENTS, null].map((s, i) => col(`ABNCALLS${i + 1}`, 'ABANDONED_IN_BUCKET', { seconds: s })),
  ],
});
