import DataLoader from 'dataloader';
import { fromPeerError, Peer, PeerAnswer, postGraphQL } from './graphql-http';

/**
 * Asks the performance subgraph for queues' interval actuals with the caller's own token, so
 * performance applies its own tenancy. The keys of a batch that share a range go in one request
 * (all their queues as representations), one per 28 days (its interval series stop at 31), sent
 * together; a loader keeps a request from asking twice for the same queue and range.
 */
export interface ActualInterval {
  startEpoch: number;
  /** Intervals uploaded in this 15-minute slot (0 when nothing was reported). */
  intervals: number;
  offered: number;
}

const CHUNK_SECONDS = 28 * 86_400;

const QUERY = `query($reps: [_Any!]!, $from: DateTime!, $to: DateTime!) {
  _entities(representations: $reps) {
    ... on Queue { performance(from: $from, to: $to, granularity: INTERVAL, metrics: []) { points { start intervals sums { offered } } } }
  }
}`;

const WEEKLY_QUERY = `query($reps: [_Any!]!, $from: DateTime!, $to: DateTime!) {
  _entities(representations: $reps) { ... on Queue { performance(from: $from, to: $to, granularity: WEEK, metrics: []) { points { start intervals sums { staffedSeconds } } } } }
}`;

interface Point {
  start: string;
  intervals: number;
  sums: { offered?: number; staffedSeconds?: number | null };
}

type Entities = { _entities: Array<{ performance: { points: Point[] } } | null> };

/**
 * One request for several queues over one range: the points of each queue, by position, or the
 * error of that queue's entity (an error not tied to one entity fails them all).
 */
async function fetchEntities(peer: Peer, query: string, queueIds: string[], from: number, to: number): Promise<Array<Point[] | Error>> {
  const body = await postGraphQL<Entities>(peer, query, {
    reps: queueIds.map((id) => ({ __typename: 'Queue', id })),
    from: new Date(from * 1000).toISOString(),
    to: new Date(to * 1000).toISOString(),
  });
  const perEntity = new Map<number, Error>();
  for (const error of body.errors ?? []) {
    const index = error.path?.[0] === '_entities' ? error.path[1] : undefined;
    if (typeof index !== 'number') throw fromPeerError(peer, error);
    if (!perEntity.has(index)) perEntity.set(index, fromPeerError(peer, error));
  }
  return queueIds.map((_, i) => perEntity.get(i) ?? body.data?._entities[i]?.performance.points ?? []);
}

interface RangeKey {
  queueId: string;
  from: number;
  to: number;
}

/** Runs one fetch per distinct range of a batch, with all of its queues, and answers each key by position. */
async function byRange<V>(keys: readonly RangeKey[], fetchRange: (queueIds: string[], from: number, to: number) => Promise<Array<V | Error>>): Promise<Array<V | Error>> {
  const groups = new Map<string, { from: number; to: number; queueIds: string[] }>();
  for (const k of keys) {
    const id = `${k.from}|${k.to}`;
    const group = groups.get(id) ?? { from: k.from, to: k.to, queueIds: [] };
    if (!group.queueIds.includes(k.queueId)) group.queueIds.push(k.queueId);
    groups.set(id, group);
  }
  const answers = new Map<string, V | Error>();
  await Promise.all(
    [...groups.values()].map(async (g) => {
      let results: Array<V | Error>;
      try {
        results = await fetchRange(g.queueIds, g.from, g.to);
      } catch (error) {
        results = g.queueIds.map(() => error as Error);
      }
      g.queueIds.forEach((q, i) => answers.set(`${q}|${g.from}|${g.to}`, results[i]));
    }),
  );
  return keys.map((k) => answers.get(`${k.queueId}|${k.from}|${k.to}`)!);
}

export function createPerformanceClient(peer: Peer | undefined) {
  return {
    /** Actuals per 15-minute slot in [from, to), epoch seconds. */
    actuals: new DataLoader<RangeKey, ActualInterval[], string>(
      (keys) =>
        byRange(keys, async (queueIds, from, to) => {
          if (!peer) throw new Error('the forecasts subgraph needs the performance subgraph URL (PERFORMANCE_URL) for accuracy');
          const chunks: Array<[number, number]> = [];
          for (let s = from; s < to; s += CHUNK_SECONDS) chunks.push([s, Math.min(to, s + CHUNK_SECONDS)]);
          const parts = await Promise.all(chunks.map(([f, t]) => fetchEntities(peer, QUERY, queueIds, f, t)));
          return queueIds.map((_, i) => {
            const out: ActualInterval[] = [];
            for (const part of parts) {
              const points = part[i];
              if (points instanceof Error) return points;
              for (const p of points) out.push({ startEpoch: Date.parse(p.start) / 1000, intervals: p.intervals, offered: p.sums.offered ?? 0 });
            }
            return out;
          });
        }),
      { cacheKeyFn: (k) => `${k.queueId}|${k.from}|${k.to}` },
    ),
    /** Staffed seconds per local week start (null when some intervals did not report them); weeks without uploads are absent. */
    weeklyStaffed: new DataLoader<RangeKey, Map<number, number | null>, string>(
      (keys) =>
        byRange(keys, async (queueIds, from, to) => {
          if (!peer) throw new Error('the forecasts subgraph needs the performance subgraph URL (PERFORMANCE_URL) for actual hours');
          const answers = await fetchEntities(peer, WEEKLY_QUERY, queueIds, from, to);
          return answers.map((points) =>
            points instanceof Error ? points : new Map(points.filter((p) => p.intervals > 0).map((p) => [Date.parse(p.start) / 1000, p.sums.staffedSeconds ?? null])),
          );
        }),
      { cacheKeyFn: (k) => `${k.queueId}|${k.from}|${k.to}` },
    ),
  };
}

export type PerformanceClient = ReturnType<typeof createPerformanceClient>;

// ---- what billing asks (issue 14) ------------------------------------------------------------

/** A queue's interval actuals added up over a period: what handled contacts, minutes and productive hours are priced from. */
export interface PeriodSums {
  intervals: number;
  answered: number;
  talkSeconds: number;
  holdSeconds: number;
  wrapSeconds: number;
  /** Null when some intervals did not report staffed time. */
  staffedSeconds: number | null;
}

const SUMS_QUERY = `query($reps: [_Any!]!, $from: DateTime!, $to: DateTime!) {
  _entities(representations: $reps) { ... on Queue { performance(from: $from, to: $to, granularity: MONTH, metrics: []) { points { intervals sums { answered talkSeconds holdSeconds wrapSeconds staffedSeconds } } } } }
}`;

/** An SLA target as performance needs it to judge compliance: its key and the fields its compliance @requires. */
export interface TargetRepresentation {
  id: string;
  contractId: string;
  history: unknown[];
}

export interface ComplianceFacts {
  measurable: boolean;
  note: string | null;
  windowsJudged: number;
  windowsMet: number;
  shareMet: number | null;
  /** Credit due, % of the monthly fee, capped per calendar month by the target. */
  creditPercent: number;
  windows: Array<{ start: string; met: boolean | null }>;
}

const COMPLIANCE_QUERY = `query($reps: [_Any!]!, $from: DateTime!, $to: DateTime!) {
  _entities(representations: $reps) { ... on SlaTarget { compliance(from: $from, to: $to) { measurable note windowsJudged windowsMet shareMet creditPercent windows { start met } } } }
}`;

interface TargetRangeKey {
  target: TargetRepresentation;
  from: number;
  to: number;
}

function addSums(points: Array<{ intervals: number; sums: Omit<PeriodSums, 'intervals'> }>): PeriodSums {
  const out: PeriodSums = { intervals: 0, answered: 0, talkSeconds: 0, holdSeconds: 0, wrapSeconds: 0, staffedSeconds: 0 };
  for (const p of points) {
    if (p.intervals === 0) continue;
    out.intervals += p.intervals;
    out.answered += p.sums.answered;
    out.talkSeconds += p.sums.talkSeconds;
    out.holdSeconds += p.sums.holdSeconds;
    out.wrapSeconds += p.sums.wrapSeconds;
    out.staffedSeconds = out.staffedSeconds === null || p.sums.staffedSeconds === null ? null : out.staffedSeconds + p.sums.staffedSeconds;
  }
  return out;
}

/**
 * Billing's questions to performance, with the caller's token: per queue, the actuals added up
 * over a period (one request per distinct period, all its queues as representations), and per
 * SLA target, its compliance over a period (likewise, all the targets of a period in one request).
 */
export function createBillingPerformanceClient(peer: Peer) {
  return {
    periodSums: new DataLoader<RangeKey, PeriodSums, string>(
      (keys) =>
        byRange(keys, async (queueIds, from, to) => {
          const body = await postGraphQL<{ _entities: Array<{ performance: { points: Array<{ intervals: number; sums: Omit<PeriodSums, 'intervals'> }> } | null } | null> }>(
            peer,
            SUMS_QUERY,
            { reps: queueIds.map((id) => ({ __typename: 'Queue', id })), from: new Date(from * 1000).toISOString(), to: new Date(to * 1000).toISOString() },
          );
          const failed = entityErrors(peer, body.errors);
          return queueIds.map((_, i) => failed.get(i) ?? addSums(body.data?._entities[i]?.performance?.points ?? []));
        }),
      { cacheKeyFn: (k) => `${k.queueId}|${k.from}|${k.to}` },
    ),
    compliance: new DataLoader<TargetRangeKey, ComplianceFacts, string>(
      async (keys) => {
        const groups = new Map<string, { from: number; to: number; keys: TargetRangeKey[] }>();
        for (const k of keys) {
          const id = `${k.from}|${k.to}`;
          const group = groups.get(id) ?? { from: k.from, to: k.to, keys: [] };
          group.keys.push(k);
          groups.set(id, group);
        }
        const answers = new Map<TargetRangeKey, ComplianceFacts | Error>();
        await Promise.all(
          [...groups.values()].map(async (g) => {
            try {
              const body = await postGraphQL<{ _entities: Array<{ compliance: ComplianceFacts | null } | null> }>(peer, COMPLIANCE_QUERY, {
                reps: g.keys.map((k) => ({ __typename: 'SlaTarget', ...k.target })),
                from: new Date(g.from * 1000).toISOString(),
                to: new Date(g.to * 1000).toISOString(),
              });
              const failed = entityErrors(peer, body.errors);
              g.keys.forEach((k, i) => {
                const compliance = body.data?._entities[i]?.compliance;
                answers.set(k, failed.get(i) ?? compliance ?? new Error(`performance answered no compliance for SLA target ${k.target.id}`));
              });
            } catch (error) {
              for (const k of g.keys) answers.set(k, error as Error);
            }
          }),
        );
        return keys.map((k) => answers.get(k)!);
      },
      { cacheKeyFn: (k) => `${k.target.id}|${k.from}|${k.to}` },
    ),
  };
}

/** The error of each entity that failed, by position; an error tied to no entity fails the whole request. */
export function entityErrors(peer: Peer, errors: PeerAnswer<unknown>['errors']): Map<number, Error> {
  const perEntity = new Map<number, Error>();
  for (const error of errors ?? []) {
    const index = error.path?.[0] === '_entities' ? error.path[1] : undefined;
    if (typeof index !== 'number') throw fromPeerError(peer, error);
    if (!perEntity.has(index)) perEntity.set(index, fromPeerError(peer, error));
  }
  return perEntity;
}

export type BillingPerformanceClient = ReturnType<typeof createBillingPerformanceClient>;
