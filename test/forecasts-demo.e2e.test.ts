import { bucketStart } from '../services/metrics/calendar';
import { manualClock } from '../services/platform/clock';
import { startTestHub, TestHub } from './support/hub';
import { NOW } from './support/fixtures';

/**
 * The demo data end to end: seeded forecasts against seeded actuals, the revised version, plans
 * at risk, and the baselines the performance subgraph computes from the same history. Logs the
 * figures quoted in the closing note.
 */
let t: TestHub;
let northwind: string, contoso: string, globex: string;
const WEEK = 7 * 86_400;
// The demo data is seeded around the hub's clock, fixed at NOW.
const thisWeek = bucketStart(Math.floor(Date.parse(NOW) / 1000), 'WEEK', 'Europe/Paris');
const iso = (epoch: number) => new Date(epoch * 1000).toISOString();

beforeAll(async () => {
  t = await startTestHub({ seed: true, clock: manualClock(NOW) });
  northwind = t.token('northwind');
  contoso = t.token('contoso');
  globex = t.token('globex');
}, 120_000);
afterAll(() => t?.stop());

describe('demo forecasts', () => {
  it('has a revised billing forecast: version 1 partly superseded by version 2, both readable', async () => {
    const res = await t.client(northwind).request<any>(
      `query($from: DateTime!, $to: DateTime!) { queues(ids: ["q-northwind-billing"]) { forecasts(from: $from, to: $to) { id version status supersededByVersions intervalCount summary { intervalsAtRisk intervalsWithPlan } } } }`,
      { from: iso(thisWeek - 5 * WEEK), to: iso(thisWeek + 3 * WEEK) },
    );
    const [v2, v1] = res.queues[0].forecasts;
    expect(v1).toMatchObject({ id: 'fc-q-northwind-billing-v1', version: 1, status: 'PARTLY_SUPERSEDED', supersededByVersions: [2] });
    expect(v2).toMatchObject({ id: 'fc-q-northwind-billing-v2', version: 2, status: 'CURRENT' });
    expect(v2.summary.intervalsWithPlan).toBe(v2.intervalCount);
    expect(v2.summary.intervalsAtRisk).toBeGreaterThan(0);
  });

  it('has the volume drivers Northwind announced', async () => {
    const res = await t.client(contoso).request<any>(`query($from: DateTime!, $to: DateTime!) { contract(id: "ct-northwind-contoso") { volumeDrivers(from: $from, to: $to) { id kind uplifts { queueId uplift } } } }`, {
      from: iso(thisWeek - 5 * WEEK), to: iso(thisWeek + 3 * WEEK),
    });
    expect(res.contract.volumeDrivers.map((d: any) => d.id)).toEqual(['vd-nw-storm-outage', 'vd-nw-tariff-campaign']);
  });

  it('shows Contoso\'s capacity next to the requirement and the staffed hours', async () => {
    const res = await t.client(northwind).request<any>(`query($from: DateTime!, $to: DateTime!) { contract(id: "ct-northwind-contoso") { capacity(from: $from, to: $to) {
      queueId week requiredHours committedHours scheduledHours actualHours commitmentGapHours actualGapHours } } }`, { from: iso(thisWeek - 3 * WEEK), to: iso(thisWeek) });
    const billing = res.contract.capacity.filter((w: any) => w.queueId === 'q-northwind-billing');
    expect(billing).toHaveLength(3);
    for (const w of billing) {
      expect(w.requiredHours).toBeGreaterThan(500);
      expect(w.committedHours).toBe(950);
      expect(w.actualHours).toBeGreaterThan(500);
    }
  });

  it('measures the accuracy of each version against the seeded actuals', async () => {
    const figures: Record<string, unknown> = {};
    for (const id of ['fc-q-northwind-billing-v1', 'fc-q-northwind-billing-v2', 'fc-q-northwind-outages-v1']) {
      const res = await t.client(contoso).request<any>(
        `query($id: ID!, $from: DateTime!) { forecast(id: $id) { accuracy(from: $from) { overall { intervals wape mape bias withinShare } days { date intervals wape } } } }`,
        { id, from: iso(thisWeek - 4 * WEEK) },
      );
      const acc = res.forecast.accuracy;
      expect(acc.overall.intervals).toBeGreaterThan(40);
      expect(acc.overall.wape).toBeGreaterThan(0.03);
      expect(acc.overall.wape).toBeLessThan(0.3);
      expect(Math.abs(acc.overall.bias)).toBeLessThan(0.1);
      expect(acc.days.length).toBeGreaterThan(3);
      figures[id] = acc.overall;
    }
    const chat = await t.client(northwind).request<any>(`{ forecast(id: "fc-q-northwind-chat-v1") { id } }`);
    expect(chat.forecast.id).toBe('fc-q-northwind-chat-v1');
    await expect(t.client(globex).request(`{ forecast(id: "fc-q-northwind-chat-v1") { id } }`)).rejects.toThrow(/not found/);
  });

  it('computes the baselines from the seeded history and compares them with last week', async () => {
    const figures: Record<string, unknown> = {};
    for (const queue of ['q-northwind-billing', 'q-northwind-outages', 'q-northwind-chat', 'q-globex-mobile']) {
      const token = queue.startsWith('q-globex') ? globex : northwind;
      const res = await t.client(token).request<any>(
        `query($q: ID!, $from: DateTime!, $to: DateTime!) { queues(ids: [$q]) {
          naive: baselineForecast(from: $from, to: $to, method: SEASONAL_NAIVE) { method ahtSeconds points { volume } accuracy { intervals wape mape bias withinShare } }
          smooth: baselineForecast(from: $from, to: $to, method: DOUBLE_SEASONAL_SMOOTHING) { method points { volume } accuracy { intervals wape mape bias withinShare } }
          es: baselineForecast(from: $from, to: $to) { method points { volume } accuracy { intervals wape bias coverage80 coverage95 } dailyAccuracy { intervals wape coverage80 } } } }`,
        { q: queue, from: iso(thisWeek - WEEK), to: iso(thisWeek) },
      );
      const { naive, smooth, es } = res.queues[0];
      expect(naive.points).toHaveLength(672);
      expect(smooth.points).toHaveLength(672);
      expect(naive.ahtSeconds).toBeGreaterThan(200);
      for (const b of [naive, smooth]) {
        expect(b.accuracy.intervals).toBeGreaterThan(250); // open quarter hours of a week
        expect(b.accuracy.wape).toBeLessThan(0.45);
      }
      // The default baseline (daily exponential smoothing in local time, split by intraday profiles) against the same week.
      expect(es.method).toBe('EXPONENTIAL_SMOOTHING');
      expect(es.points).toHaveLength(672);
      expect(es.accuracy.intervals).toBe(naive.accuracy.intervals);
      expect(es.accuracy.wape).toBeLessThan(naive.accuracy.wape);
      expect(es.accuracy.coverage80).toBeGreaterThan(0.5);
      expect(es.dailyAccuracy.intervals).toBeGreaterThanOrEqual(5);
      figures[queue] = { SEASONAL_NAIVE: naive.accuracy, DOUBLE_SEASONAL_SMOOTHING: smooth.accuracy, EXPONENTIAL_SMOOTHING: es.accuracy, EXPONENTIAL_SMOOTHING_DAILY: es.dailyAccuracy };
    }
  });

  it('staffs a week of 15-minute demo intervals through the gateway', async () => {
    const query = `query($from: DateTime!, $to: DateTime!) { forecast(id: "fc-q-globex-mobile-v1") { intervals(from: $from, to: $to) { staffing { requiredAgents erlangA { agents } } } } }`;
    const vars = { from: iso(thisWeek - WEEK), to: iso(thisWeek) };
    const res = await t.client(globex).request<any>(query, vars);
    expect(res.forecast.intervals.length).toBe(296); // 74 open hours a week
    expect(res.forecast.intervals.every((i: any) => i.staffing.erlangA !== null)).toBe(true);
  });
});
