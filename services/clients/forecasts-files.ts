import { Peer } from './graphql-http';
import { ask } from './exchange-call';

/**
 * What the exchange subgraph asks of the forecasts subgraph, with the caller's token: a forecast
 * version with its intervals and staffing (to export, and to re-publish with imported planned
 * agents through publishForecast), and a contract's capacity.
 */
export interface ForecastIntervalFacts {
  start: string;
  end: string;
  volume: number;
  ahtSeconds: number;
  plannedAgents: number | null;
  staffing: { requiredAgents: number; scheduledFte: number; requiredProductiveHours: number; target: { goal: number; thresholdSeconds: number; variant: string } } | null;
  staffingNote: string | null;
  planned: { agents: number; expectedServiceLevel: number; atRisk: boolean } | null;
}

export interface ForecastFacts {
  id: string;
  queueId: string;
  contractId: string;
  version: number;
  from: string;
  to: string;
  granularityMinutes: number;
  shrinkage: number | null;
  patienceSeconds: number | null;
  note: string | null;
  groupId: string | null;
  intervals: ForecastIntervalFacts[];
}

export async function forecast(peer: Peer, id: string, withStaffing: boolean): Promise<ForecastFacts> {
  const staffing = withStaffing
    ? 'staffing { requiredAgents scheduledFte requiredProductiveHours target { goal thresholdSeconds variant } } staffingNote planned { agents expectedServiceLevel atRisk }'
    : '';
  const data = await ask<{ forecast: ForecastFacts }>(
    peer,
    `query($id: ID!) { forecast(id: $id) { id queueId contractId version from to granularityMinutes shrinkage patienceSeconds note groupId intervals { start end volume ahtSeconds plannedAgents ${staffing} } } }`,
    { id },
  );
  return data.forecast;
}

export interface ForecastPayload {
  from: string;
  to: string;
  granularityMinutes: number;
  shrinkage: number | null;
  patienceSeconds: number | null;
  note: string | null;
  intervals: Array<{ start: string; volume: number; ahtSeconds: number; plannedAgents: number | null }>;
}

export async function publishForecast(peer: Peer, queueId: string, input: ForecastPayload): Promise<{ id: string; version: number }> {
  const data = await ask<{ publishForecast: { id: string; version: number } }>(
    peer,
    `mutation($queueId: ID!, $input: ForecastInput!) { publishForecast(queueId: $queueId, input: $input) { id version } }`,
    { queueId, input },
  );
  return data.publishForecast;
}

export interface CapacityWeekFacts {
  queueId: string;
  centreId: string;
  week: string;
  start: string;
  end: string;
  requiredHours: number | null;
  committedHours: number | null;
  scheduledHours: number | null;
  actualHours: number | null;
  commitmentGapHours: number | null;
  scheduleGapHours: number | null;
  actualGapHours: number | null;
  shareOfGroup: number | null;
}

export async function capacity(peer: Peer, contractId: string, from: Date, to: Date): Promise<CapacityWeekFacts[]> {
  const data = await ask<{ _entities: Array<{ capacity: CapacityWeekFacts[] | null } | null> }>(
    peer,
    `query($reps: [_Any!]!, $from: DateTime!, $to: DateTime!) { _entities(representations: $reps) { ... on Contract { capacity(from: $from, to: $to) {
      queueId centreId week start end requiredHours committedHours scheduledHours actualHours commitmentGapHours scheduleGapHours actualGapHours shareOfGroup } } } }`,
    { reps: [{ __typename: 'Contract', id: contractId }], from: from.toISOString(), to: to.toISOString() },
  );
  return data._entities[0]?.capacity ?? [];
}
