import DataLoader from 'dataloader';
import { Brackets, DataSource, In, ObjectLiteral, EntityTarget } from 'typeorm';
import { ContractRevisionRow } from './entities/contract-revision';
import { ContractRow } from './entities/contract';
import { ContractHistories, contractHistories } from './histories';
import { OrganisationRow } from './entities/organisation';
import { QueueRow } from './entities/queue';
import { SlaTargetRow } from './entities/sla-target';
import { BidRow } from './entities/bid';
import { TenderInvitationRow, TenderRow } from './entities/tender';
import { VolumeShareGroupRow, VolumeShareMemberRow } from './entities/volume-share';

const MAX_BATCH = 500;

function byId<T extends ObjectLiteral & { id: string }>(db: DataSource, entity: EntityTarget<T>) {
  return new DataLoader<string, T | null>(
    async (ids) => {
      const rows = await db.getRepository(entity).findBy({ id: In([...ids]) } as never);
      const map = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => map.get(id) ?? null);
    },
    { maxBatchSize: MAX_BATCH },
  );
}

function byContract<T extends ObjectLiteral & { contractId: string }>(db: DataSource, entity: EntityTarget<T>, order: Record<string, 'ASC'>) {
  return new DataLoader<string, T[]>(
    async (contractIds) => {
      const rows = await db.getRepository(entity).find({ where: { contractId: In([...contractIds]) } as never, order: order as never });
      const groups = new Map<string, T[]>(contractIds.map((id) => [id, []]));
      for (const row of rows) groups.get(row.contractId)?.push(row);
      return contractIds.map((id) => groups.get(id) ?? []);
    },
    { maxBatchSize: MAX_BATCH },
  );
}

export interface StateKey {
  contractId: string;
  at: Date;
}

/** For each key, the revision in force at that instant: the latest one effective at or before it. */
async function loadStates(db: DataSource, keys: readonly StateKey[]): Promise<(ContractRevisionRow | null)[]> {
  const byInstant = new Map<number, string[]>();
  for (const k of keys) byInstant.set(k.at.getTime(), [...(byInstant.get(k.at.getTime()) ?? []), k.contractId]);
  const found = new Map<string, ContractRevisionRow>();
  for (const [instant, contractIds] of byInstant) {
    const latest: { contractId: string; revision: number }[] = await db
      .getRepository(ContractRevisionRow)
      .createQueryBuilder('r')
      .select('r.contract_id', 'contractId')
      .addSelect('MAX(r.revision)', 'revision')
      .where('r.contract_id IN (:...ids)', { ids: [...new Set(contractIds)] })
      .andWhere('r.effective_from <= :at', { at: new Date(instant) })
      .groupBy('r.contract_id')
      .getRawMany();
    if (latest.length === 0) continue;
    const rows = await db
      .getRepository(ContractRevisionRow)
      .createQueryBuilder('r')
      .where(
        new Brackets((qb) => {
          latest.forEach((l, i) =>
            qb.orWhere(`(r.contract_id = :c${i} AND r.revision = :r${i})`, { [`c${i}`]: l.contractId, [`r${i}`]: Number(l.revision) }),
          );
        }),
      )
      .getMany();
    for (const row of rows) found.set(`${row.contractId}|${instant}`, row);
  }
  return keys.map((k) => found.get(`${k.contractId}|${k.at.getTime()}`) ?? null);
}

/** Per-request loaders: every lookup a list resolver makes per parent goes through one of these. */
export function createLoaders(db: DataSource) {
  const contract = byId(db, ContractRow);
  return {
    organisation: byId(db, OrganisationRow),
    contract,
    queue: byId(db, QueueRow),
    slaTarget: byId(db, SlaTargetRow),
    queuesByContract: byContract(db, QueueRow, { createdAt: 'ASC', id: 'ASC' }),
    slaTargetsByContract: byContract(db, SlaTargetRow, { createdAt: 'ASC', id: 'ASC' }),
    amendmentsByContract: new DataLoader<string, ContractRevisionRow[]>(
      async (contractIds) => {
        // The snapshot column is left out: a history listing needs only the changes.
        const rows = await db.getRepository(ContractRevisionRow).find({
          select: { id: true, contractId: true, revision: true, at: true, effectiveFrom: true, actorSubject: true, actorOrganisationId: true, reason: true, changes: true },
          where: { contractId: In([...contractIds]) },
          order: { revision: 'ASC' },
        });
        const groups = new Map<string, ContractRevisionRow[]>(contractIds.map((id) => [id, []]));
        for (const row of rows) groups.get(row.contractId)?.push(row);
        return contractIds.map((id) => groups.get(id) ?? []);
      },
      { maxBatchSize: MAX_BATCH },
    ),
    /** Every SLA target's versions and the price terms versions of a contract (histories.ts: kept per revision across requests). */
    historiesByContract: new DataLoader<string, ContractHistories>(
      async (contractIds) => {
        // The contracts' current revisions, from the rows this request has loaded already (or loads now).
        const rows = await contract.loadMany(contractIds);
        const revisions = new Map(rows.flatMap((r) => (r && !(r instanceof Error) ? [[r.id, r.revision] as const] : [])));
        return contractHistories(db, contractIds, revisions);
      },
      { maxBatchSize: MAX_BATCH },
    ),
    tender: byId(db, TenderRow),
    bid: byId(db, BidRow),
    bidsByTender: new DataLoader<string, BidRow[]>(async (ids) => {
      const rows = await db.getRepository(BidRow).find({ where: { tenderId: In([...ids]) }, order: { submittedAt: 'ASC' } });
      return ids.map((id) => rows.filter((r) => r.tenderId === id));
    }),
    invitationsByTender: new DataLoader<string, string[]>(async (ids) => {
      const rows = await db.getRepository(TenderInvitationRow).find({ where: { tenderId: In([...ids]) } });
      return ids.map((id) => rows.filter((r) => r.tenderId === id).map((r) => r.centreId));
    }),
    volumeShareGroup: byId(db, VolumeShareGroupRow),
    /** The membership of a queue in a volume share group, or null. */
    volumeShareByQueue: new DataLoader<string, VolumeShareMemberRow | null>(
      async (queueIds) => {
        const rows = await db.getRepository(VolumeShareMemberRow).findBy({ queueId: In([...queueIds]) });
        return queueIds.map((id) => rows.find((r) => r.queueId === id) ?? null);
      },
      { maxBatchSize: MAX_BATCH },
    ),
    volumeShareMembers: new DataLoader<string, VolumeShareMemberRow[]>(
      async (groupIds) => {
        const rows = await db.getRepository(VolumeShareMemberRow).find({ where: { groupId: In([...groupIds]) }, order: { share: 'DESC', queueId: 'ASC' } });
        return groupIds.map((id) => rows.filter((r) => r.groupId === id));
      },
      { maxBatchSize: MAX_BATCH },
    ),
    stateAt: new DataLoader<StateKey, ContractRevisionRow | null, string>((keys) => loadStates(db, keys), {
      cacheKeyFn: (k) => `${k.contractId}|${k.at.toISOString()}`,
      maxBatchSize: MAX_BATCH,
    }),
  };
}

export type ContractsLoaders = ReturnType<typeof createLoaders>;

/** After a write, what this request already loaded may be stale. */
export function clearLoaders(loaders: ContractsLoaders): void {
  for (const loader of Object.values(loaders)) loader.clearAll();
}
