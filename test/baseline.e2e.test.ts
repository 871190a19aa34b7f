import { zonedToEpoch } from '../services/metrics/calendar';
import { manualClock } from '../services/platform/clock';
import { expectError, startTestHub, TestHub } from './support/hub';
import { interval } from './support/intervals';

/**
 * Queue.baselineForecast end to end (issue 15): local-time seasons across a DST change, holidays
 * of the contract's calendar, flagged outliers and announced drivers, prediction intervals and
 * their coverage, AHT per quarter hour, 13-week horizons, and the bounds of every argument.
 *
 * History: weekdays from 5 January to 12 June 2026, 08:00-18:00 Paris time, with a weekday
 * factor and a late-morning peak; the public holidays of May carry a fifth of a normal day.
 */
const TZ = 'Europe/Paris';
const SINCE = '2026-01-01T00:00:00Z';
const HOLIDAYS = ['2026-04-06', '2026-05-01', '2026-05-08', '2026-05-14', '2026-05-25', '2026-07-14'];
const FACTOR = [1.2, 1.0, 0.95, 0.9, 0.85]; // Monday .. Friday

let t: TestHub;
let client: string, centre: string, stranger: string;
let queueId: string;

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const weekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
const at = (date: string, hour: number, minute = 0) => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(zonedToEpoch(y, m, d, hour, minute, TZ) * 1000).toISOString();
};

/** Contacts of one local quarter hour (deterministic, ±5 % by a hash of the date and slot). */
function volume(date: string, slot: number): number {
  const w = weekday(date);
  if (w > 5) return 0;
  const hour = slot / 4;
  const shape = 1 + 0.8 * Math.exp(-((hour - 10.5) ** 2) / 3);
  const noise = (((Date.parse(date) / 86_400_000) * 7919 + slot * 104_729) % 1000) / 1000 - 0.5;
  const base = 100 * FACTOR[w - 1] * shape * (1 + 0.1 * noise);
  return Math.round(HOLIDAYS.includes(date) ? base * 0.2 : base);
}

const BASELINE = `query($q: ID!, $from: DateTime!, $to: DateTime!, $m: BaselineMethod, $w: Int, $out: [String!], $drv: [BaselineDriverInput!]) {
  queues(ids: [$q]) { baselineForecast(from: $from, to: $to, method: $m, historyWeeks: $w, outlierDates: $out, drivers: $drv) {
    method timeZone historyFrom historyTo points { start volume lower80 upper80 lower95 upper95 ahtSeconds }
    days { date volume lower80 upper80 lower95 upper95 ahtSeconds closed holiday }
    accuracy { intervals wape bias coverage80 coverage95 } dailyAccuracy { intervals wape bias coverage80 coverage95 }
    model { name alpha gamma weekAheadAlpha openWeekdays excludedDates holidayRatio profileWeeks dispersion calendarEffects { name factor } } } } }`;

beforeAll(async () => {
  t = await startTestHub({ clock: manualClock('2026-06-15T10:00:00Z') });
  await t.organisations([
    { id: 'acme', kind: 'CLIENT' },
    { id: 'callco', kind: 'CENTRE' },
    { id: 'umbrella', kind: 'CLIENT' },
  ]);
  client = t.token('acme');
  centre = t.token('callco');
  stranger = t.token('umbrella');
  const c = t.client(client);
  const contractId = (
    await c.request<any>(`mutation($input: CreateContractInput!, $f: DateTime) { createContract(input: $input, effectiveFrom: $f) { id } }`, {
      input: { title: 'Acme care', centreId: 'callco', startDate: '2026-01-01', currency: 'EUR' },
      f: SINCE,
    })
  ).createContract.id;
  queueId = (await c.request<any>(`mutation($c: ID!, $f: DateTime) { addQueue(contractId: $c, effectiveFrom: $f, input: { name: "Billing", channel: VOICE, timeZone: "${TZ}" }) { id } }`, { c: contractId, f: SINCE }))
    .addQueue.id;
  await c.request(`mutation($c: ID!, $f: DateTime) { setSlaTarget(contractId: $c, effectiveFrom: $f, input: { metric: "SERVICE_LEVEL", thresholdSeconds: 20, goal: 0.8, window: DAY }) { id } }`, { c: contractId, f: SINCE });
  await c.request(`mutation($c: ID!, $f: DateTime, $t: ComplaintTermsInput!) { setComplaintTerms(contractId: $c, terms: $t, effectiveFrom: $f) { id } }`, {
    c: contractId,
    f: SINCE,
    t: { acknowledgeWithinHours: 24, resolveWithinDays: 10, calendar: { timeZone: TZ, hours: [{ weekday: 'MONDAY', opens: '09:00', closes: '17:00' }], holidays: HOLIDAYS } },
  });
  await c.request(`mutation($id: ID!, $f: DateTime) { activateContract(id: $id, effectiveFrom: $f) { id } }`, { id: contractId, f: SINCE });

  const rows: unknown[] = [];
  for (let date = '2026-01-05'; date <= '2026-06-12'; date = addDays(date, 1)) {
    if (weekday(date) > 5) continue;
    for (let slot = 32; slot < 72; slot++) rows.push(interval(at(date, Math.floor(slot / 4), (slot % 4) * 15), { answeredWait: [volume(date, slot)], abandonedWait: [], ahtSeconds: 300 }));
  }
  await t.client(centre).request(`mutation($q: ID!, $rows: [IntervalInput!]!) { recordIntervals(queueId: $q, intervals: $rows) { received } }`, { q: queueId, rows });
}, 120_000);
afterAll(() => t?.stop());

const ask = (vars: Record<string, unknown>, token = client) => t.client(token).request<any>(BASELINE, { q: queueId, ...vars });

describe('baseline forecasts in the queue’s local time', () => {
  it('answers by default with exponential smoothing, per local quarter hour and day, with nested 80 % and 95 % intervals and AHT', async () => {
    const res = await ask({ from: at('2026-06-15', 0), to: at('2026-06-22', 0) });
    const b = res.queues[0].baselineForecast;
    expect(b).toMatchObject({ method: 'EXPONENTIAL_SMOOTHING', timeZone: TZ, accuracy: null, dailyAccuracy: null });
    expect(b.model).toMatchObject({ openWeekdays: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'], profileWeeks: 8 });
    expect(b.model.name).toMatch(/^ETS\(A,(N|Ad),A\)$/);
    expect(b.model.excludedDates).toEqual(expect.arrayContaining(['2026-05-01', '2026-05-14']));
    expect(b.days.map((d: any) => d.date)).toEqual(['2026-06-15', '2026-06-16', '2026-06-17', '2026-06-18', '2026-06-19', '2026-06-20', '2026-06-21']);
    expect(b.days[5]).toMatchObject({ volume: 0, closed: true });
    const monday = b.days[0];
    const expected = Array.from({ length: 40 }, (_, i) => volume('2026-06-15', 32 + i)).reduce((a, v) => a + v, 0);
    expect(Math.abs(monday.volume / expected - 1)).toBeLessThan(0.08);
    expect(monday.lower95).toBeLessThan(monday.lower80);
    expect(monday.lower80).toBeLessThan(monday.volume);
    expect(monday.upper80).toBeLessThan(monday.upper95);
    expect(monday.ahtSeconds).toBeCloseTo(300, 0);
    expect(b.points).toHaveLength(7 * 96);
    const peak = b.points.find((p: any) => p.start === at('2026-06-15', 10, 30));
    const night = b.points.find((p: any) => p.start === at('2026-06-15', 3, 0));
    expect(peak.volume).toBeGreaterThan(150);
    expect(peak.lower95).toBeLessThanOrEqual(peak.lower80);
    expect(peak.upper95).toBeGreaterThanOrEqual(peak.upper80);
    expect(peak.ahtSeconds).toBeCloseTo(300, 0);
    expect(night).toMatchObject({ volume: 0, ahtSeconds: null });
  });

  it('keeps the season on the local clock across a DST change: the naive takes the same local quarter hour a week earlier', async () => {
    // Monday 30 March 2026, 08:00 CEST (06:00 UTC); a week earlier 08:00 was CET (07:00 UTC).
    const res = await ask({ from: at('2026-03-30', 8), to: at('2026-03-30', 9), m: 'SEASONAL_NAIVE' });
    const b = res.queues[0].baselineForecast;
    expect(b.points.map((p: any) => p.start)).toEqual(['2026-03-30T06:00:00.000Z', '2026-03-30T06:15:00.000Z', '2026-03-30T06:30:00.000Z', '2026-03-30T06:45:00.000Z']);
    expect(b.points.map((p: any) => p.volume)).toEqual([32, 33, 34, 35].map((slot) => volume('2026-03-23', slot)));
    expect(b.points[0].lower80).toBeNull();
    // Actuals exist for the range: compared, without coverage (the naive has no intervals).
    expect(b.accuracy).toMatchObject({ intervals: 4, coverage80: null });
  });

  it('compares a past range with its actuals: WAPE per quarter hour and per day, and the coverage of the intervals', async () => {
    const res = await ask({ from: at('2026-06-01', 0), to: at('2026-06-13', 0) });
    const b = res.queues[0].baselineForecast;
    expect(b.accuracy.intervals).toBe(10 * 40);
    expect(b.accuracy.wape).toBeLessThan(0.12);
    expect(b.accuracy.coverage80).toBeGreaterThan(0.6);
    expect(b.accuracy.coverage95).toBeGreaterThanOrEqual(b.accuracy.coverage80);
    expect(b.dailyAccuracy.intervals).toBe(10);
    expect(b.dailyAccuracy.wape).toBeLessThan(0.08);
    const naive = (await ask({ from: at('2026-06-01', 0), to: at('2026-06-13', 0), m: 'SEASONAL_NAIVE' })).queues[0].baselineForecast;
    expect(b.accuracy.wape).toBeLessThan(naive.accuracy.wape);
  });

  it('forecasts a public holiday of the contract calendar at the share past holidays had', async () => {
    const res = await ask({ from: at('2026-07-13', 0), to: at('2026-07-16', 0) });
    const [monday, holiday, wednesday] = res.queues[0].baselineForecast.days;
    expect(holiday).toMatchObject({ date: '2026-07-14', holiday: true, closed: false });
    expect(holiday.volume / monday.volume).toBeGreaterThan(0.1);
    expect(holiday.volume / monday.volume).toBeLessThan(0.3);
    expect(wednesday.holiday).toBe(false);
    expect(res.queues[0].baselineForecast.model.holidayRatio).toBeGreaterThan(0.1);
  });

  it('keeps flagged outlier dates out of the fit and lifts the days an announced driver covers', async () => {
    const plain = (await ask({ from: at('2026-06-15', 0), to: at('2026-06-18', 0) })).queues[0].baselineForecast;
    const res = await ask({
      from: at('2026-06-15', 0),
      to: at('2026-06-18', 0),
      out: ['2026-06-03'],
      drv: [{ from: at('2026-06-16', 0), to: at('2026-06-17', 0), uplift: 0.5 }],
    });
    const b = res.queues[0].baselineForecast;
    expect(b.model.excludedDates).toContain('2026-06-03');
    expect(b.days[1].volume / b.days[0].volume).toBeGreaterThan((1.5 * plain.days[1].volume) / plain.days[0].volume - 0.1);
  });

  it('forecasts 13 weeks ahead from up to two years of history', async () => {
    const res = await ask({ from: at('2026-06-15', 0), to: at('2026-09-14', 0), w: 104 });
    const b = res.queues[0].baselineForecast;
    expect(b.days).toHaveLength(91);
    expect(b.points).toHaveLength(91 * 96); // no DST change before 25 October
  });

  it('refuses ranges, histories, dates and drivers outside their bounds, naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ from: at('2026-06-15', 0), to: at('2026-09-16', 0) }, 'to'],
      [{ from: at('2026-06-15', 0), to: at('2026-06-16', 0), w: 105 }, 'historyWeeks'],
      [{ from: at('2026-06-15', 0), to: at('2026-06-16', 0), w: 1 }, 'historyWeeks'],
      [{ from: at('2026-06-15', 0), to: at('2026-06-16', 0), out: ['2026-13-01'] }, 'outlierDates[0]'],
      [{ from: at('2026-06-15', 0), to: at('2026-06-16', 0), drv: [{ from: at('2026-06-16', 0), to: at('2026-06-17', 0), uplift: 50 }] }, 'drivers[0].uplift'],
      [{ from: at('2026-06-15', 0), to: at('2026-06-16', 0), drv: [{ from: at('2026-06-17', 0), to: at('2026-06-16', 0), uplift: 0.1 }] }, 'drivers[0].to'],
      [{ from: '2026-06-15T00:05:00Z', to: at('2026-06-16', 0) }, 'from'],
    ];
    for (const [vars, field] of cases) {
      const e = await expectError(ask(vars), 'BAD_USER_INPUT');
      expect(e.extensions?.field).toBe(field);
    }
  });

  it('shows a stranger nothing', async () => {
    const res = await ask({ from: at('2026-06-15', 0), to: at('2026-06-16', 0) }, stranger);
    expect(res.queues).toEqual([null]);
  });
});
