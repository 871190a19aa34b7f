import { SubgraphModule } from '../platform/subgraph';
import { PerformanceReportRow } from './entities/performance-report';
import { AgentIntervalActualRow, IntervalActualRow } from './entities/interval-actual';
import {
  ContractPerformanceResolver,
  PerformanceOperations,
  PerformanceReportResolver,
  QueuePerformanceResolver,
  referenceResolvers,
  SlaTargetComplianceResolver,
} from './graphql/resolvers';
import { QueueBaselineResolver } from './graphql/baseline';
import { createLoaders, PerformanceLoaders } from './loaders';
import { Contract, Queue, SlaTarget } from './graphql/types';
import { Bid, BidNormalizationResolver, Tender, TenderComparisonResolver } from './graphql/procurement';
import { PerformanceInitial1795392000000 } from './migrations/0001-initial';
import { PerformanceAgentsLongestWait1795600000000 } from './migrations/0002-agents-longest-wait';
import { seedPerformance } from './seed';

/** The performance subgraph: interval actuals, the KPI engine, SLA compliance, monthly reports, and bids normalized. */
export const performanceSubgraph: SubgraphModule<PerformanceLoaders> = {
  name: 'performance',
  resolvers: [
    PerformanceOperations,
    QueuePerformanceResolver,
    ContractPerformanceResolver,
    SlaTargetComplianceResolver,
    PerformanceReportResolver,
    TenderComparisonResolver,
    BidNormalizationResolver,
    QueueBaselineResolver,
  ],
  // Entities this subgraph only extends are reachable from no root field: name them.
  orphanedTypes: [Queue, Contract, SlaTarget, Tender, Bid],
  entities: [IntervalActualRow, AgentIntervalActualRow, PerformanceReportRow],
  migrations: [PerformanceInitial1795392000000, PerformanceAgentsLongestWait1795600000000],
  referenceResolvers,
  createLoaders: (db, _viewer, request) => createLoaders(db, request),
  seed: seedPerformance,
};
