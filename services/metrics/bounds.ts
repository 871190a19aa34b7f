/**
 * The domain bound of every input the hub takes, declared once. Every mutation and argument that
 * takes one of these quantities checks it against this table (with `checkBound`), so an absurd
 * number is refused with the bound in the message before it is stored or fed to a model, and
 * every stored value fits the output types (all sums stay below 2^53).
 *
 * The ranges are generous for real contact centres (the largest single queues run a few
 * thousand agents) and small enough that the queueing and normalization maths at the bound
 * answers in bounded time.
 */
export interface Bound {
  min: number;
  max: number;
  /** True when only whole numbers are meaningful (counts, seconds, minor units). */
  integer: boolean;
  unit: string;
}

function bound(min: number, max: number, unit: string, integer = true): Bound {
  return { min, max, integer, unit };
}

export const BOUNDS = {
  /** Contacts of one queue in one interval (offered, answered, abandoned, bucket counts …). */
  contactsPerInterval: bound(0, 20_000, 'contacts'),
  /** Summed seconds of one queue in one interval (talk, hold, wrap, waits, staffed time …). */
  secondsPerInterval: bound(0, 20_000 * 14_400, 'seconds'),
  /** One contact's wait (the longest wait of an interval). */
  waitSeconds: bound(0, 86_400, 'seconds'),
  /** Mean handling time of a contact. */
  handlingSeconds: bound(1, 14_400, 'seconds'),
  /** Mean patience before abandoning (Erlang A). */
  patienceSeconds: bound(1, 3_600, 'seconds'),
  /** A service-level threshold or short-abandon allowance. */
  thresholdSeconds: bound(1, 3_600, 'seconds'),
  /** Agents in one interval (planned, required, proposed). */
  agents: bound(0, 5_000, 'agents'),
  /** Offered load in Erlangs of one interval: beyond it the staffing models are not run. */
  offeredLoadErlangs: bound(0, 2_000, 'Erlangs', false),
  /** Contacts forecast for one interval. */
  forecastVolume: bound(0, 20_000, 'contacts', false),
  /** Productive hours of one queue in one week (committed, scheduled, proposed). */
  hoursPerWeek: bound(0, 5_000 * 168, 'hours', false),
  /** A share of volume, a goal or a tolerance expressed as a fraction. */
  fraction: bound(0, 1, 'fraction', false),
  /** A relative weight in a score. */
  weight: bound(0, 100, 'weight', false),
  /** An amount of money in minor units (cents): up to 10 billion in major units. */
  moneyMinor: bound(0, 1_000_000_000_000, 'minor units'),
  /** A unit price in minor units (per hour, contact or minute). */
  unitPriceMinor: bound(0, 100_000_000, 'minor units'),
  /** A service credit in percent (per point, or the monthly cap). */
  percent: bound(0, 100, 'percent', false),
  /** Uplift of a volume driver, as a multiplier of the baseline volume. */
  upliftFactor: bound(0, 100, 'times', false),
  /** Days in a repeat-contact window, a due date offset and the like. */
  days: bound(0, 366, 'days'),
  /** Hours of a complaint acknowledgement clock. */
  clockHours: bound(1, 24 * 31, 'hours'),
  /** A CSAT survey score (1 very dissatisfied … 5 very satisfied). */
  csatScore: bound(1, 5, 'points'),
  /** A Net Promoter survey score (0 … 10). */
  npsScore: bound(0, 10, 'points'),
  /** A customer effort survey score (1 … 7). */
  cesScore: bound(1, 7, 'points'),
  /** The customer's satisfaction with how a complaint was handled, recorded at closure. */
  complaintSatisfaction: bound(1, 5, 'points'),
  /** Complaints listed per contract in one page. */
  complaintsPerPage: bound(1, 500, 'complaints'),
  /** Length of one interval of actuals (900, 1800 or 3600 are the lengths uploads take). */
  intervalSeconds: bound(900, 3_600, 'seconds'),
  /** Business days of a complaint resolution clock. */
  clockDays: bound(1, 365, 'days'),
  /** Days after the end of its period a contractual report is due. */
  reportDueDays: bound(0, 90, 'days'),
  /** A goal or stated figure in seconds (ASA, AHT …) where the metric itself has no upper end. */
  goalSeconds: bound(0, 86_400, 'seconds', false),
  /** A goal or stated figure as a ratio where the metric itself has no upper end (forecast error …). */
  goalRatio: bound(-1, 10, 'ratio', false),
  /** Contacts summed over a past period of at most a year (a bid's past actuals). */
  contactsPerPeriod: bound(0, 20_000 * 96 * 366, 'contacts'),
  /** Seconds summed over a past period of at most a year (a bid's past actuals). */
  secondsPerPeriod: bound(0, 20_000 * 14_400 * 96 * 366, 'seconds', false),
  /** The least number of responses, evaluations or contacts an SLA window needs to be judged. */
  minimumSample: bound(1, 1_000_000, 'responses'),
  /** An amount that may be a deduction (an invoice's credit line): moneyMinor either side of zero. */
  signedMoneyMinor: bound(-1_000_000_000_000, 1_000_000_000_000, 'minor units'),
  /** A limit of a volume band, in percent of the forecast in force (110 = 10 % above it). */
  bandPercent: bound(0, 1_000, 'percent of the forecast', false),
  /** Productive hours that make one full-time equivalent in a month (per-FTE prices). */
  fteHoursPerMonth: bound(1, 744, 'hours', false),
  /** A quantity on an invoice line (contacts, minutes, hours, FTE, months or percent). */
  billedQuantity: bound(0, 10_000_000_000, 'units', false),
  /** Months a centre has to earn back a service credit by meeting the target. */
  earnBackMonths: bound(1, 12, 'months'),
  /** Evaluations, calibration sessions, agents or evaluators listed in one page. */
  qualityPerPage: bound(1, 500, 'rows'),
  /** Days a baseline forecast covers (13 weeks ahead, plus the day it starts on). */
  baselineHorizonDays: bound(1, 92, 'days'),
  /** Weeks of history a baseline forecast learns from (up to two years). */
  baselineHistoryWeeks: bound(2, 104, 'weeks'),
  /** Days one accuracy comparison covers (a forecast's or a baseline's). */
  accuracyDays: bound(1, 92, 'days'),
  /** Announced uplift of a volume driver as a ratio of the volume it moves (0.25 = 25 % more, -0.1 = 10 % fewer). */
  upliftRatio: bound(-0.99, 10, 'ratio', false),
} as const satisfies Record<string, Bound>;

export type BoundName = keyof typeof BOUNDS;

/** Every instant the hub stores or is asked about lies in this window (UTC). */
export const INSTANT_WINDOW = {
  from: Date.UTC(2000, 0, 1) / 1000,
  to: Date.UTC(2100, 0, 1) / 1000,
  label: '2000-01-01T00:00:00Z to 2100-01-01T00:00:00Z',
} as const;

/** List lengths a single call may carry. */
export const LIST_LIMITS = {
  /** Interval rows in one upload. */
  intervalsPerUpload: 10_000,
  /** Survey responses in one upload. */
  responsesPerUpload: 10_000,
  /** Forecast intervals in one version (13 weeks of quarter hours). */
  forecastIntervals: 13 * 7 * 96,
  /** Ids in one lookup (`queues(ids:)`, `contracts(ids:)` …). */
  idsPerLookup: 500,
  /** Items of a contract's terms list (responsibilities, information items, obligations …). */
  termsItems: 100,
  /** Public holidays in one calendar. */
  holidays: 500,
  /** Opening-hour lines in one calendar. */
  openingHours: 70,
  /** Intervals in a tender's demand profile (a week of quarter hours). */
  demandIntervals: 7 * 96,
  /** Members of a volume share group, requirements of a tender, figures of a bid. */
  smallList: 50,
  /** Weeks in one capacity plan call. */
  capacityWeeks: 104,
  /** Periods of past actuals in one bid. */
  pastPeriods: 12,
  /** Agents in one per-agent read (`Queue.agentPerformance(first:)`). */
  agentsPerRequest: 500,
  /** Criteria of one quality scorecard version (all sections together). */
  scorecardCriteria: 100,
  /** Complaints with their history in one `recordComplaintHistory` call (a register migrated in batches). */
  complaintsPerHistoryUpload: 100,
  /** Evaluations in one upload. */
  evaluationsPerUpload: 5_000,
  /** Interactions scored in one calibration session. */
  calibrationInteractions: 50,
  /** Scores sent to a calibration session in one call. */
  calibrationScoresPerCall: 2_000,
  /** Measurement windows in one request for figures (`Contract.windowFigures`, `SlaTarget.compliance`). */
  figureWindows: 20_000,
  /** Lines of one invoice a centre submits for a month. */
  invoiceLines: 500,
  /** Dates flagged as outliers, or volume drivers, passed to one baseline forecast. */
  baselineMarks: 200,
} as const;

/**
 * Files exchanged with the hub (imports and exports of the exchange subgraph). An import arrives
 * in chunks, is stored as it came (gzip or not) and is read back as a stream, so memory stays
 * bounded whatever the file's size; these bound the stored size, what it may inflate to, the rows
 * and columns read, and how much of a refusal is listed.
 */
export const FILE_LIMITS = {
  /** Bytes of one upload chunk (decoded), and so of a file sent in one call. */
  chunkBytes: 4 * 1024 * 1024,
  /** Bytes of one stored file, compressed as sent. */
  fileBytes: 512 * 1024 * 1024,
  /** Bytes a file may inflate to once gunzipped (a zip bomb stops here). */
  inflatedBytes: 2 * 1024 * 1024 * 1024,
  /** Data rows of one file: a few queues' quarter hours over decades. */
  rowsPerFile: 5_000_000,
  /** Characters of one CSV line. */
  lineCharacters: 64 * 1024,
  /** Columns of one CSV file, and column mappings of one profile. */
  columns: 200,
  /** Refused rows listed on a job (all are counted). */
  problemsListed: 1_000,
  /** Import jobs of one organisation waiting or running at once. */
  activeJobsPerOrganisation: 4,
  /** Mapping profiles one organisation keeps. */
  profilesPerOrganisation: 100,
  /** Rows of one exported file. */
  exportRows: 100_000,
  /** Characters of one exported file. */
  exportCharacters: 16 * 1024 * 1024,
  /** Cells (rows × columns) of one exported file asked for as XLSX: a workbook costs far more to write than CSV. */
  spreadsheetCells: 500_000,
  /**
   * Cells of files written for one request, all its exports and aliases together (a workbook's
   * cells count twice, its CPU being about twice the CSV's): files are written on the event loop,
   * so this bounds how long one request can hold it.
   */
  cellsRenderedPerRequest: 2_000_000,
} as const;

/** Maximum characters of free text, by kind. */
export const TEXT_LIMITS = {
  /** Ids chosen by callers (interaction, response and agent references …). */
  reference: 200,
  /** Names and titles. */
  name: 200,
  /** Short descriptions, reasons and comments. */
  description: 5_000,
  /** Long notes and complaint texts. */
  note: 20_000,
} as const;

/**
 * The problem with `value` under `bound`, or null when it is within it. The message states the
 * bound, so a caller can act on it.
 */
export function boundProblem(value: unknown, b: Bound): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a finite number between ${b.min} and ${b.max} ${b.unit}`;
  if (b.integer && !Number.isInteger(value)) return `must be a whole number of ${b.unit} between ${b.min} and ${b.max}`;
  if (value < b.min || value > b.max) return `must be between ${b.min} and ${b.max} ${b.unit} (got ${value})`;
  return null;
}

/** The problem with an instant (epoch seconds), or null when it lies in INSTANT_WINDOW. */
export function instantProblem(epochSeconds: number): string | null {
  if (!Number.isFinite(epochSeconds) || epochSeconds < INSTANT_WINDOW.from || epochSeconds >= INSTANT_WINDOW.to) {
    return `must lie between ${INSTANT_WINDOW.label}`;
  }
  return null;
}

/** The problem with a local date YYYY-MM-DD's year, or null when it lies in INSTANT_WINDOW's years. */
export function localDateYearProblem(date: string): string | null {
  const year = Number(date.slice(0, 4));
  const first = new Date(INSTANT_WINDOW.from * 1000).getUTCFullYear();
  const last = new Date(INSTANT_WINDOW.to * 1000).getUTCFullYear() - 1;
  if (!Number.isInteger(year) || year < first || year > last) return `must be a date in the years ${first} to ${last}`;
  return null;
}

/** The problem with a list length, or null. */
export function listProblem(length: number, max: number, what: string): string | null {
  return length > max ? `at most ${max} ${what} per call (got ${length})` : null;
}

// C0 controls other than tab, newline and carriage return, DEL, C1 controls, and the Unicode
// bidirectional embedding/override/isolate marks that can make text display other than it reads.
const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/**
 * The problem with free text, or null: control and bidi-override characters are refused
 * (newline and tab are allowed), and the length is capped.
 */
export function textProblem(value: string, maxLength: number): string | null {
  if (value.length > maxLength) return `at most ${maxLength} characters (got ${value.length})`;
  const bad = FORBIDDEN_CHARACTERS.exec(value);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return `must not contain control or bidirectional-override characters (found U+${code} at position ${bad.index})`;
  }
  return null;
}
