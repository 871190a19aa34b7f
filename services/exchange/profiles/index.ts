import { MappingProfile, ProfileDefinition } from '../profile';
import { AMAZON_CONNECT_HISTORICAL_METRICS } from './amazon-connect';
import { AVAYA_CMS_SPLIT_INTERVAL } from './avaya-cms';
import { CALABRIO_BPO_STAFFING } from './calabrio';
import { GENESYS_CLOUD_QUEUE_PERFORMANCE } from './genesys-cloud';
import { HUB_COMPLAINTS, HUB_INTERVALS, HUB_QUALITY_EVALUATIONS, HUB_SURVEY_RESPONSES } from './hub';

/** The ready-made profiles, by name; every organisation may use them, none may overwrite them. */
export const READY_MADE: Record<string, ProfileDefinition> = {
  'hub-intervals': HUB_INTERVALS,
  'hub-survey-responses': HUB_SURVEY_RESPONSES,
  'hub-complaints': HUB_COMPLAINTS,
  'hub-quality-evaluations': HUB_QUALITY_EVALUATIONS,
  'genesys-cloud-queue-performance': GENESYS_CLOUD_QUEUE_PERFORMANCE,
  'amazon-connect-historical-metrics': AMAZON_CONNECT_HISTORICAL_METRICS,
  'avaya-cms-split-interval': AVAYA_CMS_SPLIT_INTERVAL,
  'calabrio-bpo-staffing': CALABRIO_BPO_STAFFING,
};

export function readyMade(name: string): MappingProfile | null {
  const definition = READY_MADE[name];
  return definition ? { name, organisationId: null, definition } : null;
}
