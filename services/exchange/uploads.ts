import { badInput, conflict, Problems } from '../platform/errors';
import { checkList, checkText } from '../platform/validate';
import { FILE_LIMITS, LIST_LIMITS, TEXT_LIMITS } from '../metrics/bounds';
import { isValidTimeZone } from '../metrics/vocabulary';
import { authorize, requireRead } from './access';
import type { ExchangeContext } from './context';
import { ImportJobRow, JobStatus } from './entities/import-job';
import { addChunk, countActiveJobs, insertJob, jobsOf, newJobId, pruneFinishedChunks, setStatus } from './jobs-storage';
import { ImportKind, IMPORT_KINDS } from './profile';
import { findUsableProfile } from './profiles';
import type { JobPeers } from './runner';

/**
 * Import jobs: a file sent in one call (up to one chunk) or in numbered chunks, then read and
 * written in the background. The job exists from the first call; it is queued when its last chunk
 * arrives, with the token of that call for the writes.
 */
export type ContentEncoding = 'TEXT' | 'BASE64';

export interface StartImportInput {
  kind: ImportKind;
  profile: string;
  queueId?: string | null;
  contractId?: string | null;
  forecastId?: string | null;
  scorecardId?: string | null;
  queueMap?: Array<{ source: string; queueId: string }> | null;
  skipUnmappedQueues?: boolean | null;
  timeZone?: string | null;
  fileName?: string | null;
  content?: string | null;
  encoding?: ContentEncoding | null;
  /** True (the default): the content is the whole file. False: chunks follow. */
  complete?: boolean | null;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The bytes of a chunk, or the problem with it. */
function decode(problems: Problems, field: string, content: string, encoding: ContentEncoding): Buffer | null {
  if (encoding === 'BASE64') {
    const compact = content.replace(/\s+/g, '');
    if (compact.length % 4 !== 0 || !BASE64.test(compact)) {
      problems.add(field, 'is not base64 (A–Z, a–z, 0–9, +, /, padded with =)');
      return null;
    }
    if ((compact.length / 4) * 3 > FILE_LIMITS.chunkBytes + 2) {
      problems.add(field, `at most ${FILE_LIMITS.chunkBytes} bytes per chunk; send the file in chunks`);
      return null;
    }
    return Buffer.from(compact, 'base64');
  }
  if (content.length > FILE_LIMITS.chunkBytes) {
    problems.add(field, `at most ${FILE_LIMITS.chunkBytes} bytes per chunk; send the file in chunks`);
    return null;
  }
  const bytes = Buffer.from(content, 'utf8');
  if (bytes.length > FILE_LIMITS.chunkBytes) {
    problems.add(field, `at most ${FILE_LIMITS.chunkBytes} bytes per chunk; send the file in chunks`);
    return null;
  }
  return bytes;
}

function peersOf(ctx: ExchangeContext): JobPeers {
  return { contracts: ctx.peer('contracts'), performance: ctx.peer('performance'), feedback: ctx.peer('feedback'), forecasts: ctx.peer('forecasts'), quality: ctx.peer('quality') };
}

const TARGETS: Record<ImportKind, { needs: Array<'queueId' | 'contractId' | 'forecastId' | 'scorecardId'>; either?: boolean }> = {
  INTERVALS: { needs: ['queueId', 'contractId'], either: true },
  SURVEY_RESPONSES: { needs: ['queueId'] },
  COMPLAINTS: { needs: ['contractId'] },
  STAFFING: { needs: ['forecastId'] },
  EVALUATIONS: { needs: ['scorecardId'] },
};

export async function startImport(ctx: ExchangeContext, input: StartImportInput): Promise<ImportJobRow> {
  const problems = new Problems();
  if (!(IMPORT_KINDS as readonly string[]).includes(input.kind)) problems.add('input.kind', `use ${IMPORT_KINDS.join(', ')}`);
  checkText(problems, 'input.profile', input.profile, TEXT_LIMITS.name);
  checkText(problems, 'input.fileName', input.fileName, TEXT_LIMITS.name);
  for (const key of ['queueId', 'contractId', 'forecastId', 'scorecardId'] as const) checkText(problems, `input.${key}`, input[key], TEXT_LIMITS.reference);
  if (input.timeZone != null && !isValidTimeZone(input.timeZone)) problems.add('input.timeZone', `"${input.timeZone.slice(0, 64)}" is not an IANA time zone`);
  checkList(problems, 'input.queueMap', input.queueMap, LIST_LIMITS.idsPerLookup, 'queue map entries');
  (input.queueMap ?? []).slice(0, LIST_LIMITS.idsPerLookup).forEach((m, i) => {
    if (!m.source?.trim()) problems.add(`input.queueMap[${i}].source`, 'must not be empty');
    checkText(problems, `input.queueMap[${i}].source`, m.source, TEXT_LIMITS.name);
    checkText(problems, `input.queueMap[${i}].queueId`, m.queueId, TEXT_LIMITS.reference);
  });
  const target = TARGETS[input.kind];
  if (target) {
    const given = (['queueId', 'contractId', 'forecastId', 'scorecardId'] as const).filter((k) => input[k] != null);
    if (given.length === 0) problems.add(`input.${target.needs[0]}`, `a ${input.kind} import needs ${target.needs.join(' or ')}`);
    else if (given.length > 1) problems.add(`input.${given[1]}`, `name one target: ${target.needs.join(' or ')}`);
    else if (!target.needs.includes(given[0])) problems.add(`input.${given[0]}`, `a ${input.kind} import goes into ${target.needs.join(' or ')}`);
    if (input.queueMap?.length && !(input.kind === 'COMPLAINTS' || input.kind === 'EVALUATIONS' || (input.kind === 'INTERVALS' && input.contractId))) problems.add('input.queueMap', 'a queue map goes with an INTERVALS import into a contract, a COMPLAINTS or an EVALUATIONS import');
  }
  const complete = input.complete ?? true;
  let first: Buffer | null = null;
  if (input.content != null) first = decode(problems, 'input.content', input.content, input.encoding ?? 'TEXT');
  else if (complete) problems.add('input.content', 'send the file (or set complete to false and send it in chunks)');
  if (first && first.length === 0 && complete) problems.add('input.content', 'the file is empty');
  problems.throwIfAny();

  const profile = await findUsableProfile(ctx, input.profile);
  if (!profile) throw badInput({ field: 'input.profile', message: `no profile "${input.profile}": name a ready-made profile or one your organisation saved (see importProfiles)` });
  if (profile.definition.kind !== input.kind) throw badInput({ field: 'input.profile', message: `"${input.profile}" reads ${profile.definition.kind} files, not ${input.kind}` });

  const action = { INTERVALS: 'importIntervals', SURVEY_RESPONSES: 'importSurveyResponses', COMPLAINTS: 'importComplaints', STAFFING: 'importStaffing', EVALUATIONS: 'importEvaluations' } as const;
  if (input.kind === 'INTERVALS') {
    const facts = await authorize(ctx, 'importIntervals', input.queueId ? { queueId: input.queueId } : { contractId: input.contractId! });
    if (input.contractId && 'queues' in facts) checkQueueMap(input, facts.queues.map((q) => q.id));
  } else if (input.kind === 'SURVEY_RESPONSES') await authorize(ctx, action.SURVEY_RESPONSES, { queueId: input.queueId! });
  else if (input.kind === 'COMPLAINTS') {
    const facts = await authorize(ctx, action.COMPLAINTS, { contractId: input.contractId! });
    checkQueueMap(input, facts.queues.map((q) => q.id));
  } else if (input.kind === 'EVALUATIONS') {
    const facts = await authorize(ctx, action.EVALUATIONS, { scorecardId: input.scorecardId! });
    checkQueueMap(input, facts.queues.map((q) => q.id));
  }
  else await authorize(ctx, action.STAFFING, { forecastId: input.forecastId! });

  if ((await countActiveJobs(ctx.db, ctx.viewer.organisationId)) >= FILE_LIMITS.activeJobsPerOrganisation) {
    throw conflict(`your organisation has ${FILE_LIMITS.activeJobsPerOrganisation} import jobs uploading, waiting or running; let one finish first`);
  }
  const queued = complete && first !== null && first.length > 0;
  const job = Object.assign(new ImportJobRow(), {
    id: newJobId(),
    organisationId: ctx.viewer.organisationId,
    createdBy: ctx.viewer.subject,
    kind: input.kind,
    profileName: input.profile,
    profile: profile.definition,
    queueId: input.queueId ?? null,
    contractId: input.contractId ?? null,
    forecastId: input.forecastId ?? null,
    scorecardId: input.scorecardId ?? null,
    queueMap: input.queueMap?.length ? input.queueMap.map((m) => ({ source: m.source.trim(), queueId: m.queueId })) : null,
    skipUnmapped: input.skipUnmappedQueues ? 1 : 0,
    timeZone: input.timeZone ?? null,
    fileName: input.fileName ?? null,
    status: (queued ? 'QUEUED' : 'UPLOADING') as JobStatus,
    phase: null,
    chunks: first && first.length > 0 ? 1 : 0,
    bytesReceived: first?.length ?? 0,
    contentSha256: null,
    sameFileAs: null,
    rowsRead: 0,
    rowsChecked: 0,
    rowsWritten: 0,
    rowsRefused: 0,
    rowsSkipped: 0,
    problems: [],
    coverage: null,
    notes: [],
    failure: null,
    createdAt: ctx.now,
    startedAt: null,
    finishedAt: null,
  });
  await insertJob(ctx.db, job, first && first.length > 0 ? first : null);
  await pruneFinishedChunks(ctx.db, ctx.viewer.organisationId);
  if (queued) ctx.runner.enqueue(job.id, peersOf(ctx));
  return job;
}

function checkQueueMap(input: StartImportInput, queueIds: string[]): void {
  const problems = new Problems();
  (input.queueMap ?? []).forEach((m, i) => {
    if (!queueIds.includes(m.queueId)) problems.add(`input.queueMap[${i}].queueId`, `${m.queueId} is not a queue of the ${input.scorecardId ? "scorecard's " : ''}contract${input.contractId ? ` ${input.contractId}` : ''}`);
  });
  problems.throwIfAny();
}

/**
 * The next chunk of an uploading job (`seq` counts from 0; the first call's content is chunk 0).
 * With `last`, the file is complete and the job is queued. A chunk sent again after it arrived is
 * answered CONFLICT with nothing written, so a client retrying knows where it stands.
 */
export async function appendImportChunk(ctx: ExchangeContext, jobId: string, seq: number, content: string, encoding: ContentEncoding, last: boolean): Promise<ImportJobRow> {
  const problems = new Problems();
  checkText(problems, 'jobId', jobId, TEXT_LIMITS.reference);
  if (!Number.isInteger(seq) || seq < 0) problems.add('seq', 'a whole number from 0');
  const data = decode(problems, 'content', content, encoding);
  problems.throwIfAny();
  const job = await authorize(ctx, 'uploadToJob', { jobId, job: await ctx.loaders.job.load(jobId) });
  if (job.status !== 'UPLOADING') throw conflict(`import job ${jobId} is ${job.status}: its file is complete`);
  if (seq < job.chunks) throw conflict(`chunk ${seq} of import job ${jobId} has arrived already; send chunk ${job.chunks}`);
  if (seq > job.chunks) throw badInput({ field: 'seq', message: `expected chunk ${job.chunks}` });
  if (job.bytesReceived + data!.length > FILE_LIMITS.fileBytes) throw badInput({ field: 'content', message: `a file is at most ${FILE_LIMITS.fileBytes} bytes as sent; split it` });
  if (data!.length === 0) {
    if (!last) throw badInput({ field: 'content', message: 'an empty chunk only ends the file (last: true)' });
    if (job.chunks === 0) throw badInput({ field: 'content', message: 'the file is empty' });
    if (!(await setStatus(ctx.db, job.id, 'UPLOADING', 'QUEUED'))) throw conflict(`import job ${jobId} moved on meanwhile`);
  } else if (!(await addChunk(ctx.db, job, data!, last))) {
    throw conflict(`chunk ${seq} of import job ${jobId} has arrived already (another call); read the job to see where it stands`);
  }
  if (last) ctx.runner.enqueue(job.id, peersOf(ctx));
  ctx.loaders.job.clear(jobId);
  return (await ctx.loaders.job.load(jobId))!;
}

export async function readJob(ctx: ExchangeContext, jobId: string): Promise<ImportJobRow> {
  const problems = new Problems();
  checkText(problems, 'id', jobId, TEXT_LIMITS.reference);
  problems.throwIfAny();
  return authorize(ctx, 'readJob', { jobId, job: await ctx.loaders.job.load(jobId) });
}

/** The caller's organisation's jobs, newest first. */
export async function listJobs(ctx: ExchangeContext, first: number, statuses: JobStatus[] | null): Promise<ImportJobRow[]> {
  const problems = new Problems();
  if (!Number.isInteger(first) || first < 1 || first > LIST_LIMITS.idsPerLookup) problems.add('first', `from 1 to ${LIST_LIMITS.idsPerLookup}`);
  problems.throwIfAny();
  requireRead(ctx.viewer, 'listing import jobs');
  return jobsOf(ctx.db, ctx.viewer.organisationId, first, statuses);
}
