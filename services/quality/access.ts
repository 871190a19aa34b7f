import { AccessTable, decide, Parties, PartyKind } from '../platform/access';
import type { ContractFacts, QueueFacts } from '../clients/contracts';
import type { EvaluatorParty } from '../metrics/calibration';
import type { CalibrationSessionRow } from './entities/calibration';
import type { ScorecardRow } from './entities/scorecard';
import type { QualityContext } from './context';

/**
 * Every authorisation decision of the quality subgraph: one table of actions, one call
 * (`authorize`) from each use case. The parties of a queue or contract come from the contracts
 * subgraph (which answers only for what the caller may see); those of a scorecard and of a
 * calibration session are stored with them, so reading one asks contracts nothing.
 *
 * The client defines and revises scorecards; both parties read everything on their contract,
 * and with the write role both upload evaluations and take part in calibration (open, score,
 * close). An evaluation's party is the caller's side of the contract, never taken from input.
 * A stranger, and anyone asking for an id that does not exist, gets NOT_FOUND naming only what
 * was asked for.
 */
export type QualityAction =
  | 'defineScorecard'
  | 'reviseScorecard'
  | 'readScorecard'
  | 'recordEvaluations'
  | 'readContractQuality'
  | 'readQueueQuality'
  | 'openCalibrationSession'
  | 'readCalibrationSession'
  | 'scoreCalibrationSession'
  | 'closeCalibrationSession';

const BOTH = ['client', 'centre'] as const;

export const QUALITY_ACCESS: AccessTable<QualityAction> = {
  defineScorecard: { role: 'write', parties: ['client'], denied: 'only the client of a contract defines its quality scorecards' },
  reviseScorecard: { role: 'write', parties: ['client'], denied: 'only the client of a contract revises its quality scorecards' },
  readScorecard: { role: 'read', parties: BOTH, denied: 'reading a quality scorecard' },
  recordEvaluations: { role: 'write', parties: BOTH, denied: 'uploading quality evaluations' },
  readContractQuality: { role: 'read', parties: BOTH, denied: "reading a contract's quality figures" },
  readQueueQuality: { role: 'read', parties: BOTH, denied: "reading a queue's quality figures" },
  openCalibrationSession: { role: 'write', parties: BOTH, denied: 'opening a calibration session' },
  readCalibrationSession: { role: 'read', parties: BOTH, denied: 'reading a calibration session' },
  scoreCalibrationSession: { role: 'write', parties: BOTH, denied: 'scoring in a calibration session' },
  closeCalibrationSession: { role: 'write', parties: BOTH, denied: 'closing a calibration session' },
};

type ScorecardResource = { scorecardId: string; scorecard: ScorecardRow | null };
type SessionResource = { sessionId: string; session: CalibrationSessionRow | null };

/** What each action is asked about. */
export interface QualityResources {
  defineScorecard: { contractId: string };
  reviseScorecard: ScorecardResource;
  readScorecard: ScorecardResource;
  recordEvaluations: ScorecardResource;
  readContractQuality: { contractId: string };
  readQueueQuality: { queueId: string };
  openCalibrationSession: ScorecardResource;
  readCalibrationSession: SessionResource;
  scoreCalibrationSession: SessionResource;
  closeCalibrationSession: SessionResource;
}

/** The caller's side of the contract: the party its evaluations and scores are recorded under. */
export interface Side {
  party: EvaluatorParty;
}

/** What each action hands back once allowed: the facts the use case goes on with. */
export interface QualityGrants {
  defineScorecard: ContractFacts;
  reviseScorecard: ScorecardRow;
  readScorecard: ScorecardRow & Side;
  recordEvaluations: ScorecardRow & Side;
  readContractQuality: ContractFacts & Side;
  readQueueQuality: QueueFacts & Side;
  openCalibrationSession: ScorecardRow & Side;
  readCalibrationSession: CalibrationSessionRow & Side;
  scoreCalibrationSession: CalibrationSessionRow & Side;
  closeCalibrationSession: CalibrationSessionRow & Side;
}

type AnyResource = QualityResources[QualityAction];

const partiesOf = (facts: { clientId: string; centreId: string } | null): Parties | null => (facts ? { clientId: facts.clientId, centreId: facts.centreId } : null);

/** A caller who is both parties of a contract (a centre contracting with itself) records as the client. */
const sideOf = (kinds: PartyKind[]): EvaluatorParty => (kinds.includes('client') ? 'CLIENT' : 'CENTRE');

/**
 * Decides `action` on `resource` for the caller: NOT_FOUND (a stranger, or no such thing),
 * FORBIDDEN (a party without the role, or the centre where only the client may act); otherwise
 * the facts the use case needs, with the caller's side.
 */
export async function authorize<A extends QualityAction>(ctx: QualityContext, action: A, resource: QualityResources[A]): Promise<QualityGrants[A]> {
  const r = resource as AnyResource;
  if ('queueId' in r) {
    const facts = await ctx.contracts.queue.load(r.queueId);
    const kinds = decide(QUALITY_ACCESS, ctx.viewer, action, { what: 'Queue', id: r.queueId, parties: partiesOf(facts) });
    return { ...facts!, party: sideOf(kinds) } as QualityGrants[A];
  }
  if ('contractId' in r) {
    const facts = await ctx.contracts.contract.load(r.contractId);
    const kinds = decide(QUALITY_ACCESS, ctx.viewer, action, { what: 'Contract', id: r.contractId, parties: partiesOf(facts) });
    return { ...facts!, party: sideOf(kinds) } as QualityGrants[A];
  }
  if ('scorecardId' in r) {
    const kinds = decide(QUALITY_ACCESS, ctx.viewer, action, { what: 'Scorecard', id: r.scorecardId, parties: partiesOf(r.scorecard) });
    return { ...r.scorecard!, party: sideOf(kinds) } as QualityGrants[A];
  }
  const kinds = decide(QUALITY_ACCESS, ctx.viewer, action, { what: 'Calibration session', id: r.sessionId, parties: partiesOf(r.session) });
  return { ...r.session!, party: sideOf(kinds) } as QualityGrants[A];
}
