import { GraphQLError } from 'graphql';
import type { ContractFacts, QueueFacts, VolumeShareGroupFacts } from '../clients/contracts';
import { AccessTable, decide, Parties } from '../platform/access';
import type { ForecastsContext } from './context';
import type { ForecastRow } from './entities/forecast';
import type { VolumeDriverRow } from './entities/volume-driver';
import { GROUP_PREFIX } from './versions';

/**
 * The one authorisation entry of the forecasts subgraph, called by the use cases (never by
 * resolvers): `authorize(ctx, action, target)`. Who the parties of a queue, contract or group are
 * comes from the contracts subgraph, asked with the caller's token: it answers only for what the
 * caller is party to, so a stranger's lookup comes back empty. The table below says which party
 * may do what; `decide` (platform/access.ts) answers NOT_FOUND, with the same message for a real
 * id and a made-up one, to anybody who is not a party, and FORBIDDEN to a party that may not.
 */
export type QueueAction = 'readQueue' | 'publishForecast' | 'planCapacity';
export type ContractAction = 'readContract' | 'publishDriver';
export type GroupAction = 'readGroup' | 'publishGroupForecast';
export type ForecastAction = QueueAction | ContractAction | GroupAction | 'readForecast' | 'removeDriver';

export const FORECAST_ACCESS: AccessTable<ForecastAction> = {
  readQueue: { role: 'read', parties: ['client', 'centre'], denied: 'only the client and the centre of the contract see its forecasts' },
  publishForecast: { role: 'write', parties: ['centre'], denied: 'only the centre that serves the queue publishes its forecasts' },
  planCapacity: { role: 'write', parties: ['centre'], denied: 'only the centre that serves the queue commits and schedules its hours' },
  readContract: { role: 'read', parties: ['client', 'centre'], denied: 'only the client and the centre of the contract see its drivers and capacity' },
  publishDriver: { role: 'write', parties: ['client'], denied: 'only the client of the contract publishes its volume drivers' },
  removeDriver: { role: 'write', parties: ['client'], denied: 'only the client of the contract withdraws its volume drivers' },
  readForecast: { role: 'read', parties: ['client', 'centre'], denied: 'only the client and the centre of the contract see its forecasts' },
  readGroup: { role: 'read', parties: ['owner'], denied: "only the group's client sees its capacity" },
  publishGroupForecast: { role: 'write', parties: ['owner'], denied: "only the group's client publishes its total forecast" },
};

export interface ForecastAccess {
  row: ForecastRow;
  queue: QueueFacts;
}

export interface DriverAccess {
  row: VolumeDriverRow;
  contract: ContractFacts;
}

/**
 * What contracts tells the caller about a thing, or null when it refuses to (FORBIDDEN, NOT_FOUND:
 * a token without the read role is refused before any id is looked at). A refusal reads like a
 * thing that does not exist, so a forecast or driver found by id answers as a made-up id does.
 */
async function visible<T>(lookup: Promise<T | null>): Promise<T | null> {
  try {
    return await lookup;
  } catch (error) {
    const code = error instanceof GraphQLError ? error.extensions?.code : undefined;
    if (code === 'FORBIDDEN' || code === 'NOT_FOUND') return null;
    throw error;
  }
}

const ofContract = (facts: { clientId: string; centreId: string } | null): Parties | null =>
  facts ? { clientId: facts.clientId, centreId: facts.centreId } : null;

/**
 * A volume share group's owner is the client of its member queues' contracts (contracts keeps
 * every member on a contract of the group's client, and a group has at least two members).
 * Contracts answers for a group only to that client anyway; reading the owner from a member's
 * contract keeps the rule here, whoever contracts answers.
 */
async function ofGroup(ctx: ForecastsContext, facts: VolumeShareGroupFacts | null): Promise<Parties | null> {
  if (!facts || facts.members.length === 0) return null;
  const memberContract = await visible(ctx.loaders.contracts.contract.load(facts.members[0].contractId));
  return memberContract ? { ownerId: memberContract.clientId } : null;
}

export function authorize(ctx: ForecastsContext, action: QueueAction, target: { queue: string }): Promise<QueueFacts>;
export function authorize(ctx: ForecastsContext, action: ContractAction, target: { contract: string }): Promise<ContractFacts>;
export function authorize(ctx: ForecastsContext, action: GroupAction, target: { group: string }): Promise<VolumeShareGroupFacts>;
export function authorize(ctx: ForecastsContext, action: 'readForecast', target: { forecast: string }): Promise<ForecastAccess>;
export function authorize(ctx: ForecastsContext, action: 'removeDriver', target: { driver: string }): Promise<DriverAccess>;
export async function authorize(
  ctx: ForecastsContext,
  action: ForecastAction,
  target: { queue: string } | { contract: string } | { group: string } | { forecast: string } | { driver: string },
): Promise<QueueFacts | ContractFacts | VolumeShareGroupFacts | ForecastAccess | DriverAccess> {
  const { contracts } = ctx.loaders;
  const check = (what: string, id: string, parties: Parties | null) => decide(FORECAST_ACCESS, ctx.viewer, action, { what, id, parties });
  if ('queue' in target) {
    const facts = await visible(contracts.queue.load(target.queue));
    check('Queue', target.queue, ofContract(facts));
    return facts!;
  }
  if ('contract' in target) {
    const facts = await visible(contracts.contract.load(target.contract));
    check('Contract', target.contract, ofContract(facts));
    return facts!;
  }
  if ('group' in target) {
    const facts = await visible(contracts.volumeShareGroup.load(target.group));
    check('VolumeShareGroup', target.group, await ofGroup(ctx, facts));
    return facts!;
  }
  if ('forecast' in target) {
    const row = await ctx.loaders.forecast.load(target.forecast);
    // A group's total forecast is read through its member queues, never by id.
    const queue = row && !row.queueId.startsWith(GROUP_PREFIX) ? await visible(contracts.queue.load(row.queueId)) : null;
    check('Forecast', target.forecast, ofContract(queue));
    return { row: row!, queue: queue! };
  }
  const row = await ctx.loaders.driver.load(target.driver);
  const contract = row ? await visible(contracts.contract.load(row.contractId)) : null;
  check('VolumeDriver', target.driver, ofContract(contract));
  return { row: row!, contract: contract! };
}
