import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Viewer } from '../platform/auth';
import { isUniqueViolation } from '../platform/database';
import { badInput, conflict, FieldProblem, notFound, Problems } from '../platform/errors';
import { CATALOGUE, isMetricKey, MetricDefinition, validateDefinition, validateGoal, CANONICAL_VARIANT } from '../metrics/catalogue';
import { ContractRevisionRow } from './entities/contract-revision';
import { ContractRow } from './entities/contract';
import { OrganisationKind, OrganisationRow } from './entities/organisation';
import { QueueRow } from './entities/queue';
import { SlaTargetRow } from './entities/sla-target';
import { authorizeAdmin, authorizeContract, authorizeCreateContract } from './policy';
import { diffSnapshots, takeSnapshot } from './snapshot';
import { ComplaintTermsValue, InformationItemValue, OpeningHoursValue, ReportingObligationValue, ResponsibilityValue, ServiceTermValue, validateComplaintTerms, validateCurrency, validateDates, validateInformationItems, validateOpeningHours, validateReportingObligations, validateResponsibilities, validateServiceTerms, validateTimeZone } from './terms';
import { Channel, Comparator, Direction, MeasurementWindow } from '../metrics/vocabulary';

/** The use cases of the contracts subgraph. Resolvers call these; rules live here. */
export interface UseCaseContext {
  viewer: Viewer;
  /** A data source, or the manager of a transaction already open (an award creates a contract inside its own). */
  db: DataSource | EntityManager;
  /** Id factory; the demo seed passes one for stable, readable ids. */
  newId?: (kind: IdKind) => string;
}

const MAX_FUTURE_MS = 366 * 24 * 3600 * 1000;

/** The entity manager to work with: inside a caller's transaction when there is one. */
export function managerOf(ctx: UseCaseContext): EntityManager {
  return ctx.db instanceof DataSource ? ctx.db.manager : ctx.db;
}

export type IdKind = 'contract' | 'queue' | 'slaTarget' | 'tender' | 'bid';

export function newId(ctx: UseCaseContext, kind: IdKind): string {
  return ctx.newId?.(kind) ?? randomUUID();
}

/** How a change to a contract is recorded: why (required once active) and against which revision. */
export interface ChangeOptions {
  reason?: string | null;
  /** When given, the change is refused with CONFLICT unless the contract is still at this revision. */
  expectedRevision?: number | null;
  /** When the change applies to the service; now when left out. */
  effectiveFrom?: Date | null;
}

function checkEffectiveFrom(effectiveFrom: Date, previous: Date | null, now: Date): void {
  if (effectiveFrom.getTime() > now.getTime() + MAX_FUTURE_MS) {
    throw badInput({ field: 'effectiveFrom', message: 'must be at most a year ahead' });
  }
  if (previous && effectiveFrom.getTime() < previous.getTime()) {
    throw badInput({
      field: 'effectiveFrom',
      message: `must not be before the previous change's effective date (${previous.toISOString()}); changes apply in order`,
    });
  }
}

const LIMITS = { queues: 500, slaTargets: 500, listItems: 200 };

function checkListSize(field: string, items: unknown[]): void {
  if (items.length > LIMITS.listItems) throw badInput({ field, message: `at most ${LIMITS.listItems} items` });
}

export async function registerOrganisation(
  ctx: UseCaseContext,
  input: { id?: string | null; name: string; kind: OrganisationKind },
): Promise<OrganisationRow> {
  authorizeAdmin(ctx.viewer);
  const problems = new Problems();
  if (!input.name?.trim() || input.name.length > 200) problems.add('name', 'must be 1 to 200 characters');
  if (input.id != null && !/^[a-z0-9][a-z0-9-]{1,63}$/.test(input.id)) {
    problems.add('id', 'must be 2-64 lower-case letters, digits or hyphens');
  }
  problems.throwIfAny();
  const row = managerOf(ctx).getRepository(OrganisationRow).create({
    id: input.id ?? randomUUID(),
    name: input.name.trim(),
    kind: input.kind,
    createdAt: new Date(),
  });
  try {
    await managerOf(ctx).getRepository(OrganisationRow).insert(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`an organisation with id ${row.id} already exists`);
    throw error;
  }
  return row;
}

export interface CreateContractInput {
  title: string;
  reference?: string | null;
  centreId: string;
  startDate: string;
  endDate?: string | null;
  currency: string;
  monthlyFeeMinor?: number | null;
}

function validateContractFields(input: Partial<CreateContractInput>, problems: Problems): void {
  if (input.title !== undefined && (!input.title?.trim() || input.title.length > 200)) {
    problems.add('title', 'must be 1 to 200 characters');
  }
  if (input.reference && input.reference.length > 64) problems.add('reference', 'must be at most 64 characters');
  if (input.currency !== undefined) problems.addAll('', validateCurrency('currency', input.currency));
  if (input.monthlyFeeMinor != null && (!Number.isSafeInteger(input.monthlyFeeMinor) || input.monthlyFeeMinor < 0)) {
    problems.add('monthlyFeeMinor', 'must be a whole, non-negative amount in minor units (cents)');
  }
}

export async function createContract(
  ctx: UseCaseContext,
  input: CreateContractInput,
  options: Pick<ChangeOptions, 'effectiveFrom'> = {},
): Promise<ContractRow> {
  const orgs = managerOf(ctx).getRepository(OrganisationRow);
  const [client, centre] = await Promise.all([
    orgs.findOneBy({ id: ctx.viewer.organisationId }),
    input.centreId ? orgs.findOneBy({ id: input.centreId }) : null,
  ]);
  authorizeCreateContract(ctx.viewer, client ?? undefined);
  const problems = new Problems();
  validateContractFields(input, problems);
  problems.addAll('', validateDates(input.startDate, input.endDate));
  if (!centre || centre.kind !== 'CENTRE') problems.add('centreId', `no contact centre with id "${input.centreId}"`);
  problems.throwIfAny();

  const now = new Date();
  const effectiveFrom = options.effectiveFrom ?? now;
  checkEffectiveFrom(effectiveFrom, null, now);
  const contract = managerOf(ctx).getRepository(ContractRow).create({
    id: newId(ctx, 'contract'),
    clientId: client!.id,
    centreId: centre!.id,
    title: input.title.trim(),
    reference: input.reference ?? null,
    status: 'DRAFT',
    startDate: input.startDate,
    endDate: input.endDate ?? null,
    currency: input.currency,
    monthlyFeeMinor: input.monthlyFeeMinor ?? null,
    revision: 1,
    responsibilities: [],
    informationItems: [],
    reportingObligations: [],
    complaintTerms: null,
    serviceTerms: [],
    activatedAt: null,
    createdAt: now,
    updatedAt: now,
  });
  await managerOf(ctx).transaction(async (tx) => {
    await tx.insert(ContractRow, contract);
    await tx.insert(ContractRevisionRow, {
      id: randomUUID(),
      contractId: contract.id,
      revision: 1,
      at: now,
      effectiveFrom,
      actorSubject: ctx.viewer.subject,
      actorOrganisationId: ctx.viewer.organisationId,
      reason: 'created',
      changes: diffSnapshots(null, takeSnapshot(contract, [], [])),
      snapshot: takeSnapshot(contract, [], []),
    });
  });
  return contract;
}

/**
 * The one path every change to an existing contract takes: authorise, apply the change in a
 * transaction, then record a revision (who, when, why, what changed, the new snapshot). The
 * contract's revision number moves by a conditional UPDATE, so two concurrent amendments
 * cannot both succeed from the same starting point: the later one gets CONFLICT.
 */
async function changeContract<T>(
  ctx: UseCaseContext,
  contractId: string,
  options: ChangeOptions,
  apply: (tx: EntityManager, contract: ContractRow) => Promise<T>,
): Promise<T> {
  try {
    return await managerOf(ctx).transaction(async (tx) => {
      const loaded = await tx.findOneBy(ContractRow, { id: contractId });
      const contract = authorizeContract(ctx.viewer, 'amend', loaded, contractId);
      const reason = options.reason?.trim() || null;
      if (contract.status === 'ACTIVE' && !reason) {
        throw badInput({ field: 'reason', message: 'an active contract is amended only with a reason, kept in its history' });
      }
      if (reason && reason.length > 2000) throw badInput({ field: 'reason', message: 'must be at most 2000 characters' });
      if (options.expectedRevision != null && options.expectedRevision !== contract.revision) {
        throw conflict(`contract ${contractId} is at revision ${contract.revision}, not ${options.expectedRevision}; reload it and retry`);
      }
      const startedAt = contract.revision;
      const result = await apply(tx, contract);

      const [queues, targets, previous] = await Promise.all([
        tx.findBy(QueueRow, { contractId }),
        tx.findBy(SlaTargetRow, { contractId }),
        tx.findOne(ContractRevisionRow, { where: { contractId }, order: { revision: 'DESC' } }),
      ]);
      const snapshot = takeSnapshot(contract, queues, targets);
      const changes = diffSnapshots(previous?.snapshot ?? null, snapshot);
      if (changes.length === 0) return result;

      const now = new Date();
      const effectiveFrom = options.effectiveFrom ?? now;
      checkEffectiveFrom(effectiveFrom, previous?.effectiveFrom ?? null, now);
      contract.revision = startedAt + 1;
      contract.updatedAt = now;
      snapshot.revision = contract.revision;
      const { id: _id, ...fields } = contract;
      const update = await tx
        .createQueryBuilder()
        .update(ContractRow)
        .set(fields)
        .where('id = :id AND revision = :startedAt', { id: contractId, startedAt })
        .execute();
      if (update.affected === 0) throw conflict(`contract ${contractId} changed while this change was being made; retry`);
      await tx.insert(ContractRevisionRow, {
        id: randomUUID(),
        contractId,
        revision: contract.revision,
        at: now,
        effectiveFrom,
        actorSubject: ctx.viewer.subject,
        actorOrganisationId: ctx.viewer.organisationId,
        reason,
        changes,
        snapshot,
      });
      return result;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`contract ${contractId} changed while this change was being made; retry`);
    throw error;
  }
}

export type UpdateContractInput = Partial<Omit<CreateContractInput, 'centreId' | 'currency'>>;

export function updateContract(ctx: UseCaseContext, id: string, input: UpdateContractInput, options: ChangeOptions): Promise<ContractRow> {
  return changeContract(ctx, id, options, async (_tx, contract) => {
    const problems = new Problems();
    validateContractFields(input, problems);
    const startDate = input.startDate ?? contract.startDate;
    const endDate = input.endDate === undefined ? contract.endDate : input.endDate;
    problems.addAll('', validateDates(startDate, endDate));
    problems.throwIfAny();
    if (input.title !== undefined) contract.title = input.title.trim();
    if (input.reference !== undefined) contract.reference = input.reference ?? null;
    if (input.monthlyFeeMinor !== undefined) contract.monthlyFeeMinor = input.monthlyFeeMinor ?? null;
    contract.startDate = startDate;
    contract.endDate = endDate ?? null;
    return contract;
  });
}

export interface QueueInput {
  name: string;
  channel: Channel;
  direction: Direction;
  timeZone: string;
  openingHours: OpeningHoursValue[];
}

function validateQueue(input: QueueInput): void {
  const problems = new Problems();
  if (!input.name?.trim() || input.name.length > 200) problems.add('name', 'must be 1 to 200 characters');
  problems.addAll('', validateTimeZone('timeZone', input.timeZone));
  if (input.openingHours.length > 7 * 4) problems.add('openingHours', 'at most 28 ranges (four a day)');
  problems.addAll('', validateOpeningHours('openingHours', input.openingHours));
  problems.throwIfAny();
}

export function addQueue(ctx: UseCaseContext, contractId: string, input: QueueInput, options: ChangeOptions): Promise<QueueRow> {
  return changeContract(ctx, contractId, options, async (tx, contract) => {
    validateQueue(input);
    const count = await tx.countBy(QueueRow, { contractId });
    if (count >= LIMITS.queues) throw badInput({ field: 'contractId', message: `a contract has at most ${LIMITS.queues} queues` });
    const queue = tx.create(QueueRow, { id: newId(ctx, 'queue'), contractId: contract.id, ...input, name: input.name.trim(), createdAt: new Date() });
    await tx.insert(QueueRow, queue);
    return queue;
  });
}

export async function updateQueue(ctx: UseCaseContext, queueId: string, input: QueueInput, options: ChangeOptions): Promise<QueueRow> {
  const existing = await managerOf(ctx).getRepository(QueueRow).findOneBy({ id: queueId });
  if (!existing) throw notFound('Queue', queueId);
  return changeContract(ctx, existing.contractId, options, async (tx) => {
    validateQueue(input);
    Object.assign(existing, input, { name: input.name.trim() });
    await tx.update(QueueRow, { id: queueId }, { ...input, name: existing.name });
    return existing;
  });
}

export interface SlaTargetInput extends MetricDefinition {
  id?: string | null;
  queueId?: string | null;
  goal: number;
  comparator?: Comparator | null;
  window: MeasurementWindow;
  serviceCredit?: { percentPerPoint: number; capPercent: number } | null;
}

function validateSlaTarget(input: SlaTargetInput): FieldProblem[] {
  const problems: FieldProblem[] = [...validateDefinition(input)];
  if (problems.length === 0) problems.push(...validateGoal(input, input.goal));
  if (input.serviceCredit) {
    const { percentPerPoint, capPercent } = input.serviceCredit;
    if (!(percentPerPoint > 0 && percentPerPoint <= 100)) {
      problems.push({ field: 'serviceCredit.percentPerPoint', message: 'must be above 0 and at most 100 (% of the monthly fee per point of shortfall)' });
    }
    if (!(capPercent > 0 && capPercent <= 100)) {
      problems.push({ field: 'serviceCredit.capPercent', message: 'must be above 0 and at most 100 (% of the monthly fee)' });
    }
  }
  return problems;
}

export function setSlaTarget(ctx: UseCaseContext, contractId: string, input: SlaTargetInput, options: ChangeOptions): Promise<SlaTargetRow> {
  return changeContract(ctx, contractId, options, async (tx, contract) => {
    const problems = new Problems();
    problems.addAll('', validateSlaTarget(input));
    if (input.queueId) {
      const queue = await tx.findOneBy(QueueRow, { id: input.queueId });
      if (!queue || queue.contractId !== contract.id) problems.add('queueId', `queue ${input.queueId} is not a queue of this contract`);
    }
    problems.throwIfAny();
    let existing: SlaTargetRow | null = null;
    if (input.id) {
      existing = await tx.findOneBy(SlaTargetRow, { id: input.id, contractId: contract.id });
      if (!existing) throw notFound('SlaTarget', input.id);
    } else if ((await tx.countBy(SlaTargetRow, { contractId })) >= LIMITS.slaTargets) {
      throw badInput({ field: 'contractId', message: `a contract has at most ${LIMITS.slaTargets} SLA targets` });
    }
    const metric = input.metric as keyof typeof CATALOGUE;
    const values = {
      queueId: input.queueId ?? null,
      metric,
      variant: input.variant ?? CANONICAL_VARIANT,
      thresholdSeconds: input.thresholdSeconds ?? null,
      shortAbandonSeconds: input.shortAbandonSeconds ?? null,
      repeatWindowDays: input.repeatWindowDays ?? null,
      tolerance: input.tolerance ?? null,
      goal: input.goal,
      comparator: input.comparator ?? (isMetricKey(metric) && CATALOGUE[metric].better === 'LOWER' ? 'AT_MOST' : 'AT_LEAST'),
      window: input.window,
      creditPercentPerPoint: input.serviceCredit?.percentPerPoint ?? null,
      creditCapPercent: input.serviceCredit?.capPercent ?? null,
    };
    if (existing) {
      await tx.update(SlaTargetRow, { id: existing.id }, values);
      return Object.assign(existing, values);
    }
    const target = tx.create(SlaTargetRow, { id: newId(ctx, 'slaTarget'), contractId: contract.id, ...values, createdAt: new Date() });
    await tx.insert(SlaTargetRow, target);
    return target;
  });
}

export async function removeSlaTarget(ctx: UseCaseContext, targetId: string, options: ChangeOptions): Promise<ContractRow> {
  const existing = await managerOf(ctx).getRepository(SlaTargetRow).findOneBy({ id: targetId });
  if (!existing) throw notFound('SlaTarget', targetId);
  return changeContract(ctx, existing.contractId, options, async (tx, contract) => {
    await tx.delete(SlaTargetRow, { id: targetId });
    return contract;
  });
}

/** Replaces one clause-6 list (or the complaint terms) wholesale after validating it. */
function setTerms<K extends 'responsibilities' | 'informationItems' | 'reportingObligations' | 'serviceTerms' | 'complaintTerms'>(
  key: K,
  validate: (value: NonNullable<ContractRow[K]>) => FieldProblem[],
) {
  return (ctx: UseCaseContext, contractId: string, value: NonNullable<ContractRow[K]>, options: ChangeOptions): Promise<ContractRow> =>
    changeContract(ctx, contractId, options, async (_tx, contract) => {
      if (Array.isArray(value)) checkListSize(key, value);
      const problems = validate(value);
      if (problems.length > 0) throw badInput(problems);
      contract[key] = value as ContractRow[K];
      return contract;
    });
}

export const setResponsibilities = setTerms('responsibilities', (v: ResponsibilityValue[]) => validateResponsibilities(v));
export const setInformationItems = setTerms('informationItems', (v: InformationItemValue[]) => validateInformationItems(v));
export const setReportingObligations = setTerms('reportingObligations', (v: ReportingObligationValue[]) => validateReportingObligations(v));
export const setServiceTerms = setTerms('serviceTerms', (v: ServiceTermValue[]) => validateServiceTerms(v));
export const setComplaintTerms = setTerms('complaintTerms', (v: ComplaintTermsValue) => validateComplaintTerms(v));

export function activateContract(ctx: UseCaseContext, id: string, options: ChangeOptions): Promise<ContractRow> {
  return changeContract(ctx, id, { ...options, reason: options.reason ?? 'activated' }, async (tx, contract) => {
    if (contract.status !== 'DRAFT') throw conflict(`contract ${id} is ${contract.status}; only a DRAFT contract can be activated`);
    const [queues, targets] = await Promise.all([tx.countBy(QueueRow, { contractId: id }), tx.countBy(SlaTargetRow, { contractId: id })]);
    if (queues === 0 || targets === 0) {
      throw conflict('a contract needs at least one queue and one SLA target before it can be activated');
    }
    contract.status = 'ACTIVE';
    contract.activatedAt = new Date();
    return contract;
  });
}

/** Reads for the resolvers that are more than a loader lookup. */
export async function listContracts(
  ctx: UseCaseContext,
  organisationId: string,
  filter: { status?: string | null; first: number; after?: string | null },
): Promise<ContractRow[]> {
  if (!Number.isInteger(filter.first) || filter.first < 1 || filter.first > 500) {
    throw badInput({ field: 'first', message: 'must be from 1 to 500' });
  }
  const qb = managerOf(ctx)
    .getRepository(ContractRow)
    .createQueryBuilder('c')
    .where('(c.client_id = :org OR c.centre_id = :org)', { org: organisationId });
  if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
  if (filter.after) qb.andWhere('c.id > :after', { after: filter.after });
  return qb.orderBy('c.id', 'ASC').limit(filter.first).getMany();
}
