import { DataSource, In } from 'typeorm';
import { ContractRevisionRow } from './entities/contract-revision';
import { everyTargetVersions, PriceTermsVersion, priceTermsVersions, SlaTargetVersion } from './snapshot';

/**
 * What a contract's revisions say over time: every SLA target's versions and the price terms
 * versions. Deriving them reads every revision's full snapshot (a contract of 100 queues and
 * targets built up one change at a time holds some 200 of them), which cost a compliance
 * request about a third of its time when done on every request. They are derived once per
 * revision of the contract and kept: a revision is never changed once written, and every change
 * to a contract moves its revision number in the same transaction, so what was derived at
 * revision N is exact for as long as the contract stands at N. Each request reads the contract's
 * current revision from its contract row (the request's contract loader, usually loaded already).
 */
export interface ContractHistories {
  /** The revision the histories were derived at. */
  revision: number;
  targets: ReadonlyMap<string, SlaTargetVersion[]>;
  priceTerms: PriceTermsVersion[];
}

/** Contracts whose histories are kept per process (least recently used dropped first). */
export const HISTORY_CACHE_CONTRACTS = 1_000;

/** Histories by contract, at most `capacity` contracts; an entry is good only at the revision it was derived at. */
export class HistoryCache {
  private readonly entries = new Map<string, ContractHistories>();

  constructor(private readonly capacity = HISTORY_CACHE_CONTRACTS) {}

  get(contractId: string, revision: number): ContractHistories | undefined {
    const entry = this.entries.get(contractId);
    if (!entry || entry.revision !== revision) return undefined;
    // Most recently used last.
    this.entries.delete(contractId);
    this.entries.set(contractId, entry);
    return entry;
  }

  set(contractId: string, entry: ContractHistories): void {
    this.entries.delete(contractId);
    this.entries.set(contractId, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

/** One cache per database: two hubs in one process (tests, the local hub) never share entries. */
const caches = new WeakMap<DataSource, HistoryCache>();

function cacheOf(db: DataSource): HistoryCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new HistoryCache()));
  return cache;
}

/**
 * The histories of some contracts, by id (a contract that does not exist: empty histories), given
 * each contract's current revision as this request read it (its contract row).
 */
export async function contractHistories(db: DataSource, contractIds: readonly string[], revisionOf: ReadonlyMap<string, number>): Promise<ContractHistories[]> {
  const cache = cacheOf(db);
  const found = new Map<string, ContractHistories>();
  const missing: string[] = [];
  for (const id of contractIds) {
    const hit = revisionOf.has(id) ? cache.get(id, revisionOf.get(id)!) : undefined;
    if (hit) found.set(id, hit);
    else missing.push(id);
  }
  if (missing.length > 0) {
    const rows = await db.getRepository(ContractRevisionRow).find({ where: { contractId: In(missing) }, order: { revision: 'ASC' } });
    const groups = new Map<string, ContractRevisionRow[]>(missing.map((id) => [id, []]));
    for (const row of rows) groups.get(row.contractId)?.push(row);
    for (const [id, revisions] of groups) {
      // Shared by every request that reads them afterwards: frozen, so none can change them for the next.
      const targets = everyTargetVersions(revisions);
      for (const versions of targets.values()) {
        for (const v of versions) Object.freeze(v);
        Object.freeze(versions);
      }
      const histories: ContractHistories = Object.freeze({
        revision: revisions.length > 0 ? revisions[revisions.length - 1].revision : 0,
        targets,
        priceTerms: Object.freeze(priceTermsVersions(revisions).map((v) => Object.freeze(v))) as PriceTermsVersion[],
      });
      found.set(id, histories);
      // Kept only when it is the contract's revision this request read: a change written
      // between the two reads is derived again next time.
      if (revisions.length > 0 && histories.revision === revisionOf.get(id)) cache.set(id, histories);
    }
  }
  return contractIds.map((id) => found.get(id)!);
}
