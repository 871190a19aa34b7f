import type { FieldProblem } from '../platform/errors';
import { BonusRule, defaultCode, PriceKind, PriceTerms, priceTermsProblems, VolumeBand } from '../metrics/pricing';

/**
 * Price terms as a client states them (issue 14), and the checks that need the contract: the
 * pricing rules themselves (bounds, bands that never overlap, codes) are pure and live in
 * metrics/pricing.ts, where the billing subgraph prices months under them.
 */
export interface PriceComponentInput {
  code?: string | null;
  kind: PriceKind;
  rateMinor: number;
  queueId?: string | null;
  bands?: Array<{ fromPercent: number; toPercent?: number | null; rateMinor: number }> | null;
}

export interface PriceTermsInput {
  components: PriceComponentInput[];
  fteHoursPerMonth?: number | null;
  minimumMonthlyMinor?: number | null;
  capMonthlyMinor?: number | null;
  creditCapPercent?: number | null;
  bonuses?: BonusRule[] | null;
  earnBackMonths?: number | null;
}

/** The stored form: defaults filled in (a component's code from its kind and queue), nothing undefined. */
export function normalizePriceTerms(input: PriceTermsInput): PriceTerms {
  return {
    components: input.components.map((c) => {
      const queueId = c.queueId ?? null;
      const bands: VolumeBand[] = (c.bands ?? []).map((b) => ({ fromPercent: b.fromPercent, toPercent: b.toPercent ?? null, rateMinor: b.rateMinor }));
      return { code: c.code?.trim() || defaultCode({ kind: c.kind, queueId }), kind: c.kind, rateMinor: c.rateMinor, queueId, bands };
    }),
    fteHoursPerMonth: input.fteHoursPerMonth ?? null,
    minimumMonthlyMinor: input.minimumMonthlyMinor ?? null,
    capMonthlyMinor: input.capMonthlyMinor ?? null,
    creditCapPercent: input.creditCapPercent ?? null,
    bonuses: (input.bonuses ?? []).map((b) => ({ slaTargetId: b.slaTargetId, minShareMet: b.minShareMet, percent: b.percent })),
    earnBackMonths: input.earnBackMonths ?? null,
  };
}

/**
 * Every problem with price terms for one contract, fields named under `prefix`: the pricing
 * rules, then that each queue a component names and each SLA target a bonus rewards belongs to
 * the contract.
 */
export function priceTermsProblemsFor(terms: PriceTerms, contract: { queueIds: readonly string[]; slaTargetIds: readonly string[] }, prefix = 'terms.'): FieldProblem[] {
  const problems: FieldProblem[] = priceTermsProblems(terms, prefix);
  terms.components.forEach((c, i) => {
    if (c.queueId !== null && !contract.queueIds.includes(c.queueId)) problems.push({ field: `${prefix}components[${i}].queueId`, message: 'is not a queue of this contract' });
  });
  terms.bonuses.forEach((b, i) => {
    if (!contract.slaTargetIds.includes(b.slaTargetId)) problems.push({ field: `${prefix}bonuses[${i}].slaTargetId`, message: 'is not an SLA target of this contract' });
  });
  return problems;
}

/** How a tender's pricing model names the same quantity in price terms. */
export const PRICE_KIND_OF_BID_MODEL: Record<'PER_PRODUCTIVE_HOUR' | 'PER_HANDLED_CONTACT' | 'PER_MINUTE', PriceKind> = {
  PER_PRODUCTIVE_HOUR: 'PER_PRODUCTIVE_HOUR',
  PER_HANDLED_CONTACT: 'PER_HANDLED_CONTACT',
  PER_MINUTE: 'PER_HANDLED_MINUTE',
};
