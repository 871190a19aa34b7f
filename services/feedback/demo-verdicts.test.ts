import 'reflect-metadata';
import { openDatabase } from '../platform/database';
import { bucketBoundaries, bucketStart } from '../metrics/calendar';
import { computeWindowFigures } from './figures';
import { feedbackSubgraph } from './module';
import { csatDipWeek, seedFeedback } from './seed';

/**
 * The demo CSAT target on Northwind-Contoso (80 % per week, at least 20 responses) must miss
 * exactly one week whatever day the demo is seeded: the seeded responses follow a fixed pattern.
 */
describe('demo survey data for SLA verdicts', () => {
  it.each(['2026-06-15T10:00:00Z', '2026-03-30T06:30:00Z', '2026-11-01T23:45:00Z', '2027-01-07T15:00:00Z'])('misses exactly one weekly CSAT window when seeded at %s', async (iso) => {
    const now = Date.parse(iso);
    const db = await openDatabase({ url: 'sqlite::memory:', entities: feedbackSubgraph.entities, migrations: feedbackSubgraph.migrations });
    try {
      await seedFeedback(db, now);
      const nowEpoch = Math.floor(now / 1000);
      const starts = bucketBoundaries(bucketStart(nowEpoch - 70 * 86_400, 'WEEK', 'Europe/Paris'), nowEpoch, 'WEEK', 'Europe/Paris');
      const spans = starts.map((start, i) => ({ start, end: starts[i + 1] ?? nowEpoch }));
      const figures = await computeWindowFigures(db, { contractId: 'ct-northwind-contoso', queueId: null }, { source: 'survey', type: 'CSAT', figure: 'SHARE', high: 4 }, spans, nowEpoch);
      const judged = figures.map((f, i) => ({ ...f, start: spans[i].start })).filter((f) => f.sampleSize >= 20);
      expect(judged.length).toBeGreaterThanOrEqual(6);
      const missed = judged.filter((f) => f.value! < 0.8);
      expect(missed.map((f) => f.start)).toEqual([csatDipWeek(now).from]);
      expect(missed[0].value).toBeLessThan(0.6);
    } finally {
      await db.destroy();
    }
  });
});
