import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '../platform/database';
import { badInput, conflict, FieldProblem, notFound, Problems } from '../platform/errors';
import { checkInstant, checkList, checkNumber, checkText } from '../platform/validate';
import { BOUNDS, LIST_LIMITS, TEXT_LIMITS } from '../metrics/bounds';
import { betterOf, CATALOGUE, isMetricKey, MetricDefinition, CANONICAL_VARIANT } from '../metrics/catalogue';
import { Channel, Comparator, Direction, MeasurementWindow } from '../metrics/vocabulary';
import { authorize, contractTarget } from './access';
import { checkEffectiveFrom, checkPositive, checkRequiredText, figureProblems } from './checks';
import { managerOf, newId, UseCaseContext } from './context';
import { ContractsStorage } from './contracts-storage';
import { ContractRow } from './entities/contract';
import { OrganisationKind, OrganisationRow } from './entities/organisation';
import { QueueRow } from './entities/queue';
import { SlaTargetRow } from './entities/sla-target';
import { diffSnapshots, takeSnapshot } from './snapshot';
import { normalizePriceTerms, priceTermsProblemsFor, PriceTermsInput } from './price-terms';
import {
  ComplaintTermsValue,
  InformationItemValue,
  OpeningHoursValue,
  ReportingObligationValue,
  ResponsibilityValue,
  ServiceTermValue,
  validateComplaintTerms,
  validateCurrency,
  validateDates,
  validateInformationItems,
  validateOpeningHours,
  validateReportingObligations,
  validateResponsibilities,
  validateServiceTerms,
  validateTermsListSize,
  validateTimeZone,
} from './terms';

/**
 * The use cases of the contracts subgraph: organisations, contracts, their queues, SLA targets
 * and clause-6 terms. Resolvers call these; each authorises once (access.ts), checks its input
 * against the declared bounds, and only then writes, through contracts-storage.ts.
 */

/** Per contract: beyond these a contract is a mistake, and its snapshot would grow without bound. */
const PER_CONTRACT = { queues: 500, slaTargets: 500 };
/** The reference column holds 64 characters. */
const REFERENCE_LENGTH = 64;
/** A page of contracts. */
const PAGE_SIZE = { min: 1, max: 500 };
/** The directory of organisations answers at most this many. */
const DIRECTORY_SIZE = 1000;

function storageOf(ctx: UseCaseContext): ContractsStorage {
  return new ContractsStorage(managerOf(ctx));
}

/** How a change to a contract is recorded: why (required once active) and against which revision. */
export interface ChangeOptions {
  reason?: string | null;
  /** When given, the change is refused with CONFLICT unless the contract is still at this revision. */
  expectedRevision?: number | null;
  /** When the change applies to the service; now when left out. */
  effectiveFrom?: Date | null;
}

export async function registerOrganisation(
  ctx: UseCaseContext,
  input: { id?: string | null; name: string; kind: OrganisationKind },
): Promise<OrganisationRow> {
  authorize(ctx, 'organisation.register');
  const problems = new Problems();
  checkRequiredText(problems, 'name', input.name, TEXT_LIMITS.name);
  if (input.id != null && !/^[a-z0-9][a-z0-9-]{1,63}$/.test(input.id)) {
    problems.add('id', 'must be 2-64 lower-case letters, digits or hyphens');
  }
  problems.throwIfAny();
  const row = Object.assign(new OrganisationRow(), { id: input.id ?? randomUUID(), name: input.name.trim(), kind: input.kind, createdAt: ctx.now });
  try {
    await storageOf(ctx).insertOrganisation(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`an organisation with id ${row.id} already exists`);
    throw error;
  }
  return row;
}

export async function listOrganisations(ctx: UseCaseContext, kind?: OrganisationKind | null): Promise<OrganisationRow[]> {
  authorize(ctx, 'organisation.list');
  return storageOf(ctx).organisations(kind, DIRECTORY_SIZE);
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
  if (input.title !== undefined) checkRequiredText(problems, 'title', input.title, TEXT_LIMITS.name);
  checkText(problems, 'reference', input.reference, REFERENCE_LENGTH);
  if (input.currency !== undefined) problems.addAll('', validateCurrency('currency', input.currency));
  checkNumber(problems, 'monthlyFeeMinor', input.monthlyFeeMinor, BOUNDS.moneyMinor);
}

/** The reason of a change: free text, required once the contract is active. */
function checkReason(problems: Problems, reason: string | null, contract: ContractRow): void {
  if (contract.status === 'ACTIVE' && !reason) {
    problems.add('reason', 'an active contract is amended only with a reason, kept in its history');
  }
  checkText(problems, 'reason', reason, TEXT_LIMITS.description);
}

export async function createContract(
  ctx: UseCaseContext,
  input: CreateContractInput,
  options: Pick<ChangeOptions, 'effectiveFrom'> = {},
): Promise<ContractRow> {
  const storage = storageOf(ctx);
  const [client, centre] = await Promise.all([
    storage.organisation(ctx.viewer.organisationId),
    input.centreId ? storage.organisation(input.centreId) : null,
  ]);
  authorize(ctx, 'contract.create', { caller: client });
  const problems = new Problems();
  validateContractFields(input, problems);
  problems.addAll('', validateDates(input.startDate, input.endDate));
  if (!centre || centre.kind !== 'CENTRE') problems.add('centreId', `no contact centre with id "${input.centreId}"`);
  const effectiveFrom = options.effectiveFrom ?? ctx.now;
  checkEffectiveFrom(problems, effectiveFrom, null, ctx.now);
  problems.throwIfAny();

  const now = ctx.now;
  const contract = Object.assign(new ContractRow(), {
    id: newId(ctx, 'contract'),
    clientId: client!.id,
    centreId: centre!.id,
    title: input.title.trim(),
    reference: input.reference ?? null,
    status: 'DRAFT' as const,
    startDate: input.startDate,
    endDate: input.endDate ?? null,
    currency: input.currency,
    monthlyFeeMinor: input.monthlyFeeMinor ?? null,
    priceTerms: null,
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
  const snapshot = takeSnapshot(contract, [], []);
  await storage.transaction(async (tx) => {
    await tx.insertContract(contract);
    await tx.insertRevision({
      id: randomUUID(),
      contractId: contract.id,
      revision: 1,
      at: now,
      effectiveFrom,
      actorSubject: ctx.viewer.subject,
      actorOrganisationId: ctx.viewer.organisationId,
      reason: 'created',
      changes: diffSnapshots(null, snapshot),
      snapshot,
    });
  });
  return contract;
}

/** What a change names: the contract itself, or one of its queues or SLA targets by its own id. */
type Subject = { what: 'Contract' | 'Queue' | 'SlaTarget'; id: string };

interface Located {
  contract: ContractRow | null;
  queue?: QueueRow;
  slaTarget?: SlaTargetRow;
}

async function locate(storage: ContractsStorage, subject: Subject): Promise<Located> {
  if (subject.what === 'Contract') return { contract: await storage.contract(subject.id) };
  if (subject.what === 'Queue') {
    const queue = await storage.queue(subject.id);
    return { contract: queue && (await storage.contract(queue.contractId)), queue: queue ?? undefined };
  }
  const slaTarget = await storage.slaTarget(subject.id);
  return { contract: slaTarget && (await storage.contract(slaTarget.contractId)), slaTarget: slaTarget ?? undefined };
}

/**
 * The one path every change to an existing contract takes, in one transaction: find what the
 * caller named, authorise (a stranger hears about the id it named, never about a parent),
 * check the change's terms and its input, apply it, then record a revision (who, when, why, what
 * changed, the new snapshot). The contract's revision number moves by a conditional UPDATE, so
 * two concurrent amendments cannot both succeed from the same starting point.
 */
async function changeContract<T>(
  ctx: UseCaseContext,
  subject: Subject,
  options: ChangeOptions,
  apply: (storage: ContractsStorage, contract: ContractRow, located: Located) => Promise<T>,
): Promise<T> {
  let contractId = subject.what === 'Contract' ? subject.id : '';
  try {
    return await storageOf(ctx).transaction(async (storage) => {
      const located = await locate(storage, subject);
      authorize(ctx, 'contract.amend', contractTarget(subject.what, subject.id, located.contract));
      const contract = located.contract!;
      contractId = contract.id;
      const reason = options.reason?.trim() || null;
      const previous = await storage.latestRevision(contractId);
      const effectiveFrom = options.effectiveFrom ?? ctx.now;
      const problems = new Problems();
      checkReason(problems, reason, contract);
      checkEffectiveFrom(problems, effectiveFrom, previous?.effectiveFrom ?? null, ctx.now);
      problems.throwIfAny();
      if (options.expectedRevision != null && options.expectedRevision !== contract.revision) {
        throw conflict(`contract ${contractId} is at revision ${contract.revision}, not ${options.expectedRevision}; reload it and retry`);
      }
      const startedAt = contract.revision;
      const result = await apply(storage, contract, located);

      const [queues, targets] = await Promise.all([storage.queuesOf(contractId), storage.slaTargetsOf(contractId)]);
      const snapshot = takeSnapshot(contract, queues, targets);
      const changes = diffSnapshots(previous?.snapshot ?? null, snapshot);
      if (changes.length === 0) return result;

      contract.revision = startedAt + 1;
      contract.updatedAt = ctx.now;
      snapshot.revision = contract.revision;
      if (!(await storage.updateContractAt(contract, startedAt))) {
        throw conflict(`contract ${contractId} changed while this change was being made; retry`);
      }
      await storage.insertRevision({
        id: randomUUID(),
        contractId,
        revision: contract.revision,
        at: ctx.now,
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
  return changeContract(ctx, { what: 'Contract', id }, options, async (_storage, contract) => {
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

/** Checks a queue's definition, fields named under `prefix`. */
export function checkQueue(problems: Problems, input: Pick<QueueInput, 'name' | 'timeZone' | 'openingHours'>, prefix = ''): void {
  checkRequiredText(problems, `${prefix}name`, input.name, TEXT_LIMITS.name);
  problems.addAll('', validateTimeZone(`${prefix}timeZone`, input.timeZone));
  problems.addAll('', validateOpeningHours(`${prefix}openingHours`, input.openingHours));
}

function validateQueue(input: QueueInput): void {
  const problems = new Problems();
  checkQueue(problems, input);
  problems.throwIfAny();
}

export function addQueue(ctx: UseCaseContext, contractId: string, input: QueueInput, options: ChangeOptions): Promise<QueueRow> {
  return changeContract(ctx, { what: 'Contract', id: contractId }, options, async (storage, contract) => {
    validateQueue(input);
    if ((await storage.countQueues(contractId)) >= PER_CONTRACT.queues) {
      throw badInput({ field: 'contractId', message: `a contract has at most ${PER_CONTRACT.queues} queues` });
    }
    const queue = Object.assign(new QueueRow(), { id: newId(ctx, 'queue'), contractId: contract.id, ...input, name: input.name.trim(), createdAt: ctx.now });
    await storage.insertQueue(queue);
    return queue;
  });
}

export function updateQueue(ctx: UseCaseContext, queueId: string, input: QueueInput, options: ChangeOptions): Promise<QueueRow> {
  return changeContract(ctx, { what: 'Queue', id: queueId }, options, async (storage, _contract, { queue }) => {
    validateQueue(input);
    const values = { ...input, name: input.name.trim() };
    await storage.updateQueue(queueId, values);
    return Object.assign(queue!, values);
  });
}

export interface SlaTargetInput extends MetricDefinition {
  id?: string | null;
  queueId?: string | null;
  goal: number;
  comparator?: Comparator | null;
  window: MeasurementWindow;
  serviceCredit?: { percentPerPoint: number; capPercent: number } | null;
  /** The least responses, evaluations or contacts a window needs to be judged. */
  minimumSample?: number | null;
}

/** Checks an SLA target's definition, goal and service credit, fields named under `prefix`. */
export function checkSlaTarget(problems: Problems, input: SlaTargetInput, prefix = ''): void {
  problems.addAll('', figureProblems(prefix, input, input.goal, 'goal'));
  if (input.serviceCredit) {
    const { percentPerPoint, capPercent } = input.serviceCredit;
    checkPositive(problems, `${prefix}serviceCredit.percentPerPoint`, percentPerPoint, BOUNDS.percent);
    checkPositive(problems, `${prefix}serviceCredit.capPercent`, capPercent, BOUNDS.percent);
  }
  checkNumber(problems, `${prefix}minimumSample`, input.minimumSample, BOUNDS.minimumSample);
}

export function setSlaTarget(ctx: UseCaseContext, contractId: string, input: SlaTargetInput, options: ChangeOptions): Promise<SlaTargetRow> {
  return changeContract(ctx, { what: 'Contract', id: contractId }, options, async (storage, contract) => {
    const problems = new Problems();
    checkSlaTarget(problems, input);
    if (input.queueId) {
      const queue = await storage.queue(input.queueId);
      if (!queue || queue.contractId !== contract.id) problems.add('queueId', `queue ${input.queueId} is not a queue of this contract`);
    }
    problems.throwIfAny();
    let existing: SlaTargetRow | null = null;
    if (input.id) {
      existing = await storage.slaTargetOf(contract.id, input.id);
      if (!existing) throw notFound('SlaTarget', input.id);
    } else if ((await storage.countSlaTargets(contractId)) >= PER_CONTRACT.slaTargets) {
      throw badInput({ field: 'contractId', message: `a contract has at most ${PER_CONTRACT.slaTargets} SLA targets` });
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
      comparator: input.comparator ?? (isMetricKey(metric) && betterOf(metric, input.variant) === 'LOWER' ? 'AT_MOST' : 'AT_LEAST'),
      window: input.window,
      // A replacement that leaves serviceCredit out keeps the target's credit; null removes it.
      ...(input.serviceCredit === undefined && existing
        ? { creditPercentPerPoint: existing.creditPercentPerPoint, creditCapPercent: existing.creditCapPercent }
        : { creditPercentPerPoint: input.serviceCredit?.percentPerPoint ?? null, creditCapPercent: input.serviceCredit?.capPercent ?? null }),
      minimumSample: input.minimumSample ?? null,
    };
    if (existing) {
      await storage.updateSlaTarget(existing.id, values);
      return Object.assign(existing, values);
    }
    const target = Object.assign(new SlaTargetRow(), { id: newId(ctx, 'slaTarget'), contractId: contract.id, ...values, createdAt: ctx.now });
    await storage.insertSlaTarget(target);
    return target;
  });
}

/**
 * The client sets the contract's price terms (issue 14), replacing the previous ones from
 * `effectiveFrom`: a change dated mid-month splits that month's statement lines. Checked whole
 * (overlapping bands, a negative rate …) before anything is written.
 */
export function setPriceTerms(ctx: UseCaseContext, contractId: string, input: PriceTermsInput, options: ChangeOptions): Promise<ContractRow> {
  return changeContract(ctx, { what: 'Contract', id: contractId }, options, async (storage, contract) => {
    const terms = normalizePriceTerms(input);
    const [queues, targets] = await Promise.all([storage.queuesOf(contract.id), storage.slaTargetsOf(contract.id)]);
    const problems = priceTermsProblemsFor(terms, { queueIds: queues.map((q) => q.id), slaTargetIds: targets.map((t) => t.id) });
    if (problems.length > 0) throw badInput(problems);
    contract.priceTerms = terms;
    return contract;
  });
}

export function removeSlaTarget(ctx: UseCaseContext, targetId: string, options: ChangeOptions): Promise<ContractRow> {
  return changeContract(ctx, { what: 'SlaTarget', id: targetId }, options, async (storage, contract) => {
    await storage.deleteSlaTarget(targetId);
    return contract;
  });
}

/** Replaces one clause-6 list (or the complaint terms) wholesale after validating it. */
function setTerms<K extends 'responsibilities' | 'informationItems' | 'reportingObligations' | 'serviceTerms' | 'complaintTerms'>(
  key: K,
  validate: (value: NonNullable<ContractRow[K]>) => FieldProblem[],
) {
  return (ctx: UseCaseContext, contractId: string, value: NonNullable<ContractRow[K]>, options: ChangeOptions): Promise<ContractRow> =>
    changeContract(ctx, { what: 'Contract', id: contractId }, options, async (_storage, contract) => {
      const tooMany = Array.isArray(value) ? validateTermsListSize(key, value) : [];
      const problems = tooMany.length > 0 ? tooMany : validate(value);
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
  return changeContract(ctx, { what: 'Contract', id }, { ...options, reason: options.reason ?? 'activated' }, async (storage, contract) => {
    if (contract.status !== 'DRAFT') throw conflict(`contract ${id} is ${contract.status}; only a DRAFT contract can be activated`);
    const [queues, targets] = await Promise.all([storage.countQueues(id), storage.countSlaTargets(id)]);
    if (queues === 0 || targets === 0) {
      throw conflict('a contract needs at least one queue and one SLA target before it can be activated');
    }
    contract.status = 'ACTIVE';
    contract.activatedAt = ctx.now;
    return contract;
  });
}

// ---- reads that are more than a loader lookup ----

export async function listContracts(
  ctx: UseCaseContext,
  filter: { status?: string | null; first: number; after?: string | null },
): Promise<ContractRow[]> {
  authorize(ctx, 'contract.list');
  if (!Number.isInteger(filter.first) || filter.first < PAGE_SIZE.min || filter.first > PAGE_SIZE.max) {
    throw badInput({ field: 'first', message: `must be from ${PAGE_SIZE.min} to ${PAGE_SIZE.max}` });
  }
  return storageOf(ctx).contractsOf(ctx.viewer.organisationId, filter);
}

/** A contract the caller asked for by id (`row` as a loader found it), or NOT_FOUND. */
export function readContract(ctx: UseCaseContext, id: string, row: ContractRow | null | undefined): ContractRow {
  authorize(ctx, 'contract.read', contractTarget('Contract', id, row));
  return row!;
}

/**
 * The ids of a lookup (`queues(ids:)`): at most LIST_LIMITS.idsPerLookup, each answered once,
 * in the order first asked.
 */
export function lookupIds(ctx: UseCaseContext, ids: readonly string[]): string[] {
  authorize(ctx, 'queue.lookup');
  const problems = new Problems();
  checkList(problems, 'ids', ids, LIST_LIMITS.idsPerLookup, 'ids');
  problems.throwIfAny();
  return [...new Set(ids)];
}

/** The instant of a past-state read (`Contract.asOf(at:)`): within the window the hub stores. */
export function checkStateInstant(at: Date): void {
  const problems = new Problems();
  checkInstant(problems, 'at', at);
  problems.throwIfAny();
}
