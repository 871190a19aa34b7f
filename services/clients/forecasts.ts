import DataLoader from 'dataloader';
import { Peer, postGraphQL } from './graphql-http';
import { entityErrors } from './performance';

/**
 * Asks the forecasts subgraph, with the caller's token, for the forecast in force over a period
 * per queue: what volume bands are priced against (issue 14). The keys of a batch that share a
 * period go in one request, all their queues as representations.
 */
export interface ForecastInForceFacts {
  /** True when published versions cover every instant of the period (a gap has no forecast, not a forecast of 0). */
  covered: boolean;
  /** Contacts expected over the period, by the versions in force. */
  contacts: number;
  /** Expected contacts × expected AHT ÷ 60. */
  minutes: number;
}

interface PeriodKey {
  queueId: string;
  from: number;
  to: number;
}

const QUERY = `query($reps: [_Any!]!, $from: DateTime!, $to: DateTime!) {
  _entities(representations: $reps) { ... on Queue { forecasts(from: $from, to: $to) { from to } forecastInForce(from: $from, to: $to) { volume ahtSeconds } } }
}`;

type Entity = { forecasts: Array<{ from: string; to: string }> | null; forecastInForce: Array<{ volume: number; ahtSeconds: number }> | null } | null;

/** Whether the horizons together cover [from, to). */
export function covers(horizons: Array<{ from: number; to: number }>, from: number, to: number): boolean {
  let reached = from;
  for (const h of [...horizons].sort((a, b) => a.from - b.from)) {
    if (h.from > reached) break;
    reached = Math.max(reached, h.to);
    if (reached >= to) return true;
  }
  return reached >= to;
}

export function createForecastsClient(peer: Peer) {
  return {
    inForce: new DataLoader<PeriodKey, ForecastInForceFacts, string>(
      async (keys) => {
        const groups = new Map<string, { from: number; to: number; queueIds: string[] }>();
        for (const k of keys) {
          const id = `${k.from}|${k.to}`;
          const group = groups.get(id) ?? { from: k.from, to: k.to, queueIds: [] };
          if (!group.queueIds.includes(k.queueId)) group.queueIds.push(k.queueId);
          groups.set(id, group);
        }
        const answers = new Map<string, ForecastInForceFacts | Error>();
        await Promise.all(
          [...groups.values()].map(async (g) => {
            const keyOf = (queueId: string) => `${queueId}|${g.from}|${g.to}`;
            try {
              const body = await postGraphQL<{ _entities: Entity[] }>(peer, QUERY, {
                reps: g.queueIds.map((id) => ({ __typename: 'Queue', id })),
                from: new Date(g.from * 1000).toISOString(),
                to: new Date(g.to * 1000).toISOString(),
              });
              const failed = entityErrors(peer, body.errors);
              g.queueIds.forEach((queueId, i) => {
                const entity = body.data?._entities[i];
                const horizons = (entity?.forecasts ?? []).map((f) => ({ from: Date.parse(f.from) / 1000, to: Date.parse(f.to) / 1000 }));
                const intervals = entity?.forecastInForce ?? [];
                answers.set(
                  keyOf(queueId),
                  failed.get(i) ?? {
                    covered: covers(horizons, g.from, g.to),
                    contacts: intervals.reduce((s, iv) => s + iv.volume, 0),
                    minutes: intervals.reduce((s, iv) => s + (iv.volume * iv.ahtSeconds) / 60, 0),
                  },
                );
              });
            } catch (error) {
              for (const queueId of g.queueIds) answers.set(keyOf(queueId), error as Error);
            }
          }),
        );
        return keys.map((k) => answers.get(`${k.queueId}|${k.from}|${k.to}`)!);
      },
      { cacheKeyFn: (k) => `${k.queueId}|${k.from}|${k.to}` },
    ),
  };
}

export type ForecastsClient = ReturnType<typeof createForecastsClient>;
