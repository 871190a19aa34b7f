import {
  computeStatement,
  divideRounded,
  lineAmount,
  PriceComponent,
  PricedSegment,
  PriceTerms,
  priceTermsProblems,
  PricingOverflow,
  reconcile,
  scaled,
  StatementInput,
} from './pricing';

/**
 * Hand-computed statements. June 2026 in UTC: 30 days, 2,592,000 seconds; the 16th at 00:00 is
 * 1,296,000 seconds in (half the month).
 */
const JUNE = { month: '2026-06', monthFrom: Date.UTC(2026, 5, 1) / 1000, monthTo: Date.UTC(2026, 6, 1) / 1000 };
const MID_JUNE = Date.UTC(2026, 5, 16) / 1000;

function terms(components: Array<Partial<PriceComponent> & Pick<PriceComponent, 'kind' | 'rateMinor'>>, extra: Partial<PriceTerms> = {}): PriceTerms {
  return {
    components: components.map((c) => ({ code: c.code ?? c.kind, queueId: null, bands: [], ...c })),
    fteHoursPerMonth: null,
    minimumMonthlyMinor: null,
    capMonthlyMinor: null,
    creditCapPercent: null,
    bonuses: [],
    earnBackMonths: null,
    ...extra,
  };
}

function segment(t: PriceTerms, queues: PricedSegment['queues'], options: Partial<PricedSegment> = {}): PricedSegment {
  return { from: JUNE.monthFrom, to: JUNE.monthTo, terms: t, termsRevision: 3, queues, forecast: {}, ...options };
}

function statement(segments: PricedSegment[], more: Partial<StatementInput> = {}) {
  return computeStatement({ ...JUNE, segments, compliance: [], earnBack: null, ...more });
}

const q = (handledContacts: number, handledSeconds = 0, staffedSeconds: number | null = 0) => ({ handledContacts, handledSeconds, staffedSeconds, intervals: 100 });

describe('rounding, once per line, half away from zero', () => {
  it('divides with halves away from zero, both signs', () => {
    expect(divideRounded(5n, 2n)).toBe(3n);
    expect(divideRounded(-5n, 2n)).toBe(-3n);
    expect(divideRounded(7n, 3n)).toBe(2n);
    expect(divideRounded(8n, 3n)).toBe(3n);
  });

  it('states decimals through their text, so 1.005 is not 1.00499…', () => {
    expect(scaled(1.005, 2)).toBe(101n);
    expect(scaled(2.5, 4)).toBe(25_000n);
    expect(scaled(0.0001, 4)).toBe(1n);
  });

  it('prices the stated quantity: 90 s is 1.50 minutes, at 45 that is 67.5, so 68', () => {
    expect(lineAmount(150n, 'MINUTE', 45)).toBe(68n);
    // 100 s is 1.666… minutes, stated 1.67: 1.67 × 45 = 75.15, so 75.
    const s = statement([segment(terms([{ kind: 'PER_HANDLED_MINUTE', rateMinor: 45 }]), { q1: q(1, 100) })]);
    expect(s.lines[0]).toMatchObject({ quantity: 1.67, quantityScaled: 167, unit: 'MINUTE', rateMinor: 45, amountMinor: 75 });
  });
});

describe('the monthly statement', () => {
  it('prices handled contacts and productive hours, each line with its definition', () => {
    // 1,000 contacts at 3.50 = 3,500.00; 361,800 s = 100.50 h at 28.00 = 2,814.00.
    const s = statement([
      segment(terms([{ kind: 'PER_HANDLED_CONTACT', code: 'CONTACTS', rateMinor: 350 }, { kind: 'PER_PRODUCTIVE_HOUR', code: 'HOURS', rateMinor: 2800 }]), {
        q1: q(600, 0, 180_000),
        q2: q(400, 0, 181_800),
      }),
    ]);
    expect(s.lines.map((l) => [l.code, l.quantity, l.unit, l.rateMinor, l.amountMinor])).toEqual([
      ['CONTACTS', 1000, 'CONTACT', 350, 350_000],
      ['HOURS', 100.5, 'HOUR', 2800, 281_400],
    ]);
    expect(s.lines[0].definition).toMatch(/answered by an agent/);
    expect(s.lines[1].definition).toMatch(/staffedSeconds/);
    expect(s).toMatchObject({ chargesMinor: 631_400, creditsMinor: 0, bonusesMinor: 0, totalMinor: 631_400 });
  });

  it('prices FTE-months against the hours of one FTE', () => {
    // 303.34 h over 151.67 h per FTE = 2.00 FTE at 5,000.00 = 10,000.00.
    const s = statement([segment(terms([{ kind: 'PER_FTE', rateMinor: 500_000 }], { fteHoursPerMonth: 151.67 }), { q1: q(0, 0, 303.34 * 3600) })]);
    expect(s.lines[0]).toMatchObject({ quantity: 2, unit: 'FTE_MONTH', amountMinor: 1_000_000 });
  });

  it('leaves out a queue whose staffed time is not reported, and says so', () => {
    const s = statement([segment(terms([{ kind: 'PER_PRODUCTIVE_HOUR', rateMinor: 2800 }]), { q1: q(0, 0, 36_000), q2: q(0, 0, null) })]);
    expect(s.lines[0]).toMatchObject({ quantity: 10, amountMinor: 28_000 });
    expect(s.notes.join(' ')).toMatch(/not reported for every interval of queue q2/);
  });

  describe('volume bands against the forecast in force', () => {
    const banded = terms([
      {
        kind: 'PER_HANDLED_CONTACT',
        code: 'CONTACTS',
        rateMinor: 350,
        bands: [
          { fromPercent: 90, toPercent: 110, rateMinor: 300 },
          { fromPercent: 110, toPercent: null, rateMinor: 400 },
        ],
      },
    ]);

    it('splits the contacts by their cumulative share of the forecast', () => {
      // Forecast 1,000: 0–900 at 3.50 = 3,150.00; 900–1,100 at 3.00 = 600.00; 1,100–1,250 at 4.00 = 600.00.
      const s = statement([segment(banded, { q1: q(1250) }, { forecast: { q1: { contacts: 1000, minutes: 0 } } })]);
      expect(s.lines.map((l) => [l.code, l.quantity, l.rateMinor, l.amountMinor])).toEqual([
        ['CONTACTS', 900, 350, 315_000],
        ['CONTACTS@90-110%', 200, 300, 60_000],
        ['CONTACTS@110%+', 150, 400, 60_000],
      ]);
      expect(s.totalMinor).toBe(435_000);
      expect(s.lines[1].definition).toMatch(/from 90 % to 110 % of the 1000 contacts forecast in force/);
    });

    it('prices a month below the band at the base rate only', () => {
      const s = statement([segment(banded, { q1: q(850) }, { forecast: { q1: { contacts: 1000, minutes: 0 } } })]);
      expect(s.lines.map((l) => [l.code, l.quantity, l.amountMinor])).toEqual([['CONTACTS', 850, 297_500]]);
    });

    it('does not apply bands without a forecast over the whole period, and says so', () => {
      const s = statement([segment(banded, { q1: q(1250) }, { forecast: { q1: null } })]);
      expect(s.lines.map((l) => [l.code, l.quantity, l.amountMinor])).toEqual([['CONTACTS', 1250, 437_500]]);
      expect(s.notes.join(' ')).toMatch(/volume bands were not applied/);
    });
  });

  it('tops up to the minimum monthly charge', () => {
    // 850 × 3.50 = 2,975.00 below a minimum of 4,000.00: a top-up of 1,025.00.
    const s = statement([segment(terms([{ kind: 'PER_HANDLED_CONTACT', rateMinor: 350 }], { minimumMonthlyMinor: 400_000 }), { q1: q(850) })]);
    expect(s.lines[1]).toMatchObject({ code: 'MINIMUM-CHARGE', kind: 'MINIMUM_TOP_UP', quantity: 1, unit: 'LUMP_SUM', rateMinor: 102_500, amountMinor: 102_500 });
    expect(s.totalMinor).toBe(400_000);
  });

  it('caps the charges', () => {
    // 1,250 × 3.50 = 4,375.00 above a cap of 4,200.00: 175.00 off.
    const s = statement([segment(terms([{ kind: 'PER_HANDLED_CONTACT', rateMinor: 350 }], { capMonthlyMinor: 420_000 }), { q1: q(1250) })]);
    expect(s.lines[1]).toMatchObject({ code: 'CHARGE-CAP', kind: 'CHARGE_CAP', amountMinor: -17_500 });
    expect(s).toMatchObject({ chargesMinor: 420_000, totalMinor: 420_000 });
  });

  it('deducts service credits from the charges after the minimum, within the overall credit cap', () => {
    // Charges 2,975.00 topped up to 4,000.00; credits 2.5 % = 100.00 and 7.5 % = 300.00, 400.00 in all,
    // above the 8 % overall cap (320.00): 80.00 back. Net credits 320.00; total 3,680.00.
    const s = statement([segment(terms([{ kind: 'PER_HANDLED_CONTACT', rateMinor: 350 }], { minimumMonthlyMinor: 400_000, creditCapPercent: 8 }), { q1: q(850) })], {
      compliance: [
        { slaTargetId: 't-sl', label: 'SERVICE_LEVEL 20s', measurable: true, creditPercent: 2.5, windowsJudged: 30, shareMet: 0.9 },
        { slaTargetId: 't-asa', label: 'ASA', measurable: true, creditPercent: 7.5, windowsJudged: 4, shareMet: 0.5 },
        { slaTargetId: 't-csat', label: 'CSAT', measurable: false, creditPercent: 0, windowsJudged: 0, shareMet: null },
      ],
    });
    const credits = s.lines.filter((l) => l.kind === 'SERVICE_CREDIT' || l.kind === 'CREDIT_CAP');
    expect(credits.map((l) => [l.code, l.quantity, l.unit, l.rateMinor, l.amountMinor])).toEqual([
      ['CREDIT.t-asa', 7.5, 'PERCENT', 400_000, -30_000],
      ['CREDIT.t-sl', 2.5, 'PERCENT', 400_000, -10_000],
      ['CREDIT-CAP', 1, 'LUMP_SUM', 8_000, 8_000],
    ]);
    expect(s).toMatchObject({ chargesMinor: 400_000, creditsMinor: -32_000, totalMinor: 368_000 });
  });

  it('splits a line where the price changes mid-month, and prorates fixed fees and the minimum', () => {
    // 1–16 June: 600 contacts at 3.50 = 2,100.00, half a month of 10,000.00 = 5,000.00, minimum 5,000.00.
    // 16–30 June: 500 contacts at 3.80 = 1,900.00, half a month of 12,000.00 = 6,000.00, no minimum.
    const before = terms([{ kind: 'PER_HANDLED_CONTACT', code: 'CONTACTS', rateMinor: 350 }, { kind: 'FIXED_MONTHLY', code: 'PLATFORM', rateMinor: 1_000_000 }], { minimumMonthlyMinor: 500_000 });
    const after = terms([{ kind: 'PER_HANDLED_CONTACT', code: 'CONTACTS', rateMinor: 380 }, { kind: 'FIXED_MONTHLY', code: 'PLATFORM', rateMinor: 1_200_000 }]);
    const s = statement([
      segment(after, { q1: q(500) }, { from: MID_JUNE, to: JUNE.monthTo, termsRevision: 4 }),
      segment(before, { q1: q(600) }, { from: JUNE.monthFrom, to: MID_JUNE }),
    ]);
    expect(s.lines.map((l) => [l.code, l.from, l.quantity, l.rateMinor, l.amountMinor, l.termsRevision])).toEqual([
      ['CONTACTS', JUNE.monthFrom, 600, 350, 210_000, 3],
      ['PLATFORM', JUNE.monthFrom, 0.5, 1_000_000, 500_000, 3],
      ['CONTACTS', MID_JUNE, 500, 380, 190_000, 4],
      ['PLATFORM', MID_JUNE, 0.5, 1_200_000, 600_000, 4],
    ]);
    // The prorated minimum (2,500.00) is below the charges: no top-up.
    expect(s.totalMinor).toBe(1_500_000);
  });

  it('pays a bonus when enough windows were met, and earns back an earlier credit within what was deducted', () => {
    const t = terms([{ kind: 'PER_HANDLED_CONTACT', rateMinor: 1000 }], { bonuses: [{ slaTargetId: 't-sl', minShareMet: 0.95, percent: 1.5 }] });
    const s = statement([segment(t, { q1: q(1000) })], {
      compliance: [{ slaTargetId: 't-sl', label: 'SERVICE_LEVEL 20s', measurable: true, creditPercent: 0, windowsJudged: 30, shareMet: 29 / 30 }],
      earnBack: {
        month: '2026-05',
        netDeductedMinor: 12_000,
        credits: [
          { slaTargetId: 't-asa', label: 'ASA', amountMinor: 8_000, earned: true, reason: 'met' },
          { slaTargetId: 't-sl', label: 'SERVICE_LEVEL 20s', amountMinor: 7_000, earned: true, reason: 'met' },
          { slaTargetId: 't-x', label: 'X', amountMinor: 1_000, earned: false, reason: 'missed 2 windows in 2026-06' },
        ],
      },
    });
    // 1,000 × 10.00 = 10,000.00; bonus 1.5 % = 150.00; earn-back 80.00 then 40.00 (what is left of the 120.00 deducted).
    expect(s.lines.filter((l) => l.kind !== 'CHARGE').map((l) => [l.code, l.amountMinor])).toEqual([
      ['BONUS.t-sl', 15_000],
      ['EARN-BACK.t-asa', 8_000],
      ['EARN-BACK.t-sl', 4_000],
    ]);
    expect(s).toMatchObject({ chargesMinor: 1_000_000, bonusesMinor: 27_000, totalMinor: 1_027_000 });
    expect(s.notes.join(' ')).toMatch(/not earned back: missed 2 windows/);
  });

  it('refuses amounts beyond the money bound rather than lose precision', () => {
    const t = terms([{ kind: 'PER_HANDLED_CONTACT', rateMinor: 100_000_000 }]);
    expect(() => statement([segment(t, { q1: q(20_000 * 2976 * 10) })])).toThrow(PricingOverflow);
  });

  it('charges nothing, and says so, when no terms were in force', () => {
    const s = statement([]);
    expect(s.lines).toEqual([]);
    expect(s.totalMinor).toBe(0);
    expect(s.notes[0]).toMatch(/no price terms/);
  });
});

describe('price terms', () => {
  it('accepts a combination of components with bands', () => {
    const t = terms(
      [
        { kind: 'PER_HANDLED_CONTACT', rateMinor: 350, bands: [{ fromPercent: 0, toPercent: 90, rateMinor: 380 }, { fromPercent: 90, toPercent: 110, rateMinor: 350 }, { fromPercent: 110, toPercent: null, rateMinor: 300 }] },
        { kind: 'PER_FTE', rateMinor: 500_000 },
        { kind: 'FIXED_MONTHLY', rateMinor: 1_000_000 },
      ],
      { fteHoursPerMonth: 151.67, minimumMonthlyMinor: 100, capMonthlyMinor: 200, creditCapPercent: 15, earnBackMonths: 3, bonuses: [{ slaTargetId: 't', minShareMet: 1, percent: 2 }] },
    );
    expect(priceTermsProblems(t)).toEqual([]);
  });

  it('names every problem: overlapping bands, a negative rate, bands on hours, a cap below the minimum, a repeated code, FTE without hours', () => {
    const t = terms(
      [
        { kind: 'PER_HANDLED_CONTACT', code: 'C', rateMinor: -1, bands: [{ fromPercent: 90, toPercent: 110, rateMinor: 300 }, { fromPercent: 100, toPercent: 120, rateMinor: 280 }] },
        { kind: 'PER_PRODUCTIVE_HOUR', code: 'C', rateMinor: 2800, bands: [{ fromPercent: 0, toPercent: null, rateMinor: 1 }] },
        { kind: 'PER_FTE', code: 'F', rateMinor: 1 },
      ],
      { minimumMonthlyMinor: 500, capMonthlyMinor: 400 },
    );
    const fields = Object.fromEntries(priceTermsProblems(t, 'terms.').map((p) => [p.field, p.message]));
    expect(fields['terms.components[0].rateMinor']).toMatch(/between 0 and 100000000/);
    expect(fields['terms.components[0].bands[1].fromPercent']).toMatch(/overlaps bands\[0\] \(90–110 %\)/);
    expect(fields['terms.components[1].code']).toMatch(/also the code of components\[0\]/);
    expect(fields['terms.components[1].bands']).toMatch(/PER_PRODUCTIVE_HOUR component has none/);
    expect(fields['terms.fteHoursPerMonth']).toMatch(/FTE-month/);
    expect(fields['terms.capMonthlyMinor']).toMatch(/not be below the minimum/);
  });

  it('refuses an open-ended band followed by another, and a band that ends where it starts', () => {
    const open = terms([{ kind: 'PER_HANDLED_CONTACT', rateMinor: 1, bands: [{ fromPercent: 110, toPercent: null, rateMinor: 1 }, { fromPercent: 150, toPercent: 200, rateMinor: 1 }] }]);
    expect(priceTermsProblems(open).map((p) => p.field)).toEqual(['components[0].bands[1].fromPercent']);
    const empty = terms([{ kind: 'PER_HANDLED_CONTACT', rateMinor: 1, bands: [{ fromPercent: 90, toPercent: 90, rateMinor: 1 }] }]);
    expect(priceTermsProblems(empty).map((p) => p.field)).toEqual(['components[0].bands[0].toPercent']);
  });

  it('needs at least one component', () => {
    expect(priceTermsProblems(terms([])).map((p) => p.field)).toEqual(['components']);
  });
});

describe('the invoice check', () => {
  const t = terms([
    { kind: 'PER_HANDLED_CONTACT', code: 'CONTACTS', rateMinor: 350 },
    { kind: 'PER_PRODUCTIVE_HOUR', code: 'HOURS', rateMinor: 2800 },
  ]);
  const s = statement([segment(t, { q1: q(1000, 0, 360_000) })], {
    compliance: [{ slaTargetId: 't-sl', label: 'SERVICE_LEVEL 20s', measurable: true, creditPercent: 2, windowsJudged: 30, shareMet: 0.8 }],
  });

  it('agrees with an invoice that bills the statement', () => {
    // 1,000 × 3.50 + 100 h × 28.00 = 6,300.00; 2 % credit = 126.00.
    expect(s.totalMinor).toBe(617_400);
    const invoice = s.lines.map((l) => ({ code: l.code, description: null, quantity: l.quantity, rateMinor: l.rateMinor, amountMinor: l.amountMinor }));
    const r = reconcile(s.lines, invoice);
    expect(r).toMatchObject({ matches: true, differenceMinor: 0, statementTotalMinor: 617_400, invoicedTotalMinor: 617_400 });
    expect(r.lines.every((l) => l.causes.length === 0)).toBe(true);
  });

  it('flags an over-billed quantity, a rate, arithmetic, a missing credit and a line not in the terms', () => {
    const r = reconcile(s.lines, [
      { code: 'CONTACTS', description: null, quantity: 1040, rateMinor: 350, amountMinor: 364_000 },
      { code: 'HOURS', description: null, quantity: 100, rateMinor: 2900, amountMinor: 290_001 },
      { code: 'SET-UP', description: 'Onboarding', quantity: 1, rateMinor: 50_000, amountMinor: 50_000 },
    ]);
    const byCode = Object.fromEntries(r.lines.map((l) => [l.code, l]));
    expect(byCode.CONTACTS).toMatchObject({ causes: ['QUANTITY'], differenceMinor: 14_000 });
    expect(byCode.HOURS).toMatchObject({ causes: ['RATE', 'ARITHMETIC'], differenceMinor: 10_001 });
    expect(byCode['SET-UP']).toMatchObject({ causes: ['NOT_IN_TERMS'], statement: null, differenceMinor: 50_000 });
    expect(byCode['CREDIT.t-sl']).toMatchObject({ causes: ['CREDIT_MISSING'], invoiced: null, differenceMinor: 12_600 });
    expect(r).toMatchObject({ matches: false, invoicedTotalMinor: 704_001, differenceMinor: 704_001 - 617_400 });
  });

  it('matches the halves of a line split mid-month by their rates, whatever their order on the invoice', () => {
    const split = statement([
      segment(terms([{ kind: 'PER_HANDLED_CONTACT', code: 'CONTACTS', rateMinor: 350 }]), { q1: q(600) }, { to: MID_JUNE }),
      segment(terms([{ kind: 'PER_HANDLED_CONTACT', code: 'CONTACTS', rateMinor: 380 }]), { q1: q(500) }, { from: MID_JUNE }),
    ]);
    const r = reconcile(split.lines, [
      { code: 'CONTACTS', description: null, quantity: 500, rateMinor: 380, amountMinor: 190_000 },
      { code: 'CONTACTS', description: null, quantity: 600, rateMinor: 350, amountMinor: 210_000 },
    ]);
    expect(r.matches).toBe(true);
    // One line at the old rate for the whole month: the second half is priced at the wrong rate, and then not invoiced.
    const whole = reconcile(split.lines, [{ code: 'CONTACTS', description: null, quantity: 1100, rateMinor: 350, amountMinor: 385_000 }]);
    expect(whole.lines.map((l) => [l.code, l.causes])).toEqual([
      ['CONTACTS', ['QUANTITY']],
      ['CONTACTS', ['NOT_INVOICED']],
    ]);
  });
});
