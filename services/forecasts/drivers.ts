import { randomUUID } from 'node:crypto';
import { BOUNDS, boundProblem, TEXT_LIMITS } from '../metrics/bounds';
import { checkInstant, checkList, checkText } from '../platform/validate';
import { authorize } from './access';
import type { ForecastsContext } from './context';
import { DRIVER_KINDS, DriverKind, QueueUplift, VolumeDriverRow } from './entities/volume-driver';
import { Range, readRange } from './forecasts';
import { CappedProblems } from './problems';

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

/** The multiplier of the baseline volume an uplift means: 0.25 → 1.25. */
const factorOf = (uplift: number) => 1 + uplift;

export async function publishVolumeDriver(ctx: ForecastsContext, contractId: string, input: DriverInput): Promise<VolumeDriverRow> {
  const facts = await authorize(ctx, 'publishDriver', { contract: contractId });
  const problems = new CappedProblems();
  if (!DRIVER_KINDS.includes(input.kind)) problems.add('kind', `one of ${DRIVER_KINDS.join(', ')}`);
  if (!input.name.trim()) problems.add('name', `a name of 1 to ${TEXT_LIMITS.name} characters`);
  checkText(problems, 'name', input.name, TEXT_LIMITS.name);
  checkText(problems, 'description', input.description, TEXT_LIMITS.description);
  checkInstant(problems, 'from', input.from);
  checkInstant(problems, 'to', input.to);
  if (!(input.to.getTime() > input.from.getTime())) problems.add('to', 'must be after from');
  if (input.uplifts.length === 0) problems.add('uplifts', 'name at least one queue and its expected uplift');
  checkList(problems, 'uplifts', input.uplifts, facts.queues.length, 'uplifts (one per queue of the contract)');
  if (input.uplifts.length > facts.queues.length) problems.throwIfAny();
  const queues = new Set(facts.queues.map((q) => q.id));
  const seen = new Set<string>();
  input.uplifts.forEach((u, i) => {
    if (!queues.has(u.queueId)) problems.add(`uplifts[${i}].queueId`, `queue ${u.queueId} is not a queue of contract ${contractId}`);
    if (seen.has(u.queueId)) problems.add(`uplifts[${i}].queueId`, `queue ${u.queueId} is named twice`);
    seen.add(u.queueId);
    const factor = boundProblem(factorOf(u.uplift), BOUNDS.upliftFactor);
    if (factor || u.uplift <= -1) {
      problems.add(
        `uplifts[${i}].uplift`,
        `a ratio above -1 (0.25 means 25 % more contacts, -0.1 10 % fewer); as a multiplier of the baseline (1 + uplift) it ${factor ?? `must be more than ${BOUNDS.upliftFactor.min} (got ${factorOf(u.uplift)})`}`,
      );
    }
  });
  problems.throwIfAny();
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
    publishedAt: ctx.now,
    publishedBy: ctx.viewer.subject,
  });
  await ctx.db.getRepository(VolumeDriverRow).insert(row);
  return row;
}

export async function removeVolumeDriver(ctx: ForecastsContext, id: string): Promise<boolean> {
  await authorize(ctx, 'removeDriver', { driver: id });
  await ctx.db.getRepository(VolumeDriverRow).delete({ id });
  return true;
}

function overlapping(rows: VolumeDriverRow[], range: Range): VolumeDriverRow[] {
  return rows.filter((d) => d.fromEpoch < range.to && d.toEpoch > range.from).sort((a, b) => a.fromEpoch - b.fromEpoch);
}

export interface DriversArgs {
  from: Date;
  to: Date;
}

export async function contractDrivers(ctx: ForecastsContext, contractId: string, args: DriversArgs): Promise<VolumeDriverRow[]> {
  await authorize(ctx, 'readContract', { contract: contractId });
  const range = readRange(args.from, args.to, { from: 0, to: 0 });
  return overlapping(await ctx.loaders.driversByContract.load(contractId), range);
}

export async function queueDrivers(ctx: ForecastsContext, queueId: string, args: DriversArgs): Promise<VolumeDriverRow[]> {
  const facts = await authorize(ctx, 'readQueue', { queue: queueId });
  const range = readRange(args.from, args.to, { from: 0, to: 0 });
  const rows = await ctx.loaders.driversByContract.load(facts.contractId);
  return overlapping(rows, range).filter((d) => d.uplifts.some((u) => u.queueId === queueId));
}
