import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { hasRole, Viewer } from '../platform/auth';
import { isUniqueViolation } from '../platform/database';
import { conflict, forbidden, notFound, Problems } from '../platform/errors';
import { UseCaseContext, managerOf } from './contracts';
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
const MAX_MEMBERS = 50;

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

/** Only a client organisation with the write role changes its groups. */
async function authorizeClientWrite(ctx: UseCaseContext): Promise<void> {
  if (!hasRole(ctx.viewer, 'write')) throw forbidden('setting a volume share group needs a token with the write role');
  const org = await managerOf(ctx).getRepository(OrganisationRow).findOneBy({ id: ctx.viewer.organisationId });
  if (!org || org.kind !== 'CLIENT') throw forbidden('only a client organisation sets the volume shares of its queues');
}

/** A group of the caller's organisation, or NOT_FOUND (also for another client's group). */
export function authorizeGroup(viewer: Viewer, group: VolumeShareGroupRow | null | undefined, id: string): VolumeShareGroupRow {
  if (!group || group.clientId !== viewer.organisationId) throw notFound('VolumeShareGroup', id);
  if (!hasRole(viewer, 'read')) throw forbidden('your token has no read role');
  return group;
}

/**
 * Creates a group (no id) or replaces the name and the whole membership of one (id), in one
 * transaction. Every member queue must be of an ACTIVE or DRAFT contract of the caller, of a
 * different centre, on the same channel, and in no other group; shares in (0, 1] summing to 1.
 */
export async function setVolumeShareGroup(ctx: UseCaseContext, input: VolumeShareGroupInput, reason?: string | null, now = new Date()): Promise<VolumeShareGroupView> {
  await authorizeClientWrite(ctx);
  const m = managerOf(ctx);
  let existing: VolumeShareGroupRow | null = null;
  if (input.id != null) {
    existing = authorizeGroup(ctx.viewer, await m.getRepository(VolumeShareGroupRow).findOneBy({ id: input.id }), input.id);
  }
  const problems = new Problems();
  if (!input.name?.trim() || input.name.length > 200) problems.add('name', 'must be 1 to 200 characters');
  if (reason != null && reason.length > 2000) problems.add('reason', 'at most 2000 characters');
  const members = input.members ?? [];
  if (members.length < 2 || members.length > MAX_MEMBERS) problems.add('members', `a group has from 2 to ${MAX_MEMBERS} member queues, each served by a different centre`);
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
    if (!(Number.isFinite(member.share) && member.share > 0 && member.share <= 1)) problems.add(`${at}.share`, `${member.share} is not a share in (0, 1]; 0.6 means 60 % of the volume`);
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
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
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

/** The caller's groups (a client's; a centre has none), by name. */
export async function listVolumeShareGroups(ctx: UseCaseContext): Promise<VolumeShareGroupRow[]> {
  if (!hasRole(ctx.viewer, 'read')) throw forbidden('your token has no read role');
  return managerOf(ctx).getRepository(VolumeShareGroupRow).find({ where: { clientId: ctx.viewer.organisationId }, order: { name: 'ASC', id: 'ASC' } });
}
