import { GraphQLError } from 'graphql';
import type { ContractFacts, QueueFacts, VolumeShareGroupFacts } from '../clients/contracts';
import type { Role, Viewer } from '../platform/auth';
import { authorize, ForecastAction } from './access';
import type { ForecastsContext } from './context';
import type { ForecastRow } from './entities/forecast';
import type { VolumeDriverRow } from './entities/volume-driver';
import type { ForecastsLoaders } from './loaders';

/**
 * The forecasts access table, action × party × role, against stub peers (no HTTP). Parties:
 * acme is the client of contract ct-1 (queue q-1, served by callco) and owns the volume share
 * group g-1, whose members are q-1 (callco) and q-2 of contract ct-2, served by phoneco, a
 * member centre that is no party to ct-1. umbrella is a stranger.
 */
const queue: QueueFacts = { id: 'q-1', timeZone: 'Europe/Paris', contractId: 'ct-1', contractStatus: 'ACTIVE', clientId: 'acme', centreId: 'callco' };
const contract: ContractFacts = {
  id: 'ct-1', status: 'ACTIVE', clientId: 'acme', centreId: 'callco', monthlyFeeMinor: null, currency: 'EUR',
  queues: [{ id: 'q-1', timeZone: 'Europe/Paris' }], slaTargets: [], complaintTerms: null,
};
const group: VolumeShareGroupFacts = {
  id: 'g-1', name: 'Care', members: [
    { queueId: 'q-1', contractId: 'ct-1', centreId: 'callco', share: 0.6 },
    { queueId: 'q-2', contractId: 'ct-2', centreId: 'phoneco', share: 0.4 },
  ],
};
const forecasts = new Map<string, Partial<ForecastRow>>([
  ['fc-1', { id: 'fc-1', queueId: 'q-1', contractId: 'ct-1' }],
  ['fc-group', { id: 'fc-group', queueId: 'group:g-1', contractId: 'group:g-1' }],
]);
const drivers = new Map<string, Partial<VolumeDriverRow>>([['vd-1', { id: 'vd-1', contractId: 'ct-1' }]]);

/**
 * Contracts as it behaves (it refuses a token without the read role, FORBIDDEN, and answers only
 * the parties; a group only its client), or `open`: answering everybody, to show the rule here
 * does not lean on contracts' filter alone.
 */
function stubContext(org: string, roles: Role[], contracts: 'filtering' | 'open'): ForecastsContext {
  const viewer: Viewer = { subject: `user-of-${org}`, organisationId: org, roles };
  const party = (facts: { clientId: string; centreId: string }) => contracts === 'open' || org === facts.clientId || org === facts.centreId;
  const lookup = <V>(find: (key: string) => V | null) => ({ load: async (key: string) => find(key) });
  const refusing = <V>(find: (key: string) => V | null) => ({
    load: async (key: string) => {
      if (contracts === 'filtering' && !roles.includes('read') && !roles.includes('write')) throw new GraphQLError('your token has no read role', { extensions: { code: 'FORBIDDEN' } });
      return find(key);
    },
  });
  const loaders = {
    contracts: {
      queue: refusing((id) => (id === queue.id && party(queue) ? queue : null)),
      contract: refusing((id) => (id === contract.id && party(contract) ? contract : null)),
      volumeShare: refusing(() => null),
      volumeShareGroup: refusing((id) => (id === group.id && (contracts === 'open' || org === 'acme') ? group : null)),
    },
    forecast: lookup((id) => (forecasts.get(id) as ForecastRow) ?? null),
    driver: lookup((id) => (drivers.get(id) as VolumeDriverRow) ?? null),
  };
  return { viewer, db: null as never, now: new Date('2026-06-01T00:00:00Z'), loaders: loaders as unknown as ForecastsLoaders };
}

type Outcome = 'ok' | 'FORBIDDEN' | 'NOT_FOUND';

async function outcome(ctx: ForecastsContext, action: ForecastAction, target: Record<string, string>): Promise<{ code: Outcome; message: string }> {
  try {
    await (authorize as (c: ForecastsContext, a: ForecastAction, t: Record<string, string>) => Promise<unknown>)(ctx, action, target);
    return { code: 'ok', message: '' };
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return { code: error.extensions.code as Outcome, message: error.message };
  }
}

const ROLES: Array<[string, Role[]]> = [['write', ['write']], ['read', ['read']], ['procure', ['procure']]];
const PARTIES: Array<[string, string]> = [['client', 'acme'], ['centre', 'callco'], ['member centre', 'phoneco'], ['stranger', 'umbrella']];
const ok = 'ok' as const, F = 'FORBIDDEN' as const, NF = 'NOT_FOUND' as const;

/** Per action: its target, a made-up target of the same kind, and the outcome per party for the roles write, read, procure. */
const TABLE: Array<{ action: ForecastAction; target: Record<string, string>; madeUp: Record<string, string>; expected: Record<string, [Outcome, Outcome, Outcome]> }> = [
  { action: 'readQueue', target: { queue: 'q-1' }, madeUp: { queue: 'q-nope' }, expected: { client: [ok, ok, F], centre: [ok, ok, F], 'member centre': [NF, NF, NF], stranger: [NF, NF, NF] } },
  { action: 'publishForecast', target: { queue: 'q-1' }, madeUp: { queue: 'q-nope' }, expected: { client: [F, F, F], centre: [ok, F, F], 'member centre': [NF, NF, NF], stranger: [NF, NF, NF] } },
  { action: 'planCapacity', target: { queue: 'q-1' }, madeUp: { queue: 'q-nope' }, expected: { client: [F, F, F], centre: [ok, F, F], 'member centre': [NF, NF, NF], stranger: [NF, NF, NF] } },
  { action: 'readContract', target: { contract: 'ct-1' }, madeUp: { contract: 'ct-nope' }, expected: { client: [ok, ok, F], centre: [ok, ok, F], 'member centre': [NF, NF, NF], stranger: [NF, NF, NF] } },
  { action: 'publishDriver', target: { contract: 'ct-1' }, madeUp: { contract: 'ct-nope' }, expected: { client: [ok, F, F], centre: [F, F, F], 'member centre': [NF, NF, NF], stranger: [NF, NF, NF] } },
  { action: 'removeDriver', target: { driver: 'vd-1' }, madeUp: { driver: 'vd-nope' }, expected: { client: [ok, F, F], centre: [F, F, F], 'member centre': [NF, NF, NF], stranger: [NF, NF, NF] } },
  { action: 'readForecast', target: { forecast: 'fc-1' }, madeUp: { forecast: 'fc-nope' }, expected: { client: [ok, ok, F], centre: [ok, ok, F], 'member centre': [NF, NF, NF], stranger: [NF, NF, NF] } },
  { action: 'readForecast', target: { forecast: 'fc-group' }, madeUp: { forecast: 'fc-nope' }, expected: { client: [NF, NF, NF], centre: [NF, NF, NF], 'member centre': [NF, NF, NF], stranger: [NF, NF, NF] } },
  { action: 'readGroup', target: { group: 'g-1' }, madeUp: { group: 'g-nope' }, expected: { client: [ok, ok, F], centre: [NF, NF, NF], 'member centre': [NF, NF, NF], stranger: [NF, NF, NF] } },
  { action: 'publishGroupForecast', target: { group: 'g-1' }, madeUp: { group: 'g-nope' }, expected: { client: [ok, F, F], centre: [NF, NF, NF], 'member centre': [NF, NF, NF], stranger: [NF, NF, NF] } },
];

const CASES = TABLE.flatMap((row) =>
  PARTIES.flatMap(([party, org]) =>
    ROLES.flatMap(([roleName, roles], r) =>
      // Behind contracts as it is, a token without the read role learns nothing, party or not.
      (['filtering', 'open'] as const).map((contracts) => ({ ...row, party, org, roleName, roles, contracts, want: contracts === 'filtering' && roleName === 'procure' ? NF : row.expected[party][r] })),
    ),
  ),
);

describe('forecasts authorize: action × party × role', () => {
  it.each(CASES)('$action $target: $party with $roleName ($contracts contracts) → $want', async (c) => {
    expect((await outcome(stubContext(c.org, c.roles, c.contracts), c.action, c.target)).code).toBe(c.want);
  });

  it('answers anybody who is not a party the same for a real id as for a made-up one, naming only what was asked', async () => {
    for (const row of TABLE) {
      for (const [party, org] of PARTIES) {
        for (const [roles, contracts] of [[['write'], 'filtering'], [['write'], 'open'], [['procure'], 'filtering']] as Array<[Role[], 'filtering' | 'open']>) {
          if (roles[0] === 'write' && row.expected[party][0] !== NF) continue;
          const ctx = stubContext(org, roles, contracts);
          const real = await outcome(ctx, row.action, row.target);
          const madeUp = await outcome(ctx, row.action, row.madeUp);
          const [kind] = Object.keys(row.target);
          expect({ party, action: row.action, real: real.message.replace(row.target[kind], '<id>') }).toEqual({
            party, action: row.action, real: madeUp.message.replace(row.madeUp[kind], '<id>'),
          });
          expect(real.message).toMatch(new RegExp(`^(Queue|Contract|VolumeShareGroup|Forecast|VolumeDriver) ${row.target[kind]} was not found`));
        }
      }
    }
  });

});
