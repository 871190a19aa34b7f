import jwt from 'jsonwebtoken';
import { loadavg } from 'node:os';
import { secretKey, signToken, viewerFromAuthorization } from '../services/platform/auth';
import { timeRuns, writeResults } from './timing';

/**
 * `npm run bench:jwt`: one token verification, as the gateway and every subgraph do per request,
 * with the secret given as a string (jsonwebtoken makes a key of it on every call: the code
 * before issue 16) and as the KeyObject auth.ts caches. Distinct tokens, 3 runs of 5,000
 * verifications each: min/median/max microseconds per verification.
 */
const SECRET = 'bench-secret-of-at-least-32-characters-long';
const N = 5000;
const RUNS = 3;

const now = new Date('2026-06-15T10:00:00Z');
const tokens = Array.from({ length: N }, (_, i) => signToken({ sub: `user-${i}`, org: `org-${i % 50}`, roles: ['read'] }, SECRET, 3600, { now }));
const options = { algorithms: ['HS256' as const], issuer: 'cc-hub', audience: 'cc-hub', clockTimestamp: Math.floor(now.getTime() / 1000) };

const perVerification = (ms: number) => Math.round((ms * 1000) / N * 10) / 10;
function report(name: string, run: () => void) {
  const r = timeRuns(run, RUNS);
  const row = { name, microsecondsPerVerification: { min: perVerification(r.minMs), median: perVerification(r.medianMs), max: perVerification(r.maxMs) } };
  console.log(`${name.padEnd(36)} ${row.microsecondsPerVerification.min} / ${row.microsecondsPerVerification.median} / ${row.microsecondsPerVerification.max} µs (min/median/max)`);
  return row;
}

const rows = [
  report('string secret (before)', () => tokens.forEach((t) => jwt.verify(t, SECRET, options))),
  report('cached KeyObject (jsonwebtoken)', () => tokens.forEach((t) => jwt.verify(t, secretKey(SECRET), options))),
  report('viewerFromAuthorization (hub, now)', () => tokens.forEach((t) => viewerFromAuthorization(`Bearer ${t}`, SECRET, { now }))),
];
const load = loadavg().map((x) => Math.round(x * 100) / 100);
console.log(`load average ${load.join(' ')}`);
console.log(`written to ${writeResults('jwt.json', { at: new Date().toISOString(), node: process.version, loadAverage: load, verifications: N, runs: RUNS, rows })}`);
