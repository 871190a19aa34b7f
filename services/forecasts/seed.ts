import { DataSource } from 'typeorm';
import { DEMO, DEMO_QUEUE_HOURS } from '../demo/ids';
import { bucketStart, localDateLabel } from '../metrics/calendar';
import { agentsForServiceLevel } from '../metrics/erlang-c';
import { generateActuals } from '../demo/actuals';
import { ForecastRow } from './entities/forecast';
import { VolumeDriverRow } from './entities/volume-driver';
import { CapacityPlanRow } from './entities/capacity-plan';
import { ForecastIntervalUpload, insertForecast } from './publish';

/**
 * Demo forecasts for the queues that have demo actuals (services/performance/seed.ts), so that
 * staffing, plans at risk and accuracy show something at once. A forecast's volumes are another
 * draw of the same demand model the actuals come from (pure code shared with the performance
 * seed, no data), so its error is what a good forecaster would make: noise, not a wrong shape.
 * Per queue, version 1 covers the last four weeks and the next two (published a week before it
 * starts); on billing and chat, version 2 revises the last week and the next two with a plan of
 * agents, a few intervals of which are deliberately short (at risk). Northwind announces two
 * volume drivers: next week's tariff campaign and an outage two weeks ago. Contoso commits and
 * schedules hours on both its queues from three weeks ago to next week.
 */
const QUEUES = [
  { queueId: DEMO.queues.northwindBilling, contractId: DEMO.contracts.northwindContoso, clientId: 'northwind', centreId: 'contoso', weeklyVolume: 9_000, ahtSeconds: 320, seed: 11, revise: true },
  { queueId: DEMO.queues.northwindOutages, contractId: DEMO.contracts.northwindContoso, clientId: 'northwind', centreId: 'contoso', weeklyVolume: 4_500, ahtSeconds: 380, seed: 12, revise: false },
  { queueId: DEMO.queues.northwindChat, contractId: DEMO.contracts.northwindFabrikam, clientId: 'northwind', centreId: 'fabrikam', weeklyVolume: 6_000, ahtSeconds: 420, seed: 13, revise: true },
  { queueId: DEMO.queues.globexMobile, contractId: DEMO.contracts.globexFabrikam, clientId: 'globex', centreId: 'fabrikam', weeklyVolume: 12_000, ahtSeconds: 300, seed: 14, revise: false },
];

const WEEK = 7 * 86_400;
const L = 900;

function forecastIntervals(q: (typeof QUEUES)[number], from: number, to: number, drawSeed: number, plan: boolean): ForecastIntervalUpload[] {
  const hours = DEMO_QUEUE_HOURS[q.queueId];
  const draws = generateActuals({
    queueId: q.queueId, fromEpochSeconds: from, toEpochSeconds: to, intervalSeconds: L, timeZone: hours.timeZone, openingHours: hours.openingHours,
    weeklyVolume: q.weeklyVolume, ahtSeconds: q.ahtSeconds, serviceProfile: 'MEETS', seed: drawSeed,
  });
  return draws.map((d, i) => {
    const volume = d.offered;
    let plannedAgents: number | null = null;
    if (plan) {
      const needed = volume > 0 ? agentsForServiceLevel({ callsPerInterval: volume, ahtSeconds: q.ahtSeconds, intervalSeconds: L }, 0.8, 20, { minAgents: 1 })?.agents ?? 1 : 0;
      // Every 40th interval is planned two agents short: the demo's intervals at risk.
      plannedAgents = i % 40 === 7 ? Math.max(0, needed - 2) : needed + 1;
    }
    return { start: new Date(Date.parse(d.start)), volume, ahtSeconds: q.ahtSeconds, plannedAgents };
  });
}

export async function seedForecasts(db: DataSource, now: Date): Promise<void> {
  const [{ n }] = await db.query('SELECT COUNT(*) AS n FROM forecasts');
  if (Number(n) > 0) return;
  const nowEpoch = Math.floor(now.getTime() / 1000);
  for (const q of QUEUES) {
    const zone = DEMO_QUEUE_HOURS[q.queueId].timeZone;
    const thisWeek = bucketStart(nowEpoch, 'WEEK', zone);
    const v1 = { from: thisWeek - 4 * WEEK, to: thisWeek + 2 * WEEK };
    const base = { queueId: q.queueId, contractId: q.contractId, clientId: q.clientId, centreId: q.centreId, granularitySeconds: L, shrinkage: 0.3, patienceSeconds: 400, publishedBy: 'demo-seed' };
    const first = forecastIntervals(q, v1.from, v1.to, q.seed + 1000, false);
    await insertForecast(
      db,
      Object.assign(new ForecastRow(), { ...base, id: `fc-${q.queueId}-v1`, version: 0, fromEpoch: v1.from, toEpoch: v1.to, note: 'Quarterly plan', intervalCount: first.length, publishedAt: new Date((v1.from - WEEK) * 1000) }),
      first,
    );
    if (!q.revise) continue;
    const v2 = { from: thisWeek - WEEK, to: thisWeek + 2 * WEEK };
    const second = forecastIntervals(q, v2.from, v2.to, q.seed + 2000, true);
    await insertForecast(
      db,
      Object.assign(new ForecastRow(), { ...base, id: `fc-${q.queueId}-v2`, version: 0, fromEpoch: v2.from, toEpoch: v2.to, note: 'Revised after the billing calendar changed', intervalCount: second.length, publishedAt: new Date((v2.from - 86_400) * 1000) }),
      second,
    );
  }
  const paris = bucketStart(nowEpoch, 'WEEK', 'Europe/Paris');
  const driver = (id: string, kind: VolumeDriverRow['kind'], name: string, from: number, to: number, uplifts: VolumeDriverRow['uplifts']) =>
    Object.assign(new VolumeDriverRow(), {
      id, contractId: DEMO.contracts.northwindContoso, clientId: 'northwind', centreId: 'contoso', kind, name, description: null,
      fromEpoch: from, toEpoch: to, uplifts, publishedAt: new Date((from - 2 * WEEK) * 1000), publishedBy: 'demo-seed',
    });
  await db.getRepository(VolumeDriverRow).insert([
    driver('vd-nw-tariff-campaign', 'CAMPAIGN', 'Winter tariff mailing', paris + WEEK, paris + 2 * WEEK, [{ queueId: DEMO.queues.northwindBilling, uplift: 0.15 }]),
    driver('vd-nw-storm-outage', 'OUTAGE', 'Storm outage in the north-east', paris - 2 * WEEK + 86_400, paris - 2 * WEEK + 3 * 86_400, [
      { queueId: DEMO.queues.northwindOutages, uplift: 0.6 },
      { queueId: DEMO.queues.northwindBilling, uplift: 0.05 },
    ]),
  ]);
  const plans: CapacityPlanRow[] = [];
  for (const [queueId, committed, scheduled] of [[DEMO.queues.northwindBilling, 950, 930], [DEMO.queues.northwindOutages, 560, 540]] as const) {
    for (let k = -3; k <= 1; k++) {
      const start = paris + k * WEEK;
      plans.push(Object.assign(new CapacityPlanRow(), {
        queueId, weekStartEpoch: start, week: localDateLabel(start, 'WEEK', 'Europe/Paris'), contractId: DEMO.contracts.northwindContoso, centreId: 'contoso',
        committedHours: committed, scheduledHours: scheduled - (k === -1 ? 60 : 0), updatedAt: new Date((start - WEEK) * 1000), updatedBy: 'demo-seed',
      }));
    }
  }
  await db.getRepository(CapacityPlanRow).insert(plans);
}
