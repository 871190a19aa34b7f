import { DataSource } from 'typeorm';
import { DEMO, DEMO_QUEUE_HOURS } from '../demo/ids';
import { generateActuals, ServiceProfile } from '../demo/actuals';
import { writeIntervals } from './intervals';

/**
 * Three months of demo actuals up to today, so figures, compliance and reports show something
 * at once: Contoso meets its targets on the Northwind queues; Fabrikam is short-staffed in some
 * weeks on Northwind chat and Globex mobile.
 */
const DEMO_ACTUALS: Array<{ queueId: string; weeklyVolume: number; ahtSeconds: number; profile: ServiceProfile; seed: number }> = [
  { queueId: DEMO.queues.northwindBilling, weeklyVolume: 9_000, ahtSeconds: 320, profile: 'MEETS', seed: 11 },
  { queueId: DEMO.queues.northwindOutages, weeklyVolume: 4_500, ahtSeconds: 380, profile: 'MEETS', seed: 12 },
  { queueId: DEMO.queues.northwindChat, weeklyVolume: 6_000, ahtSeconds: 420, profile: 'MISSES_SOME_WEEKS', seed: 13 },
  { queueId: DEMO.queues.globexMobile, weeklyVolume: 12_000, ahtSeconds: 300, profile: 'MISSES_SOME_WEEKS', seed: 14 },
];

const WEEK_SECONDS = 7 * 86_400;

export async function seedPerformance(db: DataSource, now: Date): Promise<void> {
  const [{ n }] = await db.query('SELECT COUNT(*) AS n FROM interval_actuals');
  if (Number(n) > 0) return;
  // Up to the last whole hour, so every seeded interval has ended.
  const to = Math.floor(now.getTime() / 3_600_000) * 3600;
  const from = to - 13 * WEEK_SECONDS;
  for (const q of DEMO_ACTUALS) {
    const hours = DEMO_QUEUE_HOURS[q.queueId];
    const records = generateActuals({
      queueId: q.queueId,
      fromEpochSeconds: from,
      toEpochSeconds: to,
      intervalSeconds: 900,
      timeZone: hours.timeZone,
      openingHours: hours.openingHours,
      weeklyVolume: q.weeklyVolume,
      ahtSeconds: q.ahtSeconds,
      serviceProfile: q.profile,
      seed: q.seed,
    });
    const uploads = records.map(({ bucketBounds: _b, ...r }) => ({ ...r, start: new Date(r.start) }));
    await writeIntervals(db, q.queueId, uploads, 'QUEUE_ENTRY', 'demo-seed', now, hours.timeZone);
  }
}
