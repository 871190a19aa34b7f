import { isUniqueViolation } from '../platform/database';
import { conflict, notFound, Problems } from '../platform/errors';
import { checkInstant, checkList, checkNumber, checkText } from '../platform/validate';
import { BOUNDS, LIST_LIMITS, TEXT_LIMITS } from '../metrics/bounds';
import { ANSWER_SCALES, AnswerScale, ScorecardSection } from '../metrics/scorecard';
import { authorize } from './access';
import { eventEpoch, QualityContext, QualityReadContext } from './context';
import { ScorecardRow, ScorecardVersionRow } from './entities/scorecard';
import { findScorecard, insertScorecard, insertVersion, newId, versionsOfScorecards } from './scorecards-storage';

/** A version may be dated at most this far ahead. */
const MAX_AHEAD_SECONDS = 366 * 86_400;
/** Keys of sections and criteria: stable across versions, so answers and calibration compare. */
const KEY = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

export interface CriterionInput {
  key: string;
  title: string;
  weight: number;
  scale: string;
  critical?: boolean | null;
  allowNotApplicable?: boolean | null;
}

export interface SectionInput {
  key: string;
  title: string;
  weight: number;
  criteria: CriterionInput[];
}

export interface ScorecardInput {
  name: string;
  passMark: number;
  sections: SectionInput[];
}

function requiredText(problems: Problems, field: string, value: string | null | undefined, max: number): void {
  if (!value || !value.trim()) problems.add(field, 'must not be empty');
  else checkText(problems, field, value, max);
}

function checkKey(problems: Problems, field: string, value: string, seen: Map<string, string>): void {
  if (!value || !KEY.test(value)) problems.add(field, 'a key of letters, digits and . _ : - (starting with a letter or digit)');
  else checkText(problems, field, value, TEXT_LIMITS.reference);
  const first = seen.get(value);
  if (value && first) problems.add(field, `the same key as ${first}; keys are unique in a scorecard`);
  else seen.set(value, field);
}

/** A weight within BOUNDS.weight and positive: a weight of 0 would leave its criterion or section out. */
function checkWeight(problems: Problems, field: string, weight: number): void {
  if (typeof weight === 'number' && weight <= 0 && weight >= BOUNDS.weight.min) problems.add(field, `must be positive (at most ${BOUNDS.weight.max}); got ${weight}`);
  else checkNumber(problems, field, weight, BOUNDS.weight);
}

/** Checks a scorecard definition, fields named under `input.`; returns the sections as stored. */
export function checkScorecard(problems: Problems, input: ScorecardInput): ScorecardSection[] {
  requiredText(problems, 'input.name', input.name, TEXT_LIMITS.name);
  checkNumber(problems, 'input.passMark', input.passMark, BOUNDS.percent);
  const sections = input.sections ?? [];
  // Sizes first: past them, the sections are not looked at one by one.
  const sizes = new Problems();
  if (sections.length === 0) sizes.add('input.sections', 'a scorecard has at least one section');
  checkList(sizes, 'input.sections', sections, LIST_LIMITS.smallList, 'sections');
  const criteriaCount = sections.reduce((n, s) => n + (s.criteria?.length ?? 0), 0);
  checkList(sizes, 'input.sections', { length: criteriaCount } as unknown[], LIST_LIMITS.scorecardCriteria, 'criteria in all sections together');
  if (!sizes.empty) {
    checkList(problems, 'input.sections', sections, LIST_LIMITS.smallList, 'sections');
    if (sections.length === 0) problems.add('input.sections', 'a scorecard has at least one section');
    else checkList(problems, 'input.sections', { length: criteriaCount } as unknown[], LIST_LIMITS.scorecardCriteria, 'criteria in all sections together');
    return [];
  }
  const sectionKeys = new Map<string, string>();
  const criterionKeys = new Map<string, string>();
  sections.forEach((s, i) => {
    const at = `input.sections[${i}]`;
    checkKey(problems, `${at}.key`, s.key, sectionKeys);
    requiredText(problems, `${at}.title`, s.title, TEXT_LIMITS.name);
    checkWeight(problems, `${at}.weight`, s.weight);
    if (!s.criteria?.length) problems.add(`${at}.criteria`, 'a section has at least one criterion');
    (s.criteria ?? []).forEach((c, j) => {
      const cat = `${at}.criteria[${j}]`;
      checkKey(problems, `${cat}.key`, c.key, criterionKeys);
      requiredText(problems, `${cat}.title`, c.title, TEXT_LIMITS.name);
      checkWeight(problems, `${cat}.weight`, c.weight);
      if (!(ANSWER_SCALES as readonly string[]).includes(c.scale)) problems.add(`${cat}.scale`, `unknown scale "${c.scale}"; use ${ANSWER_SCALES.join(' or ')}`);
      else if (c.critical && c.scale !== 'YES_NO_NA') problems.add(`${cat}.critical`, 'only a YES_NO_NA criterion can be critical (answered NO, it fails the evaluation)');
    });
  });
  return sections.map((s) => ({
    key: s.key,
    title: s.title.trim(),
    weight: s.weight,
    criteria: s.criteria.map((c) => ({ key: c.key, title: c.title.trim(), weight: c.weight, scale: c.scale as AnswerScale, critical: !!c.critical, allowNotApplicable: !!c.allowNotApplicable })),
  }));
}

function checkEffectiveFrom(problems: Problems, effectiveFrom: Date, now: number): number {
  checkInstant(problems, 'effectiveFrom', effectiveFrom);
  const epoch = Math.floor(effectiveFrom.getTime() / 1000);
  if (problems.empty && epoch > now + MAX_AHEAD_SECONDS) problems.add('effectiveFrom', 'must be at most a year ahead');
  return epoch;
}

/**
 * The client of a contract defines a scorecard: its first version, in force from `effectiveFrom`
 * (now when left out; it may lie in the past, since nothing was scored under this scorecard yet).
 */
export async function defineScorecard(ctx: QualityContext, contractId: string, input: ScorecardInput, effectiveFrom?: Date | null): Promise<ScorecardRow> {
  const contract = await authorize(ctx, 'defineScorecard', { contractId });
  const now = eventEpoch(ctx);
  const problems = new Problems();
  const sections = checkScorecard(problems, input);
  const from = checkEffectiveFrom(problems, effectiveFrom ?? ctx.now, now);
  problems.throwIfAny();
  const scorecard = Object.assign(new ScorecardRow(), { id: newId('sc'), contractId, clientId: contract.clientId, centreId: contract.centreId, createdEpoch: now });
  await insertScorecard(ctx.db, scorecard, versionRow(scorecard.id, 1, from, input, sections, now, ctx.viewer.subject));
  return scorecard;
}

function versionRow(scorecardId: string, version: number, from: number, input: ScorecardInput, sections: ScorecardSection[], now: number, by: string): ScorecardVersionRow {
  return Object.assign(new ScorecardVersionRow(), { scorecardId, version, effectiveFromEpoch: from, name: input.name.trim(), passMark: input.passMark, sections, createdEpoch: now, createdBy: by });
}

/**
 * The client revises a scorecard: a new version in force from `effectiveFrom` (now when left
 * out). It must start after the previous version and not before now: evaluations already
 * stored keep the version and score they got, and no interaction evaluated so far (none lies in
 * the future) falls under the new version, so old scores never change.
 */
export async function reviseScorecard(ctx: QualityContext, scorecardId: string, input: ScorecardInput, effectiveFrom?: Date | null): Promise<ScorecardRow> {
  const scorecard = await authorize(ctx, 'reviseScorecard', { scorecardId, scorecard: await findScorecard(ctx.db, scorecardId) });
  const now = eventEpoch(ctx);
  const problems = new Problems();
  const sections = checkScorecard(problems, input);
  const from = checkEffectiveFrom(problems, effectiveFrom ?? ctx.now, now);
  const versions = await versionsOfScorecards(ctx.db, [scorecardId]);
  const latest = versions[versions.length - 1];
  if (problems.empty) {
    if (from < now) problems.add('effectiveFrom', 'a revision applies from now or later: evaluations already scored keep their version');
    else if (from <= latest.effectiveFromEpoch) {
      problems.add('effectiveFrom', `must be after version ${latest.version}'s start (${new Date(latest.effectiveFromEpoch * 1000).toISOString()}); versions apply in order`);
    }
  }
  problems.throwIfAny();
  try {
    await insertVersion(ctx.db, versionRow(scorecardId, latest.version + 1, from, input, sections, now, ctx.viewer.subject));
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`scorecard ${scorecardId} was revised while this revision was being made; reload it and retry`);
    throw error;
  }
  return { ...scorecard };
}

/** One scorecard, for the parties of its contract. */
export async function readScorecard(ctx: QualityReadContext, id: string): Promise<ScorecardRow> {
  return authorize(ctx, 'readScorecard', { scorecardId: id, scorecard: await ctx.loaders.scorecard.load(id) });
}

/** The scorecards of a contract, for its parties. */
export async function contractScorecards(ctx: QualityReadContext, contractId: string): Promise<ScorecardRow[]> {
  await authorize(ctx, 'readContractQuality', { contractId });
  return ctx.loaders.scorecardsByContract.load(contractId);
}

/** The version in force at `epoch` (the latest that started at or before it), or null. */
export function versionAt(versions: readonly ScorecardVersionRow[], epoch: number): ScorecardVersionRow | null {
  let found: ScorecardVersionRow | null = null;
  for (const v of versions) if (v.effectiveFromEpoch <= epoch && (!found || v.effectiveFromEpoch >= found.effectiveFromEpoch)) found = v;
  return found;
}

/** A scorecard the caller was allowed to see must have versions; anything else is a broken row. */
export function requireVersions(scorecardId: string, versions: readonly ScorecardVersionRow[]): void {
  if (versions.length === 0) throw notFound('Scorecard', scorecardId);
}
