/**
 * Statistics of quality-evaluator calibration (shared/METRICS.md, "Figures added in wave 2"):
 * inter-rater reliability (intraclass correlation, Krippendorff's alpha), agreement with the
 * consensus, each evaluator's deviation from the consensus and from the client's baseline with a
 * confidence interval, and the drift of an evaluator across sessions. Pure functions, no I/O.
 */
import { fQuantile, studentTQuantile } from './distributions';

// ---------------------------------------------------------------------------------------------
// Means with a confidence interval
// ---------------------------------------------------------------------------------------------

export interface MeanWithInterval {
  n: number;
  mean: number;
  /** Sample standard deviation; null for a single value. */
  sd: number | null;
  /** Two-sided Student t interval of the mean; null below two values. */
  low: number | null;
  high: number | null;
}

/** The mean of `values` with its two-sided t interval at `level` (95 % by default); null for no values. */
export function meanWithInterval(values: readonly number[], level = 0.95): MeanWithInterval | null {
  const n = values.length;
  if (n === 0) return null;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { n, mean, sd: null, low: null, high: null };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  return { n, mean, sd: Math.sqrt(variance), ...tInterval(mean, variance, n, level) };
}

/**
 * The t interval of a mean from its sufficient statistics (n, sum, sum of squares), as SQL adds
 * them up; null bounds below two values. The variance is clamped at 0 against rounding.
 */
export function meanIntervalFromSums(n: number, sum: number, sumOfSquares: number, level = 0.95): { mean: number | null; low: number | null; high: number | null } {
  if (!(n > 0)) return { mean: null, low: null, high: null };
  const mean = sum / n;
  if (n < 2) return { mean, low: null, high: null };
  const variance = Math.max(0, (sumOfSquares - n * mean * mean) / (n - 1));
  return { mean, ...tInterval(mean, variance, n, level) };
}

function tInterval(mean: number, variance: number, n: number, level: number): { low: number; high: number } {
  const half = studentTQuantile(1 - (1 - level) / 2, n - 1) * Math.sqrt(variance / n);
  return { low: mean - half, high: mean + half };
}

// ---------------------------------------------------------------------------------------------
// Intraclass correlation (Shrout & Fleiss 1979)
// ---------------------------------------------------------------------------------------------

export interface IntraclassCorrelation {
  /** Targets (rows) and judges (columns). */
  targets: number;
  judges: number;
  /** Between-targets, between-judges, residual and within-target mean squares. */
  bms: number;
  jms: number;
  ems: number;
  wms: number;
  /** Each coefficient is null where its formula has no value (0/0: no variance of the kind it compares). */
  icc11: number | null;
  icc21: number | null;
  icc31: number | null;
  icc1k: number | null;
  icc2k: number | null;
  icc3k: number | null;
  /** 95 % interval of ICC(2,1) (McGraw & Wong 1996, case 2A, with Satterthwaite's df); null where undefined. */
  icc21Low: number | null;
  icc21High: number | null;
}

/**
 * The six intraclass correlations of Shrout & Fleiss (1979) from a complete targets × judges
 * matrix (every judge rates every target): ICC(1,1) one-way random, ICC(2,1) two-way random
 * (judges a random sample, absolute agreement), ICC(3,1) two-way mixed (consistency), and their
 * averages over k judges. Null with fewer than two targets or judges, or without variance.
 */
export function intraclassCorrelation(matrix: readonly (readonly number[])[], level = 0.95): IntraclassCorrelation | null {
  const n = matrix.length;
  const k = matrix[0]?.length ?? 0;
  if (n < 2 || k < 2 || matrix.some((row) => row.length !== k)) return null;
  let total = 0;
  for (const row of matrix) for (const v of row) total += v;
  const grand = total / (n * k);
  const rowMeans = matrix.map((row) => row.reduce((a, b) => a + b, 0) / k);
  const colMeans = Array.from({ length: k }, (_, j) => matrix.reduce((a, row) => a + row[j], 0) / n);
  let sst = 0;
  for (const row of matrix) for (const v of row) sst += (v - grand) ** 2;
  const ssr = k * rowMeans.reduce((a, m) => a + (m - grand) ** 2, 0);
  const ssc = n * colMeans.reduce((a, m) => a + (m - grand) ** 2, 0);
  // Rounding leaves a residual of the order of 1e-12 where there is none: read it as 0.
  const sse = Math.abs(sst - ssr - ssc) <= 1e-12 * sst ? 0 : sst - ssr - ssc;
  const ssw = sst - ssr;
  const bms = ssr / (n - 1);
  const jms = ssc / (k - 1);
  const ems = sse / ((n - 1) * (k - 1));
  const wms = ssw / (n * (k - 1));
  if (!(sst > 0)) return null;
  const icc21 = finite((bms - ems) / (bms + (k - 1) * ems + (k * (jms - ems)) / n));
  return {
    targets: n,
    judges: k,
    bms,
    jms,
    ems,
    wms,
    icc11: finite((bms - wms) / (bms + (k - 1) * wms)),
    icc21,
    icc31: finite((bms - ems) / (bms + (k - 1) * ems)),
    icc1k: finite((bms - wms) / bms),
    icc2k: finite((bms - ems) / (bms + (jms - ems) / n)),
    icc3k: finite((bms - ems) / bms),
    ...icc21Interval(icc21, n, k, bms, jms, ems, level),
  };
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * The interval of ICC(2,1): Shrout & Fleiss (1979), Table 4, in the form of McGraw & Wong (1996),
 * case 2A, with Satterthwaite's degrees of freedom v. Null where it has no value (an ICC of 1 or
 * undefined, no residual variance).
 */
function icc21Interval(icc: number | null, n: number, k: number, bms: number, jms: number, ems: number, level: number): { icc21Low: number | null; icc21High: number | null } {
  const none = { icc21Low: null, icc21High: null };
  if (icc === null || !(icc < 1) || !(ems > 0)) return none;
  const a = (k * icc) / (n * (1 - icc));
  const b = 1 + (k * icc * (n - 1)) / (n * (1 - icc));
  const v = (a * jms + b * ems) ** 2 / ((a * jms) ** 2 / (k - 1) + (b * ems) ** 2 / ((n - 1) * (k - 1)));
  if (!(v > 0) || !Number.isFinite(v)) return none;
  const upperQ = 1 - (1 - level) / 2;
  const fStar = fQuantile(upperQ, n - 1, v);
  const fStarInv = fQuantile(upperQ, v, n - 1);
  const low = (n * (bms - fStar * ems)) / (fStar * (k * jms + (k * n - k - n) * ems) + n * bms);
  const high = (n * (fStarInv * bms - ems)) / (k * jms + (k * n - k - n) * ems + n * fStarInv * bms);
  return { icc21Low: finite(low), icc21High: finite(high) };
}

// ---------------------------------------------------------------------------------------------
// Krippendorff's alpha (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability")
// ---------------------------------------------------------------------------------------------

export type AlphaMetric = 'nominal' | 'ordinal' | 'interval' | 'ratio';

export interface KrippendorffAlpha {
  alpha: number;
  metric: AlphaMetric;
  /** Units with at least two values (pairable). */
  units: number;
  /** Pairable values n.. */
  values: number;
  observedDisagreement: number;
  expectedDisagreement: number;
}

/**
 * Krippendorff's alpha from a reliability data matrix: one row per coder, one column per unit,
 * null where the coder gave no value. Units with fewer than two values are not pairable and are
 * left out. Nominal values may be any strings or numbers; the other metrics need numbers (ordinal
 * ranks follow numeric order). Null when no unit is pairable or the values do not vary (alpha
 * undefined: expected disagreement 0).
 */
export function krippendorffAlpha(data: readonly (readonly (string | number | null)[])[], metric: AlphaMetric): KrippendorffAlpha | null {
  const unitCount = Math.max(0, ...data.map((row) => row.length));
  const categories = new Map<string | number, number>();
  const units: Array<Array<string | number>> = [];
  for (let u = 0; u < unitCount; u++) {
    const values = data.map((row) => row[u]).filter((v): v is string | number => v !== null && v !== undefined);
    if (values.length < 2) continue;
    if (metric !== 'nominal' && values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) throw new RangeError(`${metric} alpha needs numeric values`);
    units.push(values);
    for (const v of values) if (!categories.has(v)) categories.set(v, categories.size);
  }
  if (units.length === 0) return null;
  let values = [...categories.keys()];
  if (metric !== 'nominal') values = (values as number[]).sort((a, b) => a - b);
  const index = new Map(values.map((v, i) => [v, i]));
  const c = values.length;
  // Coincidence matrix o[c][k] = Σ_u (pairs of values c, k from different coders in u) / (m_u − 1).
  const o = Array.from({ length: c }, () => new Array<number>(c).fill(0));
  for (const unit of units) {
    const m = unit.length;
    const counts = new Array<number>(c).fill(0);
    for (const v of unit) counts[index.get(v)!] += 1;
    for (let i = 0; i < c; i++) {
      if (!counts[i]) continue;
      for (let j = 0; j < c; j++) {
        if (!counts[j]) continue;
        o[i][j] += (counts[i] * (i === j ? counts[j] - 1 : counts[j])) / (m - 1);
      }
    }
  }
  const nc = o.map((row) => row.reduce((a, b) => a + b, 0));
  const n = nc.reduce((a, b) => a + b, 0);
  const delta2 = (i: number, j: number): number => {
    if (i === j) return 0;
    switch (metric) {
      case 'nominal':
        return 1;
      case 'interval':
        return ((values[i] as number) - (values[j] as number)) ** 2;
      case 'ratio': {
        const a = values[i] as number;
        const b = values[j] as number;
        return a + b === 0 ? 0 : ((a - b) / (a + b)) ** 2;
      }
      case 'ordinal': {
        const [lo, hi] = i < j ? [i, j] : [j, i];
        let sum = 0;
        for (let g = lo; g <= hi; g++) sum += nc[g];
        return (sum - (nc[i] + nc[j]) / 2) ** 2;
      }
    }
  };
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < c; i++) {
    for (let j = 0; j < c; j++) {
      const d = delta2(i, j);
      observed += o[i][j] * d;
      expected += nc[i] * nc[j] * d;
    }
  }
  if (!(expected > 0)) return null;
  const observedDisagreement = observed / n;
  const expectedDisagreement = expected / (n * (n - 1));
  return { alpha: 1 - observedDisagreement / expectedDisagreement, metric, units: units.length, values: n, observedDisagreement, expectedDisagreement };
}

// ---------------------------------------------------------------------------------------------
// Agreement with the consensus answer
// ---------------------------------------------------------------------------------------------

export interface ModeAgreement {
  /** Units with at least two answers. */
  units: number;
  answers: number;
  /** Answers equal to their unit's most frequent answer. */
  agreeing: number;
  share: number | null;
}

/**
 * The share of answers that agree with their unit's consensus, the unit's most frequent answer.
 * When answers tie for most frequent, the count agreeing is the tied count whichever is taken as
 * the consensus, so the share is well defined. Units with fewer than two answers carry no
 * agreement and are left out.
 */
export function modeAgreement(units: readonly (readonly string[])[]): ModeAgreement {
  let answers = 0;
  let agreeing = 0;
  let counted = 0;
  for (const unit of units) {
    if (unit.length < 2) continue;
    const counts = new Map<string, number>();
    for (const a of unit) counts.set(a, (counts.get(a) ?? 0) + 1);
    counted += 1;
    answers += unit.length;
    agreeing += Math.max(...counts.values());
  }
  return { units: counted, answers, agreeing, share: answers ? agreeing / answers : null };
}

// ---------------------------------------------------------------------------------------------
// Trend
// ---------------------------------------------------------------------------------------------

/** Least-squares slope of `values` against their position (0, 1, 2 …); null below two values. */
export function linearTrend(values: readonly number[]): number | null {
  const n = values.length;
  if (n < 2) return null;
  const xMean = (n - 1) / 2;
  const yMean = values.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((y, x) => {
    num += (x - xMean) * (y - yMean);
    den += (x - xMean) ** 2;
  });
  return num / den;
}

// ---------------------------------------------------------------------------------------------
// A calibration session's results
// ---------------------------------------------------------------------------------------------

export type EvaluatorParty = 'CLIENT' | 'CENTRE';

/** One evaluator's scoring of one interaction in a session. */
export interface CalibrationScore {
  interactionRef: string;
  evaluatorRef: string;
  party: EvaluatorParty;
  /** 0–100. */
  score: number;
  /** The answer to each criterion, by criterion key ('YES', 'NO', 'NA', '1' … '5'). */
  answers: Readonly<Record<string, string>>;
}

export interface ReliabilityFigure {
  /** What was computed, named: 'ICC(2,1)', "Krippendorff's alpha (nominal)" … */
  method: string;
  /** What it was computed on. */
  basis: string;
  coefficient: number | null;
  low: number | null;
  high: number | null;
  /** Units (interactions, or interaction × criterion pairs) and raters the figure used. */
  units: number;
  raters: number;
  /** Why the coefficient is null, or what was left out. */
  note: string | null;
}

export interface CriterionAgreement extends ModeAgreement {
  criterionKey: string;
}

export interface Deviation {
  n: number;
  mean: number;
  low: number | null;
  high: number | null;
}

export interface EvaluatorCalibration {
  evaluatorRef: string;
  party: EvaluatorParty;
  interactions: number;
  meanScore: number;
  /** Mean of (own score − consensus score) over the interactions at least two evaluators scored. */
  fromConsensus: Deviation | null;
  /** Mean of (own score − mean of the other client evaluators' scores) over the interactions a client evaluator other than this one scored. */
  fromClientBaseline: Deviation | null;
}

export interface InteractionConsensus {
  interactionRef: string;
  evaluators: number;
  /** Mean of every evaluator's score: the consensus score. */
  consensusScore: number;
  /** Mean of the client evaluators' scores; null when no client evaluator scored it. */
  clientBaseline: number | null;
}

export interface CalibrationResults {
  interactions: number;
  evaluators: number;
  scores: number;
  /**
   * How far apart the two parties score: per interaction both scored, the centre evaluators' mean
   * score minus the client evaluators' mean score; their mean over those interactions with its
   * 95 % t interval. Positive: the centre scores more leniently than the client.
   */
  centreMinusClient: Deviation | null;
  consensus: InteractionConsensus[];
  criteria: CriterionAgreement[];
  evaluatorResults: EvaluatorCalibration[];
  reliability: ReliabilityFigure[];
}

const evaluatorKey = (s: { party: EvaluatorParty; evaluatorRef: string }) => `${s.party}\u0000${s.evaluatorRef}`;

function deviation(values: number[]): Deviation | null {
  const m = meanWithInterval(values);
  return m ? { n: m.n, mean: m.mean, low: m.low, high: m.high } : null;
}

/**
 * Everything a closed calibration session reports, from its scores (one per evaluator and
 * interaction; an evaluator is a party and a reference):
 *
 * - the consensus score of each interaction (mean of all evaluators) and the client's baseline
 *   (mean of the client evaluators);
 * - how far apart the parties score: the centre's mean minus the client's mean per interaction
 *   both scored, averaged with its 95 % t interval;
 * - per criterion, the share of answers equal to the interaction's most frequent answer (N/A is
 *   an answer like any other: disagreeing on applicability is a disagreement);
 * - per evaluator, the mean deviation from the consensus and from the client's baseline, each
 *   with its 95 % t interval over the interactions (for a client evaluator the baseline leaves
 *   the evaluator out, so it is the other client evaluators');
 * - reliability: ICC(2,1) on the scores of the evaluators who scored every interaction, with its
 *   95 % interval; Krippendorff's alpha (interval) on the scores, all evaluators, missing scores
 *   allowed; Krippendorff's alpha (nominal) on the criterion answers, units being interaction ×
 *   criterion pairs.
 */
export function calibrationResults(criterionKeys: readonly string[], scores: readonly CalibrationScore[]): CalibrationResults {
  const interactionRefs = [...new Set(scores.map((s) => s.interactionRef))].sort();
  const evaluators = new Map<string, { evaluatorRef: string; party: EvaluatorParty }>();
  for (const s of scores) evaluators.set(evaluatorKey(s), { evaluatorRef: s.evaluatorRef, party: s.party });
  const evaluatorKeys = [...evaluators.keys()].sort();
  const byInteraction = new Map<string, CalibrationScore[]>(interactionRefs.map((r) => [r, []]));
  for (const s of scores) byInteraction.get(s.interactionRef)!.push(s);

  const consensus: InteractionConsensus[] = interactionRefs.map((ref) => {
    const list = byInteraction.get(ref)!;
    const client = list.filter((s) => s.party === 'CLIENT');
    return {
      interactionRef: ref,
      evaluators: list.length,
      consensusScore: list.reduce((a, s) => a + s.score, 0) / list.length,
      clientBaseline: client.length ? client.reduce((a, s) => a + s.score, 0) / client.length : null,
    };
  });
  const consensusOf = new Map(consensus.map((c) => [c.interactionRef, c]));

  const criteria: CriterionAgreement[] = criterionKeys.map((key) => ({
    criterionKey: key,
    ...modeAgreement(interactionRefs.map((ref) => byInteraction.get(ref)!.map((s) => s.answers[key]).filter((a): a is string => a !== undefined))),
  }));

  const evaluatorResults: EvaluatorCalibration[] = evaluatorKeys.map((key) => {
    const who = evaluators.get(key)!;
    const own = scores.filter((s) => evaluatorKey(s) === key);
    const fromConsensus: number[] = [];
    const fromBaseline: number[] = [];
    for (const s of own) {
      const others = byInteraction.get(s.interactionRef)!;
      if (others.length >= 2) fromConsensus.push(s.score - consensusOf.get(s.interactionRef)!.consensusScore);
      const clientOthers = others.filter((o) => o.party === 'CLIENT' && evaluatorKey(o) !== key);
      if (clientOthers.length) fromBaseline.push(s.score - clientOthers.reduce((a, o) => a + o.score, 0) / clientOthers.length);
    }
    return {
      ...who,
      interactions: own.length,
      meanScore: own.reduce((a, s) => a + s.score, 0) / own.length,
      fromConsensus: deviation(fromConsensus),
      fromClientBaseline: deviation(fromBaseline),
    };
  });

  const partyGaps: number[] = [];
  for (const ref of interactionRefs) {
    const list = byInteraction.get(ref)!;
    const centre = list.filter((s) => s.party === 'CENTRE');
    const client = list.filter((s) => s.party === 'CLIENT');
    if (centre.length && client.length) partyGaps.push(centre.reduce((a, s) => a + s.score, 0) / centre.length - client.reduce((a, s) => a + s.score, 0) / client.length);
  }

  return {
    interactions: interactionRefs.length,
    evaluators: evaluatorKeys.length,
    scores: scores.length,
    centreMinusClient: deviation(partyGaps),
    consensus,
    criteria,
    evaluatorResults,
    reliability: [iccOfScores(interactionRefs, evaluatorKeys, scores), alphaOfScores(interactionRefs, evaluatorKeys, scores), alphaOfAnswers(criterionKeys, interactionRefs, evaluatorKeys, scores)],
  };
}

/** Each evaluator's score of each interaction. */
function scoreMatrix(evaluatorKeys: string[], scores: readonly CalibrationScore[]): Map<string, Map<string, CalibrationScore>> {
  const m = new Map<string, Map<string, CalibrationScore>>(evaluatorKeys.map((e) => [e, new Map()]));
  for (const s of scores) m.get(evaluatorKey(s))!.set(s.interactionRef, s);
  return m;
}

function iccOfScores(interactionRefs: string[], evaluatorKeys: string[], scores: readonly CalibrationScore[]): ReliabilityFigure {
  const m = scoreMatrix(evaluatorKeys, scores);
  const complete = evaluatorKeys.filter((e) => interactionRefs.every((r) => m.get(e)!.has(r)));
  const base = {
    method: 'ICC(2,1)',
    basis: 'scores; two-way random effects, absolute agreement, single rater (Shrout & Fleiss 1979), over the evaluators who scored every interaction',
    units: interactionRefs.length,
    raters: complete.length,
  };
  const left = evaluatorKeys.length - complete.length;
  const leftNote = left ? `${left} evaluator${left === 1 ? '' : 's'} who did not score every interaction left out` : null;
  if (complete.length < 2 || interactionRefs.length < 2) {
    return { ...base, coefficient: null, low: null, high: null, note: 'needs at least two interactions scored by at least two evaluators each' + (leftNote ? `; ${leftNote}` : '') };
  }
  const icc = intraclassCorrelation(interactionRefs.map((r) => complete.map((e) => m.get(e)!.get(r)!.score)));
  if (!icc || icc.icc21 === null) return { ...base, coefficient: null, low: null, high: null, note: 'the scores do not vary between interactions and evaluators as ICC needs' };
  return { ...base, coefficient: icc.icc21, low: icc.icc21Low, high: icc.icc21High, note: leftNote };
}

function alphaOfScores(interactionRefs: string[], evaluatorKeys: string[], scores: readonly CalibrationScore[]): ReliabilityFigure {
  const m = scoreMatrix(evaluatorKeys, scores);
  const alpha = krippendorffAlpha(
    evaluatorKeys.map((e) => interactionRefs.map((r) => m.get(e)!.get(r)?.score ?? null)),
    'interval',
  );
  return {
    method: "Krippendorff's alpha (interval)",
    basis: 'scores; every evaluator, missing scores allowed (Krippendorff 2011)',
    coefficient: alpha?.alpha ?? null,
    low: null,
    high: null,
    units: alpha?.units ?? 0,
    raters: evaluatorKeys.length,
    note: alpha ? null : 'needs an interaction scored by two evaluators, and scores that vary',
  };
}

function alphaOfAnswers(criterionKeys: readonly string[], interactionRefs: string[], evaluatorKeys: string[], scores: readonly CalibrationScore[]): ReliabilityFigure {
  const m = scoreMatrix(evaluatorKeys, scores);
  const data = evaluatorKeys.map((e) => interactionRefs.flatMap((r) => criterionKeys.map((c) => m.get(e)!.get(r)?.answers[c] ?? null)));
  const alpha = krippendorffAlpha(data, 'nominal');
  return {
    method: "Krippendorff's alpha (nominal)",
    basis: 'criterion answers (N/A counted as an answer); units are interaction × criterion pairs (Krippendorff 2011)',
    coefficient: alpha?.alpha ?? null,
    low: null,
    high: null,
    units: alpha?.units ?? 0,
    raters: evaluatorKeys.length,
    note: alpha ? null : 'needs a criterion answered by two evaluators on one interaction, and answers that vary',
  };
}
