import { instantProblem, LIST_LIMITS, TEXT_LIMITS, textProblem } from '../../metrics/bounds';
import { answerProblem, NOT_APPLICABLE } from '../../metrics/scorecard';
import { CHANNELS } from '../../metrics/vocabulary';
import { EvaluationPayload, recordEvaluations, scorecardFacts, ScorecardVersionFacts } from '../../clients/quality-files';
import { eachRow, JobRun, JobStopped, recordHash } from '../jobs';
import { StagedRows } from '../staging';
import { HeaderBinding, ReadRow, RowProblem } from '../mapping';
import { CanonicalField } from '../profile';
import { updateJob } from '../jobs-storage';
import { clip, parseTimestamp } from '../values';

/**
 * Quality evaluations from a long CSV (one row per criterion answered, an evaluation's rows next
 * to each other), written through the quality subgraph's recordEvaluations under the job's
 * scorecard. The rules restate quality's (pseudonymous references, the contract's queues,
 * channels, an interaction in the past under a scorecard version in force, every criterion of
 * that version answered once within its scale), so a file is refused whole here, row by row,
 * before anything is written; quality checks again, and scores, when the job writes. Only one
 * evaluation's rows are held at a time: memory stays bounded whatever the file's size.
 */
const EVALUATIONS_PER_CALL = Math.min(500, LIST_LIMITS.evaluationsPerUpload);

function text(row: ReadRow, field: CanonicalField): string | null {
  const c = row.values.get(field);
  return c === undefined ? null : String(c.value);
}

// A reference is a key, never a name, an e-mail address or a phone number (quality's rule).
function referenceProblem(raw: string | null): string | null {
  const ref = raw ?? '';
  if (!ref.trim()) return 'is empty';
  const p = textProblem(ref, TEXT_LIMITS.reference);
  if (p) return p;
  if (ref.includes('@')) return 'looks like an e-mail address; give a pseudonymous key instead';
  if (/^\+?\d[\d\s().-]{6,}$/.test(ref) && /[\s().+-]/.test(ref)) return 'looks like a phone number; give a pseudonymous key instead';
  if (!/^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(ref)) return 'use letters, digits and . _ : - only (a key, not a name)';
  return null;
}

/** The rows of one evaluation, as read. */
interface Group {
  key: string;
  rows: ReadRow[];
}

const keyOf = (row: ReadRow) => `${text(row, 'EVALUATOR_REF')?.trim() ?? ''}\u0000${text(row, 'INTERACTION_REF')?.trim() ?? ''}`;

interface Setting {
  run: JobRun;
  versions: ScorecardVersionFacts[];
  queues: Map<string, string>;
  queueMap: Map<string, string>;
  side: 'CLIENT' | 'CENTRE';
}

function versionAt(versions: ScorecardVersionFacts[], epoch: number): ScorecardVersionFacts | null {
  return versions.find((v) => Date.parse(v.effectiveFrom) / 1000 <= epoch && (v.effectiveTo === null || epoch < Date.parse(v.effectiveTo) / 1000)) ?? null;
}

/**
 * Checks one evaluation's rows; the problems of each row under its line (empty when the row is
 * good), and the payload when every row is.
 */
function checkGroup(s: Setting, binding: HeaderBinding, group: Group): { problems: Map<number, RowProblem[]>; payload: EvaluationPayload | null } {
  const problems = new Map<number, RowProblem[]>(group.rows.map((r) => [r.line, []]));
  const add = (row: ReadRow, field: CanonicalField, reason: string) => problems.get(row.line)!.push({ line: row.line, column: binding.columnOf(field), reason });
  const first = group.rows[0];
  const refs: Array<[CanonicalField, string]> = [
    ['INTERACTION_REF', 'the interaction reference'],
    ['AGENT_REF', 'the agent reference'],
    ['EVALUATOR_REF', 'the evaluator reference'],
  ];
  for (const [field, what] of refs) {
    const p = referenceProblem(text(first, field));
    if (p) add(first, field, `${what} ${p}`);
  }
  const queue = text(first, 'QUEUE')?.trim() ?? '';
  const queueId = s.queueMap.get(queue) ?? queue;
  const zone = s.run.def.timeZone ?? s.run.job.timeZone ?? s.queues.get(queueId) ?? 'UTC';
  if (!s.queues.has(queueId)) add(first, 'QUEUE', `"${clip(queue)}" is not a queue of the scorecard's contract (nor in the job's queue map)`);
  const channel = (text(first, 'CHANNEL') ?? '').trim().toUpperCase();
  if (!(CHANNELS as readonly string[]).includes(channel)) add(first, 'CHANNEL', `"${clip(channel)}" is not one of ${CHANNELS.join(', ')}`);
  const party = (text(first, 'EVALUATOR_PARTY') ?? '').trim().toUpperCase();
  if (party && party !== s.side) add(first, 'EVALUATOR_PARTY', `you import as the ${s.side}, not the ${clip(party)}: an evaluation's party is the importer's side of the contract`);
  let epoch: number | null = null;
  const at = text(first, 'INTERACTION_AT')?.trim();
  if (!at) add(first, 'INTERACTION_AT', 'the interaction time is empty');
  else {
    const parsed = parseTimestamp(at, s.run.def.timestampFormat, zone);
    if ('problem' in parsed) add(first, 'INTERACTION_AT', parsed.problem);
    else if (instantProblem(parsed.value)) add(first, 'INTERACTION_AT', `the interaction time ${instantProblem(parsed.value)}`);
    else if (parsed.value > s.run.now.getTime() / 1000) add(first, 'INTERACTION_AT', 'the interaction time is in the future; an interaction is evaluated after it happened');
    else epoch = parsed.value;
  }
  // Every row of the evaluation says the same about the interaction.
  for (const row of group.rows.slice(1)) {
    for (const field of ['QUEUE', 'INTERACTION_AT', 'CHANNEL', 'AGENT_REF', 'EVALUATOR_PARTY'] as const) {
      if ((text(row, field) ?? '').trim() !== (text(first, field) ?? '').trim()) add(row, field, `differs from line ${first.line} of the same evaluation (evaluator and interaction)`);
    }
  }
  let comment: string | null = null;
  for (const row of group.rows) {
    const c = text(row, 'EVALUATION_COMMENT');
    if (!c?.trim()) continue;
    const p = textProblem(c, TEXT_LIMITS.description);
    if (p) add(row, 'EVALUATION_COMMENT', p);
    else comment ??= c.trim();
  }
  const version = epoch === null ? null : versionAt(s.versions, epoch);
  if (epoch !== null && !version) add(first, 'INTERACTION_AT', `the scorecard had no version in force at ${new Date(epoch * 1000).toISOString()}`);
  const answers: EvaluationPayload['answers'] = [];
  if (version) {
    const criteria = new Map(version.criteria.map((c) => [c.key, c]));
    const given = new Map<string, number>();
    for (const row of group.rows) {
      const key = text(row, 'CRITERION')?.trim() ?? '';
      const criterion = criteria.get(key);
      if (!criterion) {
        add(row, 'CRITERION', `no criterion "${clip(key)}" in scorecard version ${version.version}; its criteria are ${[...criteria.keys()].join(', ')}`);
        continue;
      }
      if (given.has(key)) add(row, 'CRITERION', `answered already on line ${given.get(key)}`);
      given.set(key, row.line);
      const value = (text(row, 'ANSWER') ?? '').trim().toUpperCase();
      const p = answerProblem(criterion, value);
      if (p) add(row, 'ANSWER', p);
      const note = text(row, 'ANSWER_COMMENT');
      const np = note?.trim() ? textProblem(note, TEXT_LIMITS.description) : null;
      if (np) add(row, 'ANSWER_COMMENT', np);
      answers.push({ criterionKey: key, value, comment: note?.trim() || null });
    }
    const missing = [...criteria.keys()].filter((k) => !given.has(k));
    if (missing.length) add(first, 'CRITERION', `every criterion of scorecard version ${version.version} is answered (NA where allowed); missing ${missing.join(', ')}`);
    else if (answers.every((a) => a.value === NOT_APPLICABLE)) add(first, 'ANSWER', 'every answer is NA: nothing to score');
  }
  const bad = [...problems.values()].some((p) => p.length > 0);
  if (bad || !version) return { problems, payload: null };
  return {
    problems,
    payload: {
      interactionRef: text(first, 'INTERACTION_REF')!.trim(),
      queueId,
      interactionAt: new Date(epoch! * 1000).toISOString(),
      channel,
      agentRef: text(first, 'AGENT_REF')!.trim(),
      evaluatorRef: text(first, 'EVALUATOR_REF')!.trim(),
      answers,
      comment,
    },
  };
}

/**
 * Reads the file grouping consecutive rows of one evaluation; `onGroup` gets each group once its
 * last row is read. A row that does not read at all is handed over alone (`unread`).
 */
async function eachGroup(run: JobRun, onGroup: (group: Group, binding: HeaderBinding) => Promise<void>, unread: (problems: RowProblem[]) => void): Promise<string> {
  let current: Group | null = null;
  let bound: HeaderBinding | null = null;
  const sha = await eachRow(
    run,
    async (row, problems, binding) => {
      bound = binding;
      if (!row) return unread(problems);
      const key = keyOf(row);
      if (current && current.key === key && current.rows.length < LIST_LIMITS.scorecardCriteria) {
        current.rows.push(row);
        return;
      }
      if (current) await onGroup(current, binding);
      current = { key, rows: [row] };
    },
  );
  if (current && bound) await onGroup(current, bound);
  return sha;
}

export async function importEvaluations(run: JobRun): Promise<void> {
  const { progress, job } = run;
  const scorecard = await scorecardFacts(run.peers.quality, job.scorecardId!);
  if (!scorecard) throw new Error(`scorecard ${job.scorecardId} is no longer visible`);
  const contract = await run.contracts.contract.load(scorecard.contractId);
  if (!contract) throw new Error(`contract ${scorecard.contractId} is no longer visible`);
  const setting: Setting = {
    run,
    versions: scorecard.versions,
    queues: new Map(contract.queues.map((q) => [q.id, q.timeZone])),
    queueMap: new Map((job.queueMap ?? []).map((m) => [m.source.trim(), m.queueId])),
    side: contract.clientId === job.organisationId ? 'CLIENT' : 'CENTRE',
  };
  const staged = await StagedRows.create();
  try {
    const sha = await eachGroup(
      run,
      async (group, binding) => {
        const { problems, payload } = checkGroup(setting, binding, group);
        let clean = true;
        for (const p of problems.values()) {
          if (p.length) progress.refuse(p);
          else progress.checked += 1;
          clean &&= p.length === 0;
        }
        if (clean && !payload) throw new Error('an evaluation that passed its checks has nothing to write');
        // Once a row is refused nothing will be written: staging stops.
        if (progress.refused === 0) await staged.add('-', JSON.stringify({ key: group.key, payload, rows: group.rows.length }));
        await progress.save();
      },
      (problems) => progress.refuse(problems),
    );
    await recordHash(run, sha);
    if (progress.refused > 0) return;
    await writeEvaluations(run, scorecard.id, staged);
  } finally {
    await staged.remove();
  }
}

/** The staged evaluations written in calls of EVALUATIONS_PER_CALL. */
async function writeEvaluations(run: JobRun, scorecardId: string, staged: StagedRows): Promise<void> {
  const { progress, job } = run;
  await updateJob(run.db, job.id, { phase: 'WRITING' });
  // The same evaluator and interaction twice in a call: the later replaces the earlier, as a re-sent evaluation does.
  let batch = new Map<string, { payload: EvaluationPayload; rows: number }>();
  let evaluations = 0;
  let replaced = 0;
  const flush = async () => {
    if (batch.size === 0) return;
    const result = await recordEvaluations(run.peers.quality, scorecardId, [...batch.values()].map((b) => b.payload));
    progress.written += [...batch.values()].reduce((sum, b) => sum + b.rows, 0);
    evaluations += result.received;
    replaced += result.replaced;
    batch = new Map();
    await progress.save();
  };
  for await (const [, json] of staged.rows()) {
    if (run.stopping()) throw new JobStopped('the hub stopped while this job ran');
    const { key, payload, rows } = JSON.parse(json) as { key: string; payload: EvaluationPayload; rows: number };
    batch.delete(key);
    batch.set(key, { payload, rows });
    if (batch.size >= EVALUATIONS_PER_CALL) await flush();
  }
  await flush();
  progress.notes.push(`${evaluations} evaluations recorded under scorecard ${scorecardId}${replaced > 0 ? `; ${replaced} replaced ones already stored (same evaluator and interaction)` : ''}`);
}
