import 'reflect-metadata';
import { mainFor } from '../platform/run';
import { exchangeSubgraph } from './module';

mainFor(exchangeSubgraph);
