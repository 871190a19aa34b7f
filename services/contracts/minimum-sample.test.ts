import { ContractRow } from './entities/contract';
import { SlaTargetRow } from './entities/sla-target';
import { ContractSnapshot, diffSnapshots, takeSnapshot, everyTargetVersions } from './snapshot';

/** One target's versions, as the contract's histories give them. */
const versionsOf = (id: string, revisions: Parameters<typeof everyTargetVersions>[0]) => everyTargetVersions(revisions).get(id) ?? [];

/** Revisions stored before SLA targets had a minimum sample carry no minimumSample at all. */
function contract(): ContractRow {
  return { id: 'c-1', clientId: 'a', centreId: 'b', title: 'T', reference: null, status: 'ACTIVE', startDate: '2026-01-01', endDate: null, currency: 'EUR', monthlyFeeMinor: null, revision: 1,
    responsibilities: [], informationItems: [], reportingObligations: [], complaintTerms: null, serviceTerms: [], activatedAt: null, createdAt: new Date(0), updatedAt: new Date(0) } as unknown as ContractRow;
}

function target(overrides: Partial<SlaTargetRow> = {}): SlaTargetRow {
  return Object.assign(new SlaTargetRow(), {
    id: 't-1', contractId: 'c-1', queueId: null, metric: 'CSAT', variant: 'CANONICAL', thresholdSeconds: null, shortAbandonSeconds: null, repeatWindowDays: null, tolerance: null,
    goal: 0.8, comparator: 'AT_LEAST', window: 'WEEK', creditPercentPerPoint: null, creditCapPercent: null, minimumSample: null, createdAt: new Date(0), ...overrides,
  });
}

function legacy(snapshot: ContractSnapshot): ContractSnapshot {
  return { ...snapshot, slaTargets: snapshot.slaTargets.map(({ minimumSample: _m, ...t }) => t) };
}

describe('minimumSample in the history of a target', () => {
  const old = legacy(takeSnapshot(contract(), [], [target()]));
  it('reads a revision without it as "no minimum": no new version, no change', () => {
    const now = takeSnapshot(contract(), [], [target()]);
    expect(old.slaTargets[0]).not.toHaveProperty('minimumSample');
    expect(diffSnapshots(old, now)).toEqual([]);
    const versions = versionsOf('t-1', [
      { effectiveFrom: new Date('2026-01-01T00:00:00Z'), snapshot: old },
      { effectiveFrom: new Date('2026-02-01T00:00:00Z'), snapshot: now },
    ]);
    expect(versions.map((v) => [v.effectiveFrom.toISOString(), v.effectiveTo, v.minimumSample])).toEqual([['2026-01-01T00:00:00.000Z', null, null]]);
  });
  it('makes a new version, and a change, when a minimum is set', () => {
    const now = takeSnapshot(contract(), [], [target({ minimumSample: 30 })]);
    expect(diffSnapshots(old, now)).toEqual([{ path: 'slaTargets[t-1].minimumSample', before: 'null', after: '30' }]);
    const versions = versionsOf('t-1', [
      { effectiveFrom: new Date('2026-01-01T00:00:00Z'), snapshot: old },
      { effectiveFrom: new Date('2026-02-01T00:00:00Z'), snapshot: now },
    ]);
    expect(versions.map((v) => v.minimumSample)).toEqual([null, 30]);
  });
});
