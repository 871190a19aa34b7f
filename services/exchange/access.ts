import type { Viewer } from '../platform/auth';
import { AccessTable, decide, Parties, requireRole } from '../platform/access';
import type { ContractFacts, QueueFacts } from '../clients/contracts';
import type { ImportJobRow } from './entities/import-job';

/**
 * The one authorisation entry of the exchange subgraph. An import is allowed to whoever the
 * owning subgraph lets write the same data (the centre uploads actuals and planned staffing; the
 * client or the centre uploads survey responses, complaints and quality evaluations), judged on the queue's, contract's
 * or forecast's parties as the contracts subgraph tells them to the caller; the owner checks again
 * when the job writes. A job belongs to the organisation that started it: only it reads the job
 * and sends its chunks. Exports need the read role here and are then answered by the owners, with
 * the caller's token, so their tenancy is the owners'.
 */
export type ExchangeAction = 'importIntervals' | 'importSurveyResponses' | 'importComplaints' | 'importStaffing' | 'importEvaluations' | 'readJob' | 'uploadToJob';

export const EXCHANGE_ACCESS: AccessTable<ExchangeAction> = {
  importIntervals: { role: 'write', parties: ['centre'], denied: 'only the centre that serves the contract imports its interval actuals' },
  importSurveyResponses: { role: 'write', parties: ['client', 'centre'], denied: 'importing survey responses' },
  importComplaints: { role: 'write', parties: ['client', 'centre'], denied: 'importing complaints' },
  importStaffing: { role: 'write', parties: ['centre'], denied: 'only the centre serving the queue imports planned staffing into its forecasts' },
  importEvaluations: { role: 'write', parties: ['client', 'centre'], denied: 'importing quality evaluations' },
  readJob: { role: 'read', parties: ['owner'], denied: 'reading an import job' },
  uploadToJob: { role: 'write', parties: ['owner'], denied: 'sending the file of an import job' },
};

export interface Lookup<T> {
  load(id: string): Promise<T | null>;
}

export interface AccessContext {
  viewer: Viewer;
  contracts: { queue: Lookup<QueueFacts>; contract: Lookup<ContractFacts> };
  /** The queue of a forecast the caller may see, or null. */
  forecastQueue(forecastId: string): Promise<string | null>;
  /** The contract of a scorecard the caller may see, or null. */
  scorecardContract(scorecardId: string): Promise<string | null>;
}

export interface ExchangeResources {
  importIntervals: { queueId: string } | { contractId: string };
  importSurveyResponses: { queueId: string };
  importComplaints: { contractId: string };
  importStaffing: { forecastId: string };
  importEvaluations: { scorecardId: string };
  readJob: { jobId: string; job: ImportJobRow | null };
  uploadToJob: { jobId: string; job: ImportJobRow | null };
}

export interface ExchangeGrants {
  importIntervals: QueueFacts | ContractFacts;
  importSurveyResponses: QueueFacts;
  importComplaints: ContractFacts;
  importStaffing: QueueFacts;
  importEvaluations: ContractFacts;
  readJob: ImportJobRow;
  uploadToJob: ImportJobRow;
}

const parties = (facts: { clientId: string; centreId: string } | null): Parties | null => (facts ? { clientId: facts.clientId, centreId: facts.centreId } : null);

/** NOT_FOUND (a stranger, or nothing with this id), FORBIDDEN (a party without the role or the wrong party), else the facts. */
export async function authorize<A extends ExchangeAction>(ctx: AccessContext, action: A, resource: ExchangeResources[A]): Promise<ExchangeGrants[A]> {
  const r = resource as ExchangeResources[ExchangeAction];
  if ('jobId' in r) {
    decide(EXCHANGE_ACCESS, ctx.viewer, action, { what: 'Import job', id: r.jobId, parties: r.job ? { ownerId: r.job.organisationId } : null });
    return r.job as ExchangeGrants[A];
  }
  if ('forecastId' in r) {
    const queueId = await ctx.forecastQueue(r.forecastId);
    const facts = queueId ? await ctx.contracts.queue.load(queueId) : null;
    decide(EXCHANGE_ACCESS, ctx.viewer, action, { what: 'Forecast', id: r.forecastId, parties: parties(facts) });
    return facts as ExchangeGrants[A];
  }
  if ('scorecardId' in r) {
    const contractId = await ctx.scorecardContract(r.scorecardId);
    const facts = contractId ? await ctx.contracts.contract.load(contractId) : null;
    decide(EXCHANGE_ACCESS, ctx.viewer, action, { what: 'Scorecard', id: r.scorecardId, parties: parties(facts) });
    return facts as ExchangeGrants[A];
  }
  if ('queueId' in r) {
    const facts = await ctx.contracts.queue.load(r.queueId);
    decide(EXCHANGE_ACCESS, ctx.viewer, action, { what: 'Queue', id: r.queueId, parties: parties(facts) });
    return facts as ExchangeGrants[A];
  }
  const facts = await ctx.contracts.contract.load(r.contractId);
  decide(EXCHANGE_ACCESS, ctx.viewer, action, { what: 'Contract', id: r.contractId, parties: parties(facts) });
  return facts as ExchangeGrants[A];
}

/** Saving profiles needs the write role, reading them and exporting the read role. */
export function requireWrite(viewer: Viewer, what: string): void {
  requireRole(viewer, 'write', what);
}

export function requireRead(viewer: Viewer, what: string): void {
  requireRole(viewer, 'read', what);
}
