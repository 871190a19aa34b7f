import { AccessTable, decide, Parties, PartyKind } from '../platform/access';
import { conflict, forbidden } from '../platform/errors';
import type { ContractFacts, QueueFacts } from '../clients/contracts';
import type { ComplaintRow, ComplaintStatus } from './entities/complaint';
import type { FeedbackContext } from './context';

/**
 * Every authorisation decision of the feedback subgraph: one table of actions, one call
 * (`authorize`) from each use case. The parties of a queue or contract come from the contracts
 * subgraph (which answers only for what the caller may see); those of a complaint are stored with
 * it, so reading one costs no call to contracts. Both parties of a contract read everything on
 * it, complaint descriptions and notes included, and with the write role both upload surveys,
 * record complaints and handle them; who moves a complaint to which status is the lifecycle
 * table TRANSITIONS below.
 *
 * A stranger, and anyone asking for an id that does not exist, gets NOT_FOUND naming only what
 * was asked for (a corrective action's id, never its complaint's).
 */
export type FeedbackAction =
  | 'readQueueFeedback'
  | 'uploadSurveyResponses'
  | 'readContractFeedback'
  | 'recordComplaint'
  | 'recordComplaintHistory'
  | 'readComplaint'
  | 'transitionComplaint'
  | 'pauseComplaintClock'
  | 'resumeComplaintClock'
  | 'addCorrectiveAction'
  | 'completeCorrectiveAction';

const PARTIES = ['client', 'centre'] as const;

export const FEEDBACK_ACCESS: AccessTable<FeedbackAction> = {
  readQueueFeedback: { role: 'read', parties: PARTIES, denied: "reading a queue's satisfaction" },
  uploadSurveyResponses: { role: 'write', parties: PARTIES, denied: 'uploading survey responses' },
  readContractFeedback: { role: 'read', parties: PARTIES, denied: "reading a contract's satisfaction and complaints" },
  recordComplaint: { role: 'write', parties: PARTIES, denied: 'recording a complaint' },
  recordComplaintHistory: { role: 'write', parties: PARTIES, denied: 'recording complaints with their history' },
  readComplaint: { role: 'read', parties: PARTIES, denied: 'reading a complaint' },
  transitionComplaint: { role: 'write', parties: PARTIES, denied: 'moving a complaint along its lifecycle' },
  pauseComplaintClock: { role: 'write', parties: PARTIES, denied: "pausing a complaint's resolution clock" },
  resumeComplaintClock: { role: 'write', parties: PARTIES, denied: "resuming a complaint's resolution clock" },
  addCorrectiveAction: { role: 'write', parties: PARTIES, denied: 'adding a corrective action' },
  completeCorrectiveAction: { role: 'write', parties: PARTIES, denied: 'completing a corrective action' },
};

/** A stored complaint as the use case found it: null when no complaint has this id. */
export interface ComplaintResource {
  complaintId: string;
  complaint: ComplaintRow | null;
}

/** What each action is asked about. */
export interface FeedbackResources {
  readQueueFeedback: { queueId: string };
  uploadSurveyResponses: { queueId: string };
  readContractFeedback: { contractId: string };
  recordComplaint: { contractId: string };
  recordComplaintHistory: { contractId: string };
  readComplaint: ComplaintResource;
  transitionComplaint: ComplaintResource & { to: ComplaintStatus };
  pauseComplaintClock: ComplaintResource;
  resumeComplaintClock: ComplaintResource;
  addCorrectiveAction: ComplaintResource;
  /** The complaint the action belongs to; null when no action has this id. */
  completeCorrectiveAction: { correctiveActionId: string; complaint: ComplaintRow | null };
}

/** The complaint and the caller's party kinds on it. */
export interface ComplaintGrant {
  complaint: ComplaintRow;
  parties: PartyKind[];
}

/** What each action hands back once allowed: the facts the use case goes on with. */
export interface FeedbackGrants {
  readQueueFeedback: QueueFacts;
  uploadSurveyResponses: QueueFacts;
  readContractFeedback: ContractFacts;
  recordComplaint: ContractFacts;
  recordComplaintHistory: ContractFacts;
  readComplaint: ComplaintGrant;
  transitionComplaint: ComplaintGrant;
  pauseComplaintClock: ComplaintGrant;
  resumeComplaintClock: ComplaintGrant;
  addCorrectiveAction: ComplaintGrant;
  completeCorrectiveAction: ComplaintGrant;
}

type AnyResource = FeedbackResources[FeedbackAction];

const partiesOf = (facts: { clientId: string; centreId: string } | null): Parties | null => (facts ? { clientId: facts.clientId, centreId: facts.centreId } : null);

/**
 * Decides `action` on `resource` for the caller: NOT_FOUND (a stranger, or no such thing),
 * FORBIDDEN (a party without the role, or not the party the lifecycle names), CONFLICT (a
 * transition the lifecycle does not allow); otherwise the facts the use case needs.
 */
export async function authorize<A extends FeedbackAction>(ctx: FeedbackContext, action: A, resource: FeedbackResources[A]): Promise<FeedbackGrants[A]> {
  const r = resource as AnyResource;
  if ('queueId' in r) {
    const facts = await ctx.contracts.queue.load(r.queueId);
    decide(FEEDBACK_ACCESS, ctx.viewer, action, { what: 'Queue', id: r.queueId, parties: partiesOf(facts) });
    return facts as FeedbackGrants[A];
  }
  if ('contractId' in r) {
    const facts = await ctx.contracts.contract.load(r.contractId);
    decide(FEEDBACK_ACCESS, ctx.viewer, action, { what: 'Contract', id: r.contractId, parties: partiesOf(facts) });
    return facts as FeedbackGrants[A];
  }
  const target = 'correctiveActionId' in r ? { what: 'Corrective action', id: r.correctiveActionId } : { what: 'Complaint', id: r.complaintId };
  const parties = decide(FEEDBACK_ACCESS, ctx.viewer, action, { ...target, parties: partiesOf(r.complaint) });
  const complaint = r.complaint!;
  if ('to' in r) checkTransition(parties, complaint.status, r.to);
  return { complaint, parties } as FeedbackGrants[A];
}

type Party = 'client' | 'centre';

/**
 * The ISO 10002 lifecycle: for each status, the statuses it may move to and which party may
 * move it. The centre handles (acknowledges, assesses, investigates, responds); either party may
 * escalate (to the client's complaints lead), withdraw on the customer's behalf, close an
 * answered complaint or reopen it when the customer is not satisfied; an escalated complaint is
 * answered or sent back to investigation by either party (the client gives the final response).
 */
export const TRANSITIONS: Record<ComplaintStatus, Partial<Record<ComplaintStatus, readonly Party[]>>> = {
  RECEIVED: { ACKNOWLEDGED: ['centre'], WITHDRAWN: PARTIES },
  ACKNOWLEDGED: { ASSESSED: ['centre'], ESCALATED: PARTIES, WITHDRAWN: PARTIES },
  ASSESSED: { INVESTIGATING: ['centre'], ESCALATED: PARTIES, WITHDRAWN: PARTIES },
  INVESTIGATING: { RESPONDED: ['centre'], ESCALATED: PARTIES, WITHDRAWN: PARTIES },
  ESCALATED: { INVESTIGATING: PARTIES, RESPONDED: PARTIES, WITHDRAWN: PARTIES },
  RESPONDED: { CLOSED: PARTIES, REOPENED: PARTIES },
  REOPENED: { INVESTIGATING: ['centre'], ESCALATED: PARTIES, WITHDRAWN: PARTIES },
  CLOSED: { REOPENED: PARTIES },
  WITHDRAWN: {},
};

/** Refuses a transition the lifecycle does not allow (CONFLICT) or these parties may not make (FORBIDDEN). */
export function checkTransition(parties: readonly PartyKind[], from: ComplaintStatus, to: ComplaintStatus): void {
  const allowed = TRANSITIONS[from][to];
  if (!allowed) {
    const next = Object.keys(TRANSITIONS[from]);
    throw conflict(`a ${from} complaint cannot move to ${to}${next.length ? `; it can move to ${next.join(', ')}` : '; it is final'}`);
  }
  if (!parties.some((p) => (allowed as readonly PartyKind[]).includes(p))) throw forbidden(`only the ${allowed.join(' or ')} moves a ${from} complaint to ${to}`);
}
