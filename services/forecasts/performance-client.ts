import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';

/**
 * Asks the performance subgraph for a queue's interval actuals with the caller's own token, so
 * performance applies its own tenancy. One request per 28 days (its interval series stop at 31),
 * sent together; a loader keeps a request from asking twice for the same queue and range.
 */
export interface ActualInterval {
  startEpoch: number;
  /** Intervals uploaded in this 15-minute slot (0 when nothing was reported). */
  intervals: number;
  offered: number;
  staffedSeconds: number | null;
}

const CHUNK_SECONDS = 28 * 86_400;

const QUERY = `query($reps: [_Any!]!, $from: DateTime!, $to: DateTime!) {
  _entities(representations: $reps) {
    ... on Queue { performance(from: $from, to: $to, granularity: INTERVAL, metrics: []) { points { start intervals sums { offered staffedSeconds } } } }
  }
}`;

interface RawAnswer {
  data?: { _entities: Array<{ performance: { points: Array<{ start: string; intervals: number; sums: { offered: number; staffedSeconds: number | null } }> } } | null> };
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

async function fetchChunk(url: string, authorization: string, queueId: string, from: number, to: number): Promise<ActualInterval[]> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({
        query: QUERY,
        variables: { reps: [{ __typename: 'Queue', id: queueId }], from: new Date(from * 1000).toISOString(), to: new Date(to * 1000).toISOString() },
      }),
    });
  } catch (error) {
    throw new Error(`performance subgraph unreachable at ${url}: ${(error as Error).message}`);
  }
  const body = (await response.json()) as RawAnswer;
  const first = body.errors?.[0];
  if (first) {
    const code = first.extensions?.code;
    if (code === 'NOT_FOUND' || code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') {
      throw new GraphQLError(first.message, { extensions: { code } });
    }
    throw new Error(`performance subgraph answered: ${first.message}`);
  }
  const points = body.data?._entities[0]?.performance.points ?? [];
  return points.map((p) => ({ startEpoch: Date.parse(p.start) / 1000, intervals: p.intervals, offered: p.sums.offered, staffedSeconds: p.sums.staffedSeconds }));
}

const WEEKLY_QUERY = `query($reps: [_Any!]!, $from: DateTime!, $to: DateTime!) {
  _entities(representations: $reps) { ... on Queue { performance(from: $from, to: $to, granularity: WEEK, metrics: []) { points { start intervals sums { staffedSeconds } } } } }
}`;

async function post(url: string, authorization: string, query: string, variables: Record<string, unknown>): Promise<RawAnswer> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query, variables }) });
  } catch (error) {
    throw new Error(`performance subgraph unreachable at ${url}: ${(error as Error).message}`);
  }
  const body = (await response.json()) as RawAnswer;
  const first = body.errors?.[0];
  if (first) {
    const code = first.extensions?.code;
    if (code === 'NOT_FOUND' || code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') throw new GraphQLError(first.message, { extensions: { code } });
    throw new Error(`performance subgraph answered: ${first.message}`);
  }
  return body;
}

export function createPerformanceClient(url: string | undefined, authorization: string) {
  return {
    /** Actuals per 15-minute slot in [from, to), epoch seconds. */
    actuals: new DataLoader<{ queueId: string; from: number; to: number }, ActualInterval[], string>(
      (keys) =>
        Promise.all(
          keys.map(async ({ queueId, from, to }) => {
            if (!url) throw new Error('the forecasts subgraph needs the performance subgraph URL (PERFORMANCE_URL) for accuracy');
            const chunks: Array<[number, number]> = [];
            for (let s = from; s < to; s += CHUNK_SECONDS) chunks.push([s, Math.min(to, s + CHUNK_SECONDS)]);
            const parts = await Promise.all(chunks.map(([f, t]) => fetchChunk(url, authorization, queueId, f, t)));
            return parts.flat();
          }),
        ),
      { cacheKeyFn: (k) => `${k.queueId}|${k.from}|${k.to}` },
    ),
    /** Staffed seconds per local week start (null when some intervals did not report them); weeks without uploads are absent. */
    weeklyStaffed: new DataLoader<{ queueId: string; from: number; to: number }, Map<number, number | null>, string>(
      (keys) =>
        Promise.all(
          keys.map(async ({ queueId, from, to }) => {
            if (!url) throw new Error('the forecasts subgraph needs the performance subgraph URL (PERFORMANCE_URL) for actual hours');
            const body = await post(url, authorization, WEEKLY_QUERY, { reps: [{ __typename: 'Queue', id: queueId }], from: new Date(from * 1000).toISOString(), to: new Date(to * 1000).toISOString() });
            const points = body.data?._entities[0]?.performance.points ?? [];
            return new Map(points.filter((p) => p.intervals > 0).map((p) => [Date.parse(p.start) / 1000, p.sums.staffedSeconds]));
          }),
        ),
      { cacheKeyFn: (k) => `${k.queueId}|${k.from}|${k.to}` },
    ),
  };
}

export type PerformanceClient = ReturnType<typeof createPerformanceClient>;
