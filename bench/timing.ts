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
}

/** `runs` timed calls of `run` (after one untimed call that warms up the JIT): min, median and max. */
export function timeRuns(run: () => unknown, runs: number): Runs {
  run();
  const samples = Array.from({ length: runs }, () => timedSync(run));
  const two = (x: number) => Math.round(x * 100) / 100;
  return { runs, minMs: two(Math.min(...samples)), medianMs: two(median(samples)), maxMs: two(Math.max(...samples)) };
}

/** Writes a benchmark's results as JSON under bench/results (the folder sits at the repository root, above dist/bench). */
export function writeResults(file: string, content: unknown): string {
  const dir = join(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, `${JSON.stringify(content, null, 2)}\n`);
  return path;
}
