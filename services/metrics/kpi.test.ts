import { CATALOGUE, MetricDefinition, METRIC_KEYS } from './catalogue';
import {
  IntervalRecord,
  InvalidDefinitionError,
  RawSums,
  addSums,
  computeMetric,
  countWithin,
  emptySums,
  sumsRead,
  SumsField,
  validateInterval,
  waitBucketsRead,
} from './kpi';

const BOUNDS = [10, 20, 30, Infinity];

/**
 * The worked example of the brief. Hand-computed quantities used below:
 *   A(10) = 60, A(20) = 60 + 15 = 75, A(30) = 85, N = 90
 *   B(10) = 4,  B(20) = 4 + 2 = 6,    B(30) = 7,  X = 10
 *   handle = 18000 + 1800 + 2700 = 22500 s
 */
function example(overrides: Partial<IntervalRecord> = {}): IntervalRecord {
  return {
    start: '2024-03-04T09:00:00Z',
    lengthSeconds: 1800,
    offered: 100,
    answered: 90,
    abandoned: 10,
    flowedOut: 0,
    callbackRequested: 0,
    // answered waits allow 60*0 + 15*10 + 10*20 + 5*30 = 500 s upwards (open last bucket)
    answeredWaitSeconds: 1800,
    // abandoned waits allow 4*0 + 2*10 + 1*20 + 3*30 = 130 s upwards
    abandonedWaitSeconds: 400,
    talkSeconds: 18000,
    holdSeconds: 1800,
    wrapSeconds: 2700,
    transferred: 5,
    resolvedFirstContact: 70,
    staffedSeconds: 36000,
    availableSeconds: 7500,
    bucketBounds: BOUNDS,
    answeredWait: [60, 15, 10, 5],
    abandonedWait: [4, 2, 1, 3],
    ...overrides,
  };
}

const SL = (variant: string, extra: Partial<MetricDefinition> = {}): MetricDefinition => ({
  metric: 'SERVICE_LEVEL',
  variant,
  thresholdSeconds: 20,
  ...extra,
});

describe('countWithin', () => {
  it('is exact on a bucket bound', () => {
    expect(countWithin(BOUNDS, [60, 15, 10, 5], 20)).toEqual({ count: 75, approximate: false });
    expect(countWithin(BOUNDS, [4, 2, 1, 3], 10)).toEqual({ count: 4, approximate: false });
  });
  it('interpolates inside a bucket and says so', () => {
    // B(5): half of the first bucket (0, 10]: 4 * 5/10 = 2
    expect(countWithin(BOUNDS, [4, 2, 1, 3], 5)).toEqual({ count: 2, approximate: true });
    // A(15): 60 + 15 * (15 - 10)/(20 - 10) = 67.5
    expect(countWithin(BOUNDS, [60, 15, 10, 5], 15)).toEqual({ count: 67.5, approximate: true });
    // A(12): 60 + 15 * 2/10 = 63
    expect(countWithin(BOUNDS, [60, 15, 10, 5], 12).count).toBeCloseTo(63, 10);
  });
  it('counts up to the last finite bound inside the open bucket, marked approximate', () => {
    // A(45): 60 + 15 + 10 = 85; the 5 contacts above 30 s are not apportioned
    expect(countWithin(BOUNDS, [60, 15, 10, 5], 45)).toEqual({ count: 85, approximate: true });
    expect(countWithin(BOUNDS, [60, 15, 10, 5], Infinity)).toEqual({ count: 90, approximate: false });
  });
  it('is exact beyond the last bound of a closed histogram: every contact waited less', () => {
    expect(countWithin([10, 20], [3, 4], 60)).toEqual({ count: 7, approximate: false });
  });
  it('treats t = 0 as an interpolation, since 0 is not a bound', () => {
    expect(countWithin(BOUNDS, [60, 15, 10, 5], 0)).toEqual({ count: 0, approximate: true });
  });
  it('refuses a histogram whose counts do not match its bounds, and a negative threshold', () => {
    expect(() => countWithin(BOUNDS, [1, 2], 10)).toThrow(/2 counts for 4 bucket bounds/);
    expect(() => countWithin(BOUNDS, [1, 2, 3, 4], -1)).toThrow(RangeError);
  });
});

describe('computeMetric: service level variants on the worked example (T = 20)', () => {
  const sums = example();
  it('CANONICAL: A(20) / O = 75 / 100', () => {
    expect(computeMetric(SL('CANONICAL'), sums)).toEqual({ value: 0.75, approximate: false, numerator: 75, denominator: 100 });
    expect(computeMetric({ metric: 'SERVICE_LEVEL', thresholdSeconds: 20 }, sums).value).toBe(0.75);
  });
  it('OF_ANSWERED: A(20) / N = 75 / 90 = 0.8333', () => {
    expect(computeMetric(SL('OF_ANSWERED'), sums).value).toBeCloseTo(0.833333, 6);
  });
  it('ABANDONS_WITHIN_T_COUNT_AS_MET: (A(20) + B(20)) / O = 81 / 100', () => {
    expect(computeMetric(SL('ABANDONS_WITHIN_T_COUNT_AS_MET'), sums)).toEqual({
      value: 0.81,
      approximate: false,
      numerator: 81,
      denominator: 100,
    });
  });
  it('ABANDONS_WITHIN_T_EXCLUDED: A(20) / (O - B(20)) = 75 / 94 = 0.7979', () => {
    const r = computeMetric(SL('ABANDONS_WITHIN_T_EXCLUDED'), sums);
    expect(r.value).toBeCloseTo(0.797872, 6);
    expect([r.numerator, r.denominator, r.approximate]).toEqual([75, 94, false]);
  });
  it('EXCLUDE_SHORT_ABANDONS, S = 10: A(20) / (O - B(10)) = 75 / 96 = 0.78125', () => {
    expect(computeMetric(SL('EXCLUDE_SHORT_ABANDONS', { shortAbandonSeconds: 10 }), sums)).toEqual({
      value: 0.78125,
      approximate: false,
      numerator: 75,
      denominator: 96,
    });
  });
  it('EXCLUDE_SHORT_ABANDONS, S = 5: B(5) = 2 interpolated, so 75 / 98 = 0.7653, approximate', () => {
    const r = computeMetric(SL('EXCLUDE_SHORT_ABANDONS', { shortAbandonSeconds: 5 }), sums);
    expect(r.value).toBeCloseTo(0.765306, 6);
    expect(r.approximate).toBe(true);
  });
  it('the five readings of the same data span 0.75 to 0.8333', () => {
    const values = ['CANONICAL', 'OF_ANSWERED', 'ABANDONS_WITHIN_T_COUNT_AS_MET', 'ABANDONS_WITHIN_T_EXCLUDED']
      .map((v) => computeMetric(SL(v), sums).value as number)
      .concat(computeMetric(SL('EXCLUDE_SHORT_ABANDONS', { shortAbandonSeconds: 10 }), sums).value as number);
    expect(Math.min(...values)).toBe(0.75);
    expect(Math.max(...values)).toBeCloseTo(0.8333, 4);
  });
});

describe('computeMetric: interpolated thresholds', () => {
  it('T = 15 inside (10, 20]: A(15) = 67.5, so 0.675, approximate', () => {
    expect(computeMetric({ metric: 'SERVICE_LEVEL', thresholdSeconds: 15 }, example())).toEqual({
      value: 0.675,
      approximate: true,
      numerator: 67.5,
      denominator: 100,
    });
  });
  it('T = 45 in the open bucket: A(45) taken as A(30) = 85, a lower bound, approximate', () => {
    expect(computeMetric({ metric: 'SERVICE_LEVEL', thresholdSeconds: 45 }, example())).toMatchObject({
      value: 0.85,
      approximate: true,
    });
  });
  it('COUNT_AS_MET at T = 15 interpolates both histograms: (67.5 + 4 + 2 * 0.5) / 100 = 0.725', () => {
    const r = computeMetric(SL('ABANDONS_WITHIN_T_COUNT_AS_MET', { thresholdSeconds: 15 }), example());
    expect(r.value).toBeCloseTo(0.725, 10);
    expect(r.approximate).toBe(true);
  });
});

describe('computeMetric: other performance metrics on the worked example', () => {
  const sums = example();
  const value = (def: MetricDefinition) => computeMetric(def, sums).value;
  it('ABANDONMENT_RATE: X / O = 10 / 100; short abandons (S = 10) out: (10 - 4) / (100 - 4) = 0.0625', () => {
    expect(value({ metric: 'ABANDONMENT_RATE' })).toBe(0.1);
    expect(value({ metric: 'ABANDONMENT_RATE', variant: 'EXCLUDE_SHORT_ABANDONS', shortAbandonSeconds: 10 })).toBe(0.0625);
  });
  it('ABANDONMENT_RATE with S = 5 interpolates B(5) = 2: (10 - 2) / (100 - 2) = 0.0816, approximate', () => {
    const r = computeMetric({ metric: 'ABANDONMENT_RATE', variant: 'EXCLUDE_SHORT_ABANDONS', shortAbandonSeconds: 5 }, sums);
    expect(r.value).toBeCloseTo(8 / 98, 10);
    expect(r.approximate).toBe(true);
  });
  it('ASA: 1800 / 90 = 20 s; AVERAGE_WAIT_ALL: (1800 + 400) / 100 = 22 s', () => {
    expect(value({ metric: 'ASA' })).toBe(20);
    expect(value({ metric: 'ASA', variant: 'AVERAGE_WAIT_ALL' })).toBe(22);
  });
  it('AHT: 22500 / 90 = 250 s; WITHOUT_WRAP 19800 / 90 = 220 s; TALK_ONLY 18000 / 90 = 200 s', () => {
    expect(value({ metric: 'AHT' })).toBe(250);
    expect(value({ metric: 'AHT', variant: 'WITHOUT_WRAP' })).toBe(220);
    expect(value({ metric: 'AHT', variant: 'TALK_ONLY' })).toBe(200);
  });
  it('OCCUPANCY: 22500 / (22500 + 7500) = 0.75', () => {
    expect(computeMetric({ metric: 'OCCUPANCY' }, sums)).toEqual({
      value: 0.75,
      approximate: false,
      numerator: 22500,
      denominator: 30000,
    });
  });
  it('OCCUPANCY is null when available time was not reported', () => {
    const r = computeMetric({ metric: 'OCCUPANCY' }, example({ availableSeconds: null }));
    expect(r).toEqual({ value: null, approximate: false });
    expect(computeMetric({ metric: 'OCCUPANCY' }, example({ availableSeconds: undefined })).value).toBeNull();
  });
});

const PERFORMANCE_DEFINITIONS: MetricDefinition[] = [
  SL('CANONICAL'),
  SL('OF_ANSWERED'),
  SL('ABANDONS_WITHIN_T_COUNT_AS_MET'),
  SL('ABANDONS_WITHIN_T_EXCLUDED'),
  SL('EXCLUDE_SHORT_ABANDONS', { shortAbandonSeconds: 10 }),
  { metric: 'ABANDONMENT_RATE' },
  { metric: 'ABANDONMENT_RATE', variant: 'EXCLUDE_SHORT_ABANDONS', shortAbandonSeconds: 10 },
  { metric: 'ASA' },
  { metric: 'ASA', variant: 'AVERAGE_WAIT_ALL' },
  { metric: 'AHT' },
  { metric: 'AHT', variant: 'WITHOUT_WRAP' },
  { metric: 'AHT', variant: 'TALK_ONLY' },
  { metric: 'OCCUPANCY' },
];

describe('computeMetric: undefined figures are null, never 0 or NaN', () => {
  it.each(PERFORMANCE_DEFINITIONS.map((d) => [`${d.metric}/${d.variant ?? 'CANONICAL'}`, d]))(
    '%s of a zero-volume interval is null',
    (_name, def) => {
      const r = computeMetric(def as MetricDefinition, emptySums(BOUNDS));
      expect(r.value).toBeNull();
      expect(r.denominator).toBe(0);
    },
  );
  it('an interval whose only contacts were short abandons has no service level once they are excluded', () => {
    // O = 3, B(10) = 3: denominator 3 - 3 = 0
    const sums = { ...emptySums(BOUNDS), offered: 3, abandoned: 3, abandonedWait: [3, 0, 0, 0] };
    expect(computeMetric(SL('EXCLUDE_SHORT_ABANDONS', { shortAbandonSeconds: 10 }), sums).value).toBeNull();
    const rate = { metric: 'ABANDONMENT_RATE', variant: 'EXCLUDE_SHORT_ABANDONS', shortAbandonSeconds: 10 };
    expect(computeMetric(rate, sums).value).toBeNull();
    // and no ASA or AHT either: nobody was answered
    expect(computeMetric({ metric: 'ASA' }, sums).value).toBeNull();
    expect(computeMetric({ metric: 'AHT' }, sums).value).toBeNull();
  });
  it('a negative denominator (inconsistent sums) is null too', () => {
    // O = 2 but B(20) = 5: 2 - 5 = -3
    const sums = { ...emptySums(BOUNDS), offered: 2, abandoned: 5, abandonedWait: [5, 0, 0, 0] };
    const r = computeMetric(SL('ABANDONS_WITHIN_T_EXCLUDED'), sums);
    expect(r.value).toBeNull();
    expect(r.denominator).toBe(-3);
  });
});

describe('computeMetric: definitions it does not compute', () => {
  it.each([
    [{ metric: 'FCR' }],
    [{ metric: 'FCR', variant: 'REPEAT_CONTACT_WINDOW', repeatWindowDays: 7 }],
    [{ metric: 'CSAT', variant: 'MEAN_SCORE' }],
    [{ metric: 'NPS' }],
    [{ metric: 'CES' }],
    [{ metric: 'FORECAST_WAPE', variant: 'BIAS' }],
    [{ metric: 'COMPLAINTS_ACK_ON_TIME' }],
    [{ metric: 'COMPLAINTS_RESOLVED_ON_TIME' }],
  ])('%o is measured elsewhere', (def) => {
    expect(() => computeMetric(def, example())).toThrow(/not computed from interval actuals/);
  });
  it('throws the catalogue message for an unknown metric or variant', () => {
    expect(() => computeMetric({ metric: 'SPEED' }, example())).toThrow(/unknown metric "SPEED"/);
    expect(() => computeMetric({ metric: 'ASA', variant: 'MEDIAN' }, example())).toThrow(
      /unknown variant "MEDIAN" of ASA; known variants: CANONICAL, AVERAGE_WAIT_ALL/,
    );
  });
  it('throws an InvalidDefinitionError carrying every problem of the definition', () => {
    try {
      computeMetric({ metric: 'SERVICE_LEVEL', variant: 'EXCLUDE_SHORT_ABANDONS' }, example());
      throw new Error('expected a throw');
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidDefinitionError);
      const fields = (e as InvalidDefinitionError).errors.map((x) => x.field);
      expect(fields.sort()).toEqual(['shortAbandonSeconds', 'thresholdSeconds']);
    }
  });
});

describe('aggregation', () => {
  // a: a quiet interval, 9 of 10 answered within 20 s (0.9); talk 1000 s over 10 answered (100 s)
  const a: RawSums = {
    ...emptySums(BOUNDS),
    offered: 10,
    answered: 10,
    answeredWait: [9, 0, 1, 0],
    answeredWaitSeconds: 30,
    talkSeconds: 1000,
  };
  // b: a busy one, 45 of 90 answered within 20 s (0.5); talk 16000 s over 80 answered (200 s)
  const b: RawSums = {
    ...emptySums(BOUNDS),
    offered: 90,
    answered: 80,
    abandoned: 10,
    answeredWait: [40, 5, 20, 15],
    abandonedWait: [2, 2, 2, 4],
    answeredWaitSeconds: 2000,
    talkSeconds: 16000,
  };
  const sl = SL('CANONICAL');

  it('a period ratio is summed numerators over summed denominators, not the mean of interval ratios', () => {
    const ra = computeMetric(sl, a).value as number;
    const rb = computeMetric(sl, b).value as number;
    expect([ra, rb]).toEqual([0.9, 0.5]);
    // mean of ratios (0.9 + 0.5) / 2 = 0.7, but the period figure is (9 + 45) / (10 + 90) = 0.54
    expect(computeMetric(sl, addSums(a, b))).toEqual({ value: 0.54, approximate: false, numerator: 54, denominator: 100 });
    expect((ra + rb) / 2).toBeCloseTo(0.7, 10);
  });
  it('the same holds for means: AHT over the period is 17000 / 90 = 188.9 s, not (100 + 200) / 2', () => {
    expect(computeMetric({ metric: 'AHT', variant: 'TALK_ONLY' }, addSums(a, b)).value).toBeCloseTo(188.888889, 5);
  });
  it('adds every field and histogram', () => {
    const s = addSums(example(), example());
    expect(s).toMatchObject({
      offered: 200,
      answered: 180,
      availableSeconds: 15000,
      transferred: 10,
      answeredWait: [120, 30, 20, 10],
      abandonedWait: [8, 4, 2, 6],
      bucketBounds: BOUNDS,
    });
    // ratios of identical intervals are unchanged by adding them
    expect(computeMetric(SL('ABANDONS_WITHIN_T_EXCLUDED'), s).value).toBeCloseTo(75 / 94, 10);
  });
  it('emptySums is the identity of addSums', () => {
    const { start: _start, lengthSeconds: _length, ...sums } = example();
    expect(addSums(emptySums(BOUNDS), sums)).toEqual(sums);
    expect(addSums(sums, emptySums(BOUNDS))).toEqual(sums);
  });
  it('an optional field missing on either side is missing from the sum', () => {
    const s = addSums(example({ availableSeconds: null }), example());
    expect(s.availableSeconds).toBeNull();
    expect(s.staffedSeconds).toBe(72000);
    expect(computeMetric({ metric: 'OCCUPANCY' }, s).value).toBeNull();
  });
  it('refuses to add histograms with different bounds', () => {
    expect(() => addSums(example(), example({ bucketBounds: [5, 20, 30, Infinity] }))).toThrow(/different bucket bounds/);
    expect(() => addSums(example(), { ...emptySums([10, 20, 30]) })).toThrow(/different bucket bounds/);
    expect(() => addSums(example(), example({ answeredWait: [1, 2] }))).toThrow(
      /answeredWait must have one count per bucket bound/,
    );
  });
});

describe('validateInterval', () => {
  const fields = (r: unknown) => validateInterval(r).map((p) => p.field);

  it('accepts the worked example, with or without the optional fields', () => {
    expect(validateInterval(example())).toEqual([]);
    const {
      flowedOut: _f,
      callbackRequested: _c,
      transferred: _t,
      resolvedFirstContact: _r,
      staffedSeconds: _s,
      availableSeconds: _a,
      ...required
    } = example();
    expect(validateInterval(required)).toEqual([]);
    expect(validateInterval(example({ availableSeconds: null, flowedOut: null }))).toEqual([]);
  });
  it('requires counts to be non-negative integers', () => {
    expect(validateInterval(example({ offered: -1 }))).toEqual([
      { field: 'offered', message: 'offered must be a non-negative integer, got -1' },
    ]);
    expect(fields(example({ transferred: 2.5 }))).toEqual(['transferred']);
    expect(fields({ ...example(), answered: '90' })).toContain('answered');
  });
  it('requires durations to be non-negative numbers', () => {
    expect(fields(example({ holdSeconds: -5 }))).toEqual(['holdSeconds']);
    expect(fields(example({ staffedSeconds: NaN }))).toEqual(['staffedSeconds']);
  });
  it('requires answered + abandoned + flowedOut + callbackRequested <= offered', () => {
    // 90 + 10 + 3 + 2 = 105 > 100
    expect(validateInterval(example({ flowedOut: 3, callbackRequested: 2 }))).toEqual([
      { field: 'offered', message: 'answered + abandoned + flowedOut + callbackRequested = 105 exceeds offered = 100' },
    ]);
    expect(validateInterval(example({ offered: 110, flowedOut: 6, callbackRequested: 4 }))).toEqual([]);
  });
  it('requires each histogram to sum to its total', () => {
    // 60 + 15 + 10 + 4 = 89, not 90
    expect(validateInterval(example({ answeredWait: [60, 15, 10, 4] }))).toEqual([
      { field: 'answeredWait', message: 'answeredWait counts sum to 89 but answered is 90' },
    ]);
    expect(fields(example({ abandonedWait: [4, 2, 1, 4] }))).toEqual(['abandonedWait']);
  });
  it('requires one non-negative integer count per bound', () => {
    expect(fields(example({ answeredWait: [60, 15, 15] }))).toEqual(['answeredWait']);
    expect(validateInterval(example({ abandonedWait: [4, 2, 1.5, 2.5] }))[0]).toEqual({
      field: 'abandonedWait',
      message: 'abandonedWait[2] must be a non-negative integer, got 1.5',
    });
    expect(fields({ ...example(), answeredWait: undefined })).toEqual(['answeredWait']);
  });
  it('requires bounds that are positive and strictly increase', () => {
    expect(fields(example({ bucketBounds: [10, 10, 30, Infinity] }))).toEqual(['bucketBounds']);
    expect(fields(example({ bucketBounds: [20, 10, 30, Infinity] }))).toEqual(['bucketBounds']);
    expect(fields(example({ bucketBounds: [0, 20, 30, Infinity] }))).toEqual(['bucketBounds']);
    expect(fields(example({ bucketBounds: [] }))).toContain('bucketBounds');
  });
  it('requires an interval length of 900, 1800 or 3600 s', () => {
    expect(fields(example({ lengthSeconds: 600 }))).toEqual(['lengthSeconds']);
    expect(validateInterval(example({ lengthSeconds: 900 }))).toEqual([]);
    expect(validateInterval(example({ lengthSeconds: 3600 }))).toEqual([]);
  });
  it('requires wait totals the buckets allow', () => {
    // answered: least total 60*0 + 15*10 + 10*20 + 5*30 = 500 s; no upper limit (5 contacts in the open bucket)
    expect(validateInterval(example({ answeredWaitSeconds: 499 }))).toEqual([
      {
        field: 'answeredWaitSeconds',
        message: 'answeredWaitSeconds = 499 is inconsistent with answeredWait: its buckets allow 500 upwards',
      },
    ]);
    expect(validateInterval(example({ answeredWaitSeconds: 500 }))).toEqual([]);
    expect(validateInterval(example({ answeredWaitSeconds: 1e6 }))).toEqual([]);
    // abandoned: least 4*0 + 2*10 + 1*20 + 3*30 = 130 s
    expect(fields(example({ abandonedWaitSeconds: 129 }))).toEqual(['abandonedWaitSeconds']);
  });
  it('bounds the wait total above when the open bucket is empty or absent', () => {
    // answeredWait [60, 15, 15, 0]: 0*10 + 15*10 + 15*20 = 450 .. 60*10 + 15*20 + 15*30 = 1350
    const closed = { answeredWait: [60, 15, 15, 0], answeredWaitSeconds: 1350 };
    expect(validateInterval(example(closed))).toEqual([]);
    expect(validateInterval(example({ ...closed, answeredWaitSeconds: 1351 }))).toEqual([
      {
        field: 'answeredWaitSeconds',
        message: 'answeredWaitSeconds = 1351 is inconsistent with answeredWait: its buckets allow 450 to 1350',
      },
    ]);
    // a histogram without an open bucket, abandonedWait [4, 2, 4]: 0 + 20 + 80 = 100 .. 40 + 40 + 120 = 200
    const finite = { bucketBounds: [10, 20, 30], answeredWait: [60, 15, 15], abandonedWait: [4, 2, 4] };
    expect(validateInterval(example({ ...finite, answeredWaitSeconds: 900, abandonedWaitSeconds: 150 }))).toEqual([]);
    const tooLong = example({ ...finite, answeredWaitSeconds: 900, abandonedWaitSeconds: 201 });
    expect(fields(tooLong)).toEqual(['abandonedWaitSeconds']);
  });
  it('requires no wait from an empty queue', () => {
    const empty = { ...emptySums(BOUNDS), start: '2024-03-04T02:00:00Z', lengthSeconds: 900 };
    expect(validateInterval(empty)).toEqual([]);
    expect(fields({ ...empty, answeredWaitSeconds: 3 })).toEqual(['answeredWaitSeconds']);
  });
  it('reports every problem at once, and one problem per mistake', () => {
    expect(fields(example({ lengthSeconds: 60, offered: 50, holdSeconds: -1 }))).toEqual([
      'lengthSeconds',
      'holdSeconds',
      'offered',
    ]);
    // a bad bound skips the wait checks that depend on it instead of adding noise
    expect(fields(example({ bucketBounds: [10, 5, 30, Infinity], answeredWaitSeconds: 0 }))).toEqual(['bucketBounds']);
  });
  it('refuses something that is not a record', () => {
    expect(fields(null)).toEqual(['record']);
    expect(fields('row')).toEqual(['record']);
  });
});

describe('computeMetric: wave 2 figures on the worked example', () => {
  // 30-minute interval; answered 90, transferred 5, hold 1800 s, wrap 2700 s, waits 1800 + 400 s.
  const sums = example({ longestWaitSeconds: 75 });
  it('TRANSFER_RATE: transferred / N = 5 / 90 = 0.0556', () => {
    expect(computeMetric({ metric: 'TRANSFER_RATE' }, sums)).toEqual({ value: 5 / 90, approximate: false, numerator: 5, denominator: 90 });
    expect(computeMetric({ metric: 'TRANSFER_RATE' }, example({ transferred: null }))).toEqual({ value: null, approximate: false });
  });
  it('AFTER_CALL_WORK: wrap / N = 2700 / 90 = 30 s; HOLD_TIME: hold / N = 1800 / 90 = 20 s', () => {
    expect(computeMetric({ metric: 'AFTER_CALL_WORK' }, sums)).toEqual({ value: 30, approximate: false, numerator: 2700, denominator: 90 });
    expect(computeMetric({ metric: 'HOLD_TIME' }, sums)).toEqual({ value: 20, approximate: false, numerator: 1800, denominator: 90 });
  });
  it("QUEUE_LENGTH, Little's law: (1800 + 400) s of waiting over 1800 s = 1.2222 contacts waiting on average", () => {
    expect(computeMetric({ metric: 'QUEUE_LENGTH' }, sums)).toEqual({ value: 2200 / 1800, approximate: false, numerator: 2200, denominator: 1800 });
    // two such intervals: 4400 s over 3600 s, the same mean
    expect(computeMetric({ metric: 'QUEUE_LENGTH' }, addSums(sums, sums)).value).toBeCloseTo(2200 / 1800, 12);
    // a quiet 15-minute interval with 90 s of waiting: (4400 + 90) / (3600 + 900) = 0.9978
    const quiet = example({ lengthSeconds: 900, offered: 3, answered: 3, abandoned: 0, answeredWait: [0, 0, 3, 0], abandonedWait: [0, 0, 0, 0], answeredWaitSeconds: 90, abandonedWaitSeconds: 0 });
    expect(computeMetric({ metric: 'QUEUE_LENGTH' }, addSums(addSums(sums, sums), quiet)).value).toBeCloseTo(4490 / 4500, 12);
  });
  it('QUEUE_LENGTH is null for sums of no stated length (a bid\'s past actuals)', () => {
    const { lengthSeconds: _l, start: _s, ...noLength } = sums;
    expect(computeMetric({ metric: 'QUEUE_LENGTH' }, noLength).value).toBeNull();
  });
  it('LONGEST_WAIT is the largest uploaded longest wait, never a sum; unknown when an interval did not report it', () => {
    expect(computeMetric({ metric: 'LONGEST_WAIT' }, sums)).toEqual({ value: 75, approximate: false });
    expect(computeMetric({ metric: 'LONGEST_WAIT' }, addSums(sums, example({ longestWaitSeconds: 240 }))).value).toBe(240);
    expect(computeMetric({ metric: 'LONGEST_WAIT' }, addSums(sums, example({ longestWaitSeconds: null }))).value).toBeNull();
    expect(computeMetric({ metric: 'LONGEST_WAIT' }, addSums(emptySums(BOUNDS), sums)).value).toBe(75);
  });
  it('QUALITY_SCORE is measured by the quality subgraph', () => {
    expect(() => computeMetric({ metric: 'QUALITY_SCORE', variant: 'SHARE_PASSING' }, sums)).toThrow(/quality subgraph/);
  });
});

describe('validateInterval: the longest wait', () => {
  const fields = (r: unknown) => validateInterval(r).map((p) => p.field);
  it('accepts a longest wait in the highest bucket holding a contact', () => {
    // 5 answered and 3 abandoned contacts waited more than 30 s (the open bucket)
    expect(validateInterval(example({ longestWaitSeconds: 30 }))).toEqual([]);
    expect(validateInterval(example({ longestWaitSeconds: 3600 }))).toEqual([]);
    expect(validateInterval(example({ longestWaitSeconds: null }))).toEqual([]);
  });
  it('refuses a longest wait the buckets rule out, or a negative one', () => {
    expect(validateInterval(example({ longestWaitSeconds: 25 }))).toEqual([
      { field: 'longestWaitSeconds', message: 'longestWaitSeconds = 25 is inconsistent with the wait buckets: the longest wait lies in 30 upwards s' },
    ]);
    // nobody waited more than 20 s: answered [60, 30, 0, 0], abandoned [8, 2, 0, 0]
    const short = { answeredWait: [60, 30, 0, 0], abandonedWait: [8, 2, 0, 0], answeredWaitSeconds: 600, abandonedWaitSeconds: 40 };
    expect(validateInterval(example({ ...short, longestWaitSeconds: 18 }))).toEqual([]);
    expect(fields(example({ ...short, longestWaitSeconds: 21 }))).toEqual(['longestWaitSeconds']);
    expect(fields(example({ ...short, longestWaitSeconds: 9 }))).toEqual(['longestWaitSeconds']);
    expect(fields(example({ longestWaitSeconds: -1 }))).toEqual(['longestWaitSeconds']);
  });
  it('requires a longest wait of 0 when nobody waited', () => {
    const empty = { ...emptySums(BOUNDS), start: '2024-03-04T02:00:00Z', lengthSeconds: 900 };
    expect(validateInterval({ ...empty, longestWaitSeconds: 0 })).toEqual([]);
    expect(fields({ ...empty, longestWaitSeconds: 4 })).toEqual(['longestWaitSeconds']);
  });
});

describe('sumsRead: the fields each performance definition reads', () => {
  const FIELDS = Object.keys(example()).filter((k) => k !== 'start' && k !== 'bucketBounds') as SumsField[];
  const definitions = METRIC_KEYS.filter((m) => CATALOGUE[m].measuredBy === 'performance').flatMap((metric) =>
    CATALOGUE[metric].variants.map((v) => {
      const parameters = [...CATALOGUE[metric].parameters, ...v.parameters];
      const value = { thresholdSeconds: 15, shortAbandonSeconds: 5, repeatWindowDays: 7, tolerance: 0 };
      return { metric, variant: v.key, ...Object.fromEntries(parameters.map((p) => [p, value[p]])) } as MetricDefinition;
    }),
  );
  // Sums with the read fields kept and every other field garbage (NaN, or a histogram of NaN).
  const withOnly = (sums: IntervalRecord, read: readonly SumsField[]): RawSums => {
    const out = { ...sums } as unknown as Record<string, unknown>;
    for (const f of FIELDS) if (!read.includes(f)) out[f] = Array.isArray(out[f]) ? (out[f] as number[]).map(() => NaN) : NaN;
    return out as unknown as RawSums;
  };
  const samples = [
    example(),
    example({ offered: 0, answered: 0, abandoned: 0, answeredWait: [0, 0, 0, 0], abandonedWait: [0, 0, 0, 0] }),
    example({ transferred: null, availableSeconds: null, longestWaitSeconds: null }),
    example({ longestWaitSeconds: 240, answeredWait: [1, 2, 3, 84], abandonedWait: [9, 0, 0, 1] }),
  ];
  it.each(definitions.map((d) => [`${d.metric}/${d.variant}`, d] as const))('%s: the figure from the fields it reads alone is the same', (_name, definition) => {
    const read = sumsRead(definition);
    expect(read).not.toBeNull();
    for (const sums of samples) expect(computeMetric(definition, withOnly(sums, read!))).toEqual(computeMetric(definition, sums));
  });
});

describe('waitBucketsRead: the leading buckets of each histogram a figure reads', () => {
  const definitions = METRIC_KEYS.filter((m) => CATALOGUE[m].measuredBy === 'performance').flatMap((metric) =>
    CATALOGUE[metric].variants.flatMap((v) => {
      const parameters = [...CATALOGUE[metric].parameters, ...v.parameters];
      // Thresholds below the first bound, on a bound, between bounds, on the last finite bound and beyond it.
      return [1, 5, 10, 15, 30, 45].map(
        (t) => ({ metric, variant: v.key, ...Object.fromEntries(parameters.map((p) => [p, { thresholdSeconds: t, shortAbandonSeconds: 46 - t, repeatWindowDays: 7, tolerance: 0 }[p]])) }) as MetricDefinition,
      );
    }),
  );
  // Sums whose buckets after the ones read are garbage: a count no histogram here holds (not
  // NaN: countWithin multiplies the bucket above a threshold on a bound by zero, and counts are finite).
  const withLeading = (sums: IntervalRecord, read: Partial<Record<'answeredWait' | 'abandonedWait', number>>): RawSums => ({
    ...sums,
    answeredWait: sums.answeredWait.map((c, i) => (i < (read.answeredWait ?? Infinity) ? c : 1e6 + i)),
    abandonedWait: sums.abandonedWait.map((c, i) => (i < (read.abandonedWait ?? Infinity) ? c : 1e6 + i)),
  });
  const samples = [example(), example({ answeredWait: [1, 2, 3, 84], abandonedWait: [9, 0, 0, 1] }), example({ offered: 0, answered: 0, abandoned: 0, answeredWait: [0, 0, 0, 0], abandonedWait: [0, 0, 0, 0] })];
  it.each(definitions.map((d) => [`${d.metric}/${d.variant} ${d.thresholdSeconds ?? '-'}/${d.shortAbandonSeconds ?? '-'}`, d] as const))(
    '%s: the figure from the leading buckets alone is the same',
    (_name, definition) => {
      const read = waitBucketsRead(definition, BOUNDS);
      for (const sums of samples) expect(computeMetric(definition, withLeading(sums, read))).toEqual(computeMetric(definition, sums));
    },
  );

  it('reads up to the bucket the threshold falls in, and leaves out a histogram read whole', () => {
    const sl = (thresholdSeconds: number) => waitBucketsRead({ metric: 'SERVICE_LEVEL', thresholdSeconds }, BOUNDS);
    expect(sl(1)).toEqual({ answeredWait: 1 });
    // On a bound: the bucket above is not counted at all.
    expect(sl(10)).toEqual({ answeredWait: 1 });
    expect(sl(15)).toEqual({ answeredWait: 2 });
    expect(sl(20)).toEqual({ answeredWait: 2 });
    // In the open last bucket: the count up to the last finite bound.
    expect(sl(45)).toEqual({ answeredWait: 3 });
    expect(waitBucketsRead({ metric: 'SERVICE_LEVEL', variant: 'EXCLUDE_SHORT_ABANDONS', thresholdSeconds: 25, shortAbandonSeconds: 5 }, BOUNDS)).toEqual({
      answeredWait: 3,
      abandonedWait: 1,
    });
    expect(waitBucketsRead({ metric: 'ASA' }, BOUNDS)).toEqual({});
  });
});
