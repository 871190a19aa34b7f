/**
 * Deterministic generator of realistic demo interval actuals (shared/METRICS.md, "Raw interval
 * record") for one queue: seeded, pure (no I/O, no clock), and range-independent: every interval
 * draws from its own PRNG stream keyed by (seed, queueId, interval start), so generating a
 * sub-range reproduces the same records.
 *
 * Model, per interval inside local opening hours:
 * - Demand: weeklyVolume spread over the open intervals of a week by a weekday factor (Monday
 *   highest, declining, Saturday low) and an intraday shape (morning peak near 10:00, smaller
 *   afternoon peak near 14:30 local), times a billing-run bump on the first 3 working days
 *   (Monday to Friday) of each local month, times a per-day level factor; offered is Poisson.
 * - Staffing: planned with Erlang C (agentsForServiceLevel, services/metrics/erlang-c.ts) for the
 *   expected volume plus a 2 % forecast buffer at 82 % within 20 s, +-1 agent of schedule noise.
 *   With profile MISSES_SOME_WEEKS one local week (Monday to Sunday) in every block of three
 *   consecutive weeks, chosen from the seed, is staffed 15-25 % below what the expected volume needs.
 * - Outcome: Erlang C waits with exponential patience. A contact's virtual wait is 0 with
 *   probability 1 - P(wait) and otherwise exponential with rate theta = (n - a_eff) / AHT; it
 *   abandons if its patience (exponential, mean PATIENCE_SECONDS) runs out first. The load the
 *   agents actually carry, a_eff = a * P(answered), is a fixed point found by regula falsi, which
 *   keeps the model finite when the interval is overloaded (n <= a). Crude next to Erlang A (it
 *   ignores that abandons shorten the queue, so it errs towards longer waits), but a few lines,
 *   closed-form at every bucket bound, and plausible: staffed intervals answer mostly within
 *   seconds with 2-5 % abandonment, short-staffed ones wait minutes and lose 8-20 %.
 * - Counts are one multinomial draw of offered over the answered and abandoned wait buckets
 *   (plus a few flow-outs and callback requests); each bucket's wait total uses the conditional
 *   mean of the wait inside the bucket, so wait totals are always consistent with the buckets.
 */
import type { IntervalRecord } from '../metrics/kpi';
import { utcOffsetSeconds } from '../metrics/calendar';
import { agentsForServiceLevel, erlangCProbabilityOfWait } from '../metrics/erlang-c';
import { isValidTimeZone, WEEKDAYS, Weekday } from '../metrics/vocabulary';
import { STANDARD_WAIT_BOUNDS } from '../metrics/wait-buckets';

// Local bindings of the Math functions used in the hot loops: under Jest, whose tests run in a vm
// context, every global lookup (Math, Infinity) costs ~150 ns, which would triple the run time.
const { PI, abs, ceil, cos, exp, expm1, floor, imul, log, max, min, pow, round, sqrt } = Math;
const INFINITY = Number.POSITIVE_INFINITY;

/** Upper bounds (seconds) of the wait buckets of every generated record: the hub's standard ones. */
export const STANDARD_BUCKET_BOUNDS: readonly number[] = STANDARD_WAIT_BOUNDS;

/** Same shape as the contracts subgraph's opening hours: local HH:MM, closes after opens, 24:00 for midnight. */
export interface DemoOpeningHours {
  weekday: Weekday;
  opens: string;
  closes: string;
}

export type ServiceProfile = 'MEETS' | 'MISSES_SOME_WEEKS';

export interface DemoActualsOptions {
  /** Only mixed into the PRNG seed, so that two queues with the same seed differ. */
  queueId?: string;
  /** First instant covered; intervals start at the first UTC multiple of intervalSeconds at or after it. */
  fromEpochSeconds: number;
  /** End of the range, exclusive: the last interval starts before it. */
  toEpochSeconds: number;
  /** Default 900. */
  intervalSeconds?: 900 | 1800 | 3600;
  /** IANA zone of the opening hours and of the seasonality (e.g. Europe/Berlin). */
  timeZone: string;
  /** An interval is produced when its local start lies in [opens, closes) of a range of its local weekday. */
  openingHours: DemoOpeningHours[];
  /** Offered contacts per full week, roughly (before noise and billing-run bumps). */
  weeklyVolume: number;
  /** Mean handling time (talk + hold + wrap) per answered contact. */
  ahtSeconds: number;
  serviceProfile: ServiceProfile;
  seed: number;
}

// ---------------------------------------------------------------------------------------------
// Model constants
// ---------------------------------------------------------------------------------------------

/** Weekday factors, Monday first. */
const WEEKDAY_FACTOR = [1.25, 1.1, 1.0, 0.95, 0.9, 0.55, 0.4];
/** Volume factor on the 1st, 2nd and 3rd working day of a month (billing run). */
const BILLING_BUMP = [1.2, 1.12, 1.06];
/** Standard deviation of the log of the per-day volume level. */
const DAY_LEVEL_SD = 0.03;
/** Erlang C service level P(wait <= 20 s) the planners staff for. */
const PLAN_TARGET = 0.82;
/** Planners staff for this much more than the expected volume, a buffer against forecast error. */
const PLAN_BUFFER = 0.02;
const PLAN_THRESHOLD_SECONDS = 20;
/** Mean of the exponential patience of a waiting contact. */
const PATIENCE_SECONDS = 400;
/** Staffing shortfall of a short week, drawn uniformly in this range. */
const SHORTFALL_RANGE: [number, number] = [0.15, 0.25];
/** Share of agents' logged-in time in breaks, meetings and other not-ready states. */
const AUX_SHARE = 0.07;
/** Wait of a contact answered without queueing (routing and ringing). */
const IMMEDIATE_ANSWER_SECONDS = 2;
/** Of the contacts that would abandon, the share that asks for a callback instead. */
const CALLBACK_SHARE_OF_ABANDONS = 0.08;
/** Of the contacts that wait, the share that overflows to another queue. */
const FLOW_OUT_SHARE_OF_WAITING = 0.004;
const TRANSFER_RATE = 0.05;
const FCR_RATE = 0.75;

const DAY = 86_400;

// ---------------------------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------------------------

export function generateActuals(options: DemoActualsOptions): IntervalRecord[] {
  const opts = checkOptions(options);
  const { intervalSeconds: L, ahtSeconds } = opts;
  const baseSeed = mix(opts.seed >>> 0, fnv1a(opts.queueId ?? ''));
  const windows = openingWindows(opts.openingHours);
  const perWeight = opts.weeklyVolume / (weeklyWeight(windows, L) * billingNormalizer(windows, L));

  const records: IntervalRecord[] = [];
  const dayCache = new Map<number, DayFacts>();
  // Planned agents by expected volume: the same weekday, time of day and billing day recur every week.
  const plans: PlanCache = { staffed: new Map(), short: new Map() };
  for (let t = ceil(opts.fromEpochSeconds / L) * L; t < opts.toEpochSeconds; t += L) {
    const local = t + utcOffsetSeconds(t, opts.timeZone);
    const dayNumber = floor(local / DAY);
    const minute = (local - dayNumber * DAY) / 60;
    const weekday = weekdayOf(dayNumber);
    if (!isOpen(windows[weekday], minute)) continue;

    let day = dayCache.get(dayNumber);
    if (day === undefined) {
      day = dayFacts(dayNumber, baseSeed, opts.serviceProfile);
      dayCache.set(dayNumber, day);
    }
    const expected = perWeight * WEEKDAY_FACTOR[weekday] * intradayShape(minute + L / 120) * day.billingFactor;
    records.push(simulateInterval(t, L, expected, ahtSeconds, day, plans, mulberry32(mix(baseSeed, t))));
  }
  return records;
}

interface PlanCache {
  staffed: Map<number, number>;
  short: Map<number, number>;
}

interface DayFacts {
  /** Billing-run factor, known to the planners. */
  billingFactor: number;
  /** Unforeseen level of the day's volume. */
  levelFactor: number;
  /** Share of the planned agents present (1, or 1 - shortfall in a short week). */
  staffingFactor: number;
}

function dayFacts(dayNumber: number, baseSeed: number, profile: ServiceProfile): DayFacts {
  const rng = mulberry32(mix(baseSeed ^ 0x5bd1e995, dayNumber));
  const levelFactor = exp(DAY_LEVEL_SD * normal(rng) - (DAY_LEVEL_SD * DAY_LEVEL_SD) / 2);
  const k = workingDayOfMonth(dayNumber);
  const billingFactor = k >= 1 && k <= BILLING_BUMP.length ? BILLING_BUMP[k - 1] : 1;
  let staffingFactor = 1;
  if (profile === 'MISSES_SOME_WEEKS') {
    // Monday-based local week; day 0 (1970-01-01) was a Thursday.
    const week = floor((dayNumber + 3) / 7);
    const block = floor(week / 3);
    const blockRng = mulberry32(mix(baseSeed ^ 0x27d4eb2f, block));
    const shortWeek = floor(blockRng() * 3);
    if (week - block * 3 === shortWeek) {
      const [low, high] = SHORTFALL_RANGE;
      staffingFactor = 1 - (low + (high - low) * blockRng());
    }
  }
  return { billingFactor, levelFactor, staffingFactor };
}

function simulateInterval(
  t: number,
  L: number,
  expected: number,
  ahtSeconds: number,
  day: DayFacts,
  plans: PlanCache,
  rng: () => number,
): IntervalRecord {
  // Staffing: planned for the expected volume (billing run included) plus a forecast buffer. A
  // short week falls 15-25 % below what the expected volume needs without the buffer.
  const short = day.staffingFactor < 1;
  const cache = short ? plans.short : plans.staffed;
  let plan = cache.get(expected);
  if (plan === undefined) {
    const volume = short ? expected : expected * (1 + PLAN_BUFFER);
    plan =
      agentsForServiceLevel({ callsPerInterval: volume, ahtSeconds, intervalSeconds: L }, PLAN_TARGET, PLAN_THRESHOLD_SECONDS, {
        minAgents: 1,
      })?.agents ?? ceil((volume * ahtSeconds) / L / 0.85) + 1;
    cache.set(expected, plan);
  }
  const scheduleNoise = rng() < 0.15 ? -1 : rng() < 0.18 ? 1 : 0;
  const agents = max(1, round(plan * day.staffingFactor) + scheduleNoise);

  const offered = poisson(expected * day.levelFactor, rng);
  // The interval's mean handling time: a small level noise plus the sampling noise of few contacts.
  const ahtSd = sqrt(0.03 * 0.03 + 0.36 / max(1, offered));
  const aht = ahtSeconds * exp(ahtSd * normal(rng) - (ahtSd * ahtSd) / 2);

  const outcome = queueOutcome((offered * aht) / L, agents, aht);
  const cells = outcomeCells(outcome);
  const counts = multinomial(offered, cells.probabilities, rng);
  const nb = STANDARD_BUCKET_BOUNDS.length;
  const answeredWait = counts.slice(0, nb);
  const abandonedWait = counts.slice(nb, 2 * nb);
  const flowedOut = counts[2 * nb];
  const callbackRequested = counts[2 * nb + 1];
  const answered = sum(answeredWait);
  const abandoned = sum(abandonedWait);

  const handle = answered * aht;
  const holdShare = clamp(0.08 + 0.01 * normal(rng), 0.03, 0.13);
  const talkShare = clamp(0.75 + 0.02 * normal(rng), 0.65, 0.85);
  const talkSeconds = round(handle * talkShare);
  const holdSeconds = round(handle * holdShare);
  const wrapSeconds = max(0, round(handle) - talkSeconds - holdSeconds);
  const staffedSeconds = agents * L;
  const aux = clamp(AUX_SHARE + 0.02 * normal(rng), 0.02, 0.15);
  const availableSeconds = max(0, round(staffedSeconds * (1 - aux) - (talkSeconds + holdSeconds + wrapSeconds)));
  const transferred = binomial(answered, TRANSFER_RATE, rng);
  const resolvedFirstContact = binomial(answered, FCR_RATE, rng);

  return {
    start: new Date(t * 1000).toISOString(),
    lengthSeconds: L,
    offered,
    answered,
    abandoned,
    flowedOut,
    callbackRequested,
    answeredWaitSeconds: round(dot(answeredWait, cells.answeredRepresentative)),
    abandonedWaitSeconds: round(dot(abandonedWait, cells.abandonedRepresentative)),
    talkSeconds,
    holdSeconds,
    wrapSeconds,
    transferred,
    resolvedFirstContact,
    staffedSeconds,
    availableSeconds,
    bucketBounds: [...STANDARD_BUCKET_BOUNDS],
    answeredWait,
    abandonedWait,
  };
}

// ---------------------------------------------------------------------------------------------
// Queue model
// ---------------------------------------------------------------------------------------------

interface QueueOutcome {
  /** Share of arrivals that find every agent busy. */
  probabilityOfWait: number;
  /** Rate at which a waiting contact leaves the queue, answered (theta) or abandoning (gamma). */
  exitRate: number;
  /** Share of the waiting contacts that are answered rather than abandon: theta / (theta + gamma). */
  answeredShareOfWaiting: number;
}

/**
 * Erlang C with exponential patience at offered load `a` Erlangs and `agents` agents. The carried
 * load x solves x = a * P(answered | x); f(x) = x - a P(answered | x) rises from -a at 0 to a
 * positive value at min(a, n), so a bracketing root finder (Illinois) finds it in a few steps.
 */
export function queueOutcome(a: number, agents: number, ahtSeconds: number): QueueOutcome {
  const gamma = 1 / PATIENCE_SECONDS;
  if (!(a > 0)) return { probabilityOfWait: 0, exitRate: gamma, answeredShareOfWaiting: 1 };
  const pwAt = (x: number) => erlangCProbabilityOfWait(x, agents) ?? 1;
  const f = (x: number, pw: number) => {
    const theta = (agents - x) / ahtSeconds;
    return x - a * (1 - (pw * gamma) / (theta + gamma));
  };
  // Illinois: regula falsi that halves the weight of an end kept twice; pw always belongs to x.
  let low = 0;
  let fLow = -a;
  let high = min(a, agents * (1 - 1e-9));
  let pw = pwAt(high);
  let fHigh = f(high, pw);
  let x = high;
  let side = 0;
  for (let i = 0; i < 100 && high - low > 1e-9 * agents; i++) {
    x = (low * fHigh - high * fLow) / (fHigh - fLow);
    if (!(x > low && x < high)) x = (low + high) / 2;
    pw = pwAt(x);
    const fx = f(x, pw);
    if (abs(fx) <= 1e-9 * a) break;
    if (fx < 0) {
      low = x;
      fLow = fx;
      if (side === -1) fHigh /= 2;
      side = -1;
    } else {
      high = x;
      fHigh = fx;
      if (side === 1) fLow /= 2;
      side = 1;
    }
  }
  const theta = (agents - x) / ahtSeconds;
  return { probabilityOfWait: pw, exitRate: theta + gamma, answeredShareOfWaiting: theta / (theta + gamma) };
}

interface OutcomeCells {
  /** Answered per bucket, abandoned per bucket, flowed out, callback requested; sums to 1. */
  probabilities: number[];
  /** Mean wait of a contact in each bucket, always inside the bucket. */
  answeredRepresentative: number[];
  abandonedRepresentative: number[];
}

function outcomeCells({ probabilityOfWait: pw, exitRate: r, answeredShareOfWaiting: share }: QueueOutcome): OutcomeCells {
  const bounds = STANDARD_BUCKET_BOUNDS;
  const nb = bounds.length;
  const flowOut = FLOW_OUT_SHARE_OF_WAITING * pw;
  const callback = CALLBACK_SHARE_OF_ABANDONS * pw * (1 - share);
  const scale = 1 - flowOut - callback;
  const probabilities = new Array<number>(2 * nb + 2);
  const answeredRepresentative = new Array<number>(nb);
  const abandonedRepresentative = new Array<number>(nb);
  // Waiting contacts leave the queue at rate r; those leaving within (lo, hi] split into answered and abandoned by share.
  let leftBefore = 0;
  for (let i = 0; i < nb; i++) {
    const lo = i === 0 ? 0 : bounds[i - 1];
    const hi = bounds[i];
    const leftBy = hi === INFINITY ? 1 : -expm1(-r * hi);
    const waiting = pw * (leftBy - leftBefore);
    leftBefore = leftBy;
    const mean = truncatedExponentialMean(r, lo, hi);
    const immediate = i === 0 ? 1 - pw : 0;
    const answeredHere = immediate + waiting * share;
    probabilities[i] = scale * answeredHere;
    probabilities[nb + i] = scale * waiting * (1 - share);
    answeredRepresentative[i] =
      answeredHere > 0 ? (immediate * IMMEDIATE_ANSWER_SECONDS + waiting * share * mean) / answeredHere : mean;
    abandonedRepresentative[i] = mean;
  }
  probabilities[2 * nb] = flowOut;
  probabilities[2 * nb + 1] = callback;
  return { probabilities, answeredRepresentative, abandonedRepresentative };
}

/** Mean of an exponential wait of rate r conditioned on lying in (lo, hi]; hi may be Infinity. */
function truncatedExponentialMean(r: number, lo: number, hi: number): number {
  if (hi === INFINITY) return lo + 1 / r;
  const width = hi - lo;
  const rw = r * width;
  if (rw < 1e-6) return lo + width / 2;
  // lo + 1/r - width e^{-rw} / (1 - e^{-rw})
  return clamp(lo + 1 / r - width / expm1(rw), lo, hi);
}

// ---------------------------------------------------------------------------------------------
// Calendar: opening hours and seasonality (local time from metrics/calendar.ts)
// ---------------------------------------------------------------------------------------------

/** Open [from, to) minute ranges per weekday, Monday first. */
type Windows = Array<Array<[number, number]>>;

const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

function openingWindows(hours: DemoOpeningHours[]): Windows {
  const windows: Windows = WEEKDAYS.map(() => []);
  hours.forEach((h, i) => {
    const day = WEEKDAYS.indexOf(h.weekday);
    if (day < 0) throw new RangeError(`openingHours[${i}].weekday must be MONDAY..SUNDAY, got ${h.weekday}`);
    if (!LOCAL_TIME.test(h.opens)) throw new RangeError(`openingHours[${i}].opens must be HH:MM, got ${h.opens}`);
    if (!LOCAL_TIME.test(h.closes)) throw new RangeError(`openingHours[${i}].closes must be HH:MM (24:00 for midnight), got ${h.closes}`);
    const from = minutesOf(h.opens);
    const to = minutesOf(h.closes);
    if (to <= from) throw new RangeError(`openingHours[${i}].closes must be after opens; split overnight hours over two days`);
    windows[day].push([from, to]);
  });
  return windows;
}

function isOpen(ranges: Array<[number, number]>, minute: number): boolean {
  for (const [from, to] of ranges) if (minute >= from && minute < to) return true;
  return false;
}

/** Monday = 0 for a day number counted from 1970-01-01 (a Thursday). */
function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}

/** Relative volume at a local minute of the day: morning peak ~10:00, smaller afternoon peak ~14:30, quiet nights. */
function intradayShape(minute: number): number {
  const h = minute / 60;
  const bump = (centre: number, width: number) => exp(-((h - centre) ** 2) / (2 * width * width));
  return 0.03 + 0.45 * bump(13, 3.5) + 1.0 * bump(10, 1.3) + 0.7 * bump(14.5, 1.3);
}

/** Sum of the volume weights of the open intervals of a week (local intervals assumed aligned to L). */
function weeklyWeight(windows: Windows, L: number): number {
  let total = 0;
  for (let d = 0; d < 7; d++) {
    for (let m = 0; m < 1440; m += L / 60) if (isOpen(windows[d], m)) total += WEEKDAY_FACTOR[d] * intradayShape(m + L / 120);
  }
  return total;
}

/**
 * 1 + the billing-run volume a week carries on average (three bumped working days a month, taken
 * at the mean working day), so that weeklyVolume holds over a month rather than in quiet weeks only.
 */
function billingNormalizer(windows: Windows, L: number): number {
  const week = weeklyWeight(windows, L);
  if (week === 0) return 1;
  let working = 0;
  for (let d = 0; d < 5; d++) {
    for (let m = 0; m < 1440; m += L / 60) if (isOpen(windows[d], m)) working += WEEKDAY_FACTOR[d] * intradayShape(m + L / 120);
  }
  const extraPerMonth = BILLING_BUMP.reduce((s, f) => s + (f - 1), 0) * (working / 5 / week);
  return 1 + (extraPerMonth * 12) / 52.1775;
}

/** 1-based rank of a local date among the working days (Monday to Friday) of its month; 0 on a weekend. */
function workingDayOfMonth(dayNumber: number): number {
  if (weekdayOf(dayNumber) >= 5) return 0;
  const date = new Date(dayNumber * DAY * 1000);
  const firstOfMonth = dayNumber - (date.getUTCDate() - 1);
  let rank = 0;
  for (let d = firstOfMonth; d <= dayNumber; d++) if (weekdayOf(d) < 5) rank++;
  return rank;
}

// ---------------------------------------------------------------------------------------------
// Randomness
// ---------------------------------------------------------------------------------------------

/** mulberry32: a small, fast 32-bit PRNG; uniform in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let z = a;
    z = imul(z ^ (z >>> 15), z | 1);
    z ^= z + imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes a 32-bit key with a number (up to 2^53, e.g. an epoch second) into a new 32-bit seed. */
function mix(key: number, value: number): number {
  let h = (key ^ 0x9e3779b9) >>> 0;
  h = mixWord(h, value >>> 0);
  return mixWord(h, floor(value / 4294967296) >>> 0);
}

function mixWord(h: number, word: number): number {
  h = imul(h ^ word, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function normal(rng: () => number): number {
  // Box-Muller; 1 - u keeps the logarithm finite.
  return sqrt(-2 * log(1 - rng())) * cos(2 * PI * rng());
}

/** Poisson draw: inversion (one uniform, walking the pmf) below a mean of 30, rounded normal above. */
function poisson(mean: number, rng: () => number): number {
  if (!(mean > 0)) return 0;
  if (mean >= 30) return max(0, round(mean + sqrt(mean) * normal(rng)));
  const u = rng();
  let k = 0;
  let pmf = exp(-mean);
  let cdf = pmf;
  while (cdf < u && pmf > 0) {
    k++;
    pmf *= mean / k;
    cdf += pmf;
  }
  return k;
}

/** Binomial draw: rounded normal when the variance is large, else inversion from the nearer end (one uniform). */
function binomial(n: number, p: number, rng: () => number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(n, 1 - p, rng);
  const variance = n * p * (1 - p);
  if (variance >= 9) return clamp(round(n * p + sqrt(variance) * normal(rng)), 0, n);
  // n p < 18 here, so (1 - p)^n stays far from underflow.
  const u = rng();
  const odds = p / (1 - p);
  let k = 0;
  let pmf = pow(1 - p, n);
  let cdf = pmf;
  while (cdf < u && k < n) {
    pmf *= ((n - k) / (k + 1)) * odds;
    k++;
    cdf += pmf;
  }
  return k;
}

/** Multinomial draw of n over the given probabilities (summing to 1), as a chain of conditional binomials. */
function multinomial(n: number, probabilities: number[], rng: () => number): number[] {
  const k = probabilities.length;
  const counts = new Array<number>(k).fill(0);
  let remaining = n;
  let mass = 1;
  for (let i = 0; i < k && remaining > 0; i++) {
    const p = probabilities[i];
    if (i === k - 1 || mass <= p) {
      counts[i] = remaining;
      break;
    }
    const x = binomial(remaining, p / mass, rng);
    counts[i] = x;
    remaining -= x;
    mass -= p;
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function clamp(value: number, low: number, high: number): number {
  return min(high, max(low, value));
}

function sum(values: number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

function dot(counts: number[], values: number[]): number {
  let total = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) total += counts[i] * values[i];
  return total;
}

function checkOptions(options: DemoActualsOptions): Required<Omit<DemoActualsOptions, 'queueId'>> & { queueId?: string } {
  const intervalSeconds = options.intervalSeconds ?? 900;
  if (![900, 1800, 3600].includes(intervalSeconds)) {
    throw new RangeError(`intervalSeconds must be 900, 1800 or 3600, got ${intervalSeconds}`);
  }
  const { fromEpochSeconds, toEpochSeconds, weeklyVolume, ahtSeconds, seed, serviceProfile } = options;
  if (!Number.isFinite(fromEpochSeconds) || !Number.isFinite(toEpochSeconds) || toEpochSeconds < fromEpochSeconds) {
    throw new RangeError(`need finite fromEpochSeconds <= toEpochSeconds, got ${fromEpochSeconds} and ${toEpochSeconds}`);
  }
  if (!(Number.isFinite(weeklyVolume) && weeklyVolume >= 0)) throw new RangeError(`weeklyVolume must be >= 0, got ${weeklyVolume}`);
  if (!(Number.isFinite(ahtSeconds) && ahtSeconds > 0)) throw new RangeError(`ahtSeconds must be > 0, got ${ahtSeconds}`);
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  if (!isValidTimeZone(options.timeZone)) {
    throw new RangeError(`timeZone must be an IANA time zone (e.g. Europe/Berlin), got ${options.timeZone}`);
  }
  if (serviceProfile !== 'MEETS' && serviceProfile !== 'MISSES_SOME_WEEKS') {
    throw new RangeError(`serviceProfile must be MEETS or MISSES_SOME_WEEKS, got ${serviceProfile}`);
  }
  return { ...options, intervalSeconds };
}
