import { Arg, Args, ArgsType, ClassType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { SubgraphContext } from '../../platform/subgraph';
import { LIST_LIMITS } from '../../metrics/bounds';
import { CATALOGUE, METRIC_KEYS, valueDomain } from '../../metrics/catalogue';
import { allows, contractTarget } from '../access';
import { useCaseContext } from '../context';
import * as useCases from '../contracts';
import type { ContractRow } from '../entities/contract';
import type { QueueRow } from '../entities/queue';
import type { SlaTargetRow } from '../entities/sla-target';
import { ContractsLoaders, clearLoaders } from '../loaders';
import { ContractStatusEnum, OrganisationKindEnum } from './enums';
import {
  ComplaintTermsInput,
  PriceTermsInput,
  CreateContractInput,
  InformationItemInput,
  QueueInput,
  RegisterOrganisationInput,
  ReportingObligationInput,
  ResponsibilityInput,
  ServiceTermInput,
  SlaTargetInput,
  UpdateContractInput,
} from './inputs';
import { Amendment, Contract, ContractState, Me, MetricInfo, Money, Organisation, PriceTerms, PriceTermsVersion, Queue, ServiceCredit, SlaTarget, SlaTargetVersion } from './types';
import type { PriceTerms as PriceTermsValue } from '../../metrics/pricing';

type Context = SubgraphContext<ContractsLoaders>;

/** The arguments every change to a contract takes. */
@ArgsType()
class ChangeArgs {
  @Field(() => String, { nullable: true, description: 'Why: required once the contract is ACTIVE, kept in its amendment history' })
  reason?: string;

  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the contract is still at this revision' })
  expectedRevision?: number;

  @Field(() => Date, { nullable: true, description: 'From when the change applies; now when left out; not before the previous change' })
  effectiveFrom?: Date;
}

@Resolver()
export class ContractQueries {
  @Query(() => Me, { description: 'The caller and its organisation' })
  async me(@Ctx() ctx: Context): Promise<Me> {
    const organisation = await ctx.loaders.organisation.load(ctx.viewer.organisationId);
    return { subject: ctx.viewer.subject, roles: ctx.viewer.roles, organisation };
  }

  @Query(() => [Organisation], { description: 'The directory of organisations (names only), e.g. to pick a centre for a contract' })
  async organisations(
    @Ctx() ctx: Context,
    @Arg('kind', () => OrganisationKindEnum, { nullable: true }) kind?: 'CLIENT' | 'CENTRE',
  ): Promise<Organisation[]> {
    return useCases.listOrganisations(useCaseContext(ctx), kind);
  }

  @Query(() => [Contract], { description: 'Contracts your organisation is a party to (as client or as centre), ordered by id' })
  contracts(
    @Ctx() ctx: Context,
    @Arg('status', () => ContractStatusEnum, { nullable: true }) status?: string,
    @Arg('first', () => Int, { defaultValue: 100, description: 'Page size, 1 to 500' }) first = 100,
    @Arg('after', () => ID, { nullable: true, description: 'The last id of the previous page' }) after?: string,
  ): Promise<ContractRow[]> {
    return useCases.listContracts(useCaseContext(ctx), { status, first, after });
  }

  @Query(() => Contract, { description: 'One contract; NOT_FOUND when it does not exist or is not yours' })
  async contract(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<ContractRow> {
    return useCases.readContract(useCaseContext(ctx), id, await ctx.loaders.contract.load(id));
  }

  @Query(() => [Queue], {
    nullable: 'items',
    description: `Queues by id (at most ${LIST_LIMITS.idsPerLookup}), each id answered once, in the order first asked; null for a queue that does not exist or is not yours`,
  })
  async queues(@Ctx() ctx: Context, @Arg('ids', () => [ID]) ids: string[]): Promise<(QueueRow | null)[]> {
    const distinct = useCases.lookupIds(useCaseContext(ctx), ids);
    return Promise.all(distinct.map((id) => referenceResolvers.Queue({ id }, ctx)));
  }

  @Query(() => [MetricInfo], { description: 'The canonical metric catalogue: keys, variants, parameters and units' })
  metricCatalogue(): MetricInfo[] {
    return METRIC_KEYS.map((key) => {
      const spec = CATALOGUE[key];
      return {
        ...spec,
        minimum: Number.isFinite(spec.range[0]) ? spec.range[0] : null,
        maximum: Number.isFinite(spec.range[1]) ? spec.range[1] : null,
        variants: spec.variants.map((v) => ({ ...v, unit: valueDomain(key, v.key).unit })),
      };
    });
  }
}

@Resolver()
export class ContractMutations {
  private async done<T>(ctx: Context, work: Promise<T>): Promise<T> {
    const result = await work;
    clearLoaders(ctx.loaders);
    return result;
  }

  @Mutation(() => Organisation, { description: 'Hub operator (admin role): register a client or centre organisation' })
  registerOrganisation(@Ctx() ctx: Context, @Arg('input', () => RegisterOrganisationInput) input: RegisterOrganisationInput) {
    return this.done(ctx, useCases.registerOrganisation(useCaseContext(ctx), input));
  }

  @Mutation(() => Contract, { description: 'A client creates a DRAFT contract with a centre' })
  createContract(
    @Ctx() ctx: Context,
    @Arg('input', () => CreateContractInput) input: CreateContractInput,
    @Arg('effectiveFrom', () => Date, { nullable: true, description: 'From when the draft counts (for recording a running agreement)' })
    effectiveFrom?: Date,
  ) {
    return this.done(ctx, useCases.createContract(useCaseContext(ctx), input, { effectiveFrom }));
  }

  @Mutation(() => Contract)
  updateContract(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateContractInput) input: UpdateContractInput,
    @Args(() => ChangeArgs) change: ChangeArgs,
  ) {
    return this.done(ctx, useCases.updateContract(useCaseContext(ctx), id, input, change));
  }

  @Mutation(() => Queue)
  addQueue(
    @Ctx() ctx: Context,
    @Arg('contractId', () => ID) contractId: string,
    @Arg('input', () => QueueInput) input: QueueInput,
    @Args(() => ChangeArgs) change: ChangeArgs,
  ) {
    return this.done(ctx, useCases.addQueue(useCaseContext(ctx), contractId, input, change));
  }

  @Mutation(() => Queue)
  updateQueue(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => QueueInput) input: QueueInput,
    @Args(() => ChangeArgs) change: ChangeArgs,
  ) {
    return this.done(ctx, useCases.updateQueue(useCaseContext(ctx), id, input, change));
  }

  @Mutation(() => SlaTarget, { description: 'Add an SLA target, or replace the definition of an existing one (input.id)' })
  setSlaTarget(
    @Ctx() ctx: Context,
    @Arg('contractId', () => ID) contractId: string,
    @Arg('input', () => SlaTargetInput) input: SlaTargetInput,
    @Args(() => ChangeArgs) change: ChangeArgs,
  ) {
    return this.done(ctx, useCases.setSlaTarget(useCaseContext(ctx), contractId, input, change));
  }

  @Mutation(() => Contract)
  removeSlaTarget(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Args(() => ChangeArgs) change: ChangeArgs,
  ) {
    return this.done(ctx, useCases.removeSlaTarget(useCaseContext(ctx), id, change));
  }

  @Mutation(() => Contract, { description: '6.4: replace the roles and responsibilities' })
  setResponsibilities(
    @Ctx() ctx: Context,
    @Arg('contractId', () => ID) contractId: string,
    @Arg('items', () => [ResponsibilityInput]) items: ResponsibilityInput[],
    @Args(() => ChangeArgs) change: ChangeArgs,
  ) {
    const values = items.map((i) => ({ ...i, contactEmail: i.contactEmail ?? null, description: i.description ?? null }));
    return this.done(ctx, useCases.setResponsibilities(useCaseContext(ctx), contractId, values, change));
  }

  @Mutation(() => Contract, { description: '6.5: replace the information the client hands to the centre' })
  setInformationItems(
    @Ctx() ctx: Context,
    @Arg('contractId', () => ID) contractId: string,
    @Arg('items', () => [InformationItemInput]) items: InformationItemInput[],
    @Args(() => ChangeArgs) change: ChangeArgs,
  ) {
    const values = items.map((i) => ({ ...i, description: i.description ?? null }));
    return this.done(ctx, useCases.setInformationItems(useCaseContext(ctx), contractId, values, change));
  }

  @Mutation(() => Contract, { description: '6.8: replace the reporting obligations' })
  setReportingObligations(
    @Ctx() ctx: Context,
    @Arg('contractId', () => ID) contractId: string,
    @Arg('items', () => [ReportingObligationInput]) items: ReportingObligationInput[],
    @Args(() => ChangeArgs) change: ChangeArgs,
  ) {
    return this.done(ctx, useCases.setReportingObligations(useCaseContext(ctx), contractId, items.map((i) => ({ ...i })), change));
  }

  @Mutation(() => Contract, { description: 'ISO 10002 clocks for complaint handling' })
  setComplaintTerms(
    @Ctx() ctx: Context,
    @Arg('contractId', () => ID) contractId: string,
    @Arg('terms', () => ComplaintTermsInput) terms: ComplaintTermsInput,
    @Args(() => ChangeArgs) change: ChangeArgs,
  ) {
    const value = {
      acknowledgeWithinHours: terms.acknowledgeWithinHours,
      resolveWithinDays: terms.resolveWithinDays,
      calendar: { timeZone: terms.calendar.timeZone, hours: terms.calendar.hours.map((h) => ({ ...h })), holidays: [...terms.calendar.holidays] },
    };
    return this.done(ctx, useCases.setComplaintTerms(useCaseContext(ctx), contractId, value, change));
  }

  @Mutation(() => Contract, { description: '6.10: replace the service terms' })
  setServiceTerms(
    @Ctx() ctx: Context,
    @Arg('contractId', () => ID) contractId: string,
    @Arg('items', () => [ServiceTermInput]) items: ServiceTermInput[],
    @Args(() => ChangeArgs) change: ChangeArgs,
  ) {
    return this.done(ctx, useCases.setServiceTerms(useCaseContext(ctx), contractId, items.map((i) => ({ ...i })), change));
  }

  @Mutation(() => Contract, {
    description:
      "The client sets the price terms, replacing the previous ones from effectiveFrom (a change dated mid-month splits that month's statement lines); BAD_USER_INPUT for overlapping bands, a negative rate …",
  })
  setPriceTerms(
    @Ctx() ctx: Context,
    @Arg('contractId', () => ID) contractId: string,
    @Arg('terms', () => PriceTermsInput) terms: PriceTermsInput,
    @Args(() => ChangeArgs) change: ChangeArgs,
  ) {
    return this.done(ctx, useCases.setPriceTerms(useCaseContext(ctx), contractId, terms, change));
  }

  @Mutation(() => Contract, { description: 'DRAFT to ACTIVE; needs at least one queue and one SLA target' })
  activateContract(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Args(() => ChangeArgs) change: ChangeArgs,
  ) {
    return this.done(ctx, useCases.activateContract(useCaseContext(ctx), id, change));
  }
}

async function organisationOf(ctx: Context, id: string): Promise<Organisation> {
  const org = await ctx.loaders.organisation.load(id);
  if (!org) throw new Error(`organisation ${id} referenced by a contract is missing`);
  return org;
}

function withCurrency(terms: PriceTermsValue, currency: string): PriceTerms {
  return { ...terms, currency };
}

/** Fields a contract and its past states resolve alike. */
function partyFieldResolvers<T extends ClassType>(type: T) {
  @Resolver(() => type)
  abstract class PartyFields {
    @FieldResolver(() => Organisation)
    client(@Root() c: ContractRow, @Ctx() ctx: Context) {
      return organisationOf(ctx, c.clientId);
    }

    @FieldResolver(() => Organisation)
    centre(@Root() c: ContractRow, @Ctx() ctx: Context) {
      return organisationOf(ctx, c.centreId);
    }

    @FieldResolver(() => Money, { nullable: true })
    monthlyFee(@Root() c: ContractRow): Money | null {
      return c.monthlyFeeMinor === null ? null : { amountMinor: c.monthlyFeeMinor, currency: c.currency };
    }

    @FieldResolver(() => PriceTerms, { nullable: true, description: 'What the client pays; null until set' })
    priceTerms(@Root() c: ContractRow): PriceTerms | null {
      return c.priceTerms ? withCurrency(c.priceTerms, c.currency) : null;
    }
  }
  return PartyFields;
}

@Resolver(() => Contract)
export class ContractFieldResolvers extends partyFieldResolvers(Contract) {
  @FieldResolver(() => [Queue])
  queues(@Root() c: ContractRow, @Ctx() ctx: Context) {
    return ctx.loaders.queuesByContract.load(c.id);
  }

  @FieldResolver(() => [SlaTarget])
  slaTargets(@Root() c: ContractRow, @Ctx() ctx: Context) {
    return ctx.loaders.slaTargetsByContract.load(c.id);
  }

  @FieldResolver(() => [Amendment], { description: 'Every recorded change, oldest first: who, when, why and what' })
  amendments(@Root() c: ContractRow, @Ctx() ctx: Context) {
    return ctx.loaders.amendmentsByContract.load(c.id);
  }

  @FieldResolver(() => [PriceTermsVersion], { description: 'The price terms in force while the contract was active, oldest first, each with its effective dates' })
  async priceTermsHistory(@Root() c: ContractRow, @Ctx() ctx: Context): Promise<PriceTermsVersion[]> {
    const { priceTerms } = await ctx.loaders.historiesByContract.load(c.id);
    return priceTerms.map((v) => ({ ...v, terms: withCurrency(v.terms, c.currency) }));
  }

  @FieldResolver(() => ContractState, { nullable: true, description: 'The contract as it stood at an instant; null before it existed' })
  async asOf(@Root() c: ContractRow, @Ctx() ctx: Context, @Arg('at', () => Date) at: Date): Promise<ContractState | null> {
    useCases.checkStateInstant(at);
    const row = await ctx.loaders.stateAt.load({ contractId: c.id, at });
    if (!row) return null;
    return { ...row.snapshot, revision: row.revision, effectiveFrom: row.effectiveFrom } as unknown as ContractState;
  }
}

@Resolver(() => ContractState)
export class ContractStateFieldResolvers extends partyFieldResolvers(ContractState) {}

@Resolver(() => Queue)
export class QueueFieldResolvers {
  @FieldResolver(() => Contract)
  async contract(@Root() q: QueueRow, @Ctx() ctx: Context) {
    return useCases.readContract(useCaseContext(ctx), q.contractId, await ctx.loaders.contract.load(q.contractId));
  }
}

@Resolver(() => SlaTarget)
export class SlaTargetFieldResolvers {
  @FieldResolver(() => Contract)
  async contract(@Root() t: SlaTargetRow, @Ctx() ctx: Context) {
    return useCases.readContract(useCaseContext(ctx), t.contractId, await ctx.loaders.contract.load(t.contractId));
  }

  @FieldResolver(() => Queue, { nullable: true, description: 'Null when the target covers all queues of the contract' })
  queue(@Root() t: SlaTargetRow, @Ctx() ctx: Context) {
    return t.queueId ? ctx.loaders.queue.load(t.queueId) : null;
  }

  @FieldResolver(() => [SlaTargetVersion], { description: 'Its definitions over time, while the contract was active, oldest first' })
  async history(@Root() t: SlaTargetRow, @Ctx() ctx: Context): Promise<SlaTargetVersion[]> {
    return (await ctx.loaders.historiesByContract.load(t.contractId)).targets.get(t.id) ?? [];
  }

  @FieldResolver(() => ServiceCredit, { nullable: true })
  serviceCredit(@Root() t: SlaTargetRow): ServiceCredit | null {
    return t.creditPercentPerPoint === null || t.creditCapPercent === null
      ? null
      : { percentPerPoint: t.creditPercentPerPoint, capPercent: t.creditCapPercent };
  }
}

/** Federation entry points: each reference is batched through a loader and filtered by tenancy. */
export const referenceResolvers = {
  Organisation: (ref: { id: string }, ctx: Context) => ctx.loaders.organisation.load(ref.id),
  Contract: async (ref: { id: string }, ctx: Context) => {
    const contract = await ctx.loaders.contract.load(ref.id);
    return allows(ctx, 'contract.read', contractTarget('Contract', ref.id, contract)) ? contract : null;
  },
  Queue: async (ref: { id: string }, ctx: Context) => {
    const queue = await ctx.loaders.queue.load(ref.id);
    const contract = queue && (await ctx.loaders.contract.load(queue.contractId));
    return allows(ctx, 'contract.read', contractTarget('Queue', ref.id, contract)) ? queue : null;
  },
  SlaTarget: async (ref: { id: string }, ctx: Context) => {
    const target = await ctx.loaders.slaTarget.load(ref.id);
    const contract = target && (await ctx.loaders.contract.load(target.contractId));
    return allows(ctx, 'contract.read', contractTarget('SlaTarget', ref.id, contract)) ? target : null;
  },
};
