import 'reflect-metadata';
import { mainFor } from '../platform/run';
import { billingSubgraph } from './module';

mainFor(billingSubgraph);
