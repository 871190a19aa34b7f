import { badInput, conflict, forbidden, Problems } from '../platform/errors';
import { checkText } from '../platform/validate';
import { FILE_LIMITS, TEXT_LIMITS } from '../metrics/bounds';
import { requireRead, requireWrite } from './access';
import type { ExchangeContext } from './context';
import { MappingProfileRow } from './entities/mapping-profile';
import { countProfiles, deleteProfile, findProfile, profilesOf, saveProfile } from './jobs-storage';
import { ImportKind, MappingProfile, ProfileDefinition, profileProblems } from './profile';
import { READY_MADE, readyMade } from './profiles/index';
import { definition } from './profiles/defaults';

/**
 * Mapping profiles: the ready-made ones (every organisation reads them) and those an organisation
 * saves for its own exports (only it reads and uses them). A name is unique per organisation and
 * never shadows a ready-made one.
 */
export async function findUsableProfile(ctx: ExchangeContext, name: string): Promise<MappingProfile | null> {
  const ready = readyMade(name);
  if (ready) return ready;
  const row = await findProfile(ctx.db, ctx.viewer.organisationId, name);
  return row ? { name: row.name, organisationId: row.organisationId, definition: row.definition as ProfileDefinition } : null;
}

export async function listProfiles(ctx: ExchangeContext, kind: ImportKind | null): Promise<MappingProfile[]> {
  requireRead(ctx.viewer, 'reading import profiles');
  const own = (await profilesOf(ctx.db, ctx.viewer.organisationId)).map((r) => ({ name: r.name, organisationId: r.organisationId, definition: r.definition as ProfileDefinition }));
  const all = [...Object.keys(READY_MADE).map((n) => readyMade(n)!), ...own];
  return kind ? all.filter((p) => p.definition.kind === kind) : all;
}

export async function readProfile(ctx: ExchangeContext, name: string): Promise<MappingProfile> {
  requireRead(ctx.viewer, 'reading import profiles');
  const found = await findUsableProfile(ctx, name);
  if (!found) throw badInput({ field: 'name', message: `no profile "${name.slice(0, TEXT_LIMITS.name)}"` });
  return found;
}

export type ProfileInput = Partial<ProfileDefinition> & Pick<ProfileDefinition, 'kind' | 'columns'> & { name: string };

export async function saveImportProfile(ctx: ExchangeContext, input: ProfileInput): Promise<MappingProfile> {
  const problems = new Problems();
  if (!input.name?.trim()) problems.add('input.name', 'must not be empty');
  checkText(problems, 'input.name', input.name, TEXT_LIMITS.name);
  if (input.name && READY_MADE[input.name.trim()]) problems.add('input.name', `"${input.name}" is a ready-made profile; choose another name`);
  const { name, ...rest } = input;
  const def = definition({
    ...rest,
    columns: (rest.columns ?? []).map((c) => ({ source: c.source, field: c.field, unit: c.unit ?? null, seconds: c.seconds ?? null, optional: c.optional ?? false })),
    constants: (rest.constants ?? []).map((k) => ({ field: k.field, value: k.value })),
    serviceLevel: rest.serviceLevel ? { thresholdSeconds: rest.serviceLevel.thresholdSeconds, formula: rest.serviceLevel.formula } : null,
  });
  for (const key of Object.keys(def) as Array<keyof ProfileDefinition>) if (def[key] === undefined) (def as unknown as Record<string, unknown>)[key] = null;
  def.delimiter = def.delimiter ?? ',';
  def.skipLines = def.skipLines ?? 0;
  for (const p of profileProblems(def)) problems.add(p.field, p.message);
  problems.throwIfAny();
  requireWrite(ctx.viewer, 'saving import profiles');
  const existing = await findProfile(ctx.db, ctx.viewer.organisationId, name.trim());
  if (!existing && (await countProfiles(ctx.db, ctx.viewer.organisationId)) >= FILE_LIMITS.profilesPerOrganisation) {
    throw conflict(`your organisation keeps ${FILE_LIMITS.profilesPerOrganisation} profiles; remove one first`);
  }
  const row = Object.assign(new MappingProfileRow(), {
    organisationId: ctx.viewer.organisationId,
    name: name.trim(),
    kind: def.kind,
    definition: def,
    updatedAt: ctx.now,
    updatedBy: ctx.viewer.subject,
  });
  await saveProfile(ctx.db, row);
  return { name: row.name, organisationId: row.organisationId, definition: def };
}

export async function removeImportProfile(ctx: ExchangeContext, name: string): Promise<boolean> {
  const problems = new Problems();
  checkText(problems, 'name', name, TEXT_LIMITS.name);
  problems.throwIfAny();
  if (READY_MADE[name]) throw forbidden(`"${name}" is a ready-made profile; it cannot be removed`);
  requireWrite(ctx.viewer, 'removing import profiles');
  return deleteProfile(ctx.db, ctx.viewer.organisationId, name);
}
