import { DataSource } from 'typeorm';
import type { Peer } from '../clients/graphql-http';
import { Clock, systemClock } from '../platform/clock';
import type { ImportJobRow } from './entities/import-job';
import { failInterrupted, findJob } from './jobs-storage';
import type { ExchangePeer } from './loaders';

export type JobPeers = Record<ExchangePeer, Peer>;
export type JobProcessor = (db: DataSource, clock: Clock, jobId: string, peers: JobPeers, stopping: () => boolean) => Promise<void>;

/**
 * The background worker of one process: a queue of jobs, run one at a time, each with the token
 * of the request that completed its upload (kept in memory only, never stored). Jobs live as
 * rows; a job a stopped process left queued or running is failed when the next one starts
 * (`start`). `settled(id)` is the in-process hook tests await instead of polling.
 */
export class JobRunner {
  private readonly queue: Array<{ jobId: string; peers: JobPeers }> = [];
  private readonly waiting = new Map<string, { promise: Promise<void>; resolve: () => void }>();
  private readonly runningIds = new Set<string>();
  private stopped = false;

  constructor(
    private readonly db: DataSource,
    readonly clock: Clock,
    private readonly processor: JobProcessor,
    private readonly concurrency = 1,
  ) {}

  async start(): Promise<void> {
    await failInterrupted(this.db, this.clock());
  }

  /** Queues a job that has just become QUEUED, with the peers of the caller's request. */
  enqueue(jobId: string, peers: JobPeers): void {
    if (this.stopped) return;
    if (!this.waiting.has(jobId)) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.waiting.set(jobId, { promise, resolve });
    }
    this.queue.push({ jobId, peers });
    setImmediate(() => this.pump());
  }

  /** Jobs waiting or running in this process. */
  get pending(): number {
    return this.queue.length + this.runningIds.size;
  }

  /** Resolves with the job once it has finished here (at once when it is not queued in this process). */
  async settled(jobId: string): Promise<ImportJobRow | null> {
    await this.waiting.get(jobId)?.promise;
    return findJob(this.db, jobId);
  }

  /** Resolves once no job is waiting or running in this process (tests' stand-in for waiting). */
  async idle(): Promise<void> {
    while (this.waiting.size > 0) await Promise.all([...this.waiting.values()].map((w) => w.promise));
  }

  /** Stops taking jobs; the running one stops at its next row and fails, saying so. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.queue.length = 0;
    for (const [id, w] of this.waiting) {
      if (this.runningIds.has(id)) continue;
      this.waiting.delete(id);
      w.resolve();
    }
    await Promise.all([...this.waiting.values()].map((w) => w.promise));
  }

  private pump(): void {
    while (!this.stopped && this.runningIds.size < this.concurrency && this.queue.length > 0) {
      const next = this.queue.shift()!;
      if (this.runningIds.has(next.jobId)) continue;
      this.runningIds.add(next.jobId);
      this.processor(this.db, this.clock, next.jobId, next.peers, () => this.stopped)
        .catch((error) => console.error('import job', next.jobId, 'failed unexpectedly', error))
        .finally(() => {
          this.runningIds.delete(next.jobId);
          const w = this.waiting.get(next.jobId);
          this.waiting.delete(next.jobId);
          w?.resolve();
          this.pump();
        });
    }
  }
}

const runners = new WeakMap<DataSource, JobRunner>();

/** The runner of a database's process (one per started exchange subgraph). */
export function jobRunner(db: DataSource): JobRunner {
  const runner = runners.get(db);
  if (!runner) throw new Error('the exchange job runner was not started for this database');
  return runner;
}

export function registerRunner(db: DataSource, runner: JobRunner): void {
  runners.set(db, runner);
}

export { systemClock };
