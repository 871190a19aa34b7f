import { gzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { manualClock } from '../services/platform/clock';
import { jobRunner } from '../services/exchange/runner';
import { existsSync } from 'node:fs';
import { INTERVAL_IMPORT } from '../services/exchange/importers/intervals';
import { StagedRows } from '../services/exchange/staging';
import { countingFileReads } from './support/file-reads';
import { dirname } from 'node:path';
import { importJobProgress, metricsRegistry } from '../services/platform/metrics';
import { expectError, startTestHub, TestHub } from './support/hub';
import { interval, quarterHours } from './support/intervals';

/**
 * File exchange through the gateway (issue 12): each ready-made ACD profile imports a sample file
 * written from the vendor's public column documentation and the hub's KPIs equal the figures
 * computed by hand from the same numbers; a file with bad rows is refused whole with every bad row
 * reported; the same file twice does not double; tenancy; a KPI series and its intervals exported
 * and imported into a fresh queue give the same figures; survey responses, complaints and the
 * Calabrio BPO staffing file both ways; a file overlapping stored intervals of another length is
 * refused before anything is written, and the job's share done is published while it runs. Jobs
 * are awaited in-process (the runner's settled hook).
 */
const NOW = '2026-06-15T10:00:00Z';
const SINCE = '2026-01-01T00:00:00Z';
const clock = manualClock(NOW);
const PARIS_TERMS = {
  acknowledgeWithinHours: 8,
  resolveWithinDays: 10,
  calendar: { timeZone: 'Europe/Paris', hours: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'].map((weekday) => ({ weekday, opens: '09:00', closes: '18:00' })), holidays: [] },
};

const JOB = `id kind status phase profile rowsRead rowsChecked rowsWritten rowsRefused rowsSkipped problems { line column reason } notes failure contentSha256 sameFileAs coverage { rebuilt notRebuilt { figure reason } }`;
const START = `mutation($input: StartImportInput!) { startImport(input: $input) { ${JOB} } }`;
const READ = `query($id: ID!) { importJob(id: $id) { ${JOB} } }`;
const FIGURES = [
  { metric: 'SERVICE_LEVEL', thresholdSeconds: 20 },
  { metric: 'SERVICE_LEVEL', variant: 'ABANDONS_WITHIN_T_EXCLUDED', thresholdSeconds: 20 },
  { metric: 'ABANDONMENT_RATE' },
  { metric: 'ASA' },
  { metric: 'AHT' },
  { metric: 'OCCUPANCY' },
];

const BUCKET_KEYS = ['5', '10', '15', '20', '30', '45', '60', '90', '120', '180', '300', '600', 'inf'];
/** The generic interval CSV (hub-intervals) of `interval()` records. */
const HUB_HEADER = ['start', 'lengthSeconds', 'offered', 'answered', 'abandoned', 'answeredWaitSeconds', 'abandonedWaitSeconds', 'talkSeconds', 'holdSeconds', 'wrapSeconds', ...BUCKET_KEYS.map((k) => `answeredWait_${k}`), ...BUCKET_KEYS.map((k) => `abandonedWait_${k}`)];
const hubLine = (r: any): unknown[] => [r.start, r.lengthSeconds, r.offered, r.answered, r.abandoned, r.answeredWaitSeconds, r.abandonedWaitSeconds, r.talkSeconds, r.holdSeconds, r.wrapSeconds, ...r.answeredWait, ...r.abandonedWait];
const hubCsv = (records: any[]) => [HUB_HEADER.join(','), ...records.map((r) => hubLine(r).join(','))].join('\n');

let t: TestHub;
let client: string, centre: string, otherCentre: string;
let contractId: string;
const queues: string[] = [];

async function importFile(token: string, input: Record<string, unknown>): Promise<any> {
  const started = await t.client(token).request<any>(START, { input });
  await jobRunner(t.hub.subgraphs.exchange.db).settled(started.startImport.id);
  return (await t.client(token).request<any>(READ, { id: started.startImport.id })).importJob;
}

async function day(queueId: string, date: string, metrics = FIGURES): Promise<{ sums: any; figures: Record<string, number | null> }> {
  const res = await t.client(client).request<any>(
    `query($q: ID!, $from: DateTime!, $to: DateTime!, $m: [MetricDefinitionInput!]) { queues(ids: [$q]) { performance(from: $from, to: $to, granularity: DAY, metrics: $m) { points { sums { offered answered abandoned answeredWaitSeconds talkSeconds } figures { definition { label } value } } } } }`,
    { q: queueId, from: `${date}T00:00:00+02:00`, to: new Date(Date.parse(`${date}T00:00:00+02:00`) + 86_400_000).toISOString(), m: metrics },
  );
  const point = res.queues[0].performance.points[0];
  return { sums: point.sums, figures: Object.fromEntries(point.figures.map((f: any) => [f.definition.label, f.value])) };
}

beforeAll(async () => {
  t = await startTestHub({ clock });
  await t.organisations([
    { id: 'acme', kind: 'CLIENT' },
    { id: 'callco', kind: 'CENTRE' },
    { id: 'phoneco', kind: 'CENTRE' },
  ]);
  client = t.token('acme');
  centre = t.token('callco');
  otherCentre = t.token('phoneco');
  const c = t.client(client);
  contractId = (await c.request<any>(`mutation($input: CreateContractInput!, $f: DateTime) { createContract(input: $input, effectiveFrom: $f) { id } }`, {
    input: { title: 'Acme care', centreId: 'callco', startDate: '2026-01-01', currency: 'EUR', monthlyFeeMinor: 1_000_000 },
    f: SINCE,
  })).createContract.id;
  for (const name of ['Billing', 'Sales', 'Fresh', 'Surveys', 'Stored']) {
    const q = await c.request<any>(`mutation($c: ID!, $f: DateTime, $n: String!) { addQueue(contractId: $c, effectiveFrom: $f, input: { name: $n, channel: VOICE, timeZone: "Europe/Paris" }) { id } }`, { c: contractId, f: SINCE, n: name });
    queues.push(q.addQueue.id);
  }
  await c.request(`mutation($c: ID!, $f: DateTime) { setSlaTarget(contractId: $c, effectiveFrom: $f, input: { metric: "SERVICE_LEVEL", thresholdSeconds: 20, goal: 0.8, window: DAY, serviceCredit: { percentPerPoint: 0.5, capPercent: 10 } }) { id } }`, { c: contractId, f: SINCE });
  await c.request(`mutation($c: ID!, $terms: ComplaintTermsInput!, $f: DateTime) { setComplaintTerms(contractId: $c, terms: $terms, effectiveFrom: $f) { id } }`, { c: contractId, terms: PARIS_TERMS, f: SINCE });
  await c.request(`mutation($id: ID!, $f: DateTime) { activateContract(id: $id, effectiveFrom: $f) { id } }`, { id: contractId, f: SINCE });
}, 60_000);
afterAll(() => t?.stop());

describe('ready-made ACD profiles, from the vendors’ public column definitions', () => {
  it('Genesys Cloud queue performance export: sums rebuilt from means, answered within 20 s from Service Level %', async () => {
    const csv = [
      'Interval Start,Interval End,Queue Name,Media Type,Offer,Answer,Abandon,Flowout,Service Level %,ASA,Avg Abandon,Total Talk,Total Hold,Total ACW,Transfer',
      '2026-06-01T08:00:00.000Z,2026-06-01T08:30:00.000Z,Billing EN,voice,100,90,8,2,81.63,00:00:12,00:00:30,06:00:00,00:30:00,01:30:00,3',
      '2026-06-01T08:30:00.000Z,2026-06-01T09:00:00.000Z,Billing EN,voice,60,55,5,0,85.00,00:00:08,00:00:45,03:40:00,00:10:00,00:45:00,1',
    ].join('\n');
    const job = await importFile(centre, { kind: 'INTERVALS', profile: 'genesys-cloud-queue-performance', contractId, queueMap: [{ source: 'Billing EN', queueId: queues[0] }], content: csv });
    expect(job).toMatchObject({ status: 'SUCCEEDED', rowsRead: 2, rowsChecked: 2, rowsWritten: 2, rowsRefused: 0, problems: [] });
    expect(job.coverage.rebuilt).toEqual(expect.arrayContaining(['SERVICE_LEVEL and SERVICE_LEVEL OF_ANSWERED at T = 20 s', 'ASA (total rebuilt from the mean)']));
    expect(job.coverage.notRebuilt.map((n: any) => n.figure)).toContain('OCCUPANCY');
    const { sums, figures } = await day(queues[0], '2026-06-01');
    // By hand: O = 160, N = 145, X = 13; A(20) = round(.8163 × 98) + round(.85 × 60) = 80 + 51.
    expect(sums).toMatchObject({ offered: 160, answered: 145, abandoned: 13, answeredWaitSeconds: 90 * 12 + 55 * 8, talkSeconds: 21_600 + 13_200 });
    expect(figures['SERVICE_LEVEL 20s']).toBeCloseTo(131 / 160, 10);
    expect(figures['ABANDONMENT_RATE']).toBeCloseTo(13 / 160, 10);
    expect(figures['ASA']).toBeCloseTo(1_520 / 145, 10);
    expect(figures['AHT']).toBeCloseTo((21_600 + 1_800 + 5_400 + 13_200 + 600 + 2_700) / 145, 10);
    expect(figures['OCCUPANCY']).toBeNull();
  });

  it('Amazon Connect historical metrics report: answered and abandoned within X seconds kept exactly', async () => {
    const thresholds = [15, 20, 30, 60, 600];
    const csv = [
      [
        'Queue', 'StartInterval', 'EndInterval', 'Contacts queued', 'Contacts handled incoming', 'Contacts abandoned', 'Contacts transferred out',
        'Average queue answer time', 'Average queue abandon time', 'Agent interaction time', 'Customer hold time', 'After contact work time',
        ...thresholds.map((s) => `Contacts answered in ${s} seconds`), ...thresholds.map((s) => `Contacts abandoned in ${s} seconds`),
      ].join(','),
      ['Sales', '2026-06-02T08:00:00Z', '2026-06-02T08:15:00Z', 40, 36, 4, 2, '00:00:10', '00:00:25', '02:24:00', '00:06:00', '00:30:00', 25, 30, 33, 35, 36, 1, 2, 3, 4, 4].join(','),
      ['Sales', '2026-06-02T08:15:00Z', '2026-06-02T08:30:00Z', 20, 20, 0, 0, '00:00:05', '00:00:00', '01:10:00', '00:00:00', '00:15:00', 18, 20, 20, 20, 20, 0, 0, 0, 0, 0].join(','),
    ].join('\n');
    const job = await importFile(centre, { kind: 'INTERVALS', profile: 'amazon-connect-historical-metrics', contractId, queueMap: [{ source: 'Sales', queueId: queues[1] }], content: csv });
    expect(job).toMatchObject({ status: 'SUCCEEDED', rowsWritten: 2 });
    const { figures } = await day(queues[1], '2026-06-02');
    // By hand: O = 60, N = 56, X = 4, A(20) = 30 + 20, B(20) = 2.
    expect(figures['SERVICE_LEVEL 20s']).toBeCloseTo(50 / 60, 10);
    expect(figures['SERVICE_LEVEL 20s ABANDONS_WITHIN_T_EXCLUDED']).toBeCloseTo(50 / 58, 10);
    expect(figures['ASA']).toBeCloseTo((36 * 10 + 20 * 5) / 56, 10);
    expect(figures['AHT']).toBeCloseTo((8_640 + 360 + 1_800 + 4_200 + 0 + 900) / 56, 10);
  });

  const AVAYA_HEADER = [
    'ROW_DATE', 'STARTTIME', 'INTRVL', 'SPLIT', 'CALLSOFFERED', 'ACDCALLS', 'ABNCALLS', 'OUTFLOWCALLS', 'ANSTIME', 'ABNTIME', 'ACDTIME', 'HOLDACDTIME', 'ACWTIME', 'TRANSFERRED', 'I_STAFFTIME', 'I_AVAILTIME',
    ...Array.from({ length: 10 }, (_, i) => `ACDCALLS${i + 1}`), ...Array.from({ length: 10 }, (_, i) => `ABNCALLS${i + 1}`),
  ].join(',');
  const avaya = (queueName: string) =>
    [
      AVAYA_HEADER,
      [`2026-06-03`, 1000, 30, queueName, 50, 45, 5, 0, 700, 60, 9000, 450, 1800, 2, 18000, 6750, 10, 10, 8, 7, 4, 3, 2, 1, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0].join(','),
      [`2026-06-03`, 1030, 30, queueName, 30, 30, 0, 0, 200, 0, 6000, 0, 1200, 0, 18000, 10800, 15, 10, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0].join(','),
    ].join('\n');

  it('Avaya CMS split/skill interval items: local dates and HMM times, service-level increments as buckets, occupancy', async () => {
    const job = await importFile(centre, { kind: 'INTERVALS', profile: 'avaya-cms-split-interval', contractId, queueMap: [{ source: '12', queueId: queues[2] }], content: avaya('12') });
    expect(job).toMatchObject({ status: 'SUCCEEDED', rowsWritten: 2 });
    const { sums, figures } = await day(queues[2], '2026-06-03');
    expect(sums).toMatchObject({ offered: 80, answered: 75, abandoned: 5, answeredWaitSeconds: 900 });
    expect(figures['SERVICE_LEVEL 20s']).toBeCloseTo(65 / 80, 10);
    expect(figures['SERVICE_LEVEL 20s ABANDONS_WITHIN_T_EXCLUDED']).toBeCloseTo(65 / 76, 10);
    expect(figures['ASA']).toBeCloseTo(12, 10);
    expect(figures['AHT']).toBeCloseTo(18_450 / 75, 10);
    expect(figures['OCCUPANCY']).toBeCloseTo(18_450 / 36_000, 10);
  });

  it('the same file twice (and gzipped, in chunks) is recognised and replaces, never doubles', async () => {
    const before = await day(queues[2], '2026-06-03');
    const gz = gzipSync(Buffer.from(avaya('12')));
    const half = Math.ceil(gz.length / 2);
    const c = t.client(centre);
    const started = await c.request<any>(START, {
      input: { kind: 'INTERVALS', profile: 'avaya-cms-split-interval', contractId, queueMap: [{ source: '12', queueId: queues[2] }], content: gz.subarray(0, half).toString('base64'), encoding: 'BASE64', complete: false },
    });
    expect(started.startImport.status).toBe('UPLOADING');
    await c.request(`mutation($id: ID!, $c: String!) { appendImportChunk(jobId: $id, seq: 1, content: $c, last: true) { status } }`, { id: started.startImport.id, c: gz.subarray(half).toString('base64') });
    await jobRunner(t.hub.subgraphs.exchange.db).settled(started.startImport.id);
    const job = (await c.request<any>(READ, { id: started.startImport.id })).importJob;
    expect(job.status).toBe('SUCCEEDED');
    expect(job.sameFileAs).not.toBeNull();
    expect(job.notes.join(' ')).toMatch(/2 intervals replaced/);
    expect(await day(queues[2], '2026-06-03')).toEqual(before);
  });
});

describe('a file with bad rows', () => {
  it('is refused whole, every bad row reported with its line and column, nothing written', async () => {
    const rows = quarterHours('2026-06-04T08:00:00Z', 5).map((s) => interval(s, { answeredWait: [5, 3, 2], abandonedWait: [1] }));
    const header = HUB_HEADER;
    const lines = rows.map(hubLine);
    lines[1][2] = 3; // offered below answered + abandoned (line 3)
    lines[3][1] = 700; // not an interval length (line 5)
    lines[4][3] = 'many'; // not a count (line 6)
    const csv = [header.join(','), ...lines.map((l) => l.join(','))].join('\n');
    const job = await importFile(centre, { kind: 'INTERVALS', profile: 'hub-intervals', queueId: queues[0], content: csv });
    expect(job).toMatchObject({ status: 'REFUSED', rowsRead: 5, rowsChecked: 2, rowsRefused: 3, rowsWritten: 0 });
    expect(job.problems.map((p: any) => [p.line, p.column])).toEqual(expect.arrayContaining([[3, 'offered'], [5, 'lengthSeconds'], [6, 'answered']]));
    expect(new Set(job.problems.map((p: any) => p.line))).toEqual(new Set([3, 5, 6]));
    const { sums } = await day(queues[0], '2026-06-04');
    expect(sums.offered).toBe(0);
  });

  it('a header without the profile’s columns, or a broken file, is refused naming them', async () => {
    const job = await importFile(centre, { kind: 'INTERVALS', profile: 'genesys-cloud-queue-performance', queueId: queues[0], content: 'Interval Start,Offer\n2026-06-01T08:00:00Z,3' });
    expect(job.status).toBe('REFUSED');
    expect(job.problems.map((p: any) => p.column)).toEqual(expect.arrayContaining(['Interval End', 'Answer', 'ASA']));
  });
});

describe('tenancy', () => {
  it('a centre cannot import into a queue it does not serve; the client of the contract cannot import actuals', async () => {
    const input = { kind: 'INTERVALS', profile: 'hub-intervals', queueId: queues[0], content: 'start\n' };
    const stranger = await expectError(t.client(otherCentre).request(START, { input }), 'NOT_FOUND');
    const madeUp = await expectError(t.client(otherCentre).request(START, { input: { ...input, queueId: 'q-made-up' } }), 'NOT_FOUND');
    expect(stranger.message.replace(queues[0], 'X')).toBe(madeUp.message.replace('q-made-up', 'X'));
    await expectError(t.client(client).request(START, { input }), 'FORBIDDEN');
  });

  it('nobody but the organisation that started a job reads it, and a stranger cannot tell it exists', async () => {
    const job = await importFile(centre, { kind: 'INTERVALS', profile: 'hub-intervals', queueId: queues[0], content: 'start\n' });
    const real = await expectError(t.client(otherCentre).request(READ, { id: job.id }), 'NOT_FOUND');
    const madeUp = await expectError(t.client(otherCentre).request(READ, { id: 'imp-made-up' }), 'NOT_FOUND');
    expect(real.message.replace(job.id, 'X')).toBe(madeUp.message.replace('imp-made-up', 'X'));
    await expectError(t.client(client).request(READ, { id: job.id }), 'NOT_FOUND');
    const mine = await t.client(centre).request<any>(`{ importJobs(first: 50) { id } }`);
    expect(mine.importJobs.map((j: any) => j.id)).toContain(job.id);
    const theirs = await t.client(otherCentre).request<any>(`{ importJobs(first: 50) { id } }`);
    expect(theirs.importJobs).toEqual([]);
  });
});

describe('a month of quarter-hour files', () => {
  it('is priced as the series it is written from: a second in one query is refused before any is fetched', async () => {
    const one = (alias: string) => `${alias}: exportQueueSeries(queueId: $q, from: "2026-05-01T00:00:00Z", to: "2026-05-31T00:00:00Z", granularity: INTERVAL) { rows }`;
    const error = await expectError(t.client(client).request(`query($q: ID!) { ${['a', 'b'].map(one).join(' ')} }`, { q: queues[0] }), 'QUERY_TOO_COSTLY');
    expect(error.message).toMatch(/query cost \d+ exceeds the limit of 200000/);
  });
});

describe('round trip', () => {
  it('a KPI series and its intervals, exported and imported into a fresh queue, give the same figures', async () => {
    const rows = quarterHours('2026-06-05T07:00:00Z', 8).map((s, i) => interval(s, { answeredWait: [4 + i, 3, 2, 1, i % 3], abandonedWait: [1, i % 2], ahtSeconds: 240 + 10 * i }));
    await t.client(centre).request(`mutation($q: ID!, $rows: [IntervalInput!]!) { recordIntervals(queueId: $q, intervals: $rows) { received } }`, { q: queues[0], rows });
    const range = { from: '2026-06-04T22:00:00Z', to: '2026-06-05T22:00:00Z' };
    const exported = await t.client(centre).request<any>(`query($q: ID!, $from: DateTime!, $to: DateTime!) { exportIntervals(queueId: $q, from: $from, to: $to) { fileName rows content } }`, { q: queues[0], ...range });
    expect(exported.exportIntervals.rows).toBe(8);
    const series = `query($q: ID!, $from: DateTime!, $to: DateTime!, $m: [ExportMetricInput!]) { exportQueueSeries(queueId: $q, from: $from, to: $to, granularity: HOUR, metrics: $m) { rows content definitions } }`;
    const before = await t.client(client).request<any>(series, { q: queues[0], ...range, m: FIGURES });
    expect(before.exportQueueSeries.content.split('\n')[0]).toContain('SERVICE_LEVEL 20s [QUEUE_ENTRY, Europe/Paris]');
    const job = await importFile(centre, { kind: 'INTERVALS', profile: 'hub-intervals', queueId: queues[3], content: exported.exportIntervals.content });
    expect(job).toMatchObject({ status: 'SUCCEEDED', rowsWritten: 8 });
    const after = await t.client(client).request<any>(series, { q: queues[3], ...range, m: FIGURES });
    expect(after.exportQueueSeries.content).toBe(before.exportQueueSeries.content);
  });

  it('the same series as an Excel workbook: the CSV’s header and rows, numbers as numbers, the definitions on their own sheet', async () => {
    const range = { from: '2026-06-04T22:00:00Z', to: '2026-06-05T22:00:00Z' };
    const res = await t.client(client).request<any>(
      `query($q: ID!, $from: DateTime!, $to: DateTime!, $m: [ExportMetricInput!]) { exportQueueSeries(queueId: $q, from: $from, to: $to, granularity: HOUR, metrics: $m) { fileName rows content definitions xlsx { fileName contentType base64 bytes } } }`,
      { q: queues[0], ...range, m: FIGURES },
    );
    const { xlsx, content, definitions, fileName } = res.exportQueueSeries;
    expect(xlsx.fileName).toBe(fileName.replace(/\.csv$/, '.xlsx'));
    expect(xlsx.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const bytes = Buffer.from(xlsx.base64, 'base64');
    expect(bytes.length).toBe(xlsx.bytes);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const [sheet, defs] = book.worksheets;
    const csv = parse(content) as string[][];
    const read: string[][] = [];
    sheet.eachRow((row) => read.push(Array.from((row.values as unknown[]).slice(1), (v) => (v === null || v === undefined ? '' : String(v)))));
    expect(read.map((r) => r.concat(Array(csv[0].length - r.length).fill('')))).toEqual(csv);
    expect(typeof sheet.getRow(2).getCell(csv[0].indexOf('offered') + 1).value).toBe('number');
    expect(defs.getColumn(1).values.slice(2)).toEqual(definitions);
  });
});

describe('survey responses and complaints', () => {
  it('imports survey responses; the same ids again replace', async () => {
    const csv = ['responseId,type,score,resolved,channel,respondedAt', 'r1,CSAT,5,,VOICE,2026-06-02T10:00:00Z', 'r2,CSAT,2,,VOICE,2026-06-02T11:00:00Z', 'r3,NPS,10,,EMAIL,2026-06-02T12:00:00Z', 'r4,FCR,,yes,CHAT,2026-06-02T12:30:00Z'].join('\n');
    // The file is read once: the write pass sends what the check pass staged.
    const create = jest.spyOn(StagedRows, 'create');
    let first: any;
    try {
      const { result, reads } = await countingFileReads(() => importFile(client, { kind: 'SURVEY_RESPONSES', profile: 'hub-survey-responses', queueId: queues[0], content: csv }));
      first = result;
      expect(reads).toBe(1);
      const [staged] = await Promise.all(create.mock.results.map((r) => r.value as Promise<StagedRows>));
      expect(staged.size).toBe(4);
      expect(existsSync(dirname(staged.path))).toBe(false);
    } finally {
      create.mockRestore();
    }
    expect(first).toMatchObject({ status: 'SUCCEEDED', rowsWritten: 4 });
    const again = await importFile(client, { kind: 'SURVEY_RESPONSES', profile: 'hub-survey-responses', queueId: queues[0], content: csv });
    expect(again.notes.join(' ')).toMatch(/4 responses replaced/);
    const sat = await t.client(client).request<any>(`query($q: ID!) { queues(ids: [$q]) { satisfaction(from: "2026-06-01T22:00:00Z", to: "2026-06-02T22:00:00Z", granularity: DAY) { points { csat { responses share } nps { responses } fcr { responses } } } } }`, { q: queues[0] });
    expect(sat.queues[0].satisfaction.points[0]).toEqual({ csat: { responses: 2, share: 0.5 }, nps: { responses: 1 }, fcr: { responses: 1 } });
    const bad = await importFile(client, { kind: 'SURVEY_RESPONSES', profile: 'hub-survey-responses', queueId: queues[0], content: 'responseId,type,score,channel,respondedAt\nr9,CSAT,9,VOICE,2026-06-02T10:00:00Z\nr10,XYZ,1,FAX,2027-01-01T00:00:00Z' });
    expect(bad).toMatchObject({ status: 'REFUSED', rowsRefused: 2 });
    expect(bad.problems.map((p: any) => `${p.line}:${p.column}`)).toEqual(expect.arrayContaining(['2:score', '3:type', '3:channel', '3:respondedAt']));
  });

  it('imports complaints once: a complaint reference imported before is skipped', async () => {
    const csv = ['complaintRef,queue,channel,category,severity,description,customerRef', `CRM-1,${queues[0]},VOICE,BILLING,HIGH,Charged twice,cust-1`, 'CRM-2,,EMAIL,DELIVERY,LOW,Parcel late,cust-2'].join('\n');
    const { result: first, reads } = await countingFileReads(() => importFile(client, { kind: 'COMPLAINTS', profile: 'hub-complaints', contractId, content: csv }));
    expect(reads).toBe(1);
    expect(first).toMatchObject({ status: 'SUCCEEDED', rowsWritten: 2 });
    const again = await importFile(client, { kind: 'COMPLAINTS', profile: 'hub-complaints', contractId, content: csv });
    expect(again).toMatchObject({ status: 'SUCCEEDED', rowsWritten: 0, rowsSkipped: 2 });
    const register = await t.client(centre).request<any>(`query($c: ID!) { exportComplaints(contractId: $c) { rows content definitions } }`, { c: contractId });
    expect(register.exportComplaints.rows).toBe(2);
    const refused = await importFile(client, { kind: 'COMPLAINTS', profile: 'hub-complaints', contractId, content: 'complaintRef,channel,category,severity,description,customerRef\nCRM-3,VOICE,X,HIGH,text,jane@example.com' });
    expect(refused.problems[0]).toMatchObject({ line: 2, column: 'customerRef' });
  });
});

describe('Calabrio BPO exchange file, both directions', () => {
  let forecastId: string;
  beforeAll(async () => {
    const intervals = quarterHours('2026-06-22T07:00:00Z', 8).map((start, i) => ({ start, volume: 60 + 10 * i, ahtSeconds: 300 }));
    const published = await t.client(centre).request<any>(`mutation($q: ID!, $input: ForecastInput!) { publishForecast(queueId: $q, input: $input) { id } }`, {
      q: queues[0],
      input: { from: '2026-06-22T07:00:00Z', to: '2026-06-22T09:00:00Z', granularityMinutes: 15, intervals },
    });
    forecastId = published.publishForecast.id;
  });

  it("exports the client's staffing requirement in the exporting user's zone", async () => {
    const res = await t.client(client).request<any>(`query($f: ID!) { exportForecast(forecastId: $f, format: CALABRIO_BPO, timeZone: "Europe/Paris") { rows content } }`, { f: forecastId });
    const lines = res.exportForecast.content.trim().split('\n');
    expect(lines[0]).toBe('skillname,startdatetime,enddatetime,tasks,tasktime,aftertasktime,agents');
    expect(lines[1]).toMatch(/^Billing,20260622 09:00,20260622 09:15,0,0,0,\d+$/);
    expect(res.exportForecast.rows).toBe(8);
  });

  it("imports the centre's planned staffing into the forecast's planned agents (a new version), fractions rounded down", async () => {
    const csv = ['skillname,startdatetime,enddatetime,tasks,tasktime,aftertasktime,agents', 'Billing,20260622 09:00,20260622 09:15,0,0,0,16.85', 'Billing,20260622 09:15,20260622 09:30,0,0,0,20'].join('\n');
    const { result: job, reads } = await countingFileReads(() => importFile(centre, { kind: 'STAFFING', profile: 'calabrio-bpo-staffing', forecastId, content: csv }));
    expect(reads).toBe(1);
    expect(job).toMatchObject({ status: 'SUCCEEDED', rowsWritten: 2 });
    expect(job.notes.join(' ')).toMatch(/version 2.*1 fractional agent values were rounded down/s);
    const res = await t.client(centre).request<any>(`query($q: ID!) { queues(ids: [$q]) { forecastInForce(from: "2026-06-22T07:00:00Z", to: "2026-06-22T07:30:00Z") { version plannedAgents volume } } }`, { q: queues[0] });
    expect(res.queues[0].forecastInForce).toEqual([
      { version: 2, plannedAgents: 16, volume: 60 },
      { version: 2, plannedAgents: 20, volume: 70 },
    ]);
    await expectError(t.client(client).request(START, { input: { kind: 'STAFFING', profile: 'calabrio-bpo-staffing', forecastId, content: csv } }), 'FORBIDDEN');
  });
});

describe('intervals already stored: all or nothing against them', () => {
  const CHECK = `mutation($q: ID!, $s: IntervalBatch!) { checkIntervalSpans(queueId: $q, spans: $s) { queueId received replacing conflicts { index agentRef start lengthSeconds storedStart storedLengthSeconds message } } }`;
  const spec = (i: number) => ({ answeredWait: [6 + i, 3, 2], abandonedWait: [1, i % 2] });
  let stored: string;
  const rowsPerCall = INTERVAL_IMPORT.rowsPerCall;

  beforeAll(async () => {
    stored = queues[4];
    // Three rows a call, so a ten-row file is checked and would be written in four calls.
    INTERVAL_IMPORT.rowsPerCall = 3;
    const rows = [interval('2026-06-08T08:00:00Z', { ...spec(0), lengthSeconds: 1800 }), interval('2026-06-08T10:00:00Z', spec(1))];
    await t.client(centre).request(`mutation($q: ID!, $rows: [IntervalInput!]!) { recordIntervals(queueId: $q, intervals: $rows) { received } }`, { q: stored, rows });
  });
  afterAll(() => {
    INTERVAL_IMPORT.rowsPerCall = rowsPerCall;
  });

  const storedIntervals = async () =>
    (await t.client(centre).request<any>(`query($q: ID!) { exportIntervals(queueId: $q, from: "2026-06-07T22:00:00Z", to: "2026-06-08T22:00:00Z") { rows content } }`, { q: stored })).exportIntervals;

  it('a file whose rows overlap stored intervals of another length is refused, those lines reported, nothing written (not even the calls before them)', async () => {
    const before = await day(stored, '2026-06-08');
    const storedBefore = await storedIntervals();
    // 06:00 … 08:15 in quarter hours: lines 10 and 11 (08:00 and 08:15) overlap the stored 08:00 of 30 minutes;
    // the eight before them pass every check of their own and would have been written in the first calls.
    const file = hubCsv(quarterHours('2026-06-08T06:00:00Z', 10).map((s, i) => interval(s, spec(i))));
    const job = await importFile(centre, { kind: 'INTERVALS', profile: 'hub-intervals', queueId: stored, content: file });
    expect(job).toMatchObject({ status: 'REFUSED', rowsRead: 10, rowsChecked: 8, rowsRefused: 2, rowsWritten: 0, failure: null });
    expect(job.problems.map((p: any) => [p.line, p.column])).toEqual([
      [10, 'start'],
      [11, 'start'],
    ]);
    expect(job.problems[0].reason).toBe(
      `the interval starting 2026-06-08T08:00:00.000Z (900 s) overlaps the interval stored from 2026-06-08T08:00:00.000Z (1800 s) on queue ${stored}; only an interval with the same start and length replaces a stored one`,
    );
    expect(job.problems[1].reason).toMatch(/^the interval starting 2026-06-08T08:15:00.000Z \(900 s\) overlaps the interval stored from 2026-06-08T08:00:00.000Z \(1800 s\)/);
    expect(await day(stored, '2026-06-08')).toEqual(before);
    expect(await storedIntervals()).toEqual(storedBefore);
    expect(storedBefore.rows).toBe(2);
  });

  it('the rows a check passed are staged on disk for the write and removed when the job ends, refused or written', async () => {
    const create = jest.spyOn(StagedRows, 'create');
    try {
      const rows = quarterHours('2026-06-12T07:00:00Z', 6).map((s, i) => interval(s, spec(i)));
      const bad = rows.map(hubLine);
      bad[2][2] = 0; // line 4: offered below answered + abandoned
      const refused = await importFile(centre, { kind: 'INTERVALS', profile: 'hub-intervals', queueId: stored, content: [HUB_HEADER.join(','), ...bad.map((l) => l.join(','))].join('\n') });
      expect(refused).toMatchObject({ status: 'REFUSED', rowsRefused: 1, rowsWritten: 0 });
      const written = await importFile(centre, { kind: 'INTERVALS', profile: 'hub-intervals', queueId: stored, content: hubCsv(rows) });
      expect(written).toMatchObject({ status: 'SUCCEEDED', rowsWritten: 6 });
      const staged = await Promise.all(create.mock.results.map((r) => r.value as Promise<StagedRows>));
      // Staging stops at the first refused row: nothing of that file will be written.
      expect(staged.map((s) => s.size)).toEqual([2, 6]);
      for (const s of staged) expect(existsSync(dirname(s.path))).toBe(false);
    } finally {
      create.mockRestore();
    }
  });

  it('the same starts and lengths re-sent replace the stored intervals', async () => {
    const records = [interval('2026-06-08T06:00:00Z', spec(4)), interval('2026-06-08T08:00:00Z', { ...spec(5), lengthSeconds: 1800 }), interval('2026-06-08T10:00:00Z', spec(6))];
    const job = await importFile(centre, { kind: 'INTERVALS', profile: 'hub-intervals', queueId: stored, content: hubCsv(records) });
    expect(job).toMatchObject({ status: 'SUCCEEDED', rowsChecked: 3, rowsWritten: 3, problems: [] });
    expect(job.notes.join(' ')).toMatch(/2 intervals replaced/);
    const { sums } = await day(stored, '2026-06-08');
    expect(sums.offered).toBe(records.reduce((n, r) => n + r.offered, 0));
  });

  it("publishes the job's share done while it runs (check pass, then write pass) and removes the series when it ends", async () => {
    const set = jest.spyOn(importJobProgress, 'set');
    const remove = jest.spyOn(importJobProgress, 'remove');
    try {
      const file = hubCsv(quarterHours('2026-06-09T06:00:00Z', 12).map((s, i) => interval(s, spec(i))));
      const cut = file.indexOf('\n', Math.floor(file.length / 2));
      const c = t.client(centre);
      const started = await c.request<any>(START, { input: { kind: 'INTERVALS', profile: 'hub-intervals', queueId: stored, content: file.slice(0, cut), complete: false } });
      const id = started.startImport.id;
      await c.request(`mutation($id: ID!, $c: String!) { appendImportChunk(jobId: $id, seq: 1, content: $c, encoding: TEXT, last: true) { status } }`, { id, c: file.slice(cut) });
      await jobRunner(t.hub.subgraphs.exchange.db).settled(id);
      expect((await c.request<any>(READ, { id })).importJob).toMatchObject({ status: 'SUCCEEDED', rowsWritten: 12 });

      const calls = set.mock.calls as unknown as Array<[Record<string, string>, number]>;
      const values = calls.filter(([labels]) => labels.job === id).map(([labels, value]) => {
        expect(labels).toEqual({ service: 'exchange', job: id });
        return value;
      });
      // 0 at the start; the first of the two stored chunks read: below one half; the check pass done: one half; every row written: 1.
      expect(values[0]).toBe(0);
      expect(values.some((v) => v > 0 && v < 0.5)).toBe(true);
      expect(values).toContain(0.5);
      expect(values[values.length - 1]).toBe(1);
      expect(values).toEqual([...values].sort((a, b) => a - b));
      expect(remove).toHaveBeenCalledWith({ service: 'exchange', job: id });
      const series = (await importJobProgress.get()).values.filter((v) => v.labels.job === id);
      expect(series).toEqual([]);
      expect(await metricsRegistry.getSingleMetricAsString('hub_import_job_progress_ratio')).not.toContain(id);
    } finally {
      set.mockRestore();
      remove.mockRestore();
    }
  });

  it('checkIntervalSpans answers what an upload would replace and would be refused for, per series (queue record, each agent), writing nothing', async () => {
    const agentRecord = { ...interval('2026-06-08T12:00:00Z', spec(2)), agentRef: 'ag-1' };
    const columns = Object.keys(agentRecord);
    await t.client(centre).request(`mutation($q: ID!, $b: IntervalBatch!) { recordIntervalBatch(queueId: $q, batch: $b) { received } }`, {
      q: stored,
      b: { columns, rows: [columns.map((k) => (agentRecord as Record<string, unknown>)[k])] },
    });
    const before = await day(stored, '2026-06-08');
    const spans = {
      columns: ['start', 'lengthSeconds', 'agentRef'],
      rows: [
        ['2026-06-08T08:00:00Z', 1800, null], // as stored: replaced
        ['2026-06-08T09:45:00Z', 900, null], // free
        ['2026-06-08T10:00:00Z', 1800, null], // the stored 10:00 is 900 s: refused
        ['2026-06-08T12:00:00Z', 1800, 'ag-1'], // the agent's stored 12:00 is 900 s: refused
        ['2026-06-08T12:00:00Z', 900, 'ag-2'], // another agent: free
        ['2026-06-08T12:00:00Z', 1800, null], // the queue's own record has nothing at 12:00: free
      ],
    };
    const answer = (await t.client(centre).request<any>(CHECK, { q: stored, s: spans })).checkIntervalSpans;
    expect(answer).toMatchObject({ queueId: stored, received: 6, replacing: 1 });
    expect(answer.conflicts.map((c: any) => [c.index, c.agentRef, c.start, c.lengthSeconds, c.storedStart, c.storedLengthSeconds])).toEqual([
      [2, null, '2026-06-08T10:00:00.000Z', 1800, '2026-06-08T10:00:00.000Z', 900],
      [3, 'ag-1', '2026-06-08T12:00:00.000Z', 1800, '2026-06-08T12:00:00.000Z', 900],
    ]);
    expect(answer.conflicts[0].message).toMatch(/overlaps the stored interval 2026-06-08T10:00:00Z \(900 s\)/);
    expect(await day(stored, '2026-06-08')).toEqual(before);
  });

  it('checkIntervalSpans is authorised like an upload: a stranger gets NOT_FOUND as for a made-up queue, the client FORBIDDEN', async () => {
    const spans = { columns: ['start', 'lengthSeconds'], rows: [['2026-06-08T08:00:00Z', 1800]] };
    const stranger = await expectError(t.client(otherCentre).request(CHECK, { q: stored, s: spans }), 'NOT_FOUND');
    const madeUp = await expectError(t.client(otherCentre).request(CHECK, { q: 'q-made-up', s: spans }), 'NOT_FOUND');
    expect(stranger.message.replace(stored, 'X')).toBe(madeUp.message.replace('q-made-up', 'X'));
    // A refusal wins over bad input, so bad input does not tell a stranger the queue exists either.
    const strangerBad = await expectError(t.client(otherCentre).request(CHECK, { q: stored, s: { columns: ['x'], rows: [] } }), 'NOT_FOUND');
    expect(strangerBad.message).toBe(stranger.message);
    await expectError(t.client(client).request(CHECK, { q: stored, s: spans }), 'FORBIDDEN');
  });

  it('checkIntervalSpans refuses bad input with BAD_USER_INPUT naming the field', async () => {
    const c = t.client(centre);
    const field = async (s: unknown) => (await expectError(c.request(CHECK, { q: stored, s }), 'BAD_USER_INPUT')).extensions!.field;
    expect(await field([])).toBe('spans');
    expect(await field({ columns: ['start', 'lengthSeconds', 'offered'], rows: [] })).toBe('spans.columns[2]');
    expect(await field({ columns: ['start'], rows: [] })).toBe('spans.columns');
    expect(await field({ columns: ['start', 'lengthSeconds'], rows: Array.from({ length: 10_001 }, () => ['2026-06-08T08:00:00Z', 900]) })).toBe('spans.rows');
    expect(await field({ columns: ['start', 'lengthSeconds'], rows: [['2026-06-08T08:00:00Z']] })).toBe('spans[0]');
    expect(await field({ columns: ['start', 'lengthSeconds'], rows: [['2026-06-08T08:00:00', 900]] })).toBe('spans[0].start');
    expect(await field({ columns: ['start', 'lengthSeconds'], rows: [['2026-06-08T08:05:00Z', 900]] })).toBe('spans[0].start');
    expect(await field({ columns: ['start', 'lengthSeconds'], rows: [['2026-06-15T09:55:00Z', 900]] })).toBe('spans[0].start');
    expect(await field({ columns: ['start', 'lengthSeconds'], rows: [['2026-06-08T08:00:00Z', 700]] })).toBe('spans[0].lengthSeconds');
    expect(await field({ columns: ['start', 'lengthSeconds', 'agentRef'], rows: [['2026-06-08T08:00:00Z', 900, ' ']] })).toBe('spans[0].agentRef');
    expect(await field({ columns: ['start', 'lengthSeconds'], rows: [['2026-06-08T08:00:00Z', 1800], ['2026-06-08T08:15:00Z', 900]] })).toBe('spans[1].start');
  });
});
