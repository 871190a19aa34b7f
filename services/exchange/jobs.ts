import { GraphQLError } from 'graphql';
import { DataSource } from 'typeorm';
import { FILE_LIMITS } from '../metrics/bounds';
import { Clock } from '../platform/clock';
import { importJobProgress } from '../platform/metrics';
import { createContractsClient, ContractsClient } from '../clients/contracts';
import type { Peer } from '../clients/graphql-http';
import { ImportJobRow, JobStatus } from './entities/import-job';
import { chunkAt, findJob, sameFileAs, updateJob } from './jobs-storage';
import { bindHeader, HeaderBinding, ReadRow, RowProblem } from './mapping';
import { ProfileDefinition } from './profile';
import type { JobPeers } from './runner';
import { FileRefused, readCsv } from './source';

/**
 * Running one import job: the two passes every kind shares. The first reads the whole file and
 * checks every row, collecting every refused row (line, column, reason); only when none is
 * refused does the second read it again and write through the owning subgraph, in chunks, with
 * the caller's token. Progress (rows read, checked, written, refused) is saved as it goes, and
 * its share done is published as the gauge hub_import_job_progress_ratio{service="exchange",job}
 * while the job runs (the series is removed when it ends, so they never pile up).
 */
export class Progress {
  read = 0;
  checked = 0;
  written = 0;
  refused = 0;
  skipped = 0;
  problems: RowProblem[] = [];
  notes: string[] = [];
  private lastSaved = 0;
  /** Bytes of the stored file the check pass has read past (whole chunks as uploaded). */
  private checkedBytes = 0;

  constructor(
    private readonly db: DataSource,
    readonly jobId: string,
    /** The file's size as stored (the chunks as sent, gzipped or not). */
    private readonly storedBytes = 0,
  ) {}

  /**
   * The share of the job done, 0 to 1. The check pass is the first half, by the stored file's
   * bytes it has read past (a chunk counts once the reader moves to the next one); the write pass
   * the second, by the rows written over the rows that passed the check. Whatever runs between
   * the two (interval imports check the file's intervals against the stored ones) stands at 0.5.
   */
  ratio(): number {
    const check = this.storedBytes > 0 ? Math.min(1, this.checkedBytes / this.storedBytes) : 0;
    const write = this.checked > 0 ? Math.min(1, this.written / this.checked) : 0;
    return 0.5 * check + 0.5 * write;
  }

  /** The check pass has read past `bytes` of the stored file (all of it: Infinity). */
  checkedThrough(bytes: number): void {
    this.checkedBytes = Math.min(bytes, this.storedBytes);
    this.publish();
  }

  /** Sets the job's gauge to its share done. */
  publish(): void {
    importJobProgress.set({ service: 'exchange', job: this.jobId }, this.ratio());
  }

  /** Removes the job's gauge series: it has ended. */
  retire(): void {
    importJobProgress.remove({ service: 'exchange', job: this.jobId });
  }

  /** Records the problems of one refused row. */
  refuse(problems: RowProblem[]): void {
    if (problems.length === 0) return;
    this.refused += 1;
    for (const p of problems) if (this.problems.length < FILE_LIMITS.problemsListed) this.problems.push(p);
  }

  /**
   * Saves the counters every so many rows (and always when `force`); nothing to wait for (no
   * promise) when it is not yet time.
   */
  save(force = false, extra: Partial<ImportJobRow> = {}): Promise<void> | undefined {
    const touched = this.read + this.written;
    if (!force && touched - this.lastSaved < 20_000) return undefined;
    return this.saveNow(touched, extra);
  }

  private async saveNow(touched: number, extra: Partial<ImportJobRow>): Promise<void> {
    this.lastSaved = touched;
    this.publish();
    await updateJob(this.db, this.jobId, {
      rowsRead: this.read,
      rowsChecked: this.checked,
      rowsWritten: this.written,
      rowsRefused: this.refused,
      rowsSkipped: this.skipped,
      problems: this.problems,
      notes: this.notes,
      ...extra,
    });
  }
}

/** What an importer runs with. */
export interface JobRun {
  db: DataSource;
  job: ImportJobRow;
  def: ProfileDefinition;
  peers: JobPeers;
  /** Contracts facts with the caller's token. */
  contracts: ContractsClient;
  now: Date;
  progress: Progress;
  stopping: () => boolean;
}

export class JobStopped extends Error {}

/**
 * Reads the file (each import reads it once, in its check pass): the header binds the profile,
 * then each data row is handed over read into canonical values (or null with its problems).
 * Refuses the whole file (FileRefused) when it is not CSV, has no header, lacks a mapped column
 * or has more rows than the bound. Counts the rows read and the stored bytes read past, for the
 * job's share done, and answers the SHA-256 of the content.
 */
export async function eachRow(run: JobRun, onRow: (row: ReadRow | null, problems: RowProblem[], binding: HeaderBinding) => Promise<void> | void): Promise<string> {
  let past = 0;
  let previous = 0;
  const reading = readCsv(
    async (seq) => {
      if (seq > 0) run.progress.checkedThrough((past += previous));
      const chunk = await chunkAt(run.db, run.job.id, seq);
      previous = chunk?.length ?? 0;
      return chunk;
    },
    run.def,
  );
  let binding: HeaderBinding | null = null;
  let rows = 0;
  for await (const batch of reading.batches) {
    for (const record of batch) {
      if (run.stopping()) throw new JobStopped('the hub stopped while this job ran');
      if (!binding) {
        const problems: RowProblem[] = [];
        binding = bindHeader(run.def, record.values, record.line, problems);
        if (!binding) throw new RefusedHeader(problems);
        continue;
      }
      rows += 1;
      if (rows > FILE_LIMITS.rowsPerFile) throw new FileRefused(record.line, `more than ${FILE_LIMITS.rowsPerFile} rows; split the file`);
      run.progress.read += 1;
      const problems: RowProblem[] = [];
      const row = binding.read(record.values, record.line, problems);
      // Awaited only when the row's handling waits on something (a save, a write).
      const waiting = onRow(row, problems, binding);
      if (waiting) await waiting;
    }
  }
  if (!binding) throw new FileRefused(1, 'the file is empty: expected a header row and data rows');
  run.progress.checkedThrough(Infinity);
  return reading.sha256();
}

export class RefusedHeader extends Error {
  constructor(readonly problems: RowProblem[]) {
    super('the header does not match the profile');
  }
}

export type Importer = (run: JobRun) => Promise<void>;

/** The outcome of a finished job. */
async function finish(db: DataSource, clock: Clock, job: ImportJobRow, progress: Progress, status: JobStatus, extra: Partial<ImportJobRow> = {}): Promise<void> {
  await progress.save(true, { status, phase: null, finishedAt: clock(), ...extra });
}

/**
 * Runs a QUEUED job to its end: SUCCEEDED, REFUSED (rows refused, nothing written) or FAILED (a
 * fault: a peer unreachable, a write the owner refused although the check passed, because
 * another writer or a withdrawn grant came in between; rows written before it stay, and sending
 * the file again replaces them).
 */
export function jobProcessor(importers: Record<string, Importer>) {
  return async (db: DataSource, clock: Clock, jobId: string, peers: JobPeers, stopping: () => boolean): Promise<void> => {
    const job = await findJob(db, jobId);
    if (!job || job.status !== 'QUEUED') return;
    const now = clock();
    await updateJob(db, jobId, { status: 'RUNNING', phase: 'CHECKING', startedAt: now });
    const progress = new Progress(db, jobId, job.bytesReceived);
    const writing = (peer: Peer): Peer => ({ ...peer, timeoutMs: Math.max(peer.timeoutMs, 120_000) });
    const run: JobRun = {
      db,
      job,
      def: job.profile as ProfileDefinition,
      peers: { ...peers, performance: writing(peers.performance), feedback: writing(peers.feedback), forecasts: writing(peers.forecasts), quality: writing(peers.quality) },
      contracts: createContractsClient(peers.contracts),
      now,
      progress,
      stopping,
    };
    progress.publish();
    try {
      await importers[job.kind](run);
      if (progress.refused > 0) await finish(db, clock, job, progress, 'REFUSED');
      else await finish(db, clock, job, progress, 'SUCCEEDED');
    } catch (error) {
      if (error instanceof RefusedHeader) {
        progress.refused = Math.max(progress.refused, 1);
        progress.problems = error.problems.slice(0, FILE_LIMITS.problemsListed);
        await finish(db, clock, job, progress, 'REFUSED');
      } else if (error instanceof FileRefused) {
        progress.refuse([{ line: error.line, column: null, reason: error.message }]);
        await finish(db, clock, job, progress, 'REFUSED');
      } else if (error instanceof JobStopped || error instanceof GraphQLError) {
        await finish(db, clock, job, progress, 'FAILED', { failure: failureText(error, progress) });
      } else {
        console.error('import job', jobId, error);
        await finish(db, clock, job, progress, 'FAILED', { failure: failureText(new Error('an internal error; it has been logged'), progress) });
      }
    } finally {
      progress.retire();
    }
  };
}

function failureText(error: Error, progress: Progress): string {
  const code = (error as GraphQLError).extensions?.code;
  const written = progress.written > 0 ? ` ${progress.written} rows were written before it; send the file again once fixed (they are replaced, never doubled).` : ' Nothing was written.';
  return `${code ? `${code}: ` : ''}${error.message}.${written}`;
}

/** After the check pass: the content hash, and an earlier job that wrote the same file here. */
export async function recordHash(run: JobRun, sha256: string): Promise<void> {
  const earlier = await sameFileAs(run.db, run.job, sha256);
  run.job.contentSha256 = sha256;
  await updateJob(run.db, run.job.id, { contentSha256: sha256, sameFileAs: earlier });
  if (earlier) run.progress.notes.push(`the same file (SHA-256 ${sha256.slice(0, 12)}…) was imported into this target by job ${earlier}; its rows replace those, never add to them`);
}
