import { boundProblem, BOUNDS, LIST_LIMITS, listProblem } from './bounds';

/**
 * The money of an outsourced contact-centre month (issue 14): price terms, the monthly statement
 * priced under them, and the reconciliation of a centre's invoice against that statement. Pure
 * functions over integers: no I/O, no clock.
 *
 * Money is integer minor units of the contract's currency. Every quantity is stated at a fixed
 * precision per unit (QUANTITY_SCALE), and every line's amount is the stated quantity times the
 * rate, divided out and rounded ONCE, half away from zero (ROUNDING_RULE): lines are never
 * rounded again when added up, and anyone can recompute a line from what it shows. Products are
 * formed in BigInt, so no amount loses a cent however large the month.
 */

export const ROUNDING_RULE =
  'Each quantity is stated at its unit precision (contacts whole, minutes, hours and FTE-months to 0.01, months and percentages to 0.0001), ' +
  'rounded half away from zero; each line amount is stated quantity × rate, rounded once to the minor unit, half away from zero ' +
  '(commercial rounding, as spreadsheet ROUND does); totals add line amounts without further rounding.';

export const PRICE_KINDS = ['PER_PRODUCTIVE_HOUR', 'PER_HANDLED_CONTACT', 'PER_HANDLED_MINUTE', 'PER_FTE', 'FIXED_MONTHLY'] as const;
export type PriceKind = (typeof PRICE_KINDS)[number];

export const BILLING_UNITS = ['CONTACT', 'MINUTE', 'HOUR', 'FTE_MONTH', 'MONTH', 'PERCENT', 'LUMP_SUM'] as const;
export type BillingUnit = (typeof BILLING_UNITS)[number];

export const LINE_KINDS = ['CHARGE', 'MINIMUM_TOP_UP', 'CHARGE_CAP', 'SERVICE_CREDIT', 'CREDIT_CAP', 'BONUS', 'EARN_BACK'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

export const DIFFERENCE_CAUSES = ['QUANTITY', 'RATE', 'ARITHMETIC', 'CREDIT_MISSING', 'NOT_INVOICED', 'NOT_IN_TERMS'] as const;
export type DifferenceCause = (typeof DIFFERENCE_CAUSES)[number];

/** Decimal places a quantity of each unit is stated with. */
export const QUANTITY_SCALE: Record<BillingUnit, number> = { CONTACT: 0, MINUTE: 2, HOUR: 2, FTE_MONTH: 2, MONTH: 4, PERCENT: 4, LUMP_SUM: 0 };

/** How a quantity of each unit reads in an explanation. */
const UNIT_WORDS: Record<BillingUnit, string> = { CONTACT: 'contacts', MINUTE: 'minutes', HOUR: 'hours', FTE_MONTH: 'FTE-months', MONTH: 'months', PERCENT: '%', LUMP_SUM: 'lump sum' };

/** A percentage is a rate per hundred: the amount of a PERCENT line is quantity × rate / 100. */
const PER_UNIT: Record<BillingUnit, bigint> = { CONTACT: 1n, MINUTE: 1n, HOUR: 1n, FTE_MONTH: 1n, MONTH: 1n, PERCENT: 100n, LUMP_SUM: 1n };

export const UNIT_OF_KIND: Record<PriceKind, BillingUnit> = {
  PER_PRODUCTIVE_HOUR: 'HOUR',
  PER_HANDLED_CONTACT: 'CONTACT',
  PER_HANDLED_MINUTE: 'MINUTE',
  PER_FTE: 'FTE_MONTH',
  FIXED_MONTHLY: 'MONTH',
};

/** Kinds whose quantity a forecast predicts, so volume bands make sense on them. */
const BANDABLE: readonly PriceKind[] = ['PER_HANDLED_CONTACT', 'PER_HANDLED_MINUTE'];

/** Units of a band: its share of the forecast in force, cumulative (90–110 % = from the 90th to the 110th percent of the forecast). */
export interface VolumeBand {
  fromPercent: number;
  /** Null: no upper limit. */
  toPercent: number | null;
  rateMinor: number;
}

export interface PriceComponent {
  /** Names the component's lines on statements and invoices; unique within the terms. */
  code: string;
  kind: PriceKind;
  /** Per unit; for FIXED_MONTHLY, per month. Units outside every band are priced at this rate. */
  rateMinor: number;
  /** Null: all the contract's queues together. */
  queueId: string | null;
  bands: VolumeBand[];
}

/** A bonus: `percent` of the month's charges when at least `minShareMet` of a target's judged windows were met. */
export interface BonusRule {
  slaTargetId: string;
  minShareMet: number;
  percent: number;
}

export interface PriceTerms {
  components: PriceComponent[];
  /** Productive hours per full-time equivalent a month: needed by PER_FTE components. */
  fteHoursPerMonth: number | null;
  minimumMonthlyMinor: number | null;
  capMonthlyMinor: number | null;
  /** All service credits of a month together at most this share of its charges. */
  creditCapPercent: number | null;
  bonuses: BonusRule[];
  /** A credit is paid back when the target then meets every judged window for this many months. */
  earnBackMonths: number | null;
}

export interface PricingProblem {
  field: string;
  message: string;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The code a component gets when its terms name none: its kind, and its queue. */
export function defaultCode(component: Pick<PriceComponent, 'kind' | 'queueId'>): string {
  return component.queueId ? `${component.kind}.${component.queueId}` : component.kind;
}

function bandLabel(band: Pick<VolumeBand, 'fromPercent' | 'toPercent'>): string {
  return band.toPercent === null ? `${band.fromPercent} % and above` : `${band.fromPercent}–${band.toPercent} %`;
}

/**
 * Every problem with a set of price terms, fields named under `prefix`: bounds (a negative rate
 * is below the unit price's minimum of 0), unique codes, bands only on quantities a forecast
 * predicts and never overlapping, a cap not below the minimum, FTE hours where FTEs are priced.
 * Which queues and SLA targets exist is the caller's to check.
 */
export function priceTermsProblems(terms: PriceTerms, prefix = ''): PricingProblem[] {
  const problems: PricingProblem[] = [];
  const add = (field: string, message: string | null) => {
    if (message) problems.push({ field: `${prefix}${field}`, message });
  };
  if (terms.components.length === 0) add('components', 'at least one price component (per hour, contact, minute, FTE or a fixed monthly fee)');
  const tooMany = listProblem(terms.components.length, LIST_LIMITS.smallList, 'price components');
  if (tooMany) add('components', tooMany);
  else {
    const codes = new Map<string, number>();
    terms.components.forEach((c, i) => {
      const at = `components[${i}]`;
      if (!(PRICE_KINDS as readonly string[]).includes(c.kind)) add(`${at}.kind`, `must be one of ${PRICE_KINDS.join(', ')}`);
      if (!CODE.test(c.code)) add(`${at}.code`, 'must be 1 to 64 letters, digits, dots, hyphens or underscores, starting with a letter or digit');
      else if (codes.has(c.code)) add(`${at}.code`, `"${c.code}" is also the code of components[${codes.get(c.code)}]; codes name lines, so they are unique`);
      else codes.set(c.code, i);
      add(`${at}.rateMinor`, boundProblem(c.rateMinor, c.kind === 'FIXED_MONTHLY' ? BOUNDS.moneyMinor : BOUNDS.unitPriceMinor));
      if (c.kind === 'PER_FTE' && terms.fteHoursPerMonth == null) add('fteHoursPerMonth', 'a per-FTE price needs the productive hours of one FTE-month');
      if (c.bands.length === 0) return;
      if (!BANDABLE.includes(c.kind)) {
        add(`${at}.bands`, `volume bands price contacts or minutes against the forecast; a ${c.kind} component has none`);
        return;
      }
      const bandsTooMany = listProblem(c.bands.length, LIST_LIMITS.smallList, 'bands');
      if (bandsTooMany) {
        add(`${at}.bands`, bandsTooMany);
        return;
      }
      const valid: Array<{ band: VolumeBand; index: number }> = [];
      c.bands.forEach((b, j) => {
        const bt = `${at}.bands[${j}]`;
        const from = boundProblem(b.fromPercent, BOUNDS.bandPercent);
        const to = b.toPercent === null ? null : boundProblem(b.toPercent, BOUNDS.bandPercent);
        add(`${bt}.fromPercent`, from);
        add(`${bt}.toPercent`, to);
        add(`${bt}.rateMinor`, boundProblem(b.rateMinor, BOUNDS.unitPriceMinor));
        if (!from && !to && b.toPercent !== null && !(b.toPercent > b.fromPercent)) add(`${bt}.toPercent`, `must be above fromPercent (${b.fromPercent})`);
        else if (!from && !to) valid.push({ band: b, index: j });
      });
      const sorted = [...valid].sort((x, y) => x.band.fromPercent - y.band.fromPercent);
      for (let k = 1; k < sorted.length; k++) {
        const before = sorted[k - 1];
        const band = sorted[k];
        if (before.band.toPercent === null || before.band.toPercent > band.band.fromPercent) {
          add(`${at}.bands[${band.index}].fromPercent`, `the band ${bandLabel(band.band)} overlaps bands[${before.index}] (${bandLabel(before.band)}); a unit is priced by one band only`);
        }
      }
    });
  }
  add('fteHoursPerMonth', terms.fteHoursPerMonth == null ? null : boundProblem(terms.fteHoursPerMonth, BOUNDS.fteHoursPerMonth));
  const minimum = terms.minimumMonthlyMinor == null ? null : boundProblem(terms.minimumMonthlyMinor, BOUNDS.moneyMinor);
  const cap = terms.capMonthlyMinor == null ? null : boundProblem(terms.capMonthlyMinor, BOUNDS.moneyMinor);
  add('minimumMonthlyMinor', minimum);
  add('capMonthlyMinor', cap);
  if (!minimum && !cap && terms.minimumMonthlyMinor != null && terms.capMonthlyMinor != null && terms.capMonthlyMinor < terms.minimumMonthlyMinor) {
    add('capMonthlyMinor', `must not be below the minimum monthly charge (${terms.minimumMonthlyMinor})`);
  }
  add('creditCapPercent', terms.creditCapPercent == null ? null : boundProblem(terms.creditCapPercent, BOUNDS.percent));
  add('earnBackMonths', terms.earnBackMonths == null ? null : boundProblem(terms.earnBackMonths, BOUNDS.earnBackMonths));
  const bonusesTooMany = listProblem(terms.bonuses.length, LIST_LIMITS.smallList, 'bonus rules');
  if (bonusesTooMany) add('bonuses', bonusesTooMany);
  else {
    const targets = new Map<string, number>();
    terms.bonuses.forEach((b, i) => {
      add(`bonuses[${i}].minShareMet`, boundProblem(b.minShareMet, BOUNDS.fraction));
      add(`bonuses[${i}].percent`, boundProblem(b.percent, BOUNDS.percent));
      if (targets.has(b.slaTargetId)) add(`bonuses[${i}].slaTargetId`, `bonuses[${targets.get(b.slaTargetId)}] already rewards this target`);
      targets.set(b.slaTargetId, i);
    });
  }
  return problems;
}

// ---- integer arithmetic ----------------------------------------------------------------------

/** numerator / denominator rounded half away from zero (denominator > 0). */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  const q = (2n * n + denominator) / (2n * denominator);
  return negative ? -q : q;
}

/** A non-negative decimal number as an integer count of 10^-scale, rounded half away from zero. */
export function scaled(value: number, scale: number): bigint {
  // Through the decimal text, so 1.005 stays 1.005 and is not 1.00499999… in binary.
  const [int, frac = ''] = Math.abs(value).toFixed(Math.min(20, scale + 6)).split('.');
  const digits = BigInt(int + frac.slice(0, scale).padEnd(scale, '0'));
  const rest = frac.slice(scale);
  const up = rest.length > 0 && rest.charCodeAt(0) >= 53; // '5'
  const magnitude = digits + (up ? 1n : 0n);
  return value < 0 ? -magnitude : magnitude;
}

/** The amount of a line: stated quantity (in 10^-scale of its unit) × rate, rounded once. */
export function lineAmount(quantityScaled: bigint, unit: BillingUnit, rateMinor: number): bigint {
  return divideRounded(quantityScaled * BigInt(rateMinor), 10n ** BigInt(QUANTITY_SCALE[unit]) * PER_UNIT[unit]);
}

/** Refused: a statement whose amounts would leave BOUNDS.moneyMinor (the caller answers CONFLICT). */
export class PricingOverflow extends Error {}

// ---- the statement ---------------------------------------------------------------------------

/** What interval actuals hold for one queue over one period. */
export interface QueueQuantities {
  /** Contacts answered by an agent. */
  handledContacts: number;
  /** Talk + hold + after-contact work of the answered contacts. */
  handledSeconds: number;
  /** Agent time logged in; null when some intervals did not report it. */
  staffedSeconds: number | null;
  intervals: number;
}

/** The forecast in force for one queue over one period; null when no forecast covers all of it. */
export interface ForecastQuantities {
  contacts: number;
  minutes: number;
}

/** A part of the month under one version of the terms. */
export interface PricedSegment {
  /** Epoch seconds, [from, to). */
  from: number;
  to: number;
  terms: PriceTerms;
  /** The contract revision the terms come from. */
  termsRevision: number | null;
  queues: Record<string, QueueQuantities>;
  forecast: Record<string, ForecastQuantities | null>;
}

/** An SLA target's month as compliance judged it. */
export interface ComplianceFact {
  slaTargetId: string;
  label: string;
  measurable: boolean;
  /** Credit due, % of the monthly charges, already capped per month by the target. */
  creditPercent: number;
  windowsJudged: number;
  shareMet: number | null;
}

/** Credits of an earlier statement and whether each was earned back since. */
export interface EarnBackFact {
  /** The month of the statement the credits were deducted on (YYYY-MM). */
  month: string;
  /** What that statement deducted in all, after its credit cap (positive). */
  netDeductedMinor: number;
  credits: Array<{ slaTargetId: string; label: string; amountMinor: number; earned: boolean; reason: string }>;
}

export interface StatementInput {
  month: string;
  monthFrom: number;
  monthTo: number;
  segments: PricedSegment[];
  compliance: ComplianceFact[];
  earnBack: EarnBackFact | null;
}

export interface StatementLine {
  code: string;
  kind: LineKind;
  queueId: string | null;
  slaTargetId: string | null;
  /** Epoch seconds of the period the line covers. */
  from: number;
  to: number;
  /** The stated quantity, in units of 10^-QUANTITY_SCALE[unit]. */
  quantityScaled: number;
  quantity: number;
  unit: BillingUnit;
  rateMinor: number;
  amountMinor: number;
  /** What the quantity is, where it comes from, and how it was rounded. */
  definition: string;
  termsRevision: number | null;
}

export interface StatementTotals {
  /** Charge lines, minimum top-up and cap. */
  chargesMinor: number;
  /** Service credits net of the overall credit cap (≤ 0). */
  creditsMinor: number;
  /** Bonuses and credits earned back (≥ 0). */
  bonusesMinor: number;
  totalMinor: number;
}

export interface StatementResult extends StatementTotals {
  lines: StatementLine[];
  notes: string[];
}

const MS_PER_MINUTE = 60_000n;
const MS_PER_HOUR = 3_600_000n;

function ms(seconds: number): bigint {
  return BigInt(Math.round(seconds * 1000));
}

function iso(epoch: number): string {
  return new Date(epoch * 1000).toISOString().replace('.000Z', 'Z');
}

function money(amount: bigint): number {
  const max = BigInt(BOUNDS.moneyMinor.max);
  if (amount > max || amount < -max) throw new PricingOverflow(`an amount of ${amount} minor units is beyond ${BOUNDS.moneyMinor.max}`);
  return Number(amount);
}

function bandCode(code: string, band: VolumeBand): string {
  return band.toPercent === null ? `${code}@${band.fromPercent}%+` : `${code}@${band.fromPercent}-${band.toPercent}%`;
}

function queuesText(ids: string[]): string {
  return ids.length === 1 ? `queue ${ids[0]}` : `queues ${ids.join(', ')}`;
}

/** The stated quantity of a component over a segment (before bands), its unit and its definition. */
function measure(c: PriceComponent, seg: PricedSegment, monthSeconds: number, notes: string[]): { scaled: bigint; definition: string; queueIds: string[] } {
  const queueIds = c.queueId ? [c.queueId] : Object.keys(seg.queues).sort();
  const sums = queueIds.map((q) => seg.queues[q] ?? { handledContacts: 0, handledSeconds: 0, staffedSeconds: 0, intervals: 0 });
  const period = `${iso(seg.from)} to ${iso(seg.to)}`;
  const scope = queuesText(queueIds);
  switch (c.kind) {
    case 'PER_HANDLED_CONTACT':
      return {
        scaled: sums.reduce((s, q) => s + BigInt(Math.round(q.handledContacts)), 0n),
        definition: `handled contacts: contacts answered by an agent (answered) in the interval actuals of ${scope}, each counted in the interval it entered the queue, ${period}`,
        queueIds,
      };
    case 'PER_HANDLED_MINUTE': {
      const total = sums.reduce((s, q) => s + ms(q.handledSeconds), 0n);
      return {
        scaled: divideRounded(total * 100n, MS_PER_MINUTE),
        definition: `handled minutes: talk + hold + after-contact work of the answered contacts of ${scope} (interval actuals), ÷ 60, to 0.01 minute, ${period}`,
        queueIds,
      };
    }
    case 'PER_PRODUCTIVE_HOUR':
    case 'PER_FTE': {
      const missing = queueIds.filter((q, i) => sums[i].staffedSeconds === null);
      if (missing.length > 0) notes.push(`${c.code}: staffed time was not reported for every interval of ${queuesText(missing)} from ${period}; those queues' productive hours are left out`);
      const total = sums.reduce((s, q) => s + ms(q.staffedSeconds ?? 0), 0n);
      if (c.kind === 'PER_PRODUCTIVE_HOUR') {
        return {
          scaled: divideRounded(total * 100n, MS_PER_HOUR),
          definition: `productive hours: agent time logged in (staffedSeconds of the interval actuals, the actual hours of Contract.capacity) of ${scope}, ÷ 3600, to 0.01 hour, ${period}`,
          queueIds,
        };
      }
      const fteCenti = scaled(seg.terms.fteHoursPerMonth ?? 0, 2);
      return {
        scaled: fteCenti > 0n ? divideRounded(total * 100n * 100n, MS_PER_HOUR * fteCenti) : 0n,
        definition: `FTE-months: productive hours (staffedSeconds ÷ 3600) of ${scope} ÷ ${seg.terms.fteHoursPerMonth} hours per FTE-month, to 0.01, ${period}`,
        queueIds,
      };
    }
    case 'FIXED_MONTHLY':
      return {
        scaled: divideRounded(BigInt(seg.to - seg.from) * 10_000n, BigInt(monthSeconds)),
        definition: `share of the month under these terms: ${seg.to - seg.from} of the month's ${monthSeconds} seconds, to 0.0001 month, ${period}`,
        queueIds: [],
      };
  }
}

function forecastOf(c: PriceComponent, seg: PricedSegment, queueIds: string[]): number | null {
  let total = 0;
  for (const q of queueIds) {
    const f = seg.forecast[q];
    if (!f) return null;
    total += c.kind === 'PER_HANDLED_MINUTE' ? f.minutes : f.contacts;
  }
  return total;
}

function line(partial: Omit<StatementLine, 'quantity' | 'quantityScaled' | 'amountMinor'> & { quantityScaled: bigint; sign?: 1n | -1n }): StatementLine {
  const { quantityScaled, sign = 1n, ...rest } = partial;
  const amount = sign * lineAmount(quantityScaled, rest.unit, rest.rateMinor);
  return {
    ...rest,
    quantityScaled: Number(quantityScaled),
    quantity: Number(quantityScaled) / 10 ** QUANTITY_SCALE[rest.unit],
    amountMinor: money(amount),
  };
}

/** The charge lines of one component over one segment: its base line and, when a forecast covers the segment, one line per band. */
function chargeLines(c: PriceComponent, seg: PricedSegment, monthSeconds: number, notes: string[]): StatementLine[] {
  const unit = UNIT_OF_KIND[c.kind];
  const { scaled: quantity, definition, queueIds } = measure(c, seg, monthSeconds, notes);
  const common = { kind: 'CHARGE' as const, queueId: c.queueId, slaTargetId: null, from: seg.from, to: seg.to, unit, termsRevision: seg.termsRevision };
  if (c.bands.length === 0) return [line({ ...common, code: c.code, quantityScaled: quantity, rateMinor: c.rateMinor, definition })];
  const forecast = forecastOf(c, seg, queueIds);
  if (forecast === null) {
    notes.push(`${c.code}: no forecast was in force over all of ${iso(seg.from)} to ${iso(seg.to)} for ${queuesText(queueIds)}; volume bands were not applied, every unit is at the base rate`);
    return [line({ ...common, code: c.code, quantityScaled: quantity, rateMinor: c.rateMinor, definition: `${definition}; volume bands not applied (no forecast in force over the whole period)` })];
  }
  const scale = QUANTITY_SCALE[unit];
  const limit = (percent: number) => scaled((forecast * percent) / 100, scale);
  const forecastText = `${forecast.toFixed(scale)} ${unit === 'CONTACT' ? 'contacts' : 'minutes'} forecast in force for the period`;
  const lines: StatementLine[] = [];
  let inBands = 0n;
  for (const band of [...c.bands].sort((a, b) => a.fromPercent - b.fromPercent)) {
    const lo = limit(band.fromPercent);
    const hi = band.toPercent === null ? null : limit(band.toPercent);
    const upper = hi === null || quantity < hi ? quantity : hi;
    const portion = upper > lo ? upper - lo : 0n;
    inBands += portion;
    if (portion === 0n) continue;
    lines.push(
      line({
        ...common,
        code: bandCode(c.code, band),
        quantityScaled: portion,
        rateMinor: band.rateMinor,
        definition: `${definition}; the units from ${band.fromPercent} % ${band.toPercent === null ? 'upwards' : `to ${band.toPercent} %`} of the ${forecastText} (counted cumulatively, band limits rounded to the unit's precision)`,
      }),
    );
  }
  const base = quantity - inBands;
  if (base > 0n || lines.length === 0) {
    lines.unshift(line({ ...common, code: c.code, quantityScaled: base, rateMinor: c.rateMinor, definition: `${definition}; the units outside every volume band of the ${forecastText}` }));
  }
  return lines;
}

/** Σ value × seconds in force ÷ seconds in the month, rounded once: a monthly amount prorated over the segments. */
function prorated(segments: PricedSegment[], value: (t: PriceTerms) => number | null, monthSeconds: number): bigint {
  const weighted = segments.reduce((s, seg) => s + BigInt(value(seg.terms) ?? 0) * BigInt(seg.to - seg.from), 0n);
  return divideRounded(weighted, BigInt(monthSeconds));
}

function moneyText(minor: bigint | number): string {
  return `${minor} minor units`;
}

/**
 * The monthly statement: every segment priced under its own terms (a price change mid-month
 * splits a line in two), then the minimum charge and the cap (monthly amounts prorated over the
 * segments; the cap only when every segment has one), then service credits as a share of the
 * charges after minimum and cap, within the overall credit cap, then bonuses and credits earned
 * back. Credit cap, bonus and earn-back rules are those of the terms in force at the month's end.
 */
export function computeStatement(input: StatementInput): StatementResult {
  const monthSeconds = input.monthTo - input.monthFrom;
  const notes: string[] = [];
  const lines: StatementLine[] = [];
  const segments = [...input.segments].sort((a, b) => a.from - b.from);
  if (segments.length === 0) notes.push(`no price terms were in force in ${input.month} while the contract was active: nothing to charge`);
  for (const seg of segments) for (const c of seg.terms.components) lines.push(...chargeLines(c, seg, monthSeconds, notes));
  const charges = lines.reduce((s, l) => s + BigInt(l.amountMinor), 0n);
  const whole = { queueId: null, slaTargetId: null, from: input.monthFrom, to: input.monthTo, termsRevision: segments[segments.length - 1]?.termsRevision ?? null };
  let base = charges;
  if (segments.some((s) => s.terms.minimumMonthlyMinor != null)) {
    const minimum = prorated(segments, (t) => t.minimumMonthlyMinor, monthSeconds);
    if (charges < minimum) {
      lines.push(
        line({
          ...whole,
          code: 'MINIMUM-CHARGE',
          kind: 'MINIMUM_TOP_UP',
          quantityScaled: 1n,
          unit: 'LUMP_SUM',
          rateMinor: money(minimum - charges),
          definition: `minimum monthly charge of ${moneyText(minimum)} (prorated by the share of the month each terms version was in force) less the charges of ${moneyText(charges)}`,
        }),
      );
      base = minimum;
    }
  }
  if (segments.length > 0 && segments.every((s) => s.terms.capMonthlyMinor != null)) {
    const cap = prorated(segments, (t) => t.capMonthlyMinor, monthSeconds);
    if (base > cap) {
      lines.push(
        line({
          ...whole,
          code: 'CHARGE-CAP',
          kind: 'CHARGE_CAP',
          quantityScaled: 1n,
          unit: 'LUMP_SUM',
          rateMinor: money(base - cap),
          sign: -1n,
          definition: `charges of ${moneyText(base)} above the monthly cap of ${moneyText(cap)} (prorated by the share of the month each terms version was in force)`,
        }),
      );
      base = cap;
    }
  }
  const finalTerms = segments[segments.length - 1]?.terms ?? null;
  const baseMinor = money(base);

  // Service credits: a share of the month's charges after minimum and cap.
  let credits = 0n;
  for (const fact of [...input.compliance].sort((a, b) => a.slaTargetId.localeCompare(b.slaTargetId))) {
    if (!fact.measurable) continue;
    if (!(fact.creditPercent > 0)) continue;
    const l = line({
      ...whole,
      slaTargetId: fact.slaTargetId,
      code: `CREDIT.${fact.slaTargetId}`,
      kind: 'SERVICE_CREDIT',
      quantityScaled: scaled(fact.creditPercent, QUANTITY_SCALE.PERCENT),
      unit: 'PERCENT',
      rateMinor: baseMinor,
      sign: -1n,
      definition: `service credit of SLA target ${fact.label}: ${fact.creditPercent} % (its credit per point of shortfall over the month's measurement windows, within its monthly cap, from SlaTarget.compliance) of the month's charges after minimum and cap`,
    });
    credits += BigInt(-l.amountMinor);
    lines.push(l);
  }
  if (finalTerms?.creditCapPercent != null && credits > 0n) {
    const capped = lineAmount(scaled(finalTerms.creditCapPercent, QUANTITY_SCALE.PERCENT), 'PERCENT', baseMinor);
    if (credits > capped) {
      lines.push(
        line({
          ...whole,
          code: 'CREDIT-CAP',
          kind: 'CREDIT_CAP',
          quantityScaled: 1n,
          unit: 'LUMP_SUM',
          rateMinor: money(credits - capped),
          definition: `service credits of ${moneyText(credits)} above the overall cap of ${finalTerms.creditCapPercent} % of the month's charges (${moneyText(capped)})`,
        }),
      );
    }
  }

  for (const bonus of finalTerms?.bonuses ?? []) {
    const fact = input.compliance.find((f) => f.slaTargetId === bonus.slaTargetId);
    if (!fact || !fact.measurable || fact.windowsJudged === 0 || fact.shareMet === null) {
      notes.push(`bonus for SLA target ${fact?.label ?? bonus.slaTargetId}: no measurement window was judged in ${input.month}, so no bonus`);
      continue;
    }
    if (fact.shareMet < bonus.minShareMet) continue;
    lines.push(
      line({
        ...whole,
        slaTargetId: bonus.slaTargetId,
        code: `BONUS.${bonus.slaTargetId}`,
        kind: 'BONUS',
        quantityScaled: scaled(bonus.percent, QUANTITY_SCALE.PERCENT),
        unit: 'PERCENT',
        rateMinor: baseMinor,
        definition: `bonus for SLA target ${fact.label}: ${bonus.percent} % of the month's charges after minimum and cap, as ${fact.windowsJudged} judged windows were met at a share of ${fact.shareMet.toFixed(4)} (at least ${bonus.minShareMet} needed)`,
      }),
    );
  }

  if (input.earnBack) {
    let room = BigInt(input.earnBack.netDeductedMinor);
    for (const credit of input.earnBack.credits) {
      if (!credit.earned) {
        notes.push(`the credit of ${moneyText(credit.amountMinor)} for SLA target ${credit.label} on the ${input.earnBack.month} statement is not earned back: ${credit.reason}`);
        continue;
      }
      const amount = BigInt(credit.amountMinor) < room ? BigInt(credit.amountMinor) : room;
      room -= amount;
      lines.push(
        line({
          ...whole,
          slaTargetId: credit.slaTargetId,
          code: `EARN-BACK.${credit.slaTargetId}`,
          kind: 'EARN_BACK',
          quantityScaled: 1n,
          unit: 'LUMP_SUM',
          rateMinor: money(amount),
          definition: `service credit for SLA target ${credit.label} deducted on the ${input.earnBack.month} statement (${moneyText(credit.amountMinor)}, at most what that statement deducted net of its credit cap), earned back: ${credit.reason}`,
        }),
      );
    }
  }

  const sum = (kinds: LineKind[]) => lines.filter((l) => kinds.includes(l.kind)).reduce((s, l) => s + BigInt(l.amountMinor), 0n);
  const chargesMinor = money(sum(['CHARGE', 'MINIMUM_TOP_UP', 'CHARGE_CAP']));
  const creditsMinor = money(sum(['SERVICE_CREDIT', 'CREDIT_CAP']));
  const bonusesMinor = money(sum(['BONUS', 'EARN_BACK']));
  return { lines, notes, chargesMinor, creditsMinor, bonusesMinor, totalMinor: money(BigInt(chargesMinor) + BigInt(creditsMinor) + BigInt(bonusesMinor)) };
}

// ---- the invoice check -----------------------------------------------------------------------

export interface InvoiceLineValue {
  code: string;
  description: string | null;
  quantity: number;
  rateMinor: number;
  /** Signed: deductions (credits, a cap) are negative. */
  amountMinor: number;
}

export interface LineFigures {
  quantity: number;
  rateMinor: number;
  amountMinor: number;
}

export interface ReconciledLine {
  code: string;
  /** Index into the statement's lines, or null. */
  statementLine: number | null;
  /** Index into the invoice's lines, or null. */
  invoiceLine: number | null;
  statement: LineFigures | null;
  invoiced: LineFigures | null;
  /** Invoiced minus statement amount. */
  differenceMinor: number;
  /** Empty when the line agrees. */
  causes: DifferenceCause[];
  explanation: string;
}

export interface Reconciliation {
  lines: ReconciledLine[];
  statementTotalMinor: number;
  invoicedTotalMinor: number;
  differenceMinor: number;
  matches: boolean;
}

/** Invoice quantities are compared at this many decimals (the finest unit precision). */
const COMPARE_SCALE = 4;

const DEDUCTIONS: readonly LineKind[] = ['SERVICE_CREDIT', 'CHARGE_CAP'];
/** Lines of the service credits: a credit, and the part of the credits the overall cap gives back. */
const CREDITS: readonly LineKind[] = ['SERVICE_CREDIT', 'CREDIT_CAP'];

/**
 * The invoice line by line against the statement. Lines are matched by code; within a code (a
 * line split by a mid-month price change) an invoice line goes first to a statement line with its
 * own rate, then to the next one left. Each difference is flagged with its cause: QUANTITY,
 * RATE, ARITHMETIC (the invoice's amount is not its own quantity × rate under the rounding rule),
 * CREDIT_MISSING (a credit, or the credits' cap, the statement has and the invoice does not), NOT_INVOICED (a charge
 * the statement has and the invoice does not), NOT_IN_TERMS (a code the terms do not price).
 */
export function reconcile(statement: readonly StatementLine[], invoice: readonly InvoiceLineValue[]): Reconciliation {
  const out: ReconciledLine[] = [];
  const codes = new Set(statement.map((l) => l.code));
  const used = new Set<number>();
  const pairs = new Map<number, number>();
  // First a statement line of the same code and rate, then any left of the same code, in order.
  for (const exactRate of [true, false]) {
    invoice.forEach((inv, i) => {
      if (pairs.has(i)) return;
      const match = statement.findIndex((s, j) => !used.has(j) && s.code === inv.code && (!exactRate || s.rateMinor === inv.rateMinor));
      if (match >= 0) {
        pairs.set(i, match);
        used.add(match);
      }
    });
  }
  const figures = (l: StatementLine | InvoiceLineValue): LineFigures => ({ quantity: l.quantity, rateMinor: l.rateMinor, amountMinor: l.amountMinor });
  invoice.forEach((inv, i) => {
    const j = pairs.get(i);
    const invoiced = figures(inv);
    if (j === undefined) {
      const known = codes.has(inv.code);
      out.push({
        code: inv.code,
        statementLine: null,
        invoiceLine: i,
        statement: null,
        invoiced,
        differenceMinor: inv.amountMinor,
        causes: [known ? 'QUANTITY' : 'NOT_IN_TERMS'],
        explanation: known
          ? `the statement has no further quantity under ${inv.code}: the invoice bills more lines of it than the terms priced`
          : `${inv.code} is not a line the price terms in force define`,
      });
      return;
    }
    const s = statement[j];
    const causes: DifferenceCause[] = [];
    const reasons: string[] = [];
    const invoicedQuantity = scaled(inv.quantity, COMPARE_SCALE);
    const statedQuantity = BigInt(s.quantityScaled) * 10n ** BigInt(COMPARE_SCALE - QUANTITY_SCALE[s.unit]);
    if (invoicedQuantity !== statedQuantity) {
      causes.push('QUANTITY');
      reasons.push(`${inv.quantity} ${UNIT_WORDS[s.unit]} invoiced, ${s.quantity} in the statement`);
    }
    if (inv.rateMinor !== s.rateMinor) {
      causes.push('RATE');
      reasons.push(`rate ${inv.rateMinor} invoiced, ${s.rateMinor} in the terms`);
    }
    const sign = DEDUCTIONS.includes(s.kind) ? -1n : 1n;
    const own = sign * divideRounded(invoicedQuantity * BigInt(inv.rateMinor), 10n ** BigInt(COMPARE_SCALE) * PER_UNIT[s.unit]);
    if (own !== BigInt(inv.amountMinor)) {
      causes.push('ARITHMETIC');
      reasons.push(`the invoice's own quantity × rate comes to ${own}, not ${inv.amountMinor}`);
    }
    out.push({
      code: inv.code,
      statementLine: j,
      invoiceLine: i,
      statement: figures(s),
      invoiced,
      differenceMinor: inv.amountMinor - s.amountMinor,
      causes,
      explanation: causes.length === 0 ? 'agrees with the statement' : reasons.join('; '),
    });
  });
  statement.forEach((s, j) => {
    if (used.has(j)) return;
    const credit = CREDITS.includes(s.kind);
    const causes: DifferenceCause[] = s.amountMinor === 0 ? [] : [credit ? 'CREDIT_MISSING' : 'NOT_INVOICED'];
    out.push({
      code: s.code,
      statementLine: j,
      invoiceLine: null,
      statement: figures(s),
      invoiced: null,
      differenceMinor: -s.amountMinor,
      causes,
      explanation:
        causes.length === 0
          ? 'nothing to invoice'
          : credit
            ? s.kind === 'CREDIT_CAP'
              ? `the invoice leaves out the service credits' overall cap (${s.amountMinor} minor units given back)`
              : `the invoice does not deduct this service credit of ${-s.amountMinor} minor units`
            : `the invoice leaves out this line of the statement (${s.amountMinor} minor units)`,
    });
  });
  const statementTotalMinor = statement.reduce((sum, l) => sum + l.amountMinor, 0);
  const invoicedTotalMinor = invoice.reduce((sum, l) => sum + l.amountMinor, 0);
  const differenceMinor = invoicedTotalMinor - statementTotalMinor;
  return { lines: out, statementTotalMinor, invoicedTotalMinor, differenceMinor, matches: differenceMinor === 0 && out.every((l) => l.causes.length === 0) };
}
