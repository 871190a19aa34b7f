/**
 * Quality scorecards and how an evaluation is scored (QUALITY_SCORE in shared/METRICS.md).
 * Pure functions, no I/O.
 *
 * Scoring rule (documented in the README):
 * - an answer earns points: YES 100, NO 0; on a 1–5 scale (v − 1) / 4 × 100 (1 → 0, 3 → 50,
 *   5 → 100); N/A earns nothing and leaves the criterion out;
 * - a section scores the weighted mean of its answered criteria (criterion weights); the
 *   evaluation scores the weighted mean of the sections with at least one answered criterion
 *   (section weights): 0–100 %;
 * - a critical criterion (yes/no only) answered NO fails the whole evaluation: its score is 0,
 *   `criticalFail` is set, and the weighted score it would have had is kept as `rawScore`;
 * - an evaluation passes when it has no critical fail and its score is at or above the pass mark
 *   of its version.
 */

export const ANSWER_SCALES = ['YES_NO_NA', 'ONE_TO_FIVE'] as const;
export type AnswerScale = (typeof ANSWER_SCALES)[number];

export const NOT_APPLICABLE = 'NA';

export interface ScorecardCriterion {
  key: string;
  title: string;
  weight: number;
  scale: AnswerScale;
  /** Answered NO, it fails the whole evaluation (yes/no criteria only). */
  critical: boolean;
  /** Whether N/A is an answer this criterion takes. */
  allowNotApplicable: boolean;
}

export interface ScorecardSection {
  key: string;
  title: string;
  weight: number;
  criteria: ScorecardCriterion[];
}

export interface ScorecardDefinition {
  /** 0–100 %. */
  passMark: number;
  sections: ScorecardSection[];
}

/** The answers a criterion takes, in the words the API uses. */
export function answersOf(criterion: Pick<ScorecardCriterion, 'scale' | 'allowNotApplicable'>): string[] {
  const own = criterion.scale === 'YES_NO_NA' ? ['YES', 'NO'] : ['1', '2', '3', '4', '5'];
  return criterion.allowNotApplicable ? [...own, NOT_APPLICABLE] : own;
}

/** The problem with `value` as an answer to `criterion`, or null. */
export function answerProblem(criterion: Pick<ScorecardCriterion, 'scale' | 'allowNotApplicable'>, value: string): string | null {
  const allowed = answersOf(criterion);
  if (allowed.includes(value)) return null;
  if (value === NOT_APPLICABLE) return `N/A is not allowed for this criterion; answer ${allowed.join(', ')}`;
  return `"${value}" is outside the ${criterion.scale} scale; answer ${allowed.join(', ')}`;
}

/** Points (0–100) an answer earns; null for N/A. The answer must be valid (answerProblem). */
export function answerPoints(scale: AnswerScale, value: string): number | null {
  if (value === NOT_APPLICABLE) return null;
  if (scale === 'YES_NO_NA') return value === 'YES' ? 100 : 0;
  return ((Number(value) - 1) / 4) * 100;
}

export interface EvaluationScore {
  /** 0–100; 0 on a critical fail. Null when no criterion was answered (all N/A). */
  score: number | null;
  /** The weighted score before a critical fail. */
  rawScore: number | null;
  criticalFail: boolean;
  /** Keys of the critical criteria answered NO. */
  failedCritical: string[];
  passed: boolean;
}

/** Scores `answers` (by criterion key, every criterion answered and valid) under `definition`. */
export function scoreEvaluation(definition: ScorecardDefinition, answers: Readonly<Record<string, string>>): EvaluationScore {
  let weighted = 0;
  let sectionWeights = 0;
  const failedCritical: string[] = [];
  for (const section of definition.sections) {
    let points = 0;
    let weights = 0;
    for (const c of section.criteria) {
      const value = answers[c.key];
      if (value === undefined) continue;
      if (c.critical && value === 'NO') failedCritical.push(c.key);
      const p = answerPoints(c.scale, value);
      if (p === null) continue;
      points += c.weight * p;
      weights += c.weight;
    }
    if (weights > 0) {
      weighted += section.weight * (points / weights);
      sectionWeights += section.weight;
    }
  }
  const rawScore = sectionWeights > 0 ? weighted / sectionWeights : null;
  const criticalFail = failedCritical.length > 0;
  const score = rawScore === null ? null : criticalFail ? 0 : rawScore;
  return { score, rawScore, criticalFail, failedCritical, passed: !criticalFail && score !== null && score >= definition.passMark - 1e-9 };
}

/** Every criterion key of a definition, in order. */
export function criterionKeys(definition: ScorecardDefinition): string[] {
  return definition.sections.flatMap((s) => s.criteria.map((c) => c.key));
}
