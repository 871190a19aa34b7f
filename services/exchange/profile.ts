import { FieldProblem } from '../platform/errors';
import { BOUNDS, FILE_LIMITS, TEXT_LIMITS, boundProblem, textProblem } from '../metrics/bounds';
import { isValidTimeZone } from '../metrics/vocabulary';
import { STANDARD_WAIT_BOUNDS } from '../metrics/wait-buckets';

/**
 * A column-mapping profile: how one source's CSV export maps onto the hub's canonical fields.
 * A centre saves its own once (source column → canonical field, unit and duration format, time
 * zone, whether times mark the interval start or end, how the source counts service level) and
 * names it on every import; ready-made ones for public ACD and WFM exports live in profiles/.
 */
export const IMPORT_KINDS = ['INTERVALS', 'SURVEY_RESPONSES', 'COMPLAINTS', 'STAFFING', 'EVALUATIONS'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const VALUE_UNITS = ['COUNT', 'NUMBER', 'SECONDS', 'MILLISECONDS', 'MINUTES', 'HOURS', 'HHMMSS', 'PERCENT', 'FRACTION', 'TEXT', 'BOOLEAN', 'TIMESTAMP'] as const;
export type ValueUnit = (typeof VALUE_UNITS)[number];

export const TIMESTAMP_FORMATS = ['ISO_8601', 'MDY', 'DMY', 'COMPACT_YMD', 'EPOCH_SECONDS', 'EPOCH_MILLISECONDS'] as const;
export type TimestampFormat = (typeof TIMESTAMP_FORMATS)[number];

export const TIMES_MARK = ['INTERVAL_START', 'INTERVAL_END'] as const;
export type TimesMark = (typeof TIMES_MARK)[number];

/**
 * How a source computes its service-level percentage, so the count answered within T can be
 * rebuilt from it: the percentage times the denominator. The variants that count or exclude
 * abandons within T need the count abandoned within T as well.
 */
export const SERVICE_LEVEL_FORMULAS = [
  'OF_OFFERED',
  'OF_ANSWERED',
  'OF_ANSWERED_AND_ABANDONED',
  'OF_ANSWERED_ABANDONED_AND_FLOWED_OUT',
  'ABANDONS_WITHIN_T_COUNT_AS_MET',
  'ABANDONS_WITHIN_T_EXCLUDED',
] as const;
export type ServiceLevelFormula = (typeof SERVICE_LEVEL_FORMULAS)[number];

export const AGENTS_ROUNDING = ['DOWN', 'NEAREST', 'EXACT'] as const;
export type AgentsRounding = (typeof AGENTS_ROUNDING)[number];

export const ATTRIBUTIONS = ['QUEUE_ENTRY', 'CONTACT_END'] as const;
export type Attribution = (typeof ATTRIBUTIONS)[number];

export interface FieldSpec {
  kinds: readonly ImportKind[];
  unit: ValueUnit;
  units: readonly ValueUnit[];
  /** Takes a threshold or bucket bound in seconds. */
  seconds?: boolean;
  /** May be mapped more than once (one per threshold). */
  repeatable?: boolean;
  description: string;
}

const DURATION: readonly ValueUnit[] = ['SECONDS', 'MILLISECONDS', 'MINUTES', 'HOURS', 'HHMMSS'];
const COUNTS: readonly ValueUnit[] = ['COUNT'];
const RATIOS: readonly ValueUnit[] = ['PERCENT', 'FRACTION'];
const I: readonly ImportKind[] = ['INTERVALS'];

/** Every canonical field a source column can map to, by kind of import. */
export const CANONICAL_FIELDS = {
  START: { kinds: ['INTERVALS', 'STAFFING'], unit: 'TIMESTAMP', units: ['TIMESTAMP'], description: 'Interval start (or end, see timesMark), date and time' },
  END: { kinds: ['INTERVALS', 'STAFFING'], unit: 'TIMESTAMP', units: ['TIMESTAMP'], description: 'Interval end, date and time' },
  DATE: { kinds: I, unit: 'TIMESTAMP', units: ['TIMESTAMP'], description: 'The date of the interval when the time is a column of its own' },
  TIME: { kinds: I, unit: 'TEXT', units: ['TEXT'], description: 'The time of day of the interval (HH:mm, HH:mm:ss or HMM like 830)' },
  LENGTH: { kinds: I, unit: 'MINUTES', units: DURATION, description: 'Interval length' },
  QUEUE: { kinds: ['INTERVALS', 'COMPLAINTS', 'EVALUATIONS'], unit: 'TEXT', units: ['TEXT'], description: "The source's queue (or skill, split) name, mapped to a hub queue by the job's queue map" },
  OFFERED: { kinds: I, unit: 'COUNT', units: COUNTS, description: 'Contacts that reached the queue' },
  ANSWERED: { kinds: I, unit: 'COUNT', units: COUNTS, description: 'Answered by an agent' },
  ABANDONED: { kinds: I, unit: 'COUNT', units: COUNTS, description: 'Left before an answer' },
  FLOWED_OUT: { kinds: I, unit: 'COUNT', units: COUNTS, description: 'Left unanswered by overflow to another queue' },
  CALLBACK_REQUESTED: { kinds: I, unit: 'COUNT', units: COUNTS, description: 'Left unanswered by asking for a callback' },
  TRANSFERRED: { kinds: I, unit: 'COUNT', units: COUNTS, description: 'Transferred' },
  RESOLVED_FIRST_CONTACT: { kinds: I, unit: 'COUNT', units: COUNTS, description: 'Resolved at first contact' },
  ANSWERED_WAIT: { kinds: I, unit: 'SECONDS', units: DURATION, description: 'Total wait of answered contacts' },
  ABANDONED_WAIT: { kinds: I, unit: 'SECONDS', units: DURATION, description: 'Total wait of abandoned contacts' },
  TALK: { kinds: I, unit: 'SECONDS', units: DURATION, description: 'Total talk time of answered contacts' },
  HOLD: { kinds: I, unit: 'SECONDS', units: DURATION, description: 'Total hold time of answered contacts' },
  WRAP: { kinds: I, unit: 'SECONDS', units: DURATION, description: 'Total after-contact work of answered contacts' },
  STAFFED: { kinds: I, unit: 'SECONDS', units: DURATION, description: 'Agent time logged in' },
  AVAILABLE: { kinds: I, unit: 'SECONDS', units: DURATION, description: 'Agent idle-ready time' },
  AVERAGE_ANSWERED_WAIT: { kinds: I, unit: 'SECONDS', units: DURATION, description: 'Mean wait of answered contacts (ASA): the total is rebuilt as mean × answered' },
  AVERAGE_ABANDONED_WAIT: { kinds: I, unit: 'SECONDS', units: DURATION, description: 'Mean wait of abandoned contacts: the total is rebuilt as mean × abandoned' },
  AVERAGE_TALK: { kinds: I, unit: 'SECONDS', units: DURATION, description: 'Mean talk per answered contact: the total is rebuilt as mean × answered' },
  AVERAGE_HOLD: { kinds: I, unit: 'SECONDS', units: DURATION, description: 'Mean hold per answered contact (not per held contact): the total is rebuilt as mean × answered' },
  AVERAGE_WRAP: { kinds: I, unit: 'SECONDS', units: DURATION, description: 'Mean after-contact work per answered contact: the total is rebuilt as mean × answered' },
  ANSWERED_WITHIN: { kinds: I, unit: 'COUNT', units: COUNTS, seconds: true, repeatable: true, description: 'Answered after waiting at most `seconds`' },
  ABANDONED_WITHIN: { kinds: I, unit: 'COUNT', units: COUNTS, seconds: true, repeatable: true, description: 'Abandoned after waiting at most `seconds`' },
  ANSWERED_IN_BUCKET: {
    kinds: I,
    unit: 'COUNT',
    units: COUNTS,
    seconds: true,
    repeatable: true,
    description: 'Answered after waiting more than the previous bucket bound and at most `seconds` (no `seconds`: the open last bucket)',
  },
  ABANDONED_IN_BUCKET: { kinds: I, unit: 'COUNT', units: COUNTS, seconds: true, repeatable: true, description: 'The same for abandoned contacts' },
  SERVICE_LEVEL: { kinds: I, unit: 'PERCENT', units: RATIOS, description: "The source's service-level percentage under the profile's serviceLevel formula and threshold" },
  ABANDON_RATE: { kinds: I, unit: 'PERCENT', units: RATIOS, description: 'Abandoned over offered; used to rebuild abandoned when no count is given' },
  RESPONSE_ID: { kinds: ['SURVEY_RESPONSES'], unit: 'TEXT', units: ['TEXT'], description: "The survey platform's response id (a re-sent id replaces)" },
  SURVEY_TYPE: { kinds: ['SURVEY_RESPONSES'], unit: 'TEXT', units: ['TEXT'], description: 'CSAT, NPS, CES or FCR' },
  SCORE: { kinds: ['SURVEY_RESPONSES'], unit: 'COUNT', units: ['COUNT'], description: 'The score on the type scale' },
  RESOLVED: { kinds: ['SURVEY_RESPONSES'], unit: 'BOOLEAN', units: ['BOOLEAN'], description: 'FCR: resolved or not' },
  CHANNEL: { kinds: ['SURVEY_RESPONSES', 'COMPLAINTS', 'EVALUATIONS'], unit: 'TEXT', units: ['TEXT'], description: 'VOICE, EMAIL, CHAT, MESSAGING, SOCIAL or VIDEO' },
  RESPONDED_AT: { kinds: ['SURVEY_RESPONSES'], unit: 'TIMESTAMP', units: ['TIMESTAMP'], description: 'When the customer responded' },
  INTERACTION_REF: { kinds: ['SURVEY_RESPONSES', 'EVALUATIONS'], unit: 'TEXT', units: ['TEXT'], description: 'The interaction the response is about' },
  AGENT_REF: { kinds: ['SURVEY_RESPONSES', 'EVALUATIONS'], unit: 'TEXT', units: ['TEXT'], description: "The agent's pseudonymous reference" },
  COMPLAINT_REF: { kinds: ['COMPLAINTS'], unit: 'TEXT', units: ['TEXT'], description: "The source system's complaint key: a complaint imported once is never recorded twice" },
  CATEGORY: { kinds: ['COMPLAINTS'], unit: 'TEXT', units: ['TEXT'], description: 'Complaint category' },
  SEVERITY: { kinds: ['COMPLAINTS'], unit: 'TEXT', units: ['TEXT'], description: 'LOW, MEDIUM, HIGH or CRITICAL' },
  DESCRIPTION: { kinds: ['COMPLAINTS'], unit: 'TEXT', units: ['TEXT'], description: 'What the customer complains about' },
  CUSTOMER_REF: { kinds: ['COMPLAINTS'], unit: 'TEXT', units: ['TEXT'], description: 'Pseudonymous customer key' },
  RECEIVED_AT: { kinds: ['COMPLAINTS'], unit: 'TIMESTAMP', units: ['TIMESTAMP'], description: 'When the complaint was received: mapped, the complaint is recorded with its history (clocks from the terms in force then)' },
  ACKNOWLEDGED_AT: { kinds: ['COMPLAINTS'], unit: 'TIMESTAMP', units: ['TIMESTAMP'], description: 'When the complaint was acknowledged' },
  RESOLVED_AT: { kinds: ['COMPLAINTS'], unit: 'TIMESTAMP', units: ['TIMESTAMP'], description: "When the response (resolution) was given: the hub's RESPONDED" },
  CLOSED_AT: { kinds: ['COMPLAINTS'], unit: 'TIMESTAMP', units: ['TIMESTAMP'], description: 'When the complaint was closed (or withdrawn)' },
  STATUS: { kinds: ['COMPLAINTS'], unit: 'TEXT', units: ['TEXT'], description: 'The status the complaint stands at: RECEIVED, ACKNOWLEDGED, ASSESSED, INVESTIGATING, ESCALATED, RESPONDED (or RESOLVED), CLOSED, WITHDRAWN; empty: the latest its times say' },
  INTERACTION_AT: { kinds: ['EVALUATIONS'], unit: 'TIMESTAMP', units: ['TIMESTAMP'], description: 'When the evaluated interaction took place: it picks the scorecard version' },
  EVALUATOR_REF: { kinds: ['EVALUATIONS'], unit: 'TEXT', units: ['TEXT'], description: "The evaluator's pseudonymous key; with the interaction it identifies the evaluation (re-sending replaces)" },
  EVALUATOR_PARTY: { kinds: ['EVALUATIONS'], unit: 'TEXT', units: ['TEXT'], description: "CLIENT or CENTRE: checked against the importer's side of the contract (the party is never taken from the file)" },
  CRITERION: { kinds: ['EVALUATIONS'], unit: 'TEXT', units: ['TEXT'], description: "A criterion key of the scorecard version in force (one row per criterion answered)" },
  ANSWER: { kinds: ['EVALUATIONS'], unit: 'TEXT', units: ['TEXT'], description: 'YES, NO or NA (YES_NO_NA); 1-5 or NA (ONE_TO_FIVE)' },
  ANSWER_COMMENT: { kinds: ['EVALUATIONS'], unit: 'TEXT', units: ['TEXT'], description: "The evaluator's comment on this answer" },
  EVALUATION_COMMENT: { kinds: ['EVALUATIONS'], unit: 'TEXT', units: ['TEXT'], description: "The evaluator's comment on the whole evaluation (the first non-empty one of its rows)" },
  SKILL: { kinds: ['STAFFING'], unit: 'TEXT', units: ['TEXT'], description: 'The WFM skill the row is for (informational)' },
  TASKS: { kinds: ['STAFFING'], unit: 'NUMBER', units: ['NUMBER', 'COUNT'], description: 'Forecast tasks (informational)' },
  TASK_TIME: { kinds: ['STAFFING'], unit: 'SECONDS', units: DURATION, description: 'Mean task time (informational)' },
  AFTER_TASK_TIME: { kinds: ['STAFFING'], unit: 'SECONDS', units: DURATION, description: 'Mean after-task time (informational)' },
  AGENTS: { kinds: ['STAFFING'], unit: 'NUMBER', units: ['NUMBER', 'COUNT'], description: 'Agents planned on contacts in the interval' },
  IGNORE: { kinds: IMPORT_KINDS, unit: 'TEXT', units: ['TEXT'], repeatable: true, description: 'A column read and not used' },
} as const satisfies Record<string, FieldSpec>;

export type CanonicalField = keyof typeof CANONICAL_FIELDS;

export function specOf(field: CanonicalField): FieldSpec {
  return CANONICAL_FIELDS[field] as FieldSpec;
}
export const CANONICAL_FIELD_NAMES = Object.keys(CANONICAL_FIELDS) as CanonicalField[];

export interface ColumnMapping {
  /** The source column's header, exactly as in the file (compared after trimming). */
  source: string;
  field: CanonicalField;
  unit?: ValueUnit | null;
  /** The threshold or bucket bound of ANSWERED_WITHIN … ABANDONED_IN_BUCKET. */
  seconds?: number | null;
  /** The file may lack this column (its field is then not reported). */
  optional?: boolean | null;
}

export interface ServiceLevelSpec {
  thresholdSeconds: number;
  formula: ServiceLevelFormula;
}

export interface ProfileDefinition {
  kind: ImportKind;
  description?: string | null;
  /** The public documentation the mapping follows. */
  documentation?: string | null;
  delimiter: string;
  /** Lines before the header row (report titles and the like). */
  skipLines: number;
  /** IANA zone of times without an offset; null: the target queue's zone. */
  timeZone: string | null;
  timestampFormat: TimestampFormat;
  timesMark: TimesMark;
  /** Interval length when the file has no end or length column. */
  intervalSeconds: number | null;
  attribution: Attribution;
  serviceLevel: ServiceLevelSpec | null;
  agentsRounding: AgentsRounding;
  columns: ColumnMapping[];
  /** Values the source does not carry, stated by whoever saves the profile (a channel, a survey type, a zero hold time …). */
  constants: Array<{ field: CanonicalField; value: string }>;
}

export interface MappingProfile {
  name: string;
  /** null for a ready-made profile. */
  organisationId: string | null;
  definition: ProfileDefinition;
}

/** What a figure needs, and whether a profile's columns give it. */
export interface Coverage {
  rebuilt: string[];
  notRebuilt: Array<{ figure: string; reason: string }>;
}

const DELIMITERS = [',', ';', '\t', '|'];
const REQUIRED: Record<ImportKind, Array<{ need: CanonicalField[]; what: string }>> = {
  INTERVALS: [
    { need: ['START', 'END', 'DATE'], what: 'a time column (START, END, or DATE with TIME)' },
    { need: ['OFFERED'], what: 'OFFERED' },
    { need: ['ANSWERED'], what: 'ANSWERED' },
    { need: ['ABANDONED', 'ABANDON_RATE'], what: 'ABANDONED (or ABANDON_RATE)' },
    { need: ['ANSWERED_WAIT', 'AVERAGE_ANSWERED_WAIT'], what: 'ANSWERED_WAIT (or AVERAGE_ANSWERED_WAIT)' },
    { need: ['ABANDONED_WAIT', 'AVERAGE_ABANDONED_WAIT'], what: 'ABANDONED_WAIT (or AVERAGE_ABANDONED_WAIT)' },
    { need: ['TALK', 'AVERAGE_TALK'], what: 'TALK (or AVERAGE_TALK)' },
    { need: ['HOLD', 'AVERAGE_HOLD'], what: 'HOLD (or AVERAGE_HOLD)' },
    { need: ['WRAP', 'AVERAGE_WRAP'], what: 'WRAP (or AVERAGE_WRAP)' },
  ],
  SURVEY_RESPONSES: [
    { need: ['RESPONSE_ID'], what: 'RESPONSE_ID' },
    { need: ['SURVEY_TYPE'], what: 'SURVEY_TYPE' },
    { need: ['CHANNEL'], what: 'CHANNEL' },
    { need: ['RESPONDED_AT'], what: 'RESPONDED_AT' },
  ],
  COMPLAINTS: [
    { need: ['COMPLAINT_REF'], what: 'COMPLAINT_REF' },
    { need: ['CHANNEL'], what: 'CHANNEL' },
    { need: ['CATEGORY'], what: 'CATEGORY' },
    { need: ['SEVERITY'], what: 'SEVERITY' },
    { need: ['DESCRIPTION'], what: 'DESCRIPTION' },
    { need: ['CUSTOMER_REF'], what: 'CUSTOMER_REF' },
  ],
  EVALUATIONS: [
    { need: ['INTERACTION_REF'], what: 'INTERACTION_REF' },
    { need: ['QUEUE'], what: 'QUEUE' },
    { need: ['INTERACTION_AT'], what: 'INTERACTION_AT' },
    { need: ['CHANNEL'], what: 'CHANNEL' },
    { need: ['AGENT_REF'], what: 'AGENT_REF' },
    { need: ['EVALUATOR_REF'], what: 'EVALUATOR_REF' },
    { need: ['CRITERION'], what: 'CRITERION' },
    { need: ['ANSWER'], what: 'ANSWER' },
  ],
  STAFFING: [
    { need: ['START'], what: 'START' },
    { need: ['AGENTS'], what: 'AGENTS' },
  ],
};

/** The fields a profile gives: mapped columns and stated constants. */
export function givenFields(def: ProfileDefinition): Set<CanonicalField> {
  return new Set([...def.columns.map((c) => c.field), ...def.constants.map((c) => c.field)]);
}

/**
 * Problems of a profile definition, each naming the input field: an unknown or misplaced field, a
 * unit the field does not take, a threshold missing or out of bounds, a required canonical field
 * neither mapped nor rebuildable (the importer never makes one up), a bad zone or delimiter.
 */
export function profileProblems(def: ProfileDefinition, at = 'input'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field: `${at}.${field}`, message });
  if (!(IMPORT_KINDS as readonly string[]).includes(def.kind)) return [{ field: `${at}.kind`, message: `use ${IMPORT_KINDS.join(', ')}` }];
  if (!DELIMITERS.includes(def.delimiter)) add('delimiter', 'use ",", ";", "|" or a tab');
  if (!Number.isInteger(def.skipLines) || def.skipLines < 0 || def.skipLines > 100) add('skipLines', 'a whole number from 0 to 100');
  if (def.timeZone !== null && !isValidTimeZone(def.timeZone)) add('timeZone', `"${def.timeZone}" is not an IANA time zone`);
  if (def.intervalSeconds !== null) {
    const p = boundProblem(def.intervalSeconds, BOUNDS.intervalSeconds);
    if (p) add('intervalSeconds', p);
    else if (def.intervalSeconds % 900 !== 0) add('intervalSeconds', 'must be 900, 1800 or 3600');
  }
  for (const key of ['description', 'documentation'] as const) {
    const value = def[key];
    const p = value ? textProblem(value, TEXT_LIMITS.description) : null;
    if (p) add(key, p);
  }
  if (def.columns.length === 0) add('columns', 'map at least one column');
  if (def.columns.length > FILE_LIMITS.columns) add('columns', `at most ${FILE_LIMITS.columns} columns`);
  if (def.constants.length > FILE_LIMITS.columns) add('constants', `at most ${FILE_LIMITS.columns} constants`);
  const sources = new Map<string, number>();
  const singles = new Map<string, number>();
  def.columns.forEach((c, i) => {
    const here = `columns[${i}]`;
    const spec = (CANONICAL_FIELDS as Record<string, FieldSpec>)[c.field];
    const source = (c.source ?? '').trim();
    if (!source) add(`${here}.source`, 'name the source column');
    else {
      const p = textProblem(c.source, TEXT_LIMITS.name);
      if (p) add(`${here}.source`, p);
      if (sources.has(source)) add(`${here}.source`, `"${source}" is mapped by columns[${sources.get(source)}] already`);
      sources.set(source, i);
    }
    if (!spec) {
      add(`${here}.field`, `unknown field "${c.field}"`);
      return;
    }
    if (!spec.kinds.includes(def.kind)) add(`${here}.field`, `${c.field} is not a field of a ${def.kind} import`);
    if (c.unit && !spec.units.includes(c.unit)) add(`${here}.unit`, `${c.field} takes ${spec.units.join(', ')}`);
    if (spec.seconds) {
      const bucket = c.field.endsWith('_IN_BUCKET');
      if (c.seconds === null || c.seconds === undefined) {
        if (!bucket) add(`${here}.seconds`, `${c.field} needs the threshold in seconds`);
      } else {
        const p = boundProblem(c.seconds, BOUNDS.waitSeconds);
        if (p) add(`${here}.seconds`, p);
      }
    } else if (c.seconds !== null && c.seconds !== undefined) add(`${here}.seconds`, `only the …_WITHIN and …_IN_BUCKET fields take seconds`);
    if (!spec.repeatable) {
      if (singles.has(c.field)) add(`${here}.field`, `${c.field} is mapped by columns[${singles.get(c.field)}] already`);
      singles.set(c.field, i);
    }
  });
  def.constants.forEach((k, i) => {
    const spec = (CANONICAL_FIELDS as Record<string, FieldSpec>)[k.field];
    if (!spec || !spec.kinds.includes(def.kind) || spec.repeatable || spec.seconds) add(`constants[${i}].field`, `${k.field} cannot be a constant of a ${def.kind} import`);
    else if (singles.has(k.field)) add(`constants[${i}].field`, `${k.field} is mapped to a column already`);
    const p = textProblem(k.value ?? '', TEXT_LIMITS.reference);
    if (p) add(`constants[${i}].value`, p);
  });
  const given = givenFields(def);
  for (const r of REQUIRED[def.kind]) {
    if (!r.need.some((f) => given.has(f))) add('columns', `${def.kind} needs ${r.what}: the hub never makes a field up`);
  }
  if (def.kind === 'INTERVALS') {
    if (given.has('DATE') !== given.has('TIME')) add('columns', 'DATE and TIME go together');
    if (!given.has('END') && !given.has('LENGTH') && def.intervalSeconds === null) add('intervalSeconds', 'the file has no END or LENGTH column: state the interval length');
    if (given.has('SERVICE_LEVEL')) {
      if (!def.serviceLevel) add('serviceLevel', 'a SERVICE_LEVEL column needs the threshold and the formula the source uses');
      else {
        const p = boundProblem(def.serviceLevel.thresholdSeconds, BOUNDS.thresholdSeconds);
        if (p) add('serviceLevel.thresholdSeconds', p);
        if (!(SERVICE_LEVEL_FORMULAS as readonly string[]).includes(def.serviceLevel.formula)) add('serviceLevel.formula', `use ${SERVICE_LEVEL_FORMULAS.join(', ')}`);
      }
    }
    for (const kind of ['ANSWERED', 'ABANDONED'] as const) {
      const within = def.columns.filter((c) => c.field === `${kind}_WITHIN`).map((c) => c.seconds);
      const buckets = def.columns.filter((c) => c.field === `${kind}_IN_BUCKET`);
      if (within.length > 0 && buckets.length > 0) add('columns', `map either ${kind}_WITHIN or ${kind}_IN_BUCKET columns, not both`);
      if (new Set(within).size !== within.length) add('columns', `two ${kind}_WITHIN columns with the same seconds`);
      if (buckets.filter((b) => b.seconds == null).length > 1) add('columns', `one open ${kind}_IN_BUCKET column at most`);
    }
  }
  if (!(AGENTS_ROUNDING as readonly string[]).includes(def.agentsRounding)) add('agentsRounding', `use ${AGENTS_ROUNDING.join(', ')}`);
  if (!(ATTRIBUTIONS as readonly string[]).includes(def.attribution)) add('attribution', `use ${ATTRIBUTIONS.join(', ')}`);
  if (!(TIMESTAMP_FORMATS as readonly string[]).includes(def.timestampFormat)) add('timestampFormat', `use ${TIMESTAMP_FORMATS.join(', ')}`);
  if (!(TIMES_MARK as readonly string[]).includes(def.timesMark)) add('timesMark', `use ${TIMES_MARK.join(', ')}`);
  return problems;
}

/** The thresholds (standard bounds only) at which answered or abandoned counts within are known. */
export function knownThresholds(def: ProfileDefinition, kind: 'ANSWERED' | 'ABANDONED'): number[] {
  const out = new Set<number>();
  for (const c of def.columns) {
    if (c.field === `${kind}_WITHIN` || (c.field === `${kind}_IN_BUCKET` && c.seconds != null)) out.add(c.seconds!);
  }
  if (kind === 'ANSWERED' && def.serviceLevel && def.columns.some((c) => c.field === 'SERVICE_LEVEL')) {
    const f = def.serviceLevel.formula;
    const needsB = f === 'ABANDONS_WITHIN_T_COUNT_AS_MET' || f === 'ABANDONS_WITHIN_T_EXCLUDED';
    if (!needsB || knownThresholds(def, 'ABANDONED').includes(def.serviceLevel.thresholdSeconds)) out.add(def.serviceLevel.thresholdSeconds);
  }
  if (kind === 'ANSWERED' || kind === 'ABANDONED') {
    // Bucket columns: every bound up to the last finite one is known by summing.
    const buckets = def.columns.filter((c) => c.field === `${kind}_IN_BUCKET` && c.seconds != null).map((c) => c.seconds!);
    buckets.forEach((b) => out.add(b));
  }
  return [...out].filter((t) => STANDARD_WAIT_BOUNDS.includes(t)).sort((a, b) => a - b);
}

/**
 * Which catalogue figures an INTERVALS profile's columns let the hub rebuild exactly, and which
 * not (with why): what the job and the profile report, so nobody reads a figure the source never
 * gave. Sums rebuilt from averages or percentages are exact to the source's rounding.
 */
export function coverageOf(def: ProfileDefinition): Coverage {
  if (def.kind !== 'INTERVALS') return { rebuilt: [], notRebuilt: [] };
  const given = givenFields(def);
  const rebuilt: string[] = [];
  const notRebuilt: Coverage['notRebuilt'] = [];
  const fromAverage = (sum: CanonicalField, avg: CanonicalField) => (given.has(sum) ? '' : given.has(avg) ? ' (total rebuilt from the mean)' : null);
  rebuilt.push(`ABANDONMENT_RATE${given.has('ABANDONED') ? '' : ' (abandoned rebuilt from the rate)'}`);
  const asa = fromAverage('ANSWERED_WAIT', 'AVERAGE_ANSWERED_WAIT');
  rebuilt.push(`ASA${asa}`);
  rebuilt.push(`ASA AVERAGE_WAIT_ALL${fromAverage('ABANDONED_WAIT', 'AVERAGE_ABANDONED_WAIT')}`);
  const handle = [fromAverage('TALK', 'AVERAGE_TALK'), fromAverage('HOLD', 'AVERAGE_HOLD'), fromAverage('WRAP', 'AVERAGE_WRAP')];
  const note = handle.some((h) => h) ? ' (totals rebuilt from means)' : '';
  rebuilt.push(`AHT${note}`, `AHT WITHOUT_WRAP${note}`, `AHT TALK_ONLY${note}`, `AFTER_CALL_WORK${note}`, `HOLD_TIME${note}`);
  if (given.has('AVAILABLE')) rebuilt.push('OCCUPANCY');
  else notRebuilt.push({ figure: 'OCCUPANCY', reason: 'the source gives no available (idle) time; stored as not reported' });
  if (given.has('TRANSFERRED')) rebuilt.push('TRANSFER_RATE');
  else notRebuilt.push({ figure: 'TRANSFER_RATE', reason: 'no transferred count; stored as not reported' });
  const a = knownThresholds(def, 'ANSWERED');
  const b = knownThresholds(def, 'ABANDONED');
  if (a.length > 0) rebuilt.push(`SERVICE_LEVEL and SERVICE_LEVEL OF_ANSWERED at T = ${a.join(', ')} s`);
  const both = a.filter((t) => b.includes(t));
  if (both.length > 0) rebuilt.push(`SERVICE_LEVEL ABANDONS_WITHIN_T_COUNT_AS_MET and ABANDONS_WITHIN_T_EXCLUDED at T = ${both.join(', ')} s`);
  if (b.length > 0) rebuilt.push(`ABANDONMENT_RATE and SERVICE_LEVEL EXCLUDE_SHORT_ABANDONS with S = ${b.join(', ')} s`);
  const others = STANDARD_WAIT_BOUNDS.filter((t) => Number.isFinite(t) && !a.includes(t));
  notRebuilt.push({
    figure: `SERVICE_LEVEL at any other T${a.length ? '' : ' (at every T)'}`,
    reason:
      a.length === 0
        ? 'the source gives no count answered within a threshold; the stored wait buckets only honour the summed wait'
        : `the source gives answered-within counts at ${a.join(', ')} s only; between them the stored buckets (${others.slice(0, 4).join(', ')} … s) are apportioned from the summed wait, not the source's`,
  });
  if (b.length === 0) notRebuilt.push({ figure: 'short-abandon variants (EXCLUDE_SHORT_ABANDONS, abandons within T)', reason: 'the source gives no count abandoned within a threshold' });
  if (!given.has('FLOWED_OUT')) notRebuilt.push({ figure: 'flowed-out contacts', reason: 'not in the source; stored as not reported' });
  if (!given.has('STAFFED')) notRebuilt.push({ figure: 'actual staffed hours (capacity)', reason: 'not in the source; stored as not reported' });
  return { rebuilt, notRebuilt };
}
