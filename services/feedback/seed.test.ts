import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { openDatabase } from '../platform/database';
import { feedbackSubgraph } from './module';
import { seedFeedback } from './seed';
import { clockViews } from './clocks';
import { pauseSpans } from './complaints';
import { ComplaintPauseRow, ComplaintRow } from './entities/complaint';
import { satisfactionSeries } from './surveys';

describe('feedback demo data', () => {
  let db: DataSource;
  const now = Date.parse('2026-11-23T12:00:00Z');

  beforeAll(async () => {
    db = await openDatabase({ url: 'sqlite::memory:', entities: feedbackSubgraph.entities, migrations: feedbackSubgraph.migrations });
    await seedFeedback(db, now);
    await seedFeedback(db, now); // a second start seeds nothing more
  });
  afterAll(() => db?.destroy());

  it('seeds complaints in several states, some overdue', async () => {
    const rows = await db.getRepository(ComplaintRow).find({ order: { receivedEpoch: 'ASC' } });
    expect(rows).toHaveLength(9);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['CLOSED', 'INVESTIGATING', 'RECEIVED', 'ESCALATED', 'WITHDRAWN', 'REOPENED']));
    const pauses = await db.getRepository(ComplaintPauseRow).find();
    const overdue = rows.filter((r) => {
      const spans = pauseSpans(pauses.filter((p) => p.complaintId === r.id));
      return clockViews(r, spans, now / 1000).some((c) => c.running && c.businessSecondsOverdue > 0);
    });
    expect(overdue.length).toBeGreaterThanOrEqual(2);
    expect(rows.some((r) => r.resolveMet === 0)).toBe(true);
    expect(rows.some((r) => r.pausedSinceEpoch !== null)).toBe(true);
  });

  it('seeds survey responses on the demo queues', async () => {
    const series = await satisfactionSeries(db, { contractIds: ['ct-northwind-contoso'] }, { timeZone: 'Europe/Paris', from: new Date(now - 28 * 86_400_000), to: new Date(now), granularity: 'WEEK' });
    const points = series.get('ct-northwind-contoso')!;
    expect(points.reduce((n, p) => n + p.responses, 0)).toBeGreaterThan(400);
    expect(points.every((p) => p.csat.share === null || (p.csat.low! <= p.csat.share && p.csat.share <= p.csat.high!))).toBe(true);
  });
});
