import { DataSource } from 'typeorm';
import { createContractsClient, ContractsClient } from '../clients/contracts';
import { groupRows, loaderByArguments, loaderById, loaderGroupedBy } from '../platform/loaders';
import type { RequestInfo } from '../platform/subgraph';
import { evaluatorResultsOfContracts, findSessions, scoresOfSessions, SessionListArgs, sessionsOfContracts } from './calibration-storage';
import { CalibrationEvaluatorRow, CalibrationSessionRow } from './entities/calibration';
import { agentQualityOf, AgentQuality, EvaluatorQuality, evaluatorQualityOf, PerRowArgs, QualityPoint, qualitySeries, SeriesArgs } from './figures';
import { findScorecards, scorecardsOfContracts, versionsOfScorecards } from './scorecards-storage';

/**
 * Per-request loaders: facts from the contracts subgraph (with the caller's token), and one SQL
 * statement per kind of row or figure whatever the number of scorecards, sessions, queues,
 * contracts, agents or evaluators asked.
 */
export function createLoaders(db: DataSource, request: RequestInfo) {
  const contracts: ContractsClient = createContractsClient(request.peer('contracts'));
  return {
    contracts,
    scorecard: loaderById((ids) => findScorecards(db, ids), (s) => s.id),
    scorecardsByContract: loaderGroupedBy((ids) => scorecardsOfContracts(db, ids), (s) => s.contractId),
    versionsByScorecard: loaderGroupedBy((ids) => versionsOfScorecards(db, ids), (v) => v.scorecardId),
    session: loaderById((ids) => findSessions(db, ids), (s) => s.id),
    scoresBySession: loaderGroupedBy((ids) => scoresOfSessions(db, ids), (s) => s.sessionId),
    sessionsByContract: loaderByArguments<SessionListArgs, CalibrationSessionRow[]>(async (contractIds, args) => {
      const groups = groupRows(contractIds, await sessionsOfContracts(db, contractIds, args), (s) => s.contractId);
      return new Map(contractIds.map((id, i) => [id, groups[i]]));
    }, () => []),
    queueQuality: loaderByArguments<SeriesArgs, QualityPoint[]>((ids, args) => qualitySeries(db, 'queue_id', ids, args), () => []),
    contractQuality: loaderByArguments<SeriesArgs, QualityPoint[]>((ids, args) => qualitySeries(db, 'contract_id', ids, args), () => []),
    queueAgentQuality: loaderByArguments<PerRowArgs, AgentQuality[]>((ids, args) => agentQualityOf(db, 'queue_id', ids, args), () => []),
    contractAgentQuality: loaderByArguments<PerRowArgs, AgentQuality[]>((ids, args) => agentQualityOf(db, 'contract_id', ids, args), () => []),
    evaluatorQuality: loaderByArguments<PerRowArgs, EvaluatorQuality[]>((ids, args) => evaluatorQualityOf(db, ids, args), () => []),
    evaluatorDrift: loaderByArguments<PerRowArgs, CalibrationEvaluatorRow[]>(async (contractIds, args) => {
      const groups = groupRows(contractIds, await evaluatorResultsOfContracts(db, contractIds, args.from, args.to), (r) => r.contractId);
      return new Map(contractIds.map((id, i) => [id, groups[i]]));
    }, () => []),
  };
}

export type QualityLoaders = ReturnType<typeof createLoaders>;
