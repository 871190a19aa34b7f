import { betterOf, CATALOGUE, validateDefinition, validateGoal, describeDefinition, valueDomain } from './catalogue';

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

describe('metric catalogue: wave 2 figures', () => {
  it('names the quality score variants, measured by the quality subgraph', () => {
    expect(CATALOGUE.QUALITY_SCORE.variants.map((v) => v.key)).toEqual(['CANONICAL', 'SHARE_PASSING', 'CRITICAL_FAIL_RATE']);
    expect(CATALOGUE.QUALITY_SCORE.measuredBy).toBe('quality');
    expect(validateGoal({ metric: 'QUALITY_SCORE' }, 0.85)).toEqual([]);
    expect(validateGoal({ metric: 'QUALITY_SCORE' }, 85)[0].field).toBe('goal');
  });
  it('says which direction is better per variant: a critical-fail rate should be low', () => {
    expect(betterOf('QUALITY_SCORE')).toBe('HIGHER');
    expect(betterOf('QUALITY_SCORE', 'SHARE_PASSING')).toBe('HIGHER');
    expect(betterOf('QUALITY_SCORE', 'CRITICAL_FAIL_RATE')).toBe('LOWER');
    expect(betterOf('HOLD_TIME')).toBe('LOWER');
  });
  it('gives each new interval figure its unit and range', () => {
    expect(valueDomain('TRANSFER_RATE')).toEqual({ unit: 'RATIO', range: [0, 1] });
    expect(valueDomain('AFTER_CALL_WORK').unit).toBe('SECONDS');
    expect(valueDomain('HOLD_TIME').unit).toBe('SECONDS');
    expect(valueDomain('LONGEST_WAIT').unit).toBe('SECONDS');
    expect(valueDomain('QUEUE_LENGTH')).toEqual({ unit: 'CONTACTS', range: [0, 20_000] });
    for (const key of ['TRANSFER_RATE', 'AFTER_CALL_WORK', 'HOLD_TIME', 'QUEUE_LENGTH', 'LONGEST_WAIT'] as const) {
      expect(CATALOGUE[key].measuredBy).toBe('performance');
      expect(validateDefinition({ metric: key })).toEqual([]);
    }
  });
  it('describes them like every other figure', () => {
    expect(describeDefinition({ metric: 'QUALITY_SCORE', variant: 'CRITICAL_FAIL_RATE' })).toBe('QUALITY_SCORE CRITICAL_FAIL_RATE');
    expect(describeDefinition({ metric: 'QUEUE_LENGTH' })).toBe('QUEUE_LENGTH');
  });
});
