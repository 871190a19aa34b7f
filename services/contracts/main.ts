import 'reflect-metadata';
import { mainFor } from '../platform/run';
import { contractsSubgraph } from './module';

mainFor(contractsSubgraph);
