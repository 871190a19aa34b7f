import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { ScorecardRow, ScorecardVersionRow } from './entities/scorecard';

/**
 * The SQL of scorecards: what scorecards.ts and the loaders read and write. No rule lives here.
 */

export function newId(prefix: string): string {
  return `${prefix}-${randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

export function findScorecard(db: DataSource, id: string): Promise<ScorecardRow | null> {
  return db.getRepository(ScorecardRow).findOneBy({ id });
}

export function findScorecards(db: DataSource, ids: readonly string[]): Promise<ScorecardRow[]> {
  return db.getRepository(ScorecardRow).findBy({ id: In([...ids]) });
}

export function scorecardsOfContracts(db: DataSource, contractIds: readonly string[]): Promise<ScorecardRow[]> {
  return db.getRepository(ScorecardRow).find({ where: { contractId: In([...contractIds]) }, order: { createdEpoch: 'ASC', id: 'ASC' } });
}

/** Every version of the scorecards, oldest first. */
export function versionsOfScorecards(db: DataSource, scorecardIds: readonly string[]): Promise<ScorecardVersionRow[]> {
  return db.getRepository(ScorecardVersionRow).find({ where: { scorecardId: In([...scorecardIds]) }, order: { scorecardId: 'ASC', version: 'ASC' } });
}

/** A new scorecard with its first version, in one transaction. */
export async function insertScorecard(db: DataSource, scorecard: ScorecardRow, version: ScorecardVersionRow): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.getRepository(ScorecardRow).insert(scorecard);
    await tx.getRepository(ScorecardVersionRow).insert(version);
  });
}

/** A further version; the primary key (scorecard, version) refuses a concurrent one with the same number. */
export async function insertVersion(db: DataSource, version: ScorecardVersionRow): Promise<void> {
  await db.getRepository(ScorecardVersionRow).insert(version);
}
