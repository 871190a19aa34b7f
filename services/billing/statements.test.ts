import type { PricedContractFacts } from '../clients/contracts';
import { covers } from '../clients/forecasts';
import { Problems } from '../platform/errors';
import { checkMonth, differences, earnedBack, figuresOf, monthRange, segmentsOf, shiftMonth, StatementContent } from './statements';

const TERMS = (rateMinor: number) => ({
  components: [{ code: 'CONTACTS', kind: 'PER_HANDLED_CONTACT' as const, rateMinor, queueId: null, bands: [] }],
  fteHoursPerMonth: null,
  minimumMonthlyMinor: null,
  capMonthlyMinor: null,
  creditCapPercent: null,
  bonuses: [],
  earnBackMonths: null,
});

const FACTS: PricedContractFacts = {
  id: 'ct-1', status: 'ACTIVE', clientId: 'acme', centreId: 'callco', monthlyFeeMinor: null, currency: 'EUR',
  queues: [{ id: 'q-1', timeZone: 'Europe/Paris' }], slaTargets: [], complaintTerms: null,
  priceTermsHistory: [
    { effectiveFrom: '2026-01-01T00:00:00.000Z', effectiveTo: '2026-05-15T22:00:00.000Z', revision: 3, terms: TERMS(350) },
    { effectiveFrom: '2026-05-15T22:00:00.000Z', effectiveTo: null, revision: 5, terms: TERMS(380) },
  ],
};

const epoch = (iso: string) => Date.parse(iso) / 1000;

describe('months', () => {
  it('follow the zone of the first queue', () => {
    expect(monthRange('2026-05', FACTS)).toEqual({ from: epoch('2026-04-30T22:00:00Z'), to: epoch('2026-05-31T22:00:00Z'), timeZone: 'Europe/Paris' });
    expect(monthRange('2026-05', { queues: [] }).timeZone).toBe('UTC');
  });

  it('shift across years', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-11', 3)).toBe('2027-02');
  });

  it('are YYYY-MM within the hub window', () => {
    for (const [month, ok] of [['2026-05', true], ['2026-13', false], ['26-05', false], ['1999-12', false], ['2100-01', false]] as const) {
      const p = new Problems();
      checkMonth(p, month);
      expect([month, p.empty]).toEqual([month, ok]);
    }
  });
});

describe('the parts of a month', () => {
  it('are cut where the terms change, and only while terms were in force', () => {
    const parts = segmentsOf(FACTS, monthRange('2026-05', FACTS));
    expect(parts.map((p) => [p.from, p.to, p.revision, p.terms.components[0].rateMinor])).toEqual([
      [epoch('2026-04-30T22:00:00Z'), epoch('2026-05-15T22:00:00Z'), 3, 350],
      [epoch('2026-05-15T22:00:00Z'), epoch('2026-05-31T22:00:00Z'), 5, 380],
    ]);
    expect(segmentsOf(FACTS, monthRange('2025-12', FACTS))).toEqual([]);
  });
});

describe('a forecast covers a period', () => {
  it('when its horizons leave no gap', () => {
    expect(covers([{ from: 0, to: 50 }, { from: 40, to: 100 }], 10, 100)).toBe(true);
    expect(covers([{ from: 0, to: 50 }, { from: 60, to: 100 }], 10, 100)).toBe(false);
    expect(covers([{ from: 20, to: 100 }], 10, 100)).toBe(false);
    expect(covers([], 10, 100)).toBe(false);
  });
});

describe('earning a credit back', () => {
  const months = [
    { month: '2026-05', from: epoch('2026-05-01T00:00:00Z'), to: epoch('2026-06-01T00:00:00Z') },
    { month: '2026-06', from: epoch('2026-06-01T00:00:00Z'), to: epoch('2026-07-01T00:00:00Z') },
  ];

  it('needs every judged window of every month since met', () => {
    const met = [{ start: '2026-05-03T00:00:00Z', met: true }, { start: '2026-06-03T00:00:00Z', met: true }, { start: '2026-06-04T00:00:00Z', met: null }];
    expect(earnedBack(met, months)).toEqual({ earned: true, reason: 'the target met every judged window of 2026-05, 2026-06' });
    expect(earnedBack([...met, { start: '2026-06-09T00:00:00Z', met: false }], months)).toEqual({ earned: false, reason: 'the target missed 1 window(s) in 2026-06' });
  });

  it('is not earned over a month with nothing judged', () => {
    expect(earnedBack([{ start: '2026-05-03T00:00:00Z', met: true }, { start: '2026-06-03T00:00:00Z', met: null }], months)).toEqual({
      earned: false,
      reason: 'no window of the target was judged in 2026-06',
    });
  });
});

describe('an issued statement against the month now', () => {
  const line = (code: string, from: number, quantity: number, amountMinor: number) => ({
    code, kind: 'CHARGE' as const, queueId: null, slaTargetId: null, from, to: from + 10, quantityScaled: quantity, quantity, unit: 'CONTACT' as const, rateMinor: 350,
    amountMinor, definition: 'd', termsRevision: 1,
  });
  const content = (lines: ReturnType<typeof line>[]) => ({ lines, totalMinor: lines.reduce((s, l) => s + l.amountMinor, 0) }) as unknown as StatementContent;

  it('lists every figure that moved, and a line that appeared', () => {
    const issued = content([line('CONTACTS', 0, 100, 35_000)]);
    const now = content([line('CONTACTS', 0, 102, 35_700), line('CONTACTS@110%+', 0, 5, 2_000)]);
    expect(differences(issued, now)).toEqual([
      { code: 'CONTACTS', from: '1970-01-01T00:00:00.000Z', field: 'quantity', issued: 100, current: 102 },
      { code: 'CONTACTS', from: '1970-01-01T00:00:00.000Z', field: 'amountMinor', issued: 35_000, current: 35_700 },
      { code: 'CONTACTS@110%+', from: '1970-01-01T00:00:00.000Z', field: 'line', issued: null, current: 2_000 },
    ]);
    expect(figuresOf(issued)).not.toBe(figuresOf(now));
    expect(differences(issued, issued)).toEqual([]);
  });
});
