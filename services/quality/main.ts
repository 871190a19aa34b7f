import 'reflect-metadata';
import { mainFor } from '../platform/run';
import { qualitySubgraph } from './module';

mainFor(qualitySubgraph);
