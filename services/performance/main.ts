import 'reflect-metadata';
import { mainFor } from '../platform/run';
import { performanceSubgraph } from './module';

mainFor(performanceSubgraph);
