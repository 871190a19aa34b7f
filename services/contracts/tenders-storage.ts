import { EntityManager, In } from 'typeorm';
import { BidRow } from './entities/bid';
import { OrganisationRow } from './entities/organisation';
import { TenderInvitationRow, TenderRow } from './entities/tender';

/** The SQL of tenders, their invitations and bids. The rules are in tenders.ts. */
export class TendersStorage {
  constructor(readonly manager: EntityManager) {}

  transaction<T>(work: (storage: TendersStorage, tx: EntityManager) => Promise<T>): Promise<T> {
    return this.manager.transaction((tx) => work(new TendersStorage(tx), tx));
  }

  organisation(id: string): Promise<OrganisationRow | null> {
    return this.manager.findOneBy(OrganisationRow, { id });
  }

  tender(id: string): Promise<TenderRow | null> {
    return this.manager.findOneBy(TenderRow, { id });
  }

  async isInvited(tenderId: string, centreId: string): Promise<boolean> {
    return (await this.manager.countBy(TenderInvitationRow, { tenderId, centreId })) > 0;
  }

  /** The organisations of `ids` that are contact centres. */
  centres(ids: readonly string[]): Promise<OrganisationRow[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.manager.findBy(OrganisationRow, { id: In([...ids]), kind: 'CENTRE' });
  }

  async insertTender(tender: TenderRow, invitedCentreIds: readonly string[]): Promise<void> {
    await this.manager.insert(TenderRow, tender);
    await this.manager.insert(TenderInvitationRow, invitedCentreIds.map((centreId) => ({ tenderId: tender.id, centreId })));
  }

  /** Tenders `organisationId` issued or is invited to, latest close first, with the ids it is invited to. */
  async tendersOf(organisationId: string, limit: number): Promise<{ tenders: TenderRow[]; invitedTo: Set<string> }> {
    const invitations = await this.manager.findBy(TenderInvitationRow, { centreId: organisationId });
    const ids = invitations.map((i) => i.tenderId);
    const tenders = await this.manager
      .getRepository(TenderRow)
      .createQueryBuilder('t')
      .where('t.owner_id = :org', { org: organisationId })
      .orWhere(ids.length > 0 ? 't.id IN (:...ids)' : '1 = 0', { ids })
      .orderBy('t.closes_at', 'DESC')
      .limit(limit)
      .getMany();
    return { tenders, invitedTo: new Set(ids) };
  }

  bid(id: string): Promise<BidRow | null> {
    return this.manager.findOneBy(BidRow, { id });
  }

  bidOf(tenderId: string, centreId: string): Promise<BidRow | null> {
    return this.manager.findOneBy(BidRow, { tenderId, centreId });
  }

  async insertBid(bid: BidRow): Promise<void> {
    await this.manager.insert(BidRow, bid);
  }

  async updateBid(id: string, values: Partial<BidRow>): Promise<void> {
    await this.manager.update(BidRow, { id }, values as never);
  }

  /** Marks the tender awarded to `bidId` and its bids accordingly; false when it was no longer open. */
  async markAwarded(tenderId: string, bidId: string): Promise<boolean> {
    const marked = await this.manager.update(TenderRow, { id: tenderId, status: 'OPEN' }, { status: 'AWARDED', awardedBidId: bidId });
    if (marked.affected === 0) return false;
    await this.manager.update(BidRow, { tenderId }, { status: 'NOT_AWARDED' });
    await this.manager.update(BidRow, { id: bidId }, { status: 'AWARDED' });
    return true;
  }

  async linkContract(tenderId: string, contractId: string): Promise<void> {
    await this.manager.update(TenderRow, { id: tenderId }, { contractId });
  }
}
