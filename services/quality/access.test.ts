import { GraphQLError } from 'graphql';
import { ROLES, Role } from '../platform/auth';
import type { ContractFacts, QueueFacts } from '../clients/contracts';
import { authorize, QUALITY_ACCESS, QualityAction, QualityResources } from './access';
import type { ContractFactsSource, QualityContext } from './context';
import type { CalibrationSessionRow } from './entities/calibration';
import type { ScorecardRow } from './entities/scorecard';

const CLIENT = 'acme';
const CENTRE = 'callco';
const STRANGER = 'umbrella';

const QUEUE: QueueFacts = { id: 'q-1', timeZone: 'Europe/Paris', contractId: 'ct-1', contractStatus: 'ACTIVE', clientId: CLIENT, centreId: CENTRE };
const CONTRACT = { id: 'ct-1', status: 'ACTIVE', clientId: CLIENT, centreId: CENTRE, queues: [{ id: 'q-1', timeZone: 'Europe/Paris' }] } as ContractFacts;
const SCORECARD = { id: 'sc-1', contractId: 'ct-1', clientId: CLIENT, centreId: CENTRE, createdEpoch: 0 } as ScorecardRow;
const SESSION = { id: 'cal-1', contractId: 'ct-1', scorecardId: 'sc-1', clientId: CLIENT, centreId: CENTRE, status: 'OPEN' } as CalibrationSessionRow;

/**
 * A stub of the contracts client. It answers whoever asks (the real contracts subgraph hides a
 * stranger's contracts itself): quality's own table must keep strangers out all the same.
 */
function contracts(known: boolean): ContractFactsSource {
  return {
    queue: { load: async (id) => (known && id === QUEUE.id ? QUEUE : null) },
    contract: { load: async (id) => (known && id === CONTRACT.id ? CONTRACT : null) },
  };
}

function ctx(org: string, roles: Role[], known = true): QualityContext {
  return { viewer: { subject: `user-of-${org}`, organisationId: org, roles }, db: null as never, now: new Date('2026-06-01T00:00:00Z'), contracts: contracts(known) };
}

/** The resource each action is asked about: real (the stub knows it), or made up (same ids, nothing behind them). */
function resource<A extends QualityAction>(action: A, real: boolean): QualityResources[A] {
  const scorecard = { scorecardId: 'sc-1', scorecard: real ? SCORECARD : null };
  const session = { sessionId: 'cal-1', session: real ? SESSION : null };
  const all: { [K in QualityAction]: QualityResources[K] } = {
    defineScorecard: { contractId: 'ct-1' },
    reviseScorecard: scorecard,
    readScorecard: scorecard,
    recordEvaluations: scorecard,
    readContractQuality: { contractId: 'ct-1' },
    readQueueQuality: { queueId: 'q-1' },
    openCalibrationSession: scorecard,
    readCalibrationSession: session,
    scoreCalibrationSession: session,
    closeCalibrationSession: session,
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

const ACTIONS = Object.keys(QUALITY_ACCESS) as QualityAction[];
const READS: QualityAction[] = ['readScorecard', 'readContractQuality', 'readQueueQuality', 'readCalibrationSession'];
const CLIENT_ONLY: QualityAction[] = ['defineScorecard', 'reviseScorecard'];
const PARTIES = { client: CLIENT, centre: CENTRE, stranger: STRANGER } as const;

/** What each party with each role is answered, for every action. */
function expected(action: QualityAction, party: keyof typeof PARTIES, role: Role): string {
  if (party === 'stranger') return 'NOT_FOUND';
  if (READS.includes(action)) return role === 'read' || role === 'write' ? 'ok' : 'FORBIDDEN';
  if (role !== 'write') return 'FORBIDDEN';
  return CLIENT_ONLY.includes(action) && party === 'centre' ? 'FORBIDDEN' : 'ok';
}

const CASES = ACTIONS.flatMap((action) =>
  (Object.keys(PARTIES) as Array<keyof typeof PARTIES>).flatMap((party) => ROLES.map((role) => [action, party, role, expected(action, party, role)] as const)),
);

describe('the quality access table: action × party × role', () => {
  it('has a rule for every action; only the client defines and revises scorecards', () => {
    expect(ACTIONS).toHaveLength(10);
    for (const action of ACTIONS) expect(QUALITY_ACCESS[action].parties).toEqual(CLIENT_ONLY.includes(action) ? ['client'] : ['client', 'centre']);
  });

  it.each(CASES)('%s by the %s with the %s role: %s', async (action, party, role, answer) => {
    const got = await outcome(() => authorize(ctx(PARTIES[party], [role]), action, resource(action, true)));
    expect(got.split(':')[0]).toBe(answer);
  });

  it.each(ACTIONS)('%s: a stranger gets the same answer for a real id as for a made-up one', async (action) => {
    for (const role of ROLES) {
      const real = await outcome(() => authorize(ctx(STRANGER, [role]), action, resource(action, true)));
      const madeUp = await outcome(() => authorize(ctx(STRANGER, [role], false), action, resource(action, false)));
      expect(real).toBe(madeUp);
      expect(real).toMatch(/^NOT_FOUND: /);
      expect(await outcome(() => authorize(ctx(CLIENT, ['write'], false), action, resource(action, false)))).toBe(madeUp);
    }
  });

  it("hands back the caller's side: the party evaluations are recorded under, never taken from input", async () => {
    expect((await authorize(ctx(CENTRE, ['write']), 'recordEvaluations', resource('recordEvaluations', true))).party).toBe('CENTRE');
    expect((await authorize(ctx(CLIENT, ['write']), 'recordEvaluations', resource('recordEvaluations', true))).party).toBe('CLIENT');
    expect((await authorize(ctx(CENTRE, ['write']), 'scoreCalibrationSession', resource('scoreCalibrationSession', true))).party).toBe('CENTRE');
    expect(await authorize(ctx(CLIENT, ['read']), 'readQueueQuality', { queueId: 'q-1' })).toEqual({ ...QUEUE, party: 'CLIENT' });
  });

  it('passes a peer failure on with its code rather than answering NOT_FOUND', async () => {
    const down: QualityContext = {
      ...ctx(CLIENT, ['write']),
      contracts: {
        queue: { load: async () => null },
        contract: { load: async () => Promise.reject(new GraphQLError('the contracts subgraph did not answer', { extensions: { code: 'UPSTREAM_UNAVAILABLE' } })) },
      },
    };
    expect(await outcome(() => authorize(down, 'defineScorecard', { contractId: 'ct-1' }))).toMatch(/^UPSTREAM_UNAVAILABLE/);
  });
});
