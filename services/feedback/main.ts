import 'reflect-metadata';
import { mainFor } from '../platform/run';
import { feedbackSubgraph } from './module';

mainFor(feedbackSubgraph);
