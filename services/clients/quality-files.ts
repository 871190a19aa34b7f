import { Peer } from './graphql-http';
import { ask } from './exchange-call';

/**
 * What the exchange subgraph asks of the quality subgraph, with the caller's token: a scorecard's
 * versions and criteria (to check an evaluations file row by row before anything is written), and
 * evaluations written through quality's own recordEvaluations (its rules, tenancy and scoring).
 */
export interface ScorecardVersionFacts {
  version: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  criteria: Array<{ key: string; scale: 'YES_NO_NA' | 'ONE_TO_FIVE'; allowNotApplicable: boolean }>;
}

export interface ScorecardFacts {
  id: string;
  contractId: string;
  versions: ScorecardVersionFacts[];
}

/** The scorecard, or null when the caller may not see it (quality answers NOT_FOUND alike for a stranger and a made-up id). */
export async function scorecardFacts(peer: Peer, id: string): Promise<ScorecardFacts | null> {
  try {
    const data = await ask<{ scorecard: ScorecardFacts | null }>(
      peer,
      `query($id: ID!) { scorecard(id: $id) { id contractId versions { version effectiveFrom effectiveTo criteria { key scale allowNotApplicable } } } }`,
      { id },
    );
    return data.scorecard;
  } catch (error) {
    if ((error as { extensions?: { code?: string } }).extensions?.code === 'NOT_FOUND') return null;
    throw error;
  }
}

export interface EvaluationPayload {
  interactionRef: string;
  queueId: string;
  interactionAt: string;
  channel: string;
  agentRef: string;
  evaluatorRef: string;
  answers: Array<{ criterionKey: string; value: string; comment: string | null }>;
  comment: string | null;
}

/** Records evaluations under a scorecard in one call, all or nothing; the same evaluator and interaction again replaces. */
export async function recordEvaluations(peer: Peer, scorecardId: string, evaluations: EvaluationPayload[]): Promise<{ received: number; inserted: number; replaced: number }> {
  const data = await ask<{ recordEvaluations: { received: number; inserted: number; replaced: number } }>(
    peer,
    `mutation($s: ID!, $e: [EvaluationInput!]!) { recordEvaluations(scorecardId: $s, evaluations: $e) { received inserted replaced } }`,
    { s: scorecardId, e: evaluations },
  );
  return data.recordEvaluations;
}
