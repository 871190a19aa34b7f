import 'reflect-metadata';
import { mainFor } from '../platform/run';
import { forecastsSubgraph } from './module';

mainFor(forecastsSubgraph);
