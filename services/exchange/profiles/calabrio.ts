import { col, definition } from './defaults';

/**
 * Calabrio WFM BPO exchange file: skillname, startdatetime, enddatetime (yyyyMMdd HH:mm, in the
 * time zone of the user who exports or imports), tasks, tasktime, aftertasktime, agents.
 * Followed: "BPO exchange file formats",
 * https://help.calabrio.com/Content/user-guides/staffing/about-bpo-exch-file-formats.htm.
 *
 * Import: the centre's staffing (agents per interval) into a forecast's planned agents. Agents are
 * decimal in the file and whole in the hub: rounded down (a plan is never overstated), counted in
 * the job's notes. Tasks and times are informational (the forecast keeps its own volumes). The
 * zone is the queue's unless the job names the exporting user's.
 */
export const CALABRIO_BPO_STAFFING = definition({
  kind: 'STAFFING',
  description: 'Calabrio BPO exchange file (staffing import into a forecast’s planned agents)',
  documentation: 'https://help.calabrio.com/Content/user-guides/staffing/about-bpo-exch-file-formats.htm',
  timestampFormat: 'COMPACT_YMD',
  agentsRounding: 'DOWN',
  columns: [
    col('skillname', 'SKILL'),
    col('startdatetime', 'START'),
    col('enddatetime', 'END'),
    col('tasks', 'TASKS'),
    col('tasktime', 'TASK_TIME', { unit: 'SECONDS' }),
    col('aftertasktime', 'AFTER_TASK_TIME', { unit: 'SECONDS' }),
    col('agents', 'AGENTS'),
  ],
});
