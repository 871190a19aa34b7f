import { GraphQLError } from 'graphql';
import { ROLES, Role } from '../platform/auth';
import type { ContractFacts, QueueFacts } from '../clients/contracts';
import { authorize, checkTransition, FEEDBACK_ACCESS, FeedbackAction, FeedbackResources, TRANSITIONS } from './access';
import type { ContractFactsSource, FeedbackContext } from './context';
import { COMPLAINT_STATUSES, ComplaintRow } from './entities/complaint';

const CLIENT = 'acme';
const CENTRE = 'callco';
const STRANGER = 'umbrella';

const QUEUE: QueueFacts = { id: 'q-1', timeZone: 'Europe/Paris', contractId: 'ct-1', contractStatus: 'ACTIVE', clientId: CLIENT, centreId: CENTRE };
const CONTRACT = { id: 'ct-1', status: 'ACTIVE', clientId: CLIENT, centreId: CENTRE, queues: [{ id: 'q-1', timeZone: 'Europe/Paris' }] } as ContractFacts;
const COMPLAINT = { id: 'cmp-1', contractId: 'ct-1', clientId: CLIENT, centreId: CENTRE, status: 'RECEIVED' } as ComplaintRow;

/**
 * A stub of the contracts client. It answers whoever asks (the real contracts subgraph hides a
 * stranger's contracts itself): feedback's own table must keep strangers out all the same.
 */
function contracts(known: boolean): ContractFactsSource {
  return {
    queue: { load: async (id) => (known && id === QUEUE.id ? QUEUE : null) },
    contract: { load: async (id) => (known && id === CONTRACT.id ? CONTRACT : null) },
  };
}

function ctx(org: string, roles: Role[], known = true): FeedbackContext {
  return { viewer: { subject: `user-of-${org}`, organisationId: org, roles }, db: null as never, now: new Date('2026-06-01T00:00:00Z'), contracts: contracts(known) };
}

/** The resource each action is asked about: real (the stub knows it), or made up (same ids, nothing behind them). */
function resource<A extends FeedbackAction>(action: A, real: boolean): FeedbackResources[A] {
  const complaint = real ? COMPLAINT : null;
  const all: { [K in FeedbackAction]: FeedbackResources[K] } = {
    readQueueFeedback: { queueId: 'q-1' },
    uploadSurveyResponses: { queueId: 'q-1' },
    readContractFeedback: { contractId: 'ct-1' },
    recordComplaint: { contractId: 'ct-1' },
    recordComplaintHistory: { contractId: 'ct-1' },
    readComplaint: { complaintId: 'cmp-1', complaint },
    // A transition either party may make, so the table alone decides here.
    transitionComplaint: { complaintId: 'cmp-1', complaint, to: 'WITHDRAWN' },
    pauseComplaintClock: { complaintId: 'cmp-1', complaint },
    resumeComplaintClock: { complaintId: 'cmp-1', complaint },
    addCorrectiveAction: { complaintId: 'cmp-1', complaint },
    completeCorrectiveAction: { correctiveActionId: 'cac-1', complaint },
  };
  return all[action];
}

async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    return `${(error as GraphQLError).extensions?.code}: ${(error as GraphQLError).message}`;
  }
}

const ACTIONS = Object.keys(FEEDBACK_ACCESS) as FeedbackAction[];
const READS: FeedbackAction[] = ['readQueueFeedback', 'readContractFeedback', 'readComplaint'];
const PARTIES = { client: CLIENT, centre: CENTRE, stranger: STRANGER } as const;

/** What each party with each role is answered, for every action. */
function expected(action: FeedbackAction, party: keyof typeof PARTIES, role: Role): string {
  if (party === 'stranger') return 'NOT_FOUND';
  if (role === 'write') return 'ok';
  if (role === 'read') return READS.includes(action) ? 'ok' : 'FORBIDDEN';
  return 'FORBIDDEN'; // procure and admin carry no right on feedback
}

const CASES = ACTIONS.flatMap((action) =>
  (Object.keys(PARTIES) as Array<keyof typeof PARTIES>).flatMap((party) => ROLES.map((role) => [action, party, role, expected(action, party, role)] as const)),
);

describe('the feedback access table: action × party × role', () => {
  it('has a rule for every action and names only the two parties of a contract', () => {
    expect(ACTIONS).toHaveLength(11);
    for (const rule of Object.values(FEEDBACK_ACCESS)) expect(rule.parties).toEqual(['client', 'centre']);
  });

  it.each(CASES)('%s by the %s with the %s role: %s', async (action, party, role, answer) => {
    const got = await outcome(() => authorize(ctx(PARTIES[party], [role]), action, resource(action, true)));
    expect(got.split(':')[0]).toBe(answer);
    if (answer === 'FORBIDDEN') expect(got).toMatch(/needs a token with the (read|write) role/);
  });

  it.each(ACTIONS)('%s: a stranger gets the same answer for a real id as for a made-up one', async (action) => {
    for (const role of ROLES) {
      const real = await outcome(() => authorize(ctx(STRANGER, [role]), action, resource(action, true)));
      const madeUp = await outcome(() => authorize(ctx(STRANGER, [role], false), action, resource(action, false)));
      expect(real).toBe(madeUp);
      expect(real).toMatch(/^NOT_FOUND: /);
      // A party asking for a made-up id is answered the same too.
      expect(await outcome(() => authorize(ctx(CLIENT, ['write'], false), action, resource(action, false)))).toBe(madeUp);
    }
  });

  it("names the corrective action asked for, never its complaint's id", async () => {
    const real = await outcome(() => authorize(ctx(STRANGER, ['write']), 'completeCorrectiveAction', resource('completeCorrectiveAction', true)));
    expect(real).toBe('NOT_FOUND: Corrective action cac-1 was not found (or is not visible to your organisation)');
    expect(real).not.toContain('cmp-1');
  });

  it('hands back the facts the use case goes on with', async () => {
    expect(await authorize(ctx(CENTRE, ['write']), 'uploadSurveyResponses', { queueId: 'q-1' })).toBe(QUEUE);
    expect(await authorize(ctx(CLIENT, ['read']), 'readContractFeedback', { contractId: 'ct-1' })).toBe(CONTRACT);
    expect(await authorize(ctx(CENTRE, ['read']), 'readComplaint', { complaintId: 'cmp-1', complaint: COMPLAINT })).toEqual({ complaint: COMPLAINT, parties: ['centre'] });
  });

  it('passes a peer failure on with its code rather than answering NOT_FOUND', async () => {
    const down: FeedbackContext = {
      ...ctx(CLIENT, ['write']),
      contracts: {
        queue: { load: async () => Promise.reject(new GraphQLError('the contracts subgraph did not answer', { extensions: { code: 'UPSTREAM_UNAVAILABLE' } })) },
        contract: { load: async () => null },
      },
    };
    expect(await outcome(() => authorize(down, 'uploadSurveyResponses', { queueId: 'q-1' }))).toMatch(/^UPSTREAM_UNAVAILABLE/);
  });
});

describe('the ISO 10002 transition table', () => {
  const code = async (run: () => unknown) => (await outcome(async () => run())).split(':')[0];

  it('names only known statuses and leaves WITHDRAWN final', () => {
    for (const [from, targets] of Object.entries(TRANSITIONS)) {
      expect(COMPLAINT_STATUSES).toContain(from);
      for (const to of Object.keys(targets)) expect(COMPLAINT_STATUSES).toContain(to);
    }
    expect(TRANSITIONS.WITHDRAWN).toEqual({});
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...COMPLAINT_STATUSES].sort());
  });

  it('lets the centre handle and either party escalate, close, reopen and withdraw', async () => {
    expect(await code(() => checkTransition(['centre'], 'RECEIVED', 'ACKNOWLEDGED'))).toBe('ok');
    expect(await code(() => checkTransition(['client'], 'RECEIVED', 'ACKNOWLEDGED'))).toBe('FORBIDDEN');
    expect(await code(() => checkTransition(['client'], 'INVESTIGATING', 'RESPONDED'))).toBe('FORBIDDEN');
    expect(await code(() => checkTransition(['client'], 'ESCALATED', 'RESPONDED'))).toBe('ok');
    expect(await code(() => checkTransition(['client'], 'INVESTIGATING', 'ESCALATED'))).toBe('ok');
    expect(await code(() => checkTransition(['client'], 'RESPONDED', 'CLOSED'))).toBe('ok');
    expect(await code(() => checkTransition(['centre'], 'CLOSED', 'REOPENED'))).toBe('ok');
    expect(await code(() => checkTransition(['client'], 'ACKNOWLEDGED', 'WITHDRAWN'))).toBe('ok');
  });

  it('refuses what the lifecycle does not allow with CONFLICT, before asking who', async () => {
    expect(await code(() => checkTransition(['centre'], 'RECEIVED', 'RESPONDED'))).toBe('CONFLICT');
    expect(await code(() => checkTransition(['client'], 'RECEIVED', 'CLOSED'))).toBe('CONFLICT');
    expect(await code(() => checkTransition(['centre'], 'WITHDRAWN', 'REOPENED'))).toBe('CONFLICT');
    expect(await code(() => checkTransition(['centre'], 'CLOSED', 'WITHDRAWN'))).toBe('CONFLICT');
    expect(await code(() => checkTransition(['centre'], 'RESPONDED', 'RESPONDED'))).toBe('CONFLICT');
  });

  it('is applied by authorize after the table: a party with the write role may still be the wrong one', async () => {
    const move = (org: string, to: 'ACKNOWLEDGED' | 'RESPONDED') => outcome(() => authorize(ctx(org, ['write']), 'transitionComplaint', { complaintId: 'cmp-1', complaint: COMPLAINT, to }));
    expect(await move(CENTRE, 'ACKNOWLEDGED')).toBe('ok');
    expect(await move(CLIENT, 'ACKNOWLEDGED')).toBe('FORBIDDEN: only the centre moves a RECEIVED complaint to ACKNOWLEDGED');
    expect(await move(CENTRE, 'RESPONDED')).toMatch(/^CONFLICT: a RECEIVED complaint cannot move to RESPONDED/);
    expect(await move(STRANGER, 'RESPONDED')).toMatch(/^NOT_FOUND: Complaint cmp-1/);
  });
});
