import { STANDARD_WAIT_BOUNDS, WAIT_BUCKET_KEYS } from '../../metrics/wait-buckets';
import { ColumnMapping } from '../profile';
import { col, definition } from './defaults';

/**
 * The hub's own files: the generic interval CSV (what the interval export writes, so an export
 * imports back unchanged), survey responses and complaints. Column names are the raw record's
 * field names of shared/METRICS.md; wait buckets are one column per standard bucket
 * (answeredWait_5 … answeredWait_600, answeredWait_inf). Optional fields may be left out or empty.
 */
export const HUB_INTERVAL_BUCKETS = (prefix: 'answeredWait' | 'abandonedWait'): ColumnMapping[] =>
  STANDARD_WAIT_BOUNDS.map((bound, i) =>
    col(`${prefix}_${WAIT_BUCKET_KEYS[i]}`, prefix === 'answeredWait' ? 'ANSWERED_IN_BUCKET' : 'ABANDONED_IN_BUCKET', { seconds: Number.isFinite(bound) ? bound : null }),
  );

export const HUB_INTERVALS = definition({
  kind: 'INTERVALS',
  description: "The hub's generic interval CSV: one row per queue and interval, raw counts and sums, the standard wait buckets; times ISO-8601 with an offset (or in the queue's zone)",
  documentation: 'README, "Generic interval CSV"',
  attribution: 'QUEUE_ENTRY',
  columns: [
    col('start', 'START'),
    col('lengthSeconds', 'LENGTH', { unit: 'SECONDS' }),
    col('queue', 'QUEUE', { optional: true }),
    col('offered', 'OFFERED'),
    col('answered', 'ANSWERED'),
    col('abandoned', 'ABANDONED'),
    col('flowedOut', 'FLOWED_OUT', { optional: true }),
    col('callbackRequested', 'CALLBACK_REQUESTED', { optional: true }),
    col('answeredWaitSeconds', 'ANSWERED_WAIT'),
    col('abandonedWaitSeconds', 'ABANDONED_WAIT'),
    col('talkSeconds', 'TALK'),
    col('holdSeconds', 'HOLD'),
    col('wrapSeconds', 'WRAP'),
    col('transferred', 'TRANSFERRED', { optional: true }),
    col('resolvedFirstContact', 'RESOLVED_FIRST_CONTACT', { optional: true }),
    col('staffedSeconds', 'STAFFED', { optional: true }),
    col('availableSeconds', 'AVAILABLE', { optional: true }),
    ...HUB_INTERVAL_BUCKETS('answeredWait'),
    ...HUB_INTERVAL_BUCKETS('abandonedWait'),
  ],
});

export const HUB_SURVEY_RESPONSES = definition({
  kind: 'SURVEY_RESPONSES',
  description: "The hub's survey response CSV: responseId, type (CSAT, NPS, CES, FCR), score, resolved (FCR), channel, respondedAt, interactionRef, agentRef",
  documentation: 'README, "Survey responses and complaints"',
  columns: [
    col('responseId', 'RESPONSE_ID'),
    col('type', 'SURVEY_TYPE'),
    col('score', 'SCORE', { optional: true }),
    col('resolved', 'RESOLVED', { optional: true }),
    col('channel', 'CHANNEL'),
    col('respondedAt', 'RESPONDED_AT'),
    col('interactionRef', 'INTERACTION_REF', { optional: true }),
    col('agentRef', 'AGENT_REF', { optional: true }),
  ],
});

export const HUB_COMPLAINTS = definition({
  kind: 'COMPLAINTS',
  description:
    "The hub's complaint CSV: complaintRef (the source system's key), queue, channel, category, severity, description, customerRef; optionally receivedAt, acknowledgedAt, resolvedAt, closedAt and status (a register migrated with its history)",
  documentation: 'README, "Survey responses and complaints"',
  columns: [
    col('complaintRef', 'COMPLAINT_REF'),
    col('queue', 'QUEUE', { optional: true }),
    col('channel', 'CHANNEL'),
    col('category', 'CATEGORY'),
    col('severity', 'SEVERITY'),
    col('description', 'DESCRIPTION'),
    col('customerRef', 'CUSTOMER_REF'),
    col('receivedAt', 'RECEIVED_AT', { optional: true }),
    col('acknowledgedAt', 'ACKNOWLEDGED_AT', { optional: true }),
    col('resolvedAt', 'RESOLVED_AT', { optional: true }),
    col('closedAt', 'CLOSED_AT', { optional: true }),
    col('status', 'STATUS', { optional: true }),
  ],
});

/**
 * Quality evaluations in long form, as QA tools export answers: one row per criterion answered,
 * the rows of one evaluation (evaluator and interaction) next to each other. The header stays the
 * same whatever the scorecard's criteria and across its versions; the importer holds one
 * evaluation's rows at a time.
 */
export const HUB_QUALITY_EVALUATIONS = definition({
  kind: 'EVALUATIONS',
  description:
    "The hub's quality evaluation CSV, one row per criterion answered: interactionRef, queue, interactionAt, channel, agentRef, evaluatorRef, evaluatorParty (optional), criterion, answer, answerComment and comment (optional); an evaluation's rows together",
  documentation: 'README, "Quality evaluations"',
  columns: [
    col('interactionRef', 'INTERACTION_REF'),
    col('queue', 'QUEUE'),
    col('interactionAt', 'INTERACTION_AT'),
    col('channel', 'CHANNEL'),
    col('agentRef', 'AGENT_REF'),
    col('evaluatorRef', 'EVALUATOR_REF'),
    col('evaluatorParty', 'EVALUATOR_PARTY', { optional: true }),
    col('criterion', 'CRITERION'),
    col('answer', 'ANSWER'),
    col('answerComment', 'ANSWER_COMMENT', { optional: true }),
    col('comment', 'EVALUATION_COMMENT', { optional: true }),
  ],
});
