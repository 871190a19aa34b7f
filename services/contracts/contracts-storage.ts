import { EntityManager } from 'typeorm';
import { ContractRevisionRow } from './entities/contract-revision';
import { ContractRow } from './entities/contract';
import { OrganisationKind, OrganisationRow } from './entities/organisation';
import { QueueRow } from './entities/queue';
import { SlaTargetRow } from './entities/sla-target';

/**
 * The SQL of organisations, contracts, their queues, SLA targets and revisions. No rules here:
 * the use cases in contracts.ts decide, this reads and writes what they decided.
 */
export class ContractsStorage {
  constructor(readonly manager: EntityManager) {}

  /** Runs `work` in one transaction (a savepoint inside an open one). */
  transaction<T>(work: (storage: ContractsStorage) => Promise<T>): Promise<T> {
    return this.manager.transaction((tx) => work(new ContractsStorage(tx)));
  }

  organisation(id: string): Promise<OrganisationRow | null> {
    return this.manager.findOneBy(OrganisationRow, { id });
  }

  organisations(kind: OrganisationKind | null | undefined, limit: number): Promise<OrganisationRow[]> {
    return this.manager.find(OrganisationRow, { where: kind ? { kind } : {}, order: { name: 'ASC' }, take: limit });
  }

  async insertOrganisation(row: OrganisationRow): Promise<void> {
    await this.manager.insert(OrganisationRow, row);
  }

  contract(id: string): Promise<ContractRow | null> {
    return this.manager.findOneBy(ContractRow, { id });
  }

  /** The contracts `organisationId` is a party to, by id, a page at a time. */
  contractsOf(organisationId: string, filter: { status?: string | null; after?: string | null; first: number }): Promise<ContractRow[]> {
    const qb = this.manager
      .getRepository(ContractRow)
      .createQueryBuilder('c')
      .where('(c.client_id = :org OR c.centre_id = :org)', { org: organisationId });
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    if (filter.after) qb.andWhere('c.id > :after', { after: filter.after });
    return qb.orderBy('c.id', 'ASC').limit(filter.first).getMany();
  }

  queue(id: string): Promise<QueueRow | null> {
    return this.manager.findOneBy(QueueRow, { id });
  }

  queuesOf(contractId: string): Promise<QueueRow[]> {
    return this.manager.findBy(QueueRow, { contractId });
  }

  countQueues(contractId: string): Promise<number> {
    return this.manager.countBy(QueueRow, { contractId });
  }

  async insertQueue(row: QueueRow): Promise<void> {
    await this.manager.insert(QueueRow, row);
  }

  async updateQueue(id: string, values: Partial<QueueRow>): Promise<void> {
    await this.manager.update(QueueRow, { id }, values);
  }

  slaTarget(id: string): Promise<SlaTargetRow | null> {
    return this.manager.findOneBy(SlaTargetRow, { id });
  }

  slaTargetOf(contractId: string, id: string): Promise<SlaTargetRow | null> {
    return this.manager.findOneBy(SlaTargetRow, { id, contractId });
  }

  slaTargetsOf(contractId: string): Promise<SlaTargetRow[]> {
    return this.manager.findBy(SlaTargetRow, { contractId });
  }

  countSlaTargets(contractId: string): Promise<number> {
    return this.manager.countBy(SlaTargetRow, { contractId });
  }

  async insertSlaTarget(row: SlaTargetRow): Promise<void> {
    await this.manager.insert(SlaTargetRow, row);
  }

  async updateSlaTarget(id: string, values: Partial<SlaTargetRow>): Promise<void> {
    await this.manager.update(SlaTargetRow, { id }, values);
  }

  async deleteSlaTarget(id: string): Promise<void> {
    await this.manager.delete(SlaTargetRow, { id });
  }

  latestRevision(contractId: string): Promise<ContractRevisionRow | null> {
    return this.manager.findOne(ContractRevisionRow, { where: { contractId }, order: { revision: 'DESC' } });
  }

  async insertContract(contract: ContractRow): Promise<void> {
    await this.manager.insert(ContractRow, contract);
  }

  /**
   * Writes the contract's fields if it is still at revision `startedAt`; false when another
   * change moved it meanwhile (the conditional UPDATE is what makes concurrent amendments safe).
   */
  async updateContractAt(contract: ContractRow, startedAt: number): Promise<boolean> {
    const { id, ...fields } = contract;
    const update = await this.manager
      .createQueryBuilder()
      .update(ContractRow)
      .set(fields)
      .where('id = :id AND revision = :startedAt', { id, startedAt })
      .execute();
    return update.affected !== 0;
  }

  async insertRevision(row: ContractRevisionRow): Promise<void> {
    await this.manager.insert(ContractRevisionRow, row);
  }
}
