import { SubgraphModule } from '../platform/subgraph';
import { ContractRevisionRow } from './entities/contract-revision';
import { ContractRow } from './entities/contract';
import { OrganisationRow } from './entities/organisation';
import { QueueRow } from './entities/queue';
import { SlaTargetRow } from './entities/sla-target';
import {
  ContractFieldResolvers,
  ContractMutations,
  ContractQueries,
  ContractStateFieldResolvers,
  QueueFieldResolvers,
  referenceResolvers,
  SlaTargetFieldResolvers,
} from './graphql/resolvers';
import { ContractsLoaders, createLoaders } from './loaders';
import { ContractsInitial1795392000000 } from './migrations/0001-initial';
import { seedContracts } from './seed';

/** The contracts subgraph: organisations, contracts, queues, SLA targets and the clause-6 terms. */
export const contractsSubgraph: SubgraphModule<ContractsLoaders> = {
  name: 'contracts',
  resolvers: [
    ContractQueries,
    ContractMutations,
    ContractFieldResolvers,
    ContractStateFieldResolvers,
    QueueFieldResolvers,
    SlaTargetFieldResolvers,
  ],
  entities: [OrganisationRow, ContractRow, QueueRow, SlaTargetRow, ContractRevisionRow],
  migrations: [ContractsInitial1795392000000],
  referenceResolvers,
  createLoaders: (db) => createLoaders(db),
  seed: seedContracts,
};
