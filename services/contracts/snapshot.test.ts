import type { ContractRow } from './entities/contract';
import type { QueueRow } from './entities/queue';
import type { SlaTargetRow } from './entities/sla-target';
import { ContractSnapshot, diffSnapshots, everyTargetVersions, priceTermsVersions, takeSnapshot } from './snapshot';

/** One target's versions, as the contract's histories give them. */
const versionsOf = (id: string, revisions: Parameters<typeof everyTargetVersions>[0]) => everyTargetVersions(revisions).get(id) ?? [];

const CREATED = new Date('2026-01-05T10:00:00.000Z');

function contractRow(overrides: Partial<ContractRow> = {}): ContractRow {
  return {
    id: 'c-1',
    clientId: 'org-client',
    centreId: 'org-centre',
    title: 'Customer service 2026',
    reference: 'REF-1',
    status: 'DRAFT',
    startDate: '2026-02-01',
    endDate: null,
    currency: 'EUR',
    monthlyFeeMinor: 1_250_000,
    revision: 1,
    responsibilities: [],
    informationItems: [],
    reportingObligations: [{ report: 'SLA report', frequency: 'MONTHLY', dueDaysAfterPeriodEnd: 5 }],
    complaintTerms: null,
    serviceTerms: [{ topic: 'Confidentiality', text: 'Keep it secret.' }],
    priceTerms: null,
    activatedAt: new Date('2026-01-06T00:00:00.000Z'),
    createdAt: CREATED,
    updatedAt: new Date('2026-01-07T00:00:00.000Z'),
    ...overrides,
  };
}

function queueRow(id: string, overrides: Partial<QueueRow> = {}): QueueRow {
  return {
    id,
    contractId: 'c-1',
    name: `Queue ${id}`,
    channel: 'VOICE',
    direction: 'INBOUND',
    timeZone: 'Europe/Paris',
    openingHours: [{ weekday: 'MONDAY', opens: '09:00', closes: '17:00' }],
    createdAt: CREATED,
    ...overrides,
  };
}

function targetRow(id: string, overrides: Partial<SlaTargetRow> = {}): SlaTargetRow {
  return {
    id,
    contractId: 'c-1',
    queueId: null,
    metric: 'SERVICE_LEVEL',
    variant: 'STANDARD',
    thresholdSeconds: 20,
    shortAbandonSeconds: null,
    repeatWindowDays: null,
    tolerance: null,
    goal: 0.8,
    comparator: 'AT_LEAST',
    window: 'DAY',
    creditPercentPerPoint: null,
    creditCapPercent: null,
    createdAt: CREATED,
    ...overrides,
  };
}

function snapshot(
  contract: Partial<ContractRow> = {},
  queues: QueueRow[] = [queueRow('q-1')],
  targets: SlaTargetRow[] = [targetRow('t-1')],
): ContractSnapshot {
  return takeSnapshot(contractRow(contract), queues, targets);
}

describe('takeSnapshot', () => {
  it('drops the timestamps of the contract, its queues and its targets', () => {
    const snap = snapshot();
    expect(snap).not.toHaveProperty('activatedAt');
    expect(snap).not.toHaveProperty('createdAt');
    expect(snap).not.toHaveProperty('updatedAt');
    expect(snap.queues[0]).not.toHaveProperty('createdAt');
    expect(snap.slaTargets[0]).not.toHaveProperty('createdAt');
    // What remains is plain JSON: it survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
  });

  it('keeps every other field', () => {
    const snap = snapshot();
    expect(snap.title).toBe('Customer service 2026');
    expect(snap.revision).toBe(1);
    expect(snap.serviceTerms).toEqual([{ topic: 'Confidentiality', text: 'Keep it secret.' }]);
    expect(snap.queues[0]).toEqual({
      id: 'q-1',
      contractId: 'c-1',
      name: 'Queue q-1',
      channel: 'VOICE',
      direction: 'INBOUND',
      timeZone: 'Europe/Paris',
      openingHours: [{ weekday: 'MONDAY', opens: '09:00', closes: '17:00' }],
    });
  });

  it('orders queues and targets by id, without reordering the caller’s arrays', () => {
    const queues = [queueRow('q-c'), queueRow('q-a'), queueRow('q-b')];
    const targets = [targetRow('t-2'), targetRow('t-1')];
    const snap = takeSnapshot(contractRow(), queues, targets);
    expect(snap.queues.map((q) => q.id)).toEqual(['q-a', 'q-b', 'q-c']);
    expect(snap.slaTargets.map((t) => t.id)).toEqual(['t-1', 't-2']);
    expect(queues.map((q) => q.id)).toEqual(['q-c', 'q-a', 'q-b']);
  });

  it('does not mutate the rows', () => {
    const contract = contractRow();
    const queue = queueRow('q-1');
    takeSnapshot(contract, [queue], []);
    expect(contract.createdAt).toBe(CREATED);
    expect(queue.createdAt).toBe(CREATED);
  });
});

describe('diffSnapshots', () => {
  it('reports a creation when there is no previous snapshot', () => {
    expect(diffSnapshots(null, snapshot())).toEqual([{ path: '', before: null, after: 'created' }]);
  });

  it('gives no change for equal snapshots', () => {
    expect(diffSnapshots(snapshot(), snapshot())).toEqual([]);
  });

  it('ignores the revision counter', () => {
    expect(diffSnapshots(snapshot({ revision: 1 }), snapshot({ revision: 2 }))).toEqual([]);
  });

  it('reports scalar changes with JSON before and after, sorted by field name', () => {
    const changes = diffSnapshots(
      snapshot({ title: 'Old', monthlyFeeMinor: 100, endDate: null }),
      snapshot({ title: 'New', monthlyFeeMinor: 200, endDate: '2026-12-31' }),
    );
    expect(changes).toEqual([
      // JSON: strings are quoted, null is the literal null (the field existed but was empty).
      { path: 'endDate', before: 'null', after: '"2026-12-31"' },
      { path: 'monthlyFeeMinor', before: '100', after: '200' },
      { path: 'title', before: '"Old"', after: '"New"' },
    ]);
  });

  it('compares list-valued terms as whole values', () => {
    const before = snapshot({ serviceTerms: [{ topic: 'A', text: 'a' }, { topic: 'B', text: 'b' }] });
    const after = snapshot({ serviceTerms: [{ topic: 'A', text: 'a' }, { topic: 'B', text: 'b2' }] });
    expect(diffSnapshots(before, after)).toEqual([
      {
        path: 'serviceTerms',
        before: '[{"topic":"A","text":"a"},{"topic":"B","text":"b"}]',
        after: '[{"topic":"A","text":"a"},{"topic":"B","text":"b2"}]',
      },
    ]);
  });

  it('reports a reordered list as a change (order is part of the value)', () => {
    const a = { topic: 'A', text: 'a' };
    const b = { topic: 'B', text: 'b' };
    expect(diffSnapshots(snapshot({ serviceTerms: [a, b] }), snapshot({ serviceTerms: [b, a] })).map((c) => c.path)).toEqual([
      'serviceTerms',
    ]);
  });

  it('reports added, removed and changed queues by id', () => {
    const before = snapshot({}, [queueRow('q-1'), queueRow('q-2')]);
    const after = snapshot({}, [queueRow('q-1', { name: 'Renamed' }), queueRow('q-3')]);
    const changes = diffSnapshots(before, after);
    expect(changes).toEqual([
      { path: 'queues[q-1].name', before: '"Queue q-1"', after: '"Renamed"' },
      { path: 'queues[q-3]', before: null, after: JSON.stringify(after.queues[1]) },
      { path: 'queues[q-2]', before: JSON.stringify(before.queues[1]), after: null },
    ]);
  });

  it('compares a queue’s opening hours as one value', () => {
    const before = snapshot({}, [queueRow('q-1')]);
    const after = snapshot({}, [queueRow('q-1', { openingHours: [{ weekday: 'MONDAY', opens: '08:00', closes: '17:00' }] })]);
    expect(diffSnapshots(before, after)).toEqual([
      {
        path: 'queues[q-1].openingHours',
        before: '[{"weekday":"MONDAY","opens":"09:00","closes":"17:00"}]',
        after: '[{"weekday":"MONDAY","opens":"08:00","closes":"17:00"}]',
      },
    ]);
  });

  it('reports added, removed and changed SLA targets by id', () => {
    const before = snapshot({}, undefined, [targetRow('t-1'), targetRow('t-2')]);
    const after = snapshot({}, undefined, [targetRow('t-1', { goal: 0.9, tolerance: 0.02 }), targetRow('t-3')]);
    expect(diffSnapshots(before, after)).toEqual([
      // Within one target, fields come in name order.
      { path: 'slaTargets[t-1].goal', before: '0.8', after: '0.9' },
      { path: 'slaTargets[t-1].tolerance', before: 'null', after: '0.02' },
      { path: 'slaTargets[t-3]', before: null, after: JSON.stringify(after.slaTargets[1]) },
      { path: 'slaTargets[t-2]', before: JSON.stringify(before.slaTargets[1]), after: null },
    ]);
  });

  it('lists contract fields first, then queues, then targets', () => {
    const before = snapshot({ title: 'Old' }, [queueRow('q-1')], [targetRow('t-1')]);
    const after = snapshot({ title: 'New' }, [queueRow('q-1', { channel: 'CHAT' })], [targetRow('t-1', { window: 'WEEK' })]);
    expect(diffSnapshots(before, after).map((c) => c.path)).toEqual(['title', 'queues[q-1].channel', 'slaTargets[t-1].window']);
  });

  it('reports a field present on one side only with a null side', () => {
    // Older stored snapshots may lack a field added later to the schema.
    const before = snapshot();
    const { complaintTerms: _dropped, ...older } = before;
    const changes = diffSnapshots(older as ContractSnapshot, before);
    expect(changes).toEqual([{ path: 'complaintTerms', before: null, after: 'null' }]);
  });
});

describe('one target\'s versions', () => {
  const at = (iso: string) => new Date(iso);
  const rev = (effectiveFrom: string, status: 'DRAFT' | 'ACTIVE', targets: SlaTargetRow[]) => ({
    effectiveFrom: at(effectiveFrom),
    snapshot: takeSnapshot(contractRow({ status }), [], targets),
  });

  it('starts measuring at activation and splits at each change of definition', () => {
    const versions = versionsOf('t-1', [
      rev('2026-01-01T00:00:00Z', 'DRAFT', [targetRow('t-1', { goal: 0.7 })]),
      rev('2026-01-10T00:00:00Z', 'ACTIVE', [targetRow('t-1', { goal: 0.8 })]),
      rev('2026-01-20T00:00:00Z', 'ACTIVE', [targetRow('t-1', { goal: 0.8 }), targetRow('t-2')]), // t-1 unchanged
      rev('2026-02-01T00:00:00Z', 'ACTIVE', [targetRow('t-1', { goal: 0.85 })]),
    ]);
    expect(versions.map((v) => [v.effectiveFrom.toISOString(), v.effectiveTo?.toISOString() ?? null, v.goal])).toEqual([
      ['2026-01-10T00:00:00.000Z', '2026-02-01T00:00:00.000Z', 0.8],
      ['2026-02-01T00:00:00.000Z', null, 0.85],
    ]);
  });

  it('closes the last version when the target is removed, and drops versions that never applied', () => {
    const versions = versionsOf('t-1', [
      rev('2026-01-01T00:00:00Z', 'ACTIVE', [targetRow('t-1', { goal: 0.8 })]),
      rev('2026-01-05T00:00:00Z', 'ACTIVE', [targetRow('t-1', { goal: 0.9 })]),
      rev('2026-01-05T00:00:00Z', 'ACTIVE', [targetRow('t-1', { goal: 0.95 })]),
      rev('2026-03-01T00:00:00Z', 'ACTIVE', []),
    ]);
    expect(versions.map((v) => [v.effectiveFrom.toISOString(), v.effectiveTo?.toISOString(), v.goal])).toEqual([
      ['2026-01-01T00:00:00.000Z', '2026-01-05T00:00:00.000Z', 0.8],
      ['2026-01-05T00:00:00.000Z', '2026-03-01T00:00:00.000Z', 0.95],
    ]);
  });
});

describe('everyTargetVersions', () => {
  const at = (iso: string) => new Date(iso);
  const rev = (effectiveFrom: string, status: 'DRAFT' | 'ACTIVE', targets: SlaTargetRow[]) => ({
    effectiveFrom: at(effectiveFrom),
    snapshot: takeSnapshot(contractRow({ status }), [], targets),
  });
  const shown = (versions: Array<{ effectiveFrom: Date; effectiveTo: Date | null; goal: number }> | undefined) =>
    versions?.map((v) => [v.effectiveFrom.toISOString().slice(0, 10), v.effectiveTo?.toISOString().slice(0, 10) ?? null, v.goal]);

  it('gives every target its own versions from one walk: added, changed, paused with the contract, removed and added again', () => {
    const histories = everyTargetVersions([
      rev('2026-01-01T00:00:00Z', 'ACTIVE', [targetRow('t-1', { goal: 0.8 })]),
      rev('2026-01-10T00:00:00Z', 'ACTIVE', [targetRow('t-1', { goal: 0.8 }), targetRow('t-2', { goal: 0.5 })]),
      rev('2026-02-01T00:00:00Z', 'DRAFT', [targetRow('t-1', { goal: 0.8 }), targetRow('t-2', { goal: 0.5 })]),
      rev('2026-02-15T00:00:00Z', 'ACTIVE', [targetRow('t-1', { goal: 0.9 }), targetRow('t-2', { goal: 0.5 })]),
      rev('2026-03-01T00:00:00Z', 'ACTIVE', [targetRow('t-2', { goal: 0.5 })]),
      rev('2026-04-01T00:00:00Z', 'ACTIVE', [targetRow('t-2', { goal: 0.6 }), targetRow('t-1', { goal: 0.9 })]),
    ]);
    expect([...histories.keys()].sort()).toEqual(['t-1', 't-2']);
    expect(shown(histories.get('t-1'))).toEqual([
      ['2026-01-01', '2026-02-01', 0.8],
      ['2026-02-15', '2026-03-01', 0.9],
      ['2026-04-01', null, 0.9],
    ]);
    expect(shown(histories.get('t-2'))).toEqual([
      ['2026-01-10', '2026-02-01', 0.5],
      ['2026-02-15', '2026-04-01', 0.5],
      ['2026-04-01', null, 0.6],
    ]);
  });
});

describe('price terms over time', () => {
  const terms = (rateMinor: number) => ({
    components: [{ code: 'CONTACTS', kind: 'PER_HANDLED_CONTACT' as const, rateMinor, queueId: null, bands: [] }],
    fteHoursPerMonth: null,
    minimumMonthlyMinor: null,
    capMonthlyMinor: null,
    creditCapPercent: null,
    bonuses: [],
    earnBackMonths: null,
  });

  it('leaves a contract without prices as it was snapshotted before prices existed, and records a price as a change', () => {
    const before = takeSnapshot(contractRow(), [], []);
    expect(before).not.toHaveProperty('priceTerms');
    const after = takeSnapshot(contractRow({ priceTerms: terms(350) }), [], []);
    expect(diffSnapshots(before, after).map((c) => c.path)).toEqual(['priceTerms']);
  });

  it('keeps the versions in force while active, each from its effective date', () => {
    const at = (d: string) => new Date(`2026-${d}T00:00:00.000Z`);
    const snap = (status: 'DRAFT' | 'ACTIVE', rate: number | null) => takeSnapshot(contractRow({ status, priceTerms: rate === null ? null : terms(rate) }), [], []);
    const versions = priceTermsVersions([
      { revision: 1, effectiveFrom: at('01-01'), snapshot: snap('DRAFT', 300) },
      { revision: 2, effectiveFrom: at('02-01'), snapshot: snap('ACTIVE', 300) },
      { revision: 3, effectiveFrom: at('03-01'), snapshot: snap('ACTIVE', 300) },
      { revision: 4, effectiveFrom: at('03-16'), snapshot: snap('ACTIVE', 380) },
    ]);
    expect(versions.map((v) => [v.revision, v.effectiveFrom.toISOString().slice(0, 10), v.effectiveTo?.toISOString().slice(0, 10) ?? null, v.terms.components[0].rateMinor])).toEqual([
      [2, '2026-02-01', '2026-03-16', 300],
      [4, '2026-03-16', null, 380],
    ]);
  });
});
