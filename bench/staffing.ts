import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { staffIntervals, StaffingInput, StaffingTarget } from '../services/forecasts/staffing';
import { writeResults } from './timing';

/**
 * Staffing of a week of 15-minute intervals (672), as the forecasts subgraph computes it for
 * every read: Erlang C alone, Erlang C and Erlang A (a patience stated), with planned agents.
 * Volumes are all distinct (no cache hits) and span 0 to ~400 contacts per quarter hour
 * (up to ~130 Erlangs). Writes bench/results/staffing.json.
 */
const L = 900;
const target: StaffingTarget = { targetId: 'bench', goal: 0.8, thresholdSeconds: 20, variant: 'CANONICAL', reading: 'OF_ALL', approximate: false };

function week(peak: number): StaffingInput[] {
  return Array.from({ length: 672 }, (_, i) => {
    const hour = (i % 96) / 4;
    const day = Math.floor(i / 96);
    const shape = Math.max(0, Math.sin(((hour - 7) / 14) * Math.PI)) * (day < 5 ? 1 : 0.5);
    const volume = peak * shape + (i % 7) * 0.013; // distinct values defeat the per-workload cache
    return { startEpoch: 1_800_000_000 + i * L, volume, ahtSeconds: 300 + (i % 5), plannedAgents: Math.round((volume * 300) / L) + 3 };
  });
}

function time(label: string, run: () => unknown, repeats = 20) {
  run(); // warm up the JIT
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const result = { label, medianMs: +samples[Math.floor(repeats / 2)].toFixed(2), maxMs: +samples[repeats - 1].toFixed(2), repeats };
  console.log(`${label.padEnd(60)} median ${result.medianMs} ms, max ${result.maxMs} ms`);
  return result;
}

const results = [];
for (const peak of [40, 400]) {
  const intervals = week(peak);
  const base = { granularitySeconds: L, shrinkage: 0.3, targetAt: () => target };
  results.push(time(`672 intervals, peak ${peak}/15 min, Erlang C`, () => staffIntervals(intervals, { ...base, patienceSeconds: null })));
  results.push(time(`672 intervals, peak ${peak}/15 min, Erlang C + Erlang A (patience 180 s)`, () => staffIntervals(intervals, { ...base, patienceSeconds: 180 })));
}
writeResults('staffing.json', { node: process.version, at: new Date().toISOString(), results });
