import { validateDefinition, validateGoal, describeDefinition, valueDomain } from './catalogue';

describe('metric catalogue', () => {
  it('accepts a canonical service level with a threshold', () => {
    expect(validateDefinition({ metric: 'SERVICE_LEVEL', thresholdSeconds: 20 })).toEqual([]);
  });
  it('names the field of an unknown metric', () => {
    expect(validateDefinition({ metric: 'SPEED' })[0].field).toBe('metric');
  });
  it('requires T for service level and S for the short-abandon variant', () => {
    const errors = validateDefinition({ metric: 'SERVICE_LEVEL', variant: 'EXCLUDE_SHORT_ABANDONS' });
    expect(errors.map((e) => e.field).sort()).toEqual(['shortAbandonSeconds', 'thresholdSeconds']);
  });
  it('refuses a threshold on a metric without one', () => {
    const errors = validateDefinition({ metric: 'AHT', thresholdSeconds: 20 });
    expect(errors).toEqual([expect.objectContaining({ field: 'thresholdSeconds' })]);
  });
  it('refuses an unknown variant', () => {
    expect(validateDefinition({ metric: 'ASA', variant: 'MEDIAN' })[0].field).toBe('variant');
  });
  it('refuses a fractional threshold', () => {
    expect(validateDefinition({ metric: 'SERVICE_LEVEL', thresholdSeconds: 2.5 })[0].field).toBe('thresholdSeconds');
  });
  it('bounds goals by the unit of the variant', () => {
    expect(validateGoal({ metric: 'SERVICE_LEVEL' }, 1.2)[0].field).toBe('goal');
    expect(validateGoal({ metric: 'SERVICE_LEVEL' }, 0.8)).toEqual([]);
    expect(validateGoal({ metric: 'ASA' }, 45)).toEqual([]);
    expect(validateGoal({ metric: 'CSAT', variant: 'MEAN_SCORE' }, 4.2)).toEqual([]);
    expect(validateGoal({ metric: 'CSAT' }, 4.2)[0].field).toBe('goal');
    expect(valueDomain('NPS').range).toEqual([-100, 100]);
  });
  it('describes a definition', () => {
    expect(
      describeDefinition({ metric: 'SERVICE_LEVEL', variant: 'EXCLUDE_SHORT_ABANDONS', thresholdSeconds: 20, shortAbandonSeconds: 5 }),
    ).toBe('SERVICE_LEVEL T=20s EXCLUDE_SHORT_ABANDONS S=5s');
  });
});
