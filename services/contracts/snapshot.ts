import type { ContractRow } from './entities/contract';
import type { QueueRow } from './entities/queue';
import type { SlaTargetRow } from './entities/sla-target';
import type { PriceTerms } from '../metrics/pricing';

type Plain<T> = { [K in keyof T as T[K] extends Function ? never : K]: T[K] };

export type QueueSnapshot = Omit<Plain<QueueRow>, 'createdAt'>;
export type SlaTargetSnapshot = Omit<Plain<SlaTargetRow>, 'createdAt'>;

/** The whole agreement as it stood after one revision. Plain JSON: no Dates, no row objects. */
export interface ContractSnapshot extends Omit<Plain<ContractRow>, 'activatedAt' | 'createdAt' | 'updatedAt' | 'priceTerms'> {
  queues: QueueSnapshot[];
  slaTargets: SlaTargetSnapshot[];
  /** Absent while the contract has none (and in snapshots taken before contracts had prices). */
  priceTerms?: PriceTerms;
}

export interface FieldChange {
  /** e.g. `title`, `slaTargets[t-1].goal`, `queues[q-2]` (added or removed), `serviceTerms`. */
  path: string;
  /** JSON of the value before; null when the thing did not exist. */
  before: string | null;
  after: string | null;
}

const IGNORED = new Set(['revision']);

export function takeSnapshot(contract: ContractRow, queues: QueueRow[], targets: SlaTargetRow[]): ContractSnapshot {
  const { activatedAt: _a, createdAt: _c, updatedAt: _u, priceTerms, ...fields } = contract;
  const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((x, y) => x.id.localeCompare(y.id));
  return {
    ...fields,
    ...(priceTerms ? { priceTerms } : {}),
    queues: byId(queues).map(({ createdAt: _q, ...q }) => ({ ...q })),
    slaTargets: byId(targets).map(({ createdAt: _t, ...t }) => ({ ...t })),
  };
}

function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

function diffRecords(prefix: string, before: Record<string, unknown>, after: Record<string, unknown>, out: FieldChange[]): void {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of [...keys].sort()) {
    if (IGNORED.has(key)) continue;
    const b = json(before[key]);
    const a = json(after[key]);
    if (b !== a) out.push({ path: `${prefix}${key}`, before: b, after: a });
  }
}

function diffKeyed<T extends { id: string }>(name: string, before: T[], after: T[], out: FieldChange[], same: (item: T) => T = (item) => item): void {
  const old = new Map(before.map((x) => [x.id, x]));
  const now = new Map(after.map((x) => [x.id, x]));
  for (const [id, item] of now) {
    const prior = old.get(id);
    if (!prior) out.push({ path: `${name}[${id}]`, before: null, after: json(item) });
    else diffRecords(`${name}[${id}].`, same(prior) as unknown as Record<string, unknown>, same(item) as unknown as Record<string, unknown>, out);
  }
  for (const [id, item] of old) {
    if (!now.has(id)) out.push({ path: `${name}[${id}]`, before: json(item), after: null });
  }
}

/** A target of a snapshot taken before minimumSample existed states none: null, not a change. */
function withMinimumSample(target: SlaTargetSnapshot): SlaTargetSnapshot {
  return { ...target, minimumSample: target.minimumSample ?? null };
}

/** What changed between two snapshots, field by field; entities are matched by id. */
export function diffSnapshots(before: ContractSnapshot | null, after: ContractSnapshot): FieldChange[] {
  if (!before) return [{ path: '', before: null, after: 'created' }];
  const out: FieldChange[] = [];
  const { queues: bq, slaTargets: bt, ...bFields } = before;
  const { queues: aq, slaTargets: at, ...aFields } = after;
  diffRecords('', bFields, aFields, out);
  diffKeyed('queues', bq, aq, out);
  diffKeyed('slaTargets', bt, at, out, withMinimumSample);
  return out;
}

/** One definition of an SLA target over the period it was in force. */
export interface SlaTargetVersion extends Omit<SlaTargetSnapshot, 'id' | 'contractId' | 'minimumSample'> {
  minimumSample: number | null;
  effectiveFrom: Date;
  /** Null while still in force. */
  effectiveTo: Date | null;
}

/**
 * The definitions each SLA target of a contract had while the contract was ACTIVE, oldest first,
 * by target id, from the contract's revisions (ordered by revision). A target measures nothing
 * while the contract is a draft, and a change takes over from its revision's effective date. One
 * walk of the revisions for every target (a walk per target would look for it in every snapshot).
 */
export function everyTargetVersions(revisions: Array<{ effectiveFrom: Date; snapshot: ContractSnapshot }>): Map<string, SlaTargetVersion[]> {
  const walks = new Map<string, { versions: SlaTargetVersion[]; currentKey: string | null }>();
  for (const rev of revisions) {
    const present = new Map<string, SlaTargetSnapshot>();
    if (rev.snapshot.status === 'ACTIVE') for (const t of rev.snapshot.slaTargets) present.set(t.id, t);
    for (const id of present.keys()) if (!walks.has(id)) walks.set(id, { versions: [], currentKey: null });
    for (const [id, walk] of walks) {
      const found = present.get(id);
      const { id: _id, contractId: _c, ...fields } = found ?? ({} as SlaTargetSnapshot);
      // A snapshot taken before minimumSample existed states none: the same definition as null.
      const definition = { ...fields, minimumSample: fields.minimumSample ?? null };
      const key = found ? JSON.stringify(definition) : null;
      if (key === walk.currentKey) continue;
      const open = walk.versions[walk.versions.length - 1];
      if (open && open.effectiveTo === null) open.effectiveTo = rev.effectiveFrom;
      if (found) walk.versions.push({ ...definition, effectiveFrom: rev.effectiveFrom, effectiveTo: null });
      walk.currentKey = key;
    }
  }
  // Two changes effective at the same instant: only the later one was ever in force.
  return new Map(
    [...walks].map(([id, walk]) => [id, walk.versions.filter((v) => v.effectiveTo === null || v.effectiveTo.getTime() > v.effectiveFrom.getTime())]),
  );
}

/** The price terms a contract had over a period. */
export interface PriceTermsVersion {
  effectiveFrom: Date;
  /** Null while still in force. */
  effectiveTo: Date | null;
  /** The revision that set them. */
  revision: number;
  terms: PriceTerms;
}

/**
 * The price terms in force while the contract was ACTIVE, oldest first, from its revisions
 * (ordered by revision), like everyTargetVersions: nothing is billable while the contract is a draft,
 * and a change takes over from its revision's effective date.
 */
export function priceTermsVersions(revisions: Array<{ revision: number; effectiveFrom: Date; snapshot: ContractSnapshot }>): PriceTermsVersion[] {
  const versions: PriceTermsVersion[] = [];
  let currentKey: string | null = null;
  for (const rev of revisions) {
    const terms = rev.snapshot.status === 'ACTIVE' ? (rev.snapshot.priceTerms ?? null) : null;
    const key = terms ? JSON.stringify(terms) : null;
    if (key === currentKey) continue;
    const open = versions[versions.length - 1];
    if (open && open.effectiveTo === null) open.effectiveTo = rev.effectiveFrom;
    if (terms) versions.push({ effectiveFrom: rev.effectiveFrom, effectiveTo: null, revision: rev.revision, terms });
    currentKey = key;
  }
  return versions.filter((v) => v.effectiveTo === null || v.effectiveTo.getTime() > v.effectiveFrom.getTime());
}
