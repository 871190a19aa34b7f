import { boundProblem, Bound, BOUNDS, instantProblem, LIST_LIMITS, TEXT_LIMITS, textProblem } from '../../metrics/bounds';
import { CHANNELS } from '../../metrics/vocabulary';
import { HISTORIC_STATUSES, HistoricStatus, impliedStatus, statusTimesProblem } from '../../metrics/complaint-history';
import { ComplaintPayload, HistoricComplaintPayload, recordComplaintHistory, recordComplaints, recordSurveyResponses, SurveyResponsePayload } from '../../clients/feedback-files';
import { eachRow, JobRun, JobStopped, recordHash } from '../jobs';
import { StagedRows } from '../staging';
import { HeaderBinding, ReadRow, RowProblem } from '../mapping';
import { CanonicalField } from '../profile';
import { importedKeys, insertImportedKeys, updateJob } from '../jobs-storage';
import { parseTimestamp, clip } from '../values';
import { router } from './intervals';

/**
 * Survey responses and complaints from CSV, written through the feedback subgraph's own
 * mutations. The row rules restate feedback's (survey types and scales, channels, severities, the
 * pseudonymous customer key), so a file is refused whole here, row by row, before anything is
 * written; feedback checks again when the job writes.
 */
const SURVEY_SCALES: Record<string, Bound> = { CSAT: BOUNDS.csatScore, NPS: BOUNDS.npsScore, CES: BOUNDS.cesScore };
const SURVEY_TYPES = ['CSAT', 'NPS', 'CES', 'FCR'];
const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const RESPONSES_PER_CALL = Math.min(5_000, LIST_LIMITS.responsesPerUpload);
const COMPLAINTS_PER_CALL = 25;

function text(row: ReadRow, field: CanonicalField): string | null {
  const c = row.values.get(field);
  return c === undefined ? null : String(c.value);
}

function problemAt(binding: HeaderBinding, row: ReadRow, field: CanonicalField, reason: string): RowProblem {
  return { line: row.line, column: binding.columnOf(field), reason };
}

function surveyPayload(run: JobRun, binding: HeaderBinding, row: ReadRow, timeZone: string, out: RowProblem[]): SurveyResponsePayload | null {
  const before = out.length;
  const add = (field: CanonicalField, reason: string) => out.push(problemAt(binding, row, field, reason));
  const id = text(row, 'RESPONSE_ID');
  if (!id) add('RESPONSE_ID', 'the response id is empty');
  else {
    const p = textProblem(id, TEXT_LIMITS.reference);
    if (p) add('RESPONSE_ID', p);
  }
  const type = (text(row, 'SURVEY_TYPE') ?? '').toUpperCase();
  const scoreCell = row.values.get('SCORE');
  const score = scoreCell ? Number(scoreCell.value) : null;
  const resolvedCell = row.values.get('RESOLVED');
  const resolved = resolvedCell ? Boolean(resolvedCell.value) : null;
  if (!SURVEY_TYPES.includes(type)) add('SURVEY_TYPE', `"${clip(type)}" is not one of ${SURVEY_TYPES.join(', ')}`);
  else if (type === 'FCR') {
    if (resolved === null) add('RESOLVED', 'an FCR response says whether the contact was resolved');
  } else {
    const scale = SURVEY_SCALES[type];
    if (score === null || boundProblem(score, scale)) add('SCORE', `a ${type} score is a whole number from ${scale.min} to ${scale.max} (got ${score ?? 'none'})`);
  }
  const channel = (text(row, 'CHANNEL') ?? '').toUpperCase();
  if (!(CHANNELS as readonly string[]).includes(channel)) add('CHANNEL', `"${clip(channel)}" is not one of ${CHANNELS.join(', ')}`);
  let respondedAt: number | null = null;
  const at = text(row, 'RESPONDED_AT');
  if (!at) add('RESPONDED_AT', 'the response time is empty');
  else {
    const parsed = parseTimestamp(at, run.def.timestampFormat, timeZone);
    if ('problem' in parsed) add('RESPONDED_AT', parsed.problem);
    else if (instantProblem(parsed.value)) add('RESPONDED_AT', `the response time ${instantProblem(parsed.value)}`);
    else if (parsed.value > run.now.getTime() / 1000) add('RESPONDED_AT', 'the response time is in the future');
    else respondedAt = parsed.value;
  }
  const refs: Array<[CanonicalField, string | null]> = [
    ['INTERACTION_REF', text(row, 'INTERACTION_REF')],
    ['AGENT_REF', text(row, 'AGENT_REF')],
  ];
  for (const [field, value] of refs) {
    const p = value ? textProblem(value, TEXT_LIMITS.reference) : null;
    if (p) add(field, p);
  }
  if (out.length > before) return null;
  return {
    responseId: id!.trim(),
    type,
    score: type === 'FCR' ? null : score,
    resolved: type === 'FCR' ? resolved : null,
    channel,
    respondedAt: new Date(respondedAt! * 1000).toISOString(),
    interactionRef: refs[0][1],
    agentRef: refs[1][1],
  };
}

/**
 * Survey responses of one queue: every row checked before any is written; the check pass stages
 * each response it passed as the JSON the write sends (staging.ts, on disk), so the write pass
 * neither reads nor checks the file again.
 */
export async function importSurveyResponses(run: JobRun): Promise<void> {
  const { progress } = run;
  const route = await router(run);
  const zone = (queueZone: string) => run.def.timeZone ?? run.job.timeZone ?? queueZone;
  const staged = await StagedRows.create();
  try {
    const sha = await eachRow(
      run,
      (row, problems, binding) => {
        if (!row) return progress.refuse(problems);
        const target = route(row, null);
        if (!('queueId' in target)) return progress.refuse('problem' in target ? [target.problem] : []);
        const payload = surveyPayload(run, binding, row, zone(target.timeZone), problems);
        if (problems.length) {
          progress.refuse(problems);
          return progress.save();
        }
        progress.checked += 1;
        // Once a row is refused nothing will be written: staging stops.
        const staging = progress.refused === 0 ? staged.add(target.queueId, JSON.stringify(payload)) : undefined;
        const saving = progress.save();
        return staging && saving ? Promise.all([staging, saving]).then(() => undefined) : (staging ?? saving);
      },
    );
    await recordHash(run, sha);
    if (progress.refused > 0) return;
    await updateJob(run.db, run.job.id, { phase: 'WRITING' });
    // A response id sent twice in a file: the later row replaces the earlier, as a re-sent id does.
    let batch = new Map<string, SurveyResponsePayload>();
    let queueId = '';
    let replaced = 0;
    const flush = async () => {
      if (batch.size === 0) return;
      const result = await recordSurveyResponses(run.peers.feedback, queueId, [...batch.values()]);
      progress.written += result.received;
      replaced += result.replaced;
      batch = new Map();
      await progress.save();
    };
    for await (const [queue, json] of staged.rows()) {
      if (run.stopping()) throw new JobStopped('the hub stopped while this job ran');
      const payload = JSON.parse(json) as SurveyResponsePayload;
      // One queue per job (the job's): a change of queue would only ever start a new call.
      if (queue !== queueId) await flush();
      queueId = queue;
      batch.delete(payload.responseId);
      batch.set(payload.responseId, payload);
      if (batch.size >= RESPONSES_PER_CALL) await flush();
    }
    await flush();
    if (replaced > 0) progress.notes.push(`${replaced} responses replaced ones already stored with the same response id`);
  } finally {
    await staged.remove();
  }
}

// A customer reference is a key, never a name, an e-mail address or a phone number (feedback's rule).
function customerRefProblem(raw: string | null): string | null {
  const ref = raw?.trim() ?? '';
  if (!ref) return 'the customer reference is empty';
  const p = textProblem(raw!, TEXT_LIMITS.reference);
  if (p) return p;
  if (ref.includes('@')) return 'looks like an e-mail address; give the pseudonymous customer key instead';
  if (/^\+?[\d\s().-]{7,}$/.test(ref)) return 'looks like a phone number; give the pseudonymous customer key instead';
  if (!/^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(ref)) return 'use letters, digits and . _ : - only (a key, not a name)';
  return null;
}

const HISTORY_PER_CALL = 25;
/** Where feedback's history fields sit in a complaint register file. */
const COLUMN_OF: Record<'acknowledgedAt' | 'respondedAt' | 'closedAt' | 'status', CanonicalField> = {
  acknowledgedAt: 'ACKNOWLEDGED_AT',
  respondedAt: 'RESOLVED_AT',
  closedAt: 'CLOSED_AT',
  status: 'STATUS',
};

interface ComplaintItem {
  key: string;
  line: number;
  payload: ComplaintPayload | HistoricComplaintPayload;
  /** The receipt instant (epoch seconds) of a complaint imported with its history. */
  received: number | null;
}

/** Whether the file carries history: its header has the received-time column. */
const withHistory = (binding: HeaderBinding) => binding.columnOf('RECEIVED_AT') !== null;

/**
 * The history columns of one row, checked as feedback's recordComplaintHistory checks them: times
 * in the instant window, not in the future, in lifecycle order; the status one the times allow.
 */
function historyOf(run: JobRun, binding: HeaderBinding, row: ReadRow, timeZone: string, add: (field: CanonicalField, reason: string) => void) {
  const fields: Array<[CanonicalField, string]> = [
    ['RECEIVED_AT', 'received'],
    ['ACKNOWLEDGED_AT', 'acknowledgement'],
    ['RESOLVED_AT', 'response'],
    ['CLOSED_AT', 'closing'],
  ];
  const times: Array<number | null> = [];
  let bad = false;
  let previous: { field: CanonicalField; at: number } | null = null;
  for (const [field, what] of fields) {
    const raw = text(row, field)?.trim();
    if (!raw) {
      if (field === 'RECEIVED_AT') {
        add(field, 'the received time is empty');
        bad = true;
      }
      times.push(null);
      continue;
    }
    const parsed = parseTimestamp(raw, run.def.timestampFormat, timeZone);
    let problem: string | null = null;
    if ('problem' in parsed) problem = parsed.problem;
    else if (instantProblem(parsed.value)) problem = `the ${what} time ${instantProblem(parsed.value)}`;
    else if (parsed.value > run.now.getTime() / 1000) problem = `the ${what} time is in the future`;
    else if (previous && parsed.value < previous.at) problem = `the ${what} time is before the ${binding.columnOf(previous.field)} time; a complaint moves forward in time`;
    if (problem) {
      add(field, problem);
      bad = true;
      times.push(null);
      continue;
    }
    times.push((parsed as { value: number }).value);
    previous = { field, at: (parsed as { value: number }).value };
  }
  if (bad) return null;
  const [received, acknowledged, responded, closed] = times;
  const rawStatus = (text(row, 'STATUS') ?? '').trim().toUpperCase();
  const given = rawStatus === 'RESOLVED' ? 'RESPONDED' : rawStatus;
  if (given && !(HISTORIC_STATUSES as readonly string[]).includes(given)) {
    add('STATUS', `"${clip(rawStatus)}" is not one of ${HISTORIC_STATUSES.join(', ')} (or RESOLVED for RESPONDED)`);
    return null;
  }
  const status = (given || impliedStatus({ acknowledged, responded, closed })) as HistoricStatus;
  // Feedback's rule, its field named by this file's column.
  const found = statusTimesProblem(status, { acknowledged, responded, closed });
  const problem: [CanonicalField, string] | null = found ? [COLUMN_OF[found.field], found.message] : null;
  if (problem) {
    add(problem[0], problem[1]);
    return null;
  }
  const iso = (epoch: number | null) => (epoch === null ? null : new Date(epoch * 1000).toISOString());
  return { received: received!, history: { status: given || null, receivedAt: iso(received)!, acknowledgedAt: iso(acknowledged), respondedAt: iso(responded), closedAt: iso(closed) } };
}

function complaintPayload(run: JobRun, binding: HeaderBinding, row: ReadRow, queueIds: Set<string>, queueMap: Map<string, string>, timeZone: string, out: RowProblem[]): ComplaintItem | null {
  const before = out.length;
  const add = (field: CanonicalField, reason: string) => out.push(problemAt(binding, row, field, reason));
  const key = text(row, 'COMPLAINT_REF')?.trim() ?? '';
  if (!key) add('COMPLAINT_REF', 'the complaint reference is empty');
  else {
    const p = textProblem(key, TEXT_LIMITS.reference);
    if (p) add('COMPLAINT_REF', p);
  }
  const channel = (text(row, 'CHANNEL') ?? '').toUpperCase();
  if (!(CHANNELS as readonly string[]).includes(channel)) add('CHANNEL', `"${clip(channel)}" is not one of ${CHANNELS.join(', ')}`);
  const severity = (text(row, 'SEVERITY') ?? '').toUpperCase();
  if (!SEVERITIES.includes(severity)) add('SEVERITY', `"${clip(severity)}" is not one of ${SEVERITIES.join(', ')}`);
  const category = text(row, 'CATEGORY')?.trim() ?? '';
  if (!category) add('CATEGORY', 'the category is empty');
  else {
    const p = textProblem(category, TEXT_LIMITS.name);
    if (p) add('CATEGORY', p);
  }
  const description = text(row, 'DESCRIPTION') ?? '';
  if (!description.trim()) add('DESCRIPTION', 'the description is empty');
  else {
    const p = textProblem(description, TEXT_LIMITS.note);
    if (p) add('DESCRIPTION', p);
  }
  const customerRef = text(row, 'CUSTOMER_REF');
  const refProblem = customerRefProblem(customerRef);
  if (refProblem) add('CUSTOMER_REF', refProblem);
  let queueId: string | null = null;
  const queue = text(row, 'QUEUE');
  if (queue) {
    queueId = queueMap.get(queue.trim()) ?? queue.trim();
    if (!queueIds.has(queueId)) add('QUEUE', `"${clip(queue)}" is not a queue of the contract (nor in the job's queue map)`);
  }
  const history = withHistory(binding) ? historyOf(run, binding, row, timeZone, add) : null;
  if (out.length > before) return null;
  const payload: ComplaintPayload = { queueId, channel, category, severity, description, customerRef: customerRef!.trim() };
  return history ? { key, line: row.line, payload: { ...payload, ...history.history }, received: history.received } : { key, line: row.line, payload, received: null };
}

/**
 * Complaints. Without a receivedAt column each is recorded through feedback's recordComplaint
 * (its clocks start when it is recorded); with one, the file is a register migrated with its
 * history, written through recordComplaintHistory in calls of 25, all or nothing each, the clocks
 * following the contract's complaint terms in force at each receipt (checked here too, asking
 * contracts as of those instants, so a file is refused before anything is written). The
 * source's complaint reference is kept here with the id feedback gave it, so a complaint imported
 * once is skipped, never recorded twice, whatever file brings it again. The check pass stages
 * each complaint it passed (staging.ts), so the write pass does not read the file again.
 */
export async function importComplaints(run: JobRun): Promise<void> {
  const { progress, job } = run;
  const contract = await run.contracts.contract.load(job.contractId!);
  if (!contract) throw new Error(`contract ${job.contractId} is no longer visible`);
  const queueIds = new Set(contract.queues.map((q) => q.id));
  const queueMap = new Map((job.queueMap ?? []).map((m) => [m.source.trim(), m.queueId]));
  const zone = run.def.timeZone ?? job.timeZone ?? contract.complaintTerms?.calendar.timeZone ?? 'UTC';
  // Rows with history wait here, a call's worth at a time, to be checked against the terms in force at their receipt.
  let pending: Array<{ line: number; column: string | null; received: number }> = [];
  const checkTerms = async () => {
    if (pending.length === 0) return;
    const terms = await run.contracts.complaintTermsAsOf(contract.id, pending.map((p) => p.received));
    for (const p of pending) {
      if (terms.get(p.received)) progress.checked += 1;
      else progress.refuse([{ line: p.line, column: p.column, reason: `contract ${contract.id} had no complaint-handling terms at ${new Date(p.received * 1000).toISOString()}, so no clock could run` }]);
    }
    pending = [];
    await progress.save();
  };
  const staged = await StagedRows.create();
  try {
    const sha = await eachRow(
      run,
      async (row, problems, binding) => {
        if (!row) return progress.refuse(problems);
        const item = complaintPayload(run, binding, row, queueIds, queueMap, zone, problems);
        if (item?.received == null && !contract.complaintTerms && problems.length === 0) problems.push({ line: row.line, column: null, reason: `contract ${contract.id} has no complaint-handling terms, so no clock can run; the client sets them first` });
        if (problems.length) {
          progress.refuse(problems);
          return progress.save();
        }
        if (item!.received != null) {
          pending.push({ line: row.line, column: binding.columnOf('RECEIVED_AT'), received: item!.received });
          if (pending.length >= HISTORY_PER_CALL) await checkTerms();
        } else progress.checked += 1;
        // Once a row is refused nothing will be written: staging stops. The key goes inside the
        // JSON (a source's reference is not the staging key: it is only checked as a reference).
        if (progress.refused === 0) await staged.add('-', JSON.stringify(item));
        return progress.save();
      },
    );
    await checkTerms();
    await recordHash(run, sha);
    if (progress.refused > 0) return;
    await updateJob(run.db, job.id, { phase: 'WRITING' });
    let batch: ComplaintItem[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const seen = await importedKeys(run.db, contract.id, 'COMPLAINT', batch.map((b) => b.key));
      const unique = new Map<string, ComplaintItem>();
      for (const b of batch) {
        if (seen.has(b.key) || unique.has(b.key)) progress.skipped += 1;
        else unique.set(b.key, b);
      }
      batch = [];
      const keys = [...unique.keys()];
      const items = [...unique.values()];
      let results: Array<{ id: string } | Error>;
      if (items.some((i) => i.received !== null)) {
        results = items.length ? await recordComplaintHistory(run.peers.feedback, contract.id, items.map((i) => i.payload as HistoricComplaintPayload)) : [];
      } else {
        results = await recordComplaints(run.peers.feedback, contract.id, items.map((i) => i.payload));
      }
      const created = keys.flatMap((key, i) => {
        const r = results[i];
        return r instanceof Error ? [] : [{ target: contract.id, kind: 'COMPLAINT', sourceKey: key, createdId: r.id, jobId: job.id }];
      });
      await insertImportedKeys(run.db, created);
      progress.written += created.length;
      await progress.save();
      const failed = results.find((r): r is Error => r instanceof Error);
      if (failed) throw failed;
    };
    for await (const [, json] of staged.rows()) {
      if (run.stopping()) throw new JobStopped('the hub stopped while this job ran');
      batch.push(JSON.parse(json) as ComplaintItem);
      if (batch.length >= COMPLAINTS_PER_CALL) await flush();
    }
    await flush();
    if (progress.skipped > 0) progress.notes.push(`${progress.skipped} complaints were imported before (same complaint reference) and were skipped`);
  } finally {
    await staged.remove();
  }
}
