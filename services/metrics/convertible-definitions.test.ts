import { MetricDefinition } from './catalogue';
import { ratioParts } from './convertible-definitions';
import { expectedCounts } from './expected-counts';

const SL20: MetricDefinition = { metric: 'SERVICE_LEVEL', thresholdSeconds: 20 };
const ABANDON: MetricDefinition = { metric: 'ABANDONMENT_RATE' };
const ASA: MetricDefinition = { metric: 'ASA' };

describe('ratioParts', () => {
  it('applies the catalogue formulas and refuses metrics a queueing model cannot predict', () => {
    const c = expectedCounts({ offered: 100, ahtSeconds: 180 }, 21, 900, 60, [10, 20]);
    const A = c.answeredWithin[20];
    const B = c.abandonedWithin[20];
    const B10 = c.abandonedWithin[10];
    const parts = (def: MetricDefinition) => {
      const p = ratioParts(def, c);
      if (!p.convertible) throw new Error(p.reason);
      return [p.numerator, p.denominator];
    };
    expect(parts(SL20)).toEqual([A, 100]);
    expect(parts({ ...SL20, variant: 'EXCLUDE_SHORT_ABANDONS', shortAbandonSeconds: 10 })).toEqual([A, 100 - B10]);
    expect(parts({ ...SL20, variant: 'OF_ANSWERED' })).toEqual([A, c.answered]);
    expect(parts({ ...SL20, variant: 'ABANDONS_WITHIN_T_COUNT_AS_MET' })).toEqual([A + B, 100]);
    expect(parts({ ...SL20, variant: 'ABANDONS_WITHIN_T_EXCLUDED' })).toEqual([A, 100 - B]);
    expect(parts(ABANDON)).toEqual([c.abandoned, 100]);
    expect(parts({ ...ABANDON, variant: 'EXCLUDE_SHORT_ABANDONS', shortAbandonSeconds: 10 })).toEqual([c.abandoned - B10, 100 - B10]);
    expect(parts(ASA)).toEqual([c.answeredWaitSeconds, c.answered]);
    expect(parts({ ...ASA, variant: 'AVERAGE_WAIT_ALL' })).toEqual([c.answeredWaitSeconds + c.abandonedWaitSeconds, 100]);

    const aht = ratioParts({ metric: 'AHT' }, c);
    expect(aht.convertible).toBe(false);
    expect(!aht.convertible && aht.reason).toMatch(/cannot be converted/);
    const invalid = ratioParts({ metric: 'SERVICE_LEVEL' }, c);
    expect(!invalid.convertible && invalid.reason).toMatch(/thresholdSeconds is required/);
  });
});
