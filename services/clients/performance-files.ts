import { Peer } from './graphql-http';
import type { ComplianceFacts as ComplianceSummary } from './performance';
import { ask, askJson } from './exchange-call';
import { TARGET_VERSION_FIELDS, TargetFacts } from './contracts';

/**
 * What the exchange subgraph asks of the performance subgraph, with the caller's token:
 * interval uploads in the compact batch form (and their check against stored intervals), and the series, compliance, reports and tender
 * comparison it turns into files. Performance applies its own tenancy and rules to each.
 */
export interface IntervalBatchPayload {
  columns: readonly string[];
  rows: unknown[][];
}

export interface RecordedIntervals {
  received: number;
  inserted: number;
  replaced: number;
}

const RECORD_INTERVAL_BATCH = `mutation($queueId: ID!, $batch: IntervalBatch!, $attribution: Attribution!) { recordIntervalBatch(queueId: $queueId, batch: $batch, attribution: $attribution) { received inserted replaced } }`;

/**
 * Writes intervals in the compact batch form, each row already written as JSON text (an array in
 * the order of `columns`), as an import's check pass staged them: sent as they are, not parsed
 * and written again.
 */
export async function recordIntervalBatch(peer: Peer, queueId: string, columns: readonly string[], rowsJson: readonly string[], attribution: string): Promise<RecordedIntervals> {
  const variables = `{"queueId":${JSON.stringify(queueId)},"attribution":${JSON.stringify(attribution)},"batch":{"columns":${JSON.stringify(columns)},"rows":[${rowsJson.join(',')}]}}`;
  const data = await askJson<{ recordIntervalBatch: RecordedIntervals }>(peer, RECORD_INTERVAL_BATCH, variables);
  return data.recordIntervalBatch;
}

export interface SpanConflictFacts {
  /** The span's index in the rows sent. */
  index: number;
  storedStart: string;
  storedLengthSeconds: number;
}

/**
 * Checks interval spans ([start ISO, lengthSeconds] rows, or with an agentRef column) against what
 * performance has stored, writing nothing: the spans an upload would be refused for, and how many
 * it would replace.
 */
export async function checkIntervalSpans(peer: Peer, queueId: string, spans: IntervalBatchPayload): Promise<{ replacing: number; conflicts: SpanConflictFacts[] }> {
  const data = await ask<{ checkIntervalSpans: { replacing: number; conflicts: SpanConflictFacts[] } }>(
    peer,
    `mutation($queueId: ID!, $spans: IntervalBatch!) { checkIntervalSpans(queueId: $queueId, spans: $spans) { replacing conflicts { index storedStart storedLengthSeconds } } }`,
    { queueId, spans },
  );
  return data.checkIntervalSpans;
}

export interface FigureFacts {
  definition: { metric: string; variant: string; thresholdSeconds: number | null; shortAbandonSeconds: number | null; label: string; attribution: string; timeZone: string };
  value: number | null;
  approximate: boolean;
  numerator: number | null;
  denominator: number | null;
}

export interface SumsFacts {
  offered: number;
  answered: number;
  abandoned: number;
  flowedOut: number | null;
  callbackRequested: number | null;
  answeredWaitSeconds: number;
  abandonedWaitSeconds: number;
  talkSeconds: number;
  holdSeconds: number;
  wrapSeconds: number;
  transferred: number | null;
  resolvedFirstContact: number | null;
  staffedSeconds: number | null;
  availableSeconds: number | null;
  answeredWait: Array<{ upToSeconds: number | null; count: number }>;
  abandonedWait: Array<{ upToSeconds: number | null; count: number }>;
}

export interface SeriesFacts {
  timeZone: string;
  granularity: string;
  points: Array<{ start: string; end: string; label: string; intervals: number; sums: SumsFacts; figures: FigureFacts[] }>;
}

const FIGURE = 'definition { metric variant thresholdSeconds shortAbandonSeconds label attribution timeZone } value approximate numerator denominator';
const SUMS =
  'offered answered abandoned flowedOut callbackRequested answeredWaitSeconds abandonedWaitSeconds talkSeconds holdSeconds wrapSeconds transferred resolvedFirstContact staffedSeconds availableSeconds answeredWait { upToSeconds count } abandonedWait { upToSeconds count }';

export interface SeriesArgs {
  from: Date;
  to: Date;
  granularity: string;
  metrics?: Array<{ metric: string; variant?: string | null; thresholdSeconds?: number | null; shortAbandonSeconds?: number | null }> | null;
  timeZone?: string | null;
}

/** A queue's or a contract's series, as `Queue.performance` / `Contract.performance` answer it. */
export async function series(peer: Peer, owner: { queueId: string } | { contractId: string }, args: SeriesArgs): Promise<SeriesFacts> {
  const typename = 'queueId' in owner ? 'Queue' : 'Contract';
  const id = 'queueId' in owner ? owner.queueId : owner.contractId;
  const data = await ask<{ _entities: Array<{ performance: SeriesFacts | null } | null> }>(
    peer,
    `query($reps: [_Any!]!, $from: DateTime!, $to: DateTime!, $granularity: Granularity!, $metrics: [MetricDefinitionInput!], $timeZone: String) {
      _entities(representations: $reps) { ... on ${typename} { performance(from: $from, to: $to, granularity: $granularity, metrics: $metrics, timeZone: $timeZone) { timeZone granularity points { start end label intervals sums { ${SUMS} } figures { ${FIGURE} } } } } }
    }`,
    { reps: [{ __typename: typename, id }], from: args.from.toISOString(), to: args.to.toISOString(), granularity: args.granularity, metrics: args.metrics ?? null, timeZone: args.timeZone ?? null },
  );
  const result = data._entities[0]?.performance;
  if (!result) throw new Error('performance answered no series');
  return result;
}

/** A target's compliance as a file needs it: the summary every reader gets, the credit in money and every window. */
export interface ComplianceFacts extends Omit<ComplianceSummary, 'windows'> {
  creditAmountMinor: number | null;
  currency: string | null;
  windows: Array<{ start: string; end: string; label: string; figure: FigureFacts; goal: number; comparator: string; window: string; met: boolean | null; shortfall: number | null; creditPercent: number }>;
}

/** SlaTarget.compliance for targets whose definition (history) the contracts subgraph gave. */
export async function compliance(peer: Peer, targets: TargetFacts[], from: Date, to: Date): Promise<ComplianceFacts[]> {
  if (targets.length === 0) return [];
  const data = await ask<{ _entities: Array<{ compliance: ComplianceFacts | null } | null> }>(
    peer,
    `query($reps: [_Any!]!, $from: DateTime!, $to: DateTime!) { _entities(representations: $reps) { ... on SlaTarget { compliance(from: $from, to: $to) {
      measurable note windowsJudged windowsMet shareMet creditPercent creditAmountMinor currency
      windows { start end label figure { ${FIGURE} } goal comparator window met shortfall creditPercent } } } } }`,
    { reps: targets.map((t) => ({ __typename: 'SlaTarget', id: t.id, contractId: t.contractId, history: t.history })), from: from.toISOString(), to: to.toISOString() },
  );
  return data._entities.map((e) => {
    if (!e?.compliance) throw new Error('performance answered no compliance');
    return e.compliance;
  });
}

/** The selection the contracts subgraph must give for compliance(@requires). */
export const TARGET_SELECTION = `id contractId history { ${TARGET_VERSION_FIELDS} }`;

export interface ReportFacts {
  id: string;
  month: string;
  version: number;
  status: string;
  publishedAt: string;
  publishedBy: string;
  reviewedAt: string | null;
  disputeReason: string | null;
  timeZone: string;
  dataChanged: boolean;
  queues: Array<{ queueId: string; intervals: number; figures: FigureFacts[] }>;
  compliance: Array<{ targetId: string; label: string; goal: number; comparator: string; measurable: boolean; windowsJudged: number; windowsMet: number; shareMet: number | null; creditPercent: number; creditAmountMinor: number | null }>;
}

export async function reports(peer: Peer, contractId: string): Promise<ReportFacts[]> {
  const data = await ask<{ _entities: Array<{ performanceReports: ReportFacts[] | null } | null> }>(
    peer,
    `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Contract { performanceReports {
      id month version status publishedAt publishedBy reviewedAt disputeReason timeZone dataChanged
      queues { queueId intervals figures { ${FIGURE} } }
      compliance { targetId label goal comparator measurable windowsJudged windowsMet shareMet creditPercent creditAmountMinor } } } } }`,
    { reps: [{ __typename: 'Contract', id: contractId }] },
  );
  return data._entities[0]?.performanceReports ?? [];
}

export interface RankedBidFacts {
  bidId: string;
  centreId: string;
  centreName: string;
  binding: string | null;
  canonical: Array<{ label: string; value: number | null }>;
  cost: { currency: string; weeklyCostMinor: number; monthlyCostMinor: number; costPerHandledContactMinor: number | null; payableHours: number; requiredHours: number; feasible: boolean; shortfallHours: number } | null;
  feasible: boolean;
  score: number | null;
  rank: number | null;
}

export async function tenderComparison(peer: Peer, tenderId: string): Promise<{ canonicalDefinitions: string[]; bids: RankedBidFacts[] }> {
  const data = await ask<{ _entities: Array<{ comparison: { canonicalDefinitions: string[]; bids: RankedBidFacts[] } | null } | null> }>(
    peer,
    `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Tender { comparison { canonicalDefinitions bids {
      bidId centreId centreName binding canonical { label value } feasible score rank
      cost { currency weeklyCostMinor monthlyCostMinor costPerHandledContactMinor payableHours requiredHours feasible shortfallHours } } } } } }`,
    { reps: [{ __typename: 'Tender', id: tenderId }] },
  );
  const comparison = data._entities[0]?.comparison;
  if (!comparison) throw new Error('performance answered no comparison');
  return comparison;
}
