import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { calibrationResults, CalibrationScore, intraclassCorrelation, krippendorffAlpha, linearTrend, meanIntervalFromSums, meanWithInterval, modeAgreement } from './calibration';
import { fQuantile, studentTQuantile } from './distributions';

/**
 * Reference values: fixtures/calibration-reference.json, computed once by
 * fixtures/calibration-reference.py (numpy/scipy, an implementation independent of this one),
 * on the published worked examples below; the published figures themselves are asserted too.
 */
const REFERENCE = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'calibration-reference.json'), 'utf8'));

describe('intraclass correlation', () => {
  // Shrout, P. E. & Fleiss, J. L. (1979). Intraclass correlations: uses in assessing rater
  // reliability. Psychological Bulletin 86(2), 420-428. Table 2 (6 targets rated by 4 judges);
  // Table 4 gives ICC(1,1) = .17, ICC(2,1) = .29, ICC(3,1) = .71, ICC(1,4) = .44, ICC(2,4) = .62,
  // ICC(3,4) = .91.
  const table2 = REFERENCE.shroutFleiss.data as number[][];

  it('reproduces the published figures of Shrout & Fleiss (1979), Table 4', () => {
    const icc = intraclassCorrelation(table2)!;
    expect(icc.icc11).toBeCloseTo(0.17, 2);
    expect(icc.icc21).toBeCloseTo(0.29, 2);
    expect(icc.icc31).toBeCloseTo(0.71, 2);
    expect(icc.icc1k).toBeCloseTo(0.44, 2);
    expect(icc.icc2k).toBeCloseTo(0.62, 2);
    expect(icc.icc3k).toBeCloseTo(0.91, 2);
  });

  it('agrees with the reference computation to 1e-9, mean squares and the ICC(2,1) interval included', () => {
    const icc = intraclassCorrelation(table2)!;
    for (const key of ['bms', 'jms', 'ems', 'wms', 'icc11', 'icc21', 'icc31', 'icc1k', 'icc2k', 'icc3k', 'icc21Low', 'icc21High'] as const) {
      expect({ key, value: icc[key] }).toEqual({ key, value: expect.closeTo(REFERENCE.shroutFleiss[key], 9) });
    }
  });

  it('has no interval where there is no residual variance (judges differ, targets do not)', () => {
    const icc = intraclassCorrelation([[75, 87.5, 75], [75, 87.5, 75]])!;
    expect(icc.icc21).toBe(0);
    expect([icc.icc21Low, icc.icc21High, icc.icc31]).toEqual([null, null, null]);
  });

  it('is null without two targets and two judges, or without variance', () => {
    expect(intraclassCorrelation([[1, 2, 3]])).toBeNull();
    expect(intraclassCorrelation([[1], [2]])).toBeNull();
    expect(intraclassCorrelation([[3, 3], [3, 3]])).toBeNull();
  });
});

describe("Krippendorff's alpha", () => {
  // Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. University of
  // Pennsylvania, Annenberg School for Communication. Example B: two observers, binary data, ten
  // units, alpha = 0.095. Example C: four observers, twelve units, values 1-5 with missing data:
  // nominal alpha = 0.743, interval 0.849, ratio 0.797.
  it('reproduces example B (binary data, two observers): 0.095', () => {
    const alpha = krippendorffAlpha(REFERENCE.krippendorffBinary.data, 'nominal')!;
    expect(alpha.alpha).toBeCloseTo(0.095, 3);
    expect(alpha.alpha).toBeCloseTo(REFERENCE.krippendorffBinary.nominal, 12);
  });

  it('reproduces example C (four observers, missing data): nominal 0.743, interval 0.849, ratio 0.797', () => {
    const data = REFERENCE.krippendorffC.data as Array<Array<number | null>>;
    expect(krippendorffAlpha(data, 'nominal')!.alpha).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(data, 'interval')!.alpha).toBeCloseTo(0.849, 3);
    expect(krippendorffAlpha(data, 'ratio')!.alpha).toBeCloseTo(0.797, 3);
    for (const metric of ['nominal', 'ordinal', 'interval', 'ratio'] as const) {
      expect({ metric, alpha: krippendorffAlpha(data, metric)!.alpha }).toEqual({ metric, alpha: expect.closeTo(REFERENCE.krippendorffC[metric], 12) });
    }
    // Unit 12 has one value only: not pairable. n.. = 40 pairable values in 11 units.
    const nominal = krippendorffAlpha(data, 'nominal')!;
    expect(nominal.units).toBe(11);
    expect(nominal.values).toBe(40);
  });

  it('takes strings as nominal values and is null when nothing is pairable or nothing varies', () => {
    expect(krippendorffAlpha([['YES', 'NO'], ['YES', 'YES']], 'nominal')!.alpha).toBeCloseTo(krippendorffAlpha([[1, 0], [1, 1]], 'nominal')!.alpha, 12);
    expect(krippendorffAlpha([[1, null], [null, 2]], 'nominal')).toBeNull();
    expect(krippendorffAlpha([[1, 1], [1, 1]], 'interval')).toBeNull();
    expect(() => krippendorffAlpha([['a'], ['b']], 'interval')).toThrow(RangeError);
  });
});

describe('distributions', () => {
  it('gives Student t and F quantiles as scipy does', () => {
    for (const [df, q] of Object.entries(REFERENCE.studentT975 as Record<string, number>)) expect(studentTQuantile(0.975, Number(df))).toBeCloseTo(q, 8);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-REFERENCE.studentT975['10'], 8);
    for (const [dfs, q] of Object.entries(REFERENCE.f975 as Record<string, number>)) {
      const [a, b] = dfs.split(',').map(Number);
      expect(fQuantile(0.975, a, b)).toBeCloseTo(q, 6);
    }
  });
});

describe('means, agreement and trend', () => {
  it('gives a t interval of a mean, from values or from SQL sums alike', () => {
    // Hand-computed: 10 and 20 have mean 15, sd 7.0711, standard error 5; t(0.975, 1) = 12.7062.
    const m = meanWithInterval([10, 20])!;
    expect(m.mean).toBe(15);
    expect(m.sd).toBeCloseTo(7.0711, 4);
    expect(m.low).toBeCloseTo(15 - 12.7062 * 5, 3);
    expect(m.high).toBeCloseTo(15 + 12.7062 * 5, 3);
    const sums = meanIntervalFromSums(2, 30, 500);
    expect(sums.low).toBeCloseTo(m.low!, 9);
    expect(meanWithInterval([7])).toEqual({ n: 1, mean: 7, sd: null, low: null, high: null });
    expect(meanWithInterval([])).toBeNull();
    expect(meanIntervalFromSums(0, 0, 0)).toEqual({ mean: null, low: null, high: null });
  });

  it('counts the answers equal to the most frequent one, ties included', () => {
    expect(modeAgreement([['YES', 'YES', 'NO'], ['NO', 'YES'], ['YES']])).toEqual({ units: 2, answers: 5, agreeing: 3, share: 0.6 });
    expect(modeAgreement([])).toEqual({ units: 0, answers: 0, agreeing: 0, share: null });
  });

  it('fits a least-squares slope per position', () => {
    expect(linearTrend([1, 3, 5])).toBeCloseTo(2, 12);
    expect(linearTrend([4])).toBeNull();
  });
});

describe('a calibration session (hand-computed)', () => {
  // Two interactions, two client evaluators (ca, cb) and one centre evaluator (kx):
  //   i1: ca 80 (greet YES, resolve 4), cb 70 (YES, 3), kx 90 (YES, 5)
  //   i2: ca 60 (NO, 3),                cb 50 (NO, 3), kx 85 (YES, 4)
  // Consensus 80 and 65; client baseline 75 and 55.
  const s = (interactionRef: string, evaluatorRef: string, party: 'CLIENT' | 'CENTRE', score: number, greet: string, resolve: string): CalibrationScore => ({
    interactionRef, evaluatorRef, party, score, answers: { greet, resolve },
  });
  const scores = [
    s('i1', 'ca', 'CLIENT', 80, 'YES', '4'),
    s('i1', 'cb', 'CLIENT', 70, 'YES', '3'),
    s('i1', 'kx', 'CENTRE', 90, 'YES', '5'),
    s('i2', 'ca', 'CLIENT', 60, 'NO', '3'),
    s('i2', 'cb', 'CLIENT', 50, 'NO', '3'),
    s('i2', 'kx', 'CENTRE', 85, 'YES', '4'),
  ];
  const results = calibrationResults(['greet', 'resolve'], scores);

  it('gives the consensus and the client baseline per interaction', () => {
    expect(results.consensus).toEqual([
      { interactionRef: 'i1', evaluators: 3, consensusScore: 80, clientBaseline: 75 },
      { interactionRef: 'i2', evaluators: 3, consensusScore: 65, clientBaseline: 55 },
    ]);
    expect([results.interactions, results.evaluators, results.scores]).toEqual([2, 3, 6]);
  });

  it('gives per-criterion agreement with the consensus answer', () => {
    // greet: 3 of 3 on i1, 2 of 3 on i2; resolve: 1 of 3 (no two alike) and 2 of 3.
    expect(results.criteria).toEqual([
      { criterionKey: 'greet', units: 2, answers: 6, agreeing: 5, share: 5 / 6 },
      { criterionKey: 'resolve', units: 2, answers: 6, agreeing: 3, share: 0.5 },
    ]);
  });

  it('shows the lenient centre evaluator: +15 from the consensus, +22.5 from the client baseline, with t intervals', () => {
    const kx = results.evaluatorResults.find((e) => e.evaluatorRef === 'kx')!;
    expect(kx.party).toBe('CENTRE');
    expect(kx.meanScore).toBe(87.5);
    // Deviations +10, +20: mean 15, standard error 5, t(0.975, 1) = 12.7062.
    expect(kx.fromConsensus!.mean).toBeCloseTo(15, 12);
    expect(kx.fromConsensus!.low).toBeCloseTo(15 - 12.7062 * 5, 3);
    expect(kx.fromConsensus!.high).toBeCloseTo(15 + 12.7062 * 5, 3);
    // Deviations +15, +30: mean 22.5, standard error 7.5.
    expect(kx.fromClientBaseline!.mean).toBeCloseTo(22.5, 12);
    expect(kx.fromClientBaseline!.high).toBeCloseTo(22.5 + 12.7062 * 7.5, 3);
    // A client evaluator's baseline is the other client evaluators': ca is 10 above cb both times.
    const ca = results.evaluatorResults.find((e) => e.evaluatorRef === 'ca')!;
    expect(ca.fromConsensus!.mean).toBeCloseTo(-2.5, 12);
    expect(ca.fromClientBaseline).toEqual({ n: 2, mean: 10, low: 10, high: 10 });
  });

  it('says how far apart the parties score: the centre 22.5 points above the client, with its t interval', () => {
    // Per interaction, centre mean − client mean: i1 90 − 75 = 15, i2 85 − 55 = 30; mean 22.5,
    // standard error 7.5, t(0.975, 1) = 12.7062.
    expect(results.centreMinusClient!.n).toBe(2);
    expect(results.centreMinusClient!.mean).toBeCloseTo(22.5, 12);
    expect(results.centreMinusClient!.low).toBeCloseTo(22.5 - 12.7062 * 7.5, 3);
    expect(results.centreMinusClient!.high).toBeCloseTo(22.5 + 12.7062 * 7.5, 3);
    // With a second centre evaluator at 70 on i1 the centre's mean there is 80: gaps 5 and 30.
    const two = calibrationResults(['greet', 'resolve'], [...scores, s('i1', 'ky', 'CENTRE', 70, 'YES', '3')]);
    expect(two.centreMinusClient!.mean).toBeCloseTo(17.5, 12);
    // Only one party scored: no gap.
    expect(calibrationResults(['greet'], scores.filter((x) => x.party === 'CLIENT')).centreMinusClient).toBeNull();
  });

  it('gives ICC(2,1) = 0.32 and both alphas, each with its method named', () => {
    // BMS = 337.5, JMS = 387.5, EMS = 37.5 (n = 2, k = 3): ICC(2,1) = 300 / 937.5 = 0.32.
    const [icc, alphaScores, alphaAnswers] = results.reliability;
    expect(icc.method).toBe('ICC(2,1)');
    expect(icc.coefficient).toBeCloseTo(0.32, 12);
    expect([icc.units, icc.raters, icc.note]).toEqual([2, 3, null]);
    // Interval alpha on scores: D_o = 2550 / 6 = 425, D_e = 14250 / 30 = 475, alpha = 2/19.
    expect(alphaScores.method).toBe("Krippendorff's alpha (interval)");
    expect(alphaScores.coefficient).toBeCloseTo(2 / 19, 12);
    // Nominal alpha on answers: 12 pairable values, 7 disagreeing coincidences; Σ n_c² = 34:
    // D_o = 7/12, D_e = 110/132, alpha = 1 − 0.7 = 0.3.
    expect(alphaAnswers.method).toBe("Krippendorff's alpha (nominal)");
    expect(alphaAnswers.coefficient).toBeCloseTo(0.3, 12);
    expect(alphaAnswers.units).toBe(4);
  });

  it('leaves out of ICC the evaluators who did not score every interaction, and says so', () => {
    const partial = calibrationResults(['greet', 'resolve'], [...scores, s('i1', 'late', 'CENTRE', 95, 'YES', '5')]);
    expect(partial.reliability[0].raters).toBe(3);
    expect(partial.reliability[0].coefficient).toBeCloseTo(0.32, 12);
    expect(partial.reliability[0].note).toMatch(/1 evaluator who did not score every interaction left out/);
    expect(calibrationResults(['greet'], [scores[0]]).reliability.map((r) => r.coefficient)).toEqual([null, null, null]);
  });
});
