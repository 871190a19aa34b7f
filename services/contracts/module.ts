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
import { BidRow } from './entities/bid';
import { TenderInvitationRow, TenderRow } from './entities/tender';
import { BidFieldResolvers, TenderFieldResolvers, TenderOperations, tenderReferenceResolvers } from './graphql/tenders';
import { ContractsTenders1795400000000 } from './migrations/0002-tenders';
import { ContractsVolumeShares1795500000000 } from './migrations/0003-volume-shares';
import { ContractsMinimumSample1795600000000 } from './migrations/0004-minimum-sample';
import { ContractsPriceTerms1795700000000 } from './migrations/0005-price-terms';
import { VolumeShareGroupRow, VolumeShareMemberRow } from './entities/volume-share';
import { QueueVolumeShareResolver, VolumeShareGroupFieldResolvers, VolumeShareOperations, volumeShareReferenceResolvers } from './graphql/volume-shares';

/** The contracts subgraph: organisations, contracts, queues, SLA targets, the clause-6 terms, tenders and bids, volume share groups. */
export const contractsSubgraph: SubgraphModule<ContractsLoaders> = {
  name: 'contracts',
  resolvers: [
    ContractQueries,
    ContractMutations,
    ContractFieldResolvers,
    ContractStateFieldResolvers,
    QueueFieldResolvers,
    SlaTargetFieldResolvers,
    TenderOperations,
    TenderFieldResolvers,
    BidFieldResolvers,
    VolumeShareOperations,
    VolumeShareGroupFieldResolvers,
    QueueVolumeShareResolver,
  ],
  entities: [OrganisationRow, ContractRow, QueueRow, SlaTargetRow, ContractRevisionRow, TenderRow, TenderInvitationRow, BidRow, VolumeShareGroupRow, VolumeShareMemberRow],
  migrations: [ContractsInitial1795392000000, ContractsTenders1795400000000, ContractsVolumeShares1795500000000, ContractsMinimumSample1795600000000, ContractsPriceTerms1795700000000],
  referenceResolvers: { ...referenceResolvers, ...tenderReferenceResolvers, ...volumeShareReferenceResolvers },
  createLoaders: (db) => createLoaders(db),
  seed: seedContracts,
};
