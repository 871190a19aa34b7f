import { SubgraphModule } from '../platform/subgraph';
import { ComplaintEventRow, ComplaintPauseRow, ComplaintRow, CorrectiveActionRow } from './entities/complaint';
import { SurveyResponseRow } from './entities/survey-response';
import { ComplaintResolver, ContractFeedbackResolver, FeedbackOperations, QueueFeedbackResolver, referenceResolvers } from './graphql/resolvers';
import { Contract, Queue } from './graphql/types';
import { createLoaders, FeedbackLoaders } from './loaders';
import { FeedbackInitial1795478400000 } from './migrations/0001-initial';
import { FeedbackTextLimits1795564800000 } from './migrations/0002-text-limits';
import { seedFeedback } from './seed';

/** The feedback subgraph: survey responses and satisfaction, ISO 10002 complaints and their clocks. */
export const feedbackSubgraph: SubgraphModule<FeedbackLoaders> = {
  name: 'feedback',
  resolvers: [FeedbackOperations, QueueFeedbackResolver, ContractFeedbackResolver, ComplaintResolver],
  // Entities this subgraph only extends are reachable from no root field: name them.
  orphanedTypes: [Queue, Contract],
  entities: [SurveyResponseRow, ComplaintRow, ComplaintEventRow, ComplaintPauseRow, CorrectiveActionRow],
  migrations: [FeedbackInitial1795478400000, FeedbackTextLimits1795564800000],
  referenceResolvers,
  createLoaders: (db, _viewer, request) => createLoaders(db, request),
  seed: (db, now) => seedFeedback(db, now.getTime()),
};
