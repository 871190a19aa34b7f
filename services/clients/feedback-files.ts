import { Peer } from './graphql-http';
import { ask, askEach } from './exchange-call';

/**
 * What the exchange subgraph asks of the feedback subgraph, with the caller's token: survey
 * responses and complaints written through feedback's own mutations (its rules and tenancy), and
 * the complaint register read back for export.
 */
export interface SurveyResponsePayload {
  responseId: string;
  type: string;
  score: number | null;
  resolved: boolean | null;
  channel: string;
  respondedAt: string;
  interactionRef: string | null;
  agentRef: string | null;
}

export async function recordSurveyResponses(peer: Peer, queueId: string, responses: SurveyResponsePayload[]): Promise<{ received: number; inserted: number; replaced: number }> {
  const data = await ask<{ recordSurveyResponses: { received: number; inserted: number; replaced: number } }>(
    peer,
    `mutation($queueId: ID!, $responses: [SurveyResponseInput!]!) { recordSurveyResponses(queueId: $queueId, responses: $responses) { received inserted replaced } }`,
    { queueId, responses },
  );
  return data.recordSurveyResponses;
}

export interface ComplaintPayload {
  queueId: string | null;
  channel: string;
  category: string;
  severity: string;
  description: string;
  customerRef: string;
}

/** Records several complaints in one request; each answers its new id or its own error. */
export function recordComplaints(peer: Peer, contractId: string, complaints: ComplaintPayload[]): Promise<Array<{ id: string } | Error>> {
  return askEach<{ id: string }>(peer, 'recordComplaint', 'contractId: ID!, input: RecordComplaintInput!', 'id', complaints.map((input) => ({ contractId, input })));
}

export interface HistoricComplaintPayload extends ComplaintPayload {
  status: string | null;
  receivedAt: string;
  acknowledgedAt: string | null;
  respondedAt: string | null;
  closedAt: string | null;
}

/** Records past complaints with their history in one call, all or nothing; the new ids in order. */
export async function recordComplaintHistory(peer: Peer, contractId: string, complaints: HistoricComplaintPayload[]): Promise<Array<{ id: string }>> {
  const data = await ask<{ recordComplaintHistory: Array<{ id: string }> }>(
    peer,
    `mutation($contractId: ID!, $complaints: [HistoricComplaintInput!]!) { recordComplaintHistory(contractId: $contractId, complaints: $complaints) { id } }`,
    { contractId, complaints },
  );
  return data.recordComplaintHistory;
}

export interface ComplaintRegisterRow {
  id: string;
  status: string;
  channel: string;
  category: string;
  severity: string;
  description: string;
  customerRef: string;
  queueId: string | null;
  receivedAt: string;
  acknowledgedAt: string | null;
  respondedAt: string | null;
  closedAt: string | null;
  reopenCount: number;
  customerSatisfaction: number | null;
  clocks: Array<{ kind: string; dueAt: string; stoppedAt: string | null; met: boolean | null; overdue: boolean }>;
}

export async function complaintRegister(peer: Peer, contractId: string, first: number): Promise<ComplaintRegisterRow[]> {
  const data = await ask<{ _entities: Array<{ complaints: ComplaintRegisterRow[] | null } | null> }>(
    peer,
    `query($reps: [_Any!]!, $first: Int!) { _entities(representations: $reps) { ... on Contract { complaints(first: $first) {
      id status channel category severity description customerRef queueId receivedAt acknowledgedAt respondedAt closedAt reopenCount customerSatisfaction clocks { kind dueAt stoppedAt met overdue } } } } }`,
    { reps: [{ __typename: 'Contract', id: contractId }], first },
  );
  return data._entities[0]?.complaints ?? [];
}
