import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { isUniqueViolation } from '../platform/database';
import { conflict, Problems } from '../platform/errors';
import { checkText } from '../platform/validate';
import { boundProblem, BOUNDS, LIST_LIMITS, TEXT_LIMITS } from '../metrics/bounds';
import { authorize, volumeShareGroupTarget } from './access';
import { checkRequiredText } from './checks';
import { managerOf, UseCaseContext } from './context';
import { ContractRow } from './entities/contract';
import { OrganisationRow } from './entities/organisation';
import { QueueRow } from './entities/queue';
import { VolumeShareGroupRow, VolumeShareMemberRow } from './entities/volume-share';

/**
 * Volume share groups (issue 4, capacity commitments). In this hub a queue belongs to one
 * contract and one centre, so "several centres on one queue" is a group the client forms from
 * queues of its own contracts (each served by a different centre, on the same channel) that handle
 * one line of business, with each member's share of the volume. The forecasts subgraph scales the
 * client's group forecast by these shares, so each centre sees (and staffs for) only its share.
 *
 * Visibility: the client sees its groups whole; a centre sees only its own queue's share (through
 * Queue.volumeShare), never the other members nor their shares; nobody else learns a group exists.
 */
export const SHARE_TOLERANCE = 1e-6;
/** The reason column holds 2000 characters. */
const REASON_LENGTH = Math.min(2000, TEXT_LIMITS.description);

export interface VolumeShareMemberInput {
  queueId: string;
  share: number;
}

export interface VolumeShareGroupInput {
  id?: string | null;
  name: string;
  members: VolumeShareMemberInput[];
}

export interface VolumeShareGroupView {
  group: VolumeShareGroupRow;
  members: VolumeShareMemberRow[];
}

/**
 * Creates a group (no id) or replaces the name and the whole membership of one (id), in one
 * transaction. Every member queue must be of an ACTIVE or DRAFT contract of the caller, of a
 * different centre, on the same channel, and in no other group; shares in (0, 1] summing to 1.
 */
export async function setVolumeShareGroup(ctx: UseCaseContext, input: VolumeShareGroupInput, reason?: string | null): Promise<VolumeShareGroupView> {
  const m = managerOf(ctx);
  let existing: VolumeShareGroupRow | null = null;
  if (input.id != null) {
    existing = await m.getRepository(VolumeShareGroupRow).findOneBy({ id: input.id });
    authorize(ctx, 'volumeShareGroup.replace', volumeShareGroupTarget(input.id, existing));
  } else {
    authorize(ctx, 'volumeShareGroup.create', { caller: await m.getRepository(OrganisationRow).findOneBy({ id: ctx.viewer.organisationId }) });
  }
  const problems = new Problems();
  checkRequiredText(problems, 'name', input.name, TEXT_LIMITS.name);
  checkText(problems, 'reason', reason, REASON_LENGTH);
  const members = input.members ?? [];
  if (members.length < 2 || members.length > LIST_LIMITS.smallList) {
    problems.add('members', `a group has from 2 to ${LIST_LIMITS.smallList} member queues, each served by a different centre (got ${members.length})`);
  }
  problems.throwIfAny();

  const queueIds = [...new Set(members.map((x) => x.queueId))];
  const queues = await m.getRepository(QueueRow).findBy({ id: In(queueIds) });
  const contracts = await m.getRepository(ContractRow).findBy({ id: In([...new Set(queues.map((q) => q.contractId))]) });
  const others = await m.getRepository(VolumeShareMemberRow).findBy({ queueId: In(queueIds) });
  const queueOf = new Map(queues.map((q) => [q.id, q]));
  const contractOf = new Map(contracts.map((c) => [c.id, c]));
  const seenQueue = new Map<string, number>();
  const seenCentre = new Map<string, number>();
  let channel: { value: string; index: number } | null = null;
  let sum = 0;
  members.forEach((member, i) => {
    const at = `members[${i}]`;
    const shareProblem = boundProblem(member.share, BOUNDS.fraction) ?? (member.share <= 0 ? 'must be above 0' : null);
    if (shareProblem) problems.add(`${at}.share`, `${shareProblem}; a share is a fraction of the volume, 0.6 means 60 %`);
    else sum += member.share;
    const queue = queueOf.get(member.queueId);
    const contract = queue && contractOf.get(queue.contractId);
    // A queue of another client's contract reads like one that does not exist.
    if (!queue || !contract || contract.clientId !== ctx.viewer.organisationId) {
      problems.add(`${at}.queueId`, `no queue "${member.queueId}" on a contract of yours`);
      return;
    }
    if (contract.status !== 'ACTIVE' && contract.status !== 'DRAFT') {
      problems.add(`${at}.queueId`, `the contract of queue ${member.queueId} is ${contract.status}; only queues of ACTIVE or DRAFT contracts share volume`);
    }
    if (seenQueue.has(queue.id)) problems.add(`${at}.queueId`, `queue ${queue.id} is already members[${seenQueue.get(queue.id)}]`);
    else if (seenCentre.has(contract.centreId)) problems.add(`${at}.queueId`, `the centre ${contract.centreId} already serves members[${seenCentre.get(contract.centreId)}]; each member is served by a different centre`);
    seenQueue.set(queue.id, i);
    if (!seenCentre.has(contract.centreId)) seenCentre.set(contract.centreId, i);
    if (channel === null) channel = { value: queue.channel, index: i };
    else if (queue.channel !== channel.value) problems.add(`${at}.queueId`, `queue ${queue.id} is on ${queue.channel}, members[${channel.index}] on ${channel.value}; a group shares one channel`);
    const other = others.find((o) => o.queueId === queue.id && o.groupId !== existing?.id);
    if (other) problems.add(`${at}.queueId`, `queue ${queue.id} already belongs to volume share group ${other.groupId}; a queue is in at most one group`);
  });
  if (problems.empty && Math.abs(sum - 1) > SHARE_TOLERANCE) {
    problems.add('members', `the shares add up to ${Number(sum.toFixed(9))}; they must add up to 1`);
  }
  problems.throwIfAny();

  const group = Object.assign(new VolumeShareGroupRow(), {
    id: existing?.id ?? `vsg-${randomUUID()}`,
    clientId: ctx.viewer.organisationId,
    name: input.name.trim(),
    reason: reason ?? null,
    createdAt: existing?.createdAt ?? ctx.now,
    updatedAt: ctx.now,
  });
  const rows = members.map((x) => Object.assign(new VolumeShareMemberRow(), { queueId: x.queueId, groupId: group.id, share: x.share }));
  const work = async (tx: typeof m) => {
    await tx.getRepository(VolumeShareGroupRow).save(group);
    await tx.getRepository(VolumeShareMemberRow).delete({ groupId: group.id });
    await tx.getRepository(VolumeShareMemberRow).insert(rows);
  };
  try {
    if (m.queryRunner?.isTransactionActive) await work(m);
    else await m.transaction(work);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('a member queue joined another group at the same moment; try again');
    throw error;
  }
  return { group, members: rows };
}

/** One of the caller's groups by id (`row` as a loader found it), or NOT_FOUND. */
export function readVolumeShareGroup(ctx: UseCaseContext, id: string, row: VolumeShareGroupRow | null | undefined): VolumeShareGroupRow {
  authorize(ctx, 'volumeShareGroup.read', volumeShareGroupTarget(id, row));
  return row!;
}

/** The caller's groups (a client's; a centre has none), by name. */
export async function listVolumeShareGroups(ctx: UseCaseContext): Promise<VolumeShareGroupRow[]> {
  authorize(ctx, 'volumeShareGroup.list');
  return managerOf(ctx).getRepository(VolumeShareGroupRow).find({ where: { clientId: ctx.viewer.organisationId }, order: { name: 'ASC', id: 'ASC' } });
}
