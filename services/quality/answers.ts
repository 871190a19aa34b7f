import { Problems } from '../platform/errors';
import { checkList, checkText, checkInstant } from '../platform/validate';
import { LIST_LIMITS, TEXT_LIMITS, textProblem } from '../metrics/bounds';
import { answerProblem, EvaluationScore, ScorecardDefinition, scoreEvaluation } from '../metrics/scorecard';
import type { StoredAnswer } from './entities/evaluation';

/**
 * Checks shared by evaluations and calibration scores: pseudonymous references, the answers to a
 * scorecard version's criteria, and interaction instants.
 */

/** Problems, counted so a file full of errors answers with the first few rather than thousands. */
export class CountedProblems extends Problems {
  count = 0;

  override add(field: string, message: string): void {
    this.count += 1;
    super.add(field, message);
  }
}

export interface AnswerInput {
  criterionKey: string;
  value: string;
  comment?: string | null;
}

/**
 * A reference (interaction, agent, evaluator) must be a key, not personal data: agent and
 * evaluator references are pseudonyms the party controls, never names or contact details.
 */
export function referenceProblem(raw: string | null | undefined): string | null {
  const ref = raw ?? '';
  if (!ref.trim()) return 'must not be empty';
  const text = textProblem(ref, TEXT_LIMITS.reference);
  if (text) return text;
  if (ref.includes('@')) return 'looks like an e-mail address; give a pseudonymous key instead';
  if (/^\+?\d[\d\s().-]{6,}$/.test(ref) && /[\s().+-]/.test(ref)) return 'looks like a phone number; give a pseudonymous key instead';
  if (!/^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(ref)) return 'use letters, digits and . _ : - only (a key, not a name)';
  return null;
}

export function checkReference(problems: Problems, field: string, value: string | null | undefined): void {
  const problem = referenceProblem(value);
  if (problem) problems.add(field, problem);
}

/** An interaction instant: in the instant window and not after now (interactions are evaluated after they happen). */
export function checkInteractionAt(problems: Problems, field: string, value: Date, now: number): number {
  const before = new Problems();
  checkInstant(before, field, value);
  const epoch = Math.floor(value.getTime() / 1000);
  if (!before.empty || !Number.isFinite(epoch)) {
    checkInstant(problems, field, value);
    return epoch;
  }
  if (epoch > now) problems.add(field, 'is in the future; an interaction is evaluated after it happened');
  return epoch;
}

/**
 * Checks the answers of one evaluation against a version's criteria (fields under `at`): every
 * criterion answered once, within its scale, N/A only where allowed, at least one criterion not
 * N/A. Answers the score when all is well, else null.
 */
export function checkAnswers(problems: Problems, at: string, answers: readonly AnswerInput[] | null | undefined, definition: ScorecardDefinition): { score: EvaluationScore; stored: StoredAnswer[] } | null {
  const before = new Problems();
  checkList(before, `${at}.answers`, answers, LIST_LIMITS.scorecardCriteria, 'answers');
  if (!before.empty || !answers) {
    checkList(problems, `${at}.answers`, answers, LIST_LIMITS.scorecardCriteria, 'answers');
    return null;
  }
  const criteria = new Map(definition.sections.flatMap((s) => s.criteria.map((c) => [c.key, c] as const)));
  const given = new Map<string, number>();
  let ok = true;
  const fail = (field: string, message: string) => {
    ok = false;
    problems.add(field, message);
  };
  answers.forEach((a, j) => {
    const aat = `${at}.answers[${j}]`;
    const criterion = criteria.get(a.criterionKey);
    if (!criterion) {
      fail(`${aat}.criterionKey`, `no criterion "${String(a.criterionKey).slice(0, 60)}" in this scorecard version; its criteria are ${[...criteria.keys()].join(', ')}`);
      return;
    }
    const previous = given.get(a.criterionKey);
    if (previous !== undefined) fail(`${aat}.criterionKey`, `answered already in ${at}.answers[${previous}]`);
    given.set(a.criterionKey, j);
    const problem = answerProblem(criterion, a.value);
    if (problem) fail(`${aat}.value`, problem);
    const before2 = new Problems();
    checkText(before2, `${aat}.comment`, a.comment, TEXT_LIMITS.description);
    if (!before2.empty) fail(`${aat}.comment`, textProblem(a.comment!, TEXT_LIMITS.description)!);
  });
  if (!ok) return null;
  const missing = [...criteria.keys()].filter((k) => !given.has(k));
  if (missing.length) {
    problems.add(`${at}.answers`, `every criterion is answered (N/A where allowed); missing ${missing.join(', ')}`);
    return null;
  }
  const byKey = Object.fromEntries(answers.map((a) => [a.criterionKey, a.value]));
  const score = scoreEvaluation(definition, byKey);
  if (score.score === null) {
    problems.add(`${at}.answers`, 'every answer is N/A: nothing to score');
    return null;
  }
  const order = [...criteria.keys()];
  const stored = [...answers]
    .sort((x, y) => order.indexOf(x.criterionKey) - order.indexOf(y.criterionKey))
    .map((a) => ({ criterionKey: a.criterionKey, value: a.value, comment: a.comment?.trim() || null }));
  return { score, stored };
}
