import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** Timing and number formatting the benchmarks share. */

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const seconds = (ms: number) => ms / 1000;
export const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Timed runs in milliseconds as the benchmarks report them: min, median, max and each run, to 0.1 ms. */
export interface RunStats {
  minMs: number;
  medianMs: number;
  maxMs: number;
  runsMs: number[];
}

export function runStats(runs: number[]): RunStats {
  return { minMs: round(Math.min(...runs), 1), medianMs: round(median(runs), 1), maxMs: round(Math.max(...runs), 1), runsMs: runs.map((r) => round(r, 1)) };
}

export async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await run();
  return { ms: performance.now() - t0, value };
}

export function timedSync(run: () => unknown): number {
  const t0 = performance.now();
  run();
  return performance.now() - t0;
}

export interface Runs {
  runs: number;
  minMs: number;
  medianMs: number;
  maxMs: number;
  /** Processor time of this process (user + system) in the same runs: what other work on a shared machine disturbs least. */
  cpuMs: { min: number; median: number; max: number };
}

/** `runs` timed calls of `run` (after one untimed call that warms up the JIT): min, median and max, wall and processor time. */
export function timeRuns(run: () => unknown, runs: number): Runs {
  run();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    wall.push(timedSync(run));
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const two = (x: number) => Math.round(x * 100) / 100;
  return {
    runs,
    minMs: two(Math.min(...wall)),
    medianMs: two(median(wall)),
    maxMs: two(Math.max(...wall)),
    cpuMs: { min: two(Math.min(...cpu)), median: two(median(cpu)), max: two(Math.max(...cpu)) },
  };
}

/** Writes a benchmark's results as JSON under bench/results (the folder sits at the repository root, above dist/bench). */
export function writeResults(file: string, content: unknown): string {
  const dir = join(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, `${JSON.stringify(content, null, 2)}\n`);
  return path;
}
