import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { manualClock } from '../services/platform/clock';
import { jobRunner } from '../services/exchange/runner';
import { EXIT, main } from '../scripts/hub';
import { startTestHub, TestHub } from './support/hub';
import { interval, quarterHours } from './support/intervals';

/**
 * The command line for feeds (`npm run hub -- import …`) against a hub through its gateway: it
 * streams the file gzipped in chunks, follows the job and exits with the documented codes. The
 * wait between two progress reads is the job runner's idle hook, never a sleep.
 */
let t: TestHub;
let queueId: string;
let dir: string;
const HEADER = ['start', 'lengthSeconds', 'offered', 'answered', 'abandoned', 'answeredWaitSeconds', 'abandonedWaitSeconds', 'talkSeconds', 'holdSeconds', 'wrapSeconds'];
const BUCKETS = ['5', '10', '15', '20', '30', '45', '60', '90', '120', '180', '300', '600', 'inf'];

function csv(rows: ReturnType<typeof interval>[]): string {
  const header = [...HEADER, ...BUCKETS.map((b) => `answeredWait_${b}`), ...BUCKETS.map((b) => `abandonedWait_${b}`)];
  return [header.join(','), ...rows.map((r) => [r.start, r.lengthSeconds, r.offered, r.answered, r.abandoned, r.answeredWaitSeconds, r.abandonedWaitSeconds, r.talkSeconds, r.holdSeconds, r.wrapSeconds, ...r.answeredWait, ...r.abandonedWait].join(','))].join('\n');
}

async function cli(argv: string[], token = t.token('callco')): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  const runner = jobRunner(t.hub.subgraphs.exchange.db);
  const code = await main(argv, { HUB_TOKEN: token, HUB_URL: t.url }, { out: (l) => out.push(l), progress: () => undefined, pause: () => runner.idle() });
  return { code, out };
}

beforeAll(async () => {
  t = await startTestHub({ clock: manualClock('2026-06-15T10:00:00Z') });
  await t.organisations([
    { id: 'acme', kind: 'CLIENT' },
    { id: 'callco', kind: 'CENTRE' },
  ]);
  const c = t.client(t.token('acme'));
  const contract = (await c.request<any>(`mutation($input: CreateContractInput!) { createContract(input: $input, effectiveFrom: "2026-01-01T00:00:00Z") { id } }`, {
    input: { title: 'Acme', centreId: 'callco', startDate: '2026-01-01', currency: 'EUR' },
  })).createContract.id;
  queueId = (await c.request<any>(`mutation($c: ID!) { addQueue(contractId: $c, effectiveFrom: "2026-01-01T00:00:00Z", input: { name: "Billing", channel: VOICE, timeZone: "Europe/Paris" }) { id } }`, { c: contract })).addQueue.id;
  await c.request(`mutation($c: ID!) { setSlaTarget(contractId: $c, effectiveFrom: "2026-01-01T00:00:00Z", input: { metric: "SERVICE_LEVEL", thresholdSeconds: 20, goal: 0.8, window: DAY }) { id } }`, { c: contract });
  await c.request(`mutation($id: ID!) { activateContract(id: $id, effectiveFrom: "2026-01-01T00:00:00Z") { id } }`, { id: contract });
  dir = mkdtempSync(join(tmpdir(), 'hub-cli-'));
}, 60_000);
afterAll(() => t?.stop());

describe('npm run hub -- import', () => {
  it('imports a file (plain or gzipped) and exits 0 with a summary', async () => {
    const file = join(dir, 'day.csv');
    writeFileSync(file, csv(quarterHours('2026-06-01T08:00:00Z', 12).map((s) => interval(s, { answeredWait: [3, 2, 1], abandonedWait: [1] }))));
    const plain = await cli(['import', '--queue', queueId, '--profile', 'hub-intervals', file]);
    expect(plain.code).toBe(EXIT.OK);
    expect(plain.out.join('\n')).toMatch(/SUCCEEDED: 12 rows read, 12 checked, 12 written, 0 refused/);
    const gz = join(dir, 'day.csv.gz');
    writeFileSync(gz, gzipSync(Buffer.from(csv(quarterHours('2026-06-01T08:00:00Z', 12).map((s) => interval(s, { answeredWait: [3, 2, 1], abandonedWait: [1] }))))));
    const again = await cli(['import', '--queue', queueId, '--profile', 'hub-intervals', gz]);
    expect(again.code).toBe(EXIT.OK);
    expect(again.out.join('\n')).toMatch(/same file as job/);
  });

  it('exits 2 listing every refused row', async () => {
    const rows = quarterHours('2026-06-02T08:00:00Z', 3).map((s) => interval(s, { answeredWait: [3], abandonedWait: [] }));
    const file = join(dir, 'bad.csv');
    writeFileSync(file, csv(rows).replace(/^(2026-06-02T08:15[^,]*,900,)3,/m, '$1-1,'));
    const r = await cli(['import', '--queue', queueId, '--profile', 'hub-intervals', file]);
    expect(r.code).toBe(EXIT.REFUSED);
    expect(r.out.join('\n')).toMatch(/line 3, column offered:/);
  });

  it('exits 4 when the hub refuses the call, 1 on wrong usage', async () => {
    const file = join(dir, 'day.csv');
    expect((await cli(['import', '--queue', 'q-nope', '--profile', 'hub-intervals', file])).code).toBe(EXIT.ERROR);
    expect((await cli(['import', '--queue', queueId, file])).code).toBe(EXIT.USAGE);
    expect((await cli(['import', '--queue', queueId, '--profile', 'hub-intervals', join(dir, 'missing.csv')])).code).toBe(EXIT.USAGE);
  });
});
