import { normalizeCost } from './bid-cost';
import { MetricDefinition } from './catalogue';
import { DemandProfile } from './demand-profile';
import { normalizeCommitment } from './normalization';

const SL20: MetricDefinition = { metric: 'SERVICE_LEVEL', thresholdSeconds: 20 };

describe('normalizeCost', () => {
  const profile: DemandProfile = { intervalSeconds: 900, patienceSeconds: 60, intervals: [{ offered: 100, ahtSeconds: 180 }, { offered: 0, ahtSeconds: 0 }] };
  const plan = normalizeCommitment(profile, { definition: SL20, goal: 0.8 }, [SL20]);
  const answered = plan.totals?.answered as number;
  const required = plan.staffedHours as number;

  it('prices per handled contact and per handled minute at the expected answered contacts', () => {
    const perContact = normalizeCost({ model: 'PER_HANDLED_CONTACT', priceMinor: 400, currency: 'EUR' }, plan, profile, 3000);
    expect(perContact.handledContacts).toBeCloseTo(answered, 9);
    expect(perContact.weeklyCostMinor).toBe(Math.round(400 * answered));
    expect(perContact.monthlyCostMinor).toBe(Math.round((400 * answered * 52) / 12));
    expect(perContact.costPerHandledContactMinor).toBeCloseTo(400, 9);
    expect(perContact.payableHours).toBeCloseTo((400 * answered) / 3000, 9);
    expect(perContact.requiredHours).toBeCloseTo(required, 12);
    expect(perContact.feasible).toBe((400 * answered) / 3000 >= required);

    const perMinute = normalizeCost({ model: 'PER_MINUTE', priceMinor: 90, currency: 'EUR' }, plan, profile, 3000);
    expect(perMinute.handledMinutes).toBeCloseTo((answered * 180) / 60, 9);
    expect(perMinute.costPerHandledContactMinor).toBeCloseTo(90 * 3, 9);
    expect(perMinute.weeklyCostMinor).toBe(Math.round(90 * answered * 3));
  });

  it('bills the required hours per productive hour and flags a price below the agent-hour cost', () => {
    const cheap = normalizeCost({ model: 'PER_PRODUCTIVE_HOUR', priceMinor: 2400, currency: 'EUR' }, plan, profile, 3000);
    expect(cheap.billedHours).toBeCloseTo(required, 12);
    expect(cheap.weeklyCostMinor).toBe(Math.round(2400 * required));
    expect(cheap.costPerHandledContactMinor).toBeCloseTo((2400 * required) / answered, 9);
    expect(cheap.payableHours).toBeCloseTo(0.8 * required, 9);
    expect(cheap.feasible).toBe(false);
    expect(cheap.shortfallHours).toBeCloseTo(0.2 * required, 9);
    const fair = normalizeCost({ model: 'PER_PRODUCTIVE_HOUR', priceMinor: 3200, currency: 'EUR' }, plan, profile, 3000);
    expect(fair.feasible).toBe(true);
    expect(fair.shortfallHours).toBe(0);
  });

  it('bills proposed hours and flags a proposal below the required hours', () => {
    const proposed = required - 1;
    const c = normalizeCost(
      { model: 'PER_PRODUCTIVE_HOUR', priceMinor: 5000, currency: 'EUR', proposedHoursPerWeek: proposed },
      plan, profile, 3000,
    );
    expect(c.billedHours).toBe(proposed);
    expect(c.weeklyCostMinor).toBe(Math.round(5000 * proposed));
    expect(c.payableHours).toBeGreaterThan(required);
    expect(c.feasible).toBe(false);
    expect(c.shortfallHours).toBeCloseTo(1, 9);
    expect(c.reasons.join(' ')).toMatch(/proposed/);
  });
});
