import { randomUUID } from 'node:crypto';
import { badInput, FieldProblem, notFound } from '../platform/errors';
import { authorizeContract, authorizeQueue, ForecastsContext, visibleOrNotFound } from './access';
import { DRIVER_KINDS, DriverKind, QueueUplift, VolumeDriverRow } from './entities/volume-driver';
import type { ForecastsLoaders } from './loaders';
import type { Range } from './forecasts';

/**
 * Volume drivers: the client announces events that move volume (a campaign, a billing run, an
 * outage, a product launch) with their dates and the expected uplift per queue; both parties read
 * them next to the forecasts. The client owns them: only it publishes and removes them.
 */
export interface DriverInput {
  kind: DriverKind;
  name: string;
  description?: string | null;
  from: Date;
  to: Date;
  uplifts: QueueUplift[];
}

type Ctx = ForecastsContext & { loaders: ForecastsLoaders };

export async function publishVolumeDriver(ctx: Ctx, contractId: string, input: DriverInput, now = new Date()): Promise<VolumeDriverRow> {
  const facts = await authorizeContract(ctx, 'drive', contractId);
  const problems: FieldProblem[] = [];
  if (!DRIVER_KINDS.includes(input.kind)) problems.push({ field: 'kind', message: `one of ${DRIVER_KINDS.join(', ')}` });
  if (!input.name.trim() || input.name.length > 200) problems.push({ field: 'name', message: 'a name of 1 to 200 characters' });
  if (!(input.to.getTime() > input.from.getTime())) problems.push({ field: 'to', message: 'must be after from' });
  if (input.uplifts.length === 0) problems.push({ field: 'uplifts', message: 'name at least one queue and its expected uplift' });
  const queues = new Set(facts.queues.map((q) => q.id));
  const seen = new Set<string>();
  input.uplifts.forEach((u, i) => {
    if (!queues.has(u.queueId)) problems.push({ field: `uplifts[${i}].queueId`, message: `queue ${u.queueId} is not a queue of contract ${contractId}` });
    if (seen.has(u.queueId)) problems.push({ field: `uplifts[${i}].queueId`, message: `queue ${u.queueId} is named twice` });
    seen.add(u.queueId);
    if (!(Number.isFinite(u.uplift) && u.uplift > -1 && u.uplift <= 10)) {
      problems.push({ field: `uplifts[${i}].uplift`, message: 'a ratio above -1 and at most 10 (0.25 means 25 % more contacts, -0.1 10 % fewer)' });
    }
  });
  if (problems.length > 0) throw badInput(problems);
  const row = Object.assign(new VolumeDriverRow(), {
    id: `vd-${randomUUID()}`,
    contractId,
    clientId: facts.clientId,
    centreId: facts.centreId,
    kind: input.kind,
    name: input.name.trim(),
    description: input.description ?? null,
    fromEpoch: Math.floor(input.from.getTime() / 1000),
    toEpoch: Math.floor(input.to.getTime() / 1000),
    uplifts: input.uplifts.map((u) => ({ queueId: u.queueId, uplift: u.uplift })),
    publishedAt: now,
    publishedBy: ctx.viewer.subject,
  });
  await ctx.db.getRepository(VolumeDriverRow).insert(row);
  return row;
}

export async function removeVolumeDriver(ctx: Ctx, id: string): Promise<boolean> {
  const row = await ctx.db.getRepository(VolumeDriverRow).findOneBy({ id });
  if (!row) throw notFound('VolumeDriver', id);
  await visibleOrNotFound(() => authorizeContract(ctx, 'read', row.contractId), 'VolumeDriver', id);
  await authorizeContract(ctx, 'drive', row.contractId);
  await ctx.db.getRepository(VolumeDriverRow).delete({ id });
  return true;
}

function overlapping(rows: VolumeDriverRow[], range: Range): VolumeDriverRow[] {
  return rows.filter((d) => d.fromEpoch < range.to && d.toEpoch > range.from).sort((a, b) => a.fromEpoch - b.fromEpoch);
}

export async function contractDrivers(ctx: Ctx, contractId: string, range: Range): Promise<VolumeDriverRow[]> {
  await authorizeContract(ctx, 'read', contractId);
  return overlapping(await ctx.loaders.driversByContract.load(contractId), range);
}

export async function queueDrivers(ctx: Ctx, queueId: string, range: Range): Promise<VolumeDriverRow[]> {
  const facts = await authorizeQueue(ctx, 'read', queueId);
  const rows = await ctx.loaders.driversByContract.load(facts.contractId);
  return overlapping(rows, range).filter((d) => d.uplifts.some((u) => u.queueId === queueId));
}
