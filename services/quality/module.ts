import { SubgraphModule } from '../platform/subgraph';
import { CalibrationEvaluatorRow, CalibrationScoreRow, CalibrationSessionRow } from './entities/calibration';
import { EvaluationRow } from './entities/evaluation';
import { ScorecardRow, ScorecardVersionRow } from './entities/scorecard';
import { CalibrationSessionResolver, ContractQualityResolver, QualityOperations, QueueQualityResolver, referenceResolvers, ScorecardResolver } from './graphql/resolvers';
import { Contract, Queue } from './graphql/types';
import { createLoaders, QualityLoaders } from './loaders';
import { QualityInitial1795651200000 } from './migrations/0001-initial';
import { seedQuality } from './seed';

/** The quality subgraph: scorecards, evaluations, client–centre calibration, QUALITY_SCORE figures and windows for SLA verdicts. */
export const qualitySubgraph: SubgraphModule<QualityLoaders> = {
  name: 'quality',
  resolvers: [QualityOperations, ScorecardResolver, CalibrationSessionResolver, QueueQualityResolver, ContractQualityResolver],
  // Entities this subgraph only extends are reachable from no root field: name them.
  orphanedTypes: [Queue, Contract],
  entities: [ScorecardRow, ScorecardVersionRow, EvaluationRow, CalibrationSessionRow, CalibrationScoreRow, CalibrationEvaluatorRow],
  migrations: [QualityInitial1795651200000],
  referenceResolvers,
  createLoaders: (db, _viewer, request) => createLoaders(db, request),
  seed: (db, now) => seedQuality(db, now.getTime()),
};
