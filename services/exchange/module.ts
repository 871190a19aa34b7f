import { SubgraphModule } from '../platform/subgraph';
import { ImportChunkRow } from './entities/import-chunk';
import { ImportJobRow } from './entities/import-job';
import { ImportedKeyRow } from './entities/imported-key';
import { MappingProfileRow } from './entities/mapping-profile';
import { ExchangeOperations, ExportFileFields } from './graphql/resolvers';
import { importComplaints, importSurveyResponses } from './importers/feedback';
import { importIntervals } from './importers/intervals';
import { importStaffing } from './importers/staffing';
import { importEvaluations } from './importers/evaluations';
import { jobProcessor } from './jobs';
import { createLoaders, ExchangeLoaders } from './loaders';
import { ExchangeInitial1796000000000 } from './migrations/0001-initial';
import { ExchangeScorecardTarget1797000000000 } from './migrations/0002-scorecard-target';
import { JobRunner, registerRunner } from './runner';

/**
 * The exchange subgraph: files in and out. Import jobs (their own lifecycle and tables) read a
 * centre's or a client's export with a mapping profile and write it through the owning subgraph's
 * mutations with the caller's token; exports turn what the owners answer into CSV files.
 */
export const exchangeSubgraph: SubgraphModule<ExchangeLoaders> = {
  name: 'exchange',
  resolvers: [ExchangeOperations, ExportFileFields],
  entities: [ImportJobRow, ImportChunkRow, MappingProfileRow, ImportedKeyRow],
  migrations: [ExchangeInitial1796000000000, ExchangeScorecardTarget1797000000000],
  referenceResolvers: {},
  createLoaders: (db, _viewer, request) => createLoaders(db, request),
  async start(db, clock) {
    const runner = new JobRunner(db, clock, jobProcessor({ INTERVALS: importIntervals, SURVEY_RESPONSES: importSurveyResponses, COMPLAINTS: importComplaints, STAFFING: importStaffing, EVALUATIONS: importEvaluations }));
    registerRunner(db, runner);
    await runner.start();
    return () => runner.stop();
  },
};
