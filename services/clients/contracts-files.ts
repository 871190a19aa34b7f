import { notFound } from '../platform/errors';
import { Peer } from './graphql-http';
import { ask } from './exchange-call';
import { TargetFacts, TARGET_VERSION_FIELDS } from './contracts';

/**
 * What the exchange subgraph asks of the contracts subgraph beyond queue and contract facts, with
 * the caller's token: queue names (for file columns such as Calabrio's skill name) and a
 * contract's SLA targets with their definition history (for the compliance export).
 */
export async function queueNames(peer: Peer, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const data = await ask<{ queues: Array<{ id: string; name: string } | null> }>(peer, `query($ids: [ID!]!) { queues(ids: $ids) { id name } }`, { ids });
  return new Map(data.queues.filter((q): q is { id: string; name: string } => q !== null).map((q) => [q.id, q.name]));
}

export interface TargetLabelFacts {
  metric: string;
  variant: string;
  thresholdSeconds: number | null;
  shortAbandonSeconds: number | null;
}

export async function slaTargets(peer: Peer, contractId: string): Promise<Array<TargetFacts & TargetLabelFacts>> {
  const data = await ask<{ _entities: Array<{ slaTargets: Array<TargetFacts & TargetLabelFacts> } | null> }>(
    peer,
    `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Contract { slaTargets { id contractId metric variant thresholdSeconds shortAbandonSeconds history { ${TARGET_VERSION_FIELDS} } } } } }`,
    { reps: [{ __typename: 'Contract', id: contractId }] },
  );
  const contract = data._entities[0];
  // Contracts resolves a contract the caller may not see to null: not found, as for a made-up id.
  if (!contract) throw notFound('Contract', contractId);
  return contract.slaTargets;
}
