import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { SubgraphContext } from '../../platform/subgraph';
import { FILE_LIMITS, LIST_LIMITS } from '../../metrics/bounds';
import { exchangeContext } from '../context';
import { ImportJobRow, JobStatus } from '../entities/import-job';
import { chargeRendering, csvContent, exportCapacity, exportComplaints, exportCompliance, exportForecast, exportIntervals, exportReports, exportSeries, exportTenderComparison, ExportFile as ExportTable, ForecastFormat } from '../exports';
import { xlsxContent, XLSX_CONTENT_TYPE } from '../spreadsheet';
import type { ExchangeLoaders } from '../loaders';
import { coverageOf, ImportKind, MappingProfile, ProfileDefinition } from '../profile';
import { listProfiles, readProfile, removeImportProfile, saveImportProfile } from '../profiles';
import { appendImportChunk, listJobs, readJob, startImport } from '../uploads';
import {
  ContentEncodingEnum,
  ExportFile,
  ExportGranularityEnum,
  ExportMetricInput,
  ForecastFileFormatEnum,
  ImportJob,
  ImportJobStatusEnum,
  ImportKindEnum,
  ImportProfile,
  ImportProfileInput,
  SpreadsheetFile,
  StartImportInput,
} from './types';

type Context = SubgraphContext<ExchangeLoaders>;

function toJob(j: ImportJobRow): ImportJob {
  return { ...j, profile: j.profileName, queueMap: j.queueMap ?? [], coverage: j.coverage ?? null };
}

function toProfile(p: MappingProfile): ImportProfile {
  const d = p.definition;
  return {
    name: p.name,
    readyMade: p.organisationId === null,
    kind: d.kind,
    description: d.description ?? null,
    documentation: d.documentation ?? null,
    delimiter: d.delimiter,
    skipLines: d.skipLines,
    timeZone: d.timeZone,
    timestampFormat: d.timestampFormat,
    timesMark: d.timesMark,
    intervalSeconds: d.intervalSeconds,
    attribution: d.attribution,
    serviceLevel: d.serviceLevel,
    agentsRounding: d.agentsRounding,
    columns: d.columns.map((c) => ({ source: c.source, field: c.field, unit: c.unit ?? null, seconds: c.seconds ?? null, optional: Boolean(c.optional) })),
    constants: d.constants,
    coverage: coverageOf(d),
  };
}

@Resolver()
export class ExchangeOperations {
  @Mutation(() => ImportJob, {
    description: `Starts an import: the file (or its first chunk, at most ${FILE_LIMITS.chunkBytes} bytes) is stored and, once complete, checked row by row and written in the background through the owning subgraph. All or nothing per file`,
  })
  async startImport(@Ctx() ctx: Context, @Arg('input', () => StartImportInput) input: StartImportInput): Promise<ImportJob> {
    return toJob(await startImport(exchangeContext(ctx), input));
  }

  @Mutation(() => ImportJob, { description: 'The next chunk of an uploading job (seq from 1 after a first chunk sent with startImport); last: true queues it' })
  async appendImportChunk(
    @Ctx() ctx: Context,
    @Arg('jobId', () => ID) jobId: string,
    @Arg('seq', () => Int) seq: number,
    @Arg('content', () => String) content: string,
    @Arg('encoding', () => ContentEncodingEnum, { defaultValue: 'BASE64' }) encoding: 'TEXT' | 'BASE64',
    @Arg('last', () => Boolean, { defaultValue: false }) last: boolean,
  ): Promise<ImportJob> {
    return toJob(await appendImportChunk(exchangeContext(ctx), jobId, seq, content, encoding, last));
  }

  @Query(() => ImportJob, { description: 'One import job; NOT_FOUND unless your organisation started it' })
  async importJob(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<ImportJob> {
    return toJob(await readJob(exchangeContext(ctx), id));
  }

  @Query(() => [ImportJob], { description: "Your organisation's import jobs, newest first" })
  async importJobs(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 20, description: `1..${LIST_LIMITS.idsPerLookup}` }) first: number,
    @Arg('status', () => [ImportJobStatusEnum], { nullable: true }) status?: JobStatus[] | null,
  ): Promise<ImportJob[]> {
    return (await listJobs(exchangeContext(ctx), first, status?.length ? status : null)).map(toJob);
  }

  @Query(() => [ImportProfile], { description: 'Ready-made profiles and those your organisation saved' })
  async importProfiles(@Ctx() ctx: Context, @Arg('kind', () => ImportKindEnum, { nullable: true }) kind?: ImportKind | null): Promise<ImportProfile[]> {
    return (await listProfiles(exchangeContext(ctx), kind ?? null)).map(toProfile);
  }

  @Query(() => ImportProfile, { description: 'One profile by name, with what its source lets the hub rebuild' })
  async importProfile(@Ctx() ctx: Context, @Arg('name', () => String) name: string): Promise<ImportProfile> {
    return toProfile(await readProfile(exchangeContext(ctx), name));
  }

  @Mutation(() => ImportProfile, { description: 'Saves (or replaces) a column-mapping profile of your organisation' })
  async saveImportProfile(@Ctx() ctx: Context, @Arg('input', () => ImportProfileInput) input: ImportProfileInput): Promise<ImportProfile> {
    const cleaned = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined)) as unknown as Partial<ProfileDefinition> & Pick<ProfileDefinition, 'kind' | 'columns'> & { name: string };
    return toProfile(await saveImportProfile(exchangeContext(ctx), cleaned));
  }

  @Mutation(() => Boolean, { description: 'Removes a saved profile; false when there was none by that name' })
  removeImportProfile(@Ctx() ctx: Context, @Arg('name', () => String) name: string): Promise<boolean> {
    return removeImportProfile(exchangeContext(ctx), name);
  }

  @Query(() => ExportFile, { description: "A queue's KPI series as CSV: per bucket the raw sums and each figure, its definition label in the header" })
  exportQueueSeries(
    @Ctx() ctx: Context,
    @Arg('queueId', () => ID) queueId: string,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('granularity', () => ExportGranularityEnum, { defaultValue: 'DAY' }) granularity: string,
    @Arg('metrics', () => [ExportMetricInput], { nullable: true }) metrics?: ExportMetricInput[] | null,
    @Arg('timeZone', () => String, { nullable: true }) timeZone?: string | null,
  ): Promise<ExportFile> {
    return exportSeries(exchangeContext(ctx), { queueId }, { from, to, granularity, metrics, timeZone });
  }

  @Query(() => ExportFile, { description: "A contract's KPI series (all its queues together) as CSV" })
  exportContractSeries(
    @Ctx() ctx: Context,
    @Arg('contractId', () => ID) contractId: string,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('granularity', () => ExportGranularityEnum, { defaultValue: 'DAY' }) granularity: string,
    @Arg('metrics', () => [ExportMetricInput], { nullable: true }) metrics?: ExportMetricInput[] | null,
    @Arg('timeZone', () => String, { nullable: true }) timeZone?: string | null,
  ): Promise<ExportFile> {
    return exportSeries(exchangeContext(ctx), { contractId }, { from, to, granularity, metrics, timeZone });
  }

  @Query(() => ExportFile, { description: "A queue's interval actuals in the generic interval CSV (profile hub-intervals reads it back); the range follows the interval series' limit" })
  exportIntervals(@Ctx() ctx: Context, @Arg('queueId', () => ID) queueId: string, @Arg('from', () => Date) from: Date, @Arg('to', () => Date) to: Date): Promise<ExportFile> {
    return exportIntervals(exchangeContext(ctx), queueId, from, to);
  }

  @Query(() => ExportFile, { description: "SLA compliance of a contract's targets per window, with service credits" })
  exportSlaCompliance(@Ctx() ctx: Context, @Arg('contractId', () => ID) contractId: string, @Arg('from', () => Date) from: Date, @Arg('to', () => Date) to: Date): Promise<ExportFile> {
    return exportCompliance(exchangeContext(ctx), contractId, from, to);
  }

  @Query(() => ExportFile, { description: "A contract's monthly performance reports, every version" })
  exportPerformanceReports(@Ctx() ctx: Context, @Arg('contractId', () => ID) contractId: string): Promise<ExportFile> {
    return exportReports(exchangeContext(ctx), contractId);
  }

  @Query(() => ExportFile, { description: "A contract's capacity per queue and week" })
  exportCapacity(@Ctx() ctx: Context, @Arg('contractId', () => ID) contractId: string, @Arg('from', () => Date) from: Date, @Arg('to', () => Date) to: Date): Promise<ExportFile> {
    return exportCapacity(exchangeContext(ctx), contractId, from, to);
  }

  @Query(() => ExportFile, { description: "A forecast version's intervals with staffing; CALABRIO_BPO writes the staffing requirement as Calabrio's BPO exchange file" })
  exportForecast(
    @Ctx() ctx: Context,
    @Arg('forecastId', () => ID) forecastId: string,
    @Arg('format', () => ForecastFileFormatEnum, { defaultValue: 'HUB' }) format: ForecastFormat,
    @Arg('timeZone', () => String, { nullable: true, description: "CALABRIO_BPO: the importing user's zone (default: the queue's)" }) timeZone?: string | null,
    @Arg('skillName', () => String, { nullable: true, description: "CALABRIO_BPO: the skill (default: the queue's name)" }) skillName?: string | null,
  ): Promise<ExportFile> {
    return exportForecast(exchangeContext(ctx), forecastId, format, timeZone ?? null, skillName ?? null);
  }

  @Query(() => ExportFile, { description: "A tender's bids compared on normalized figures and cost, best first" })
  exportTenderComparison(@Ctx() ctx: Context, @Arg('tenderId', () => ID) tenderId: string): Promise<ExportFile> {
    return exportTenderComparison(exchangeContext(ctx), tenderId);
  }

  @Query(() => ExportFile, { description: "A contract's complaint register, newest first" })
  exportComplaints(@Ctx() ctx: Context, @Arg('contractId', () => ID) contractId: string, @Arg('first', () => Int, { defaultValue: 500 }) first: number): Promise<ExportFile> {
    return exportComplaints(exchangeContext(ctx), contractId, first);
  }
}

/** The two forms of an export, each written only when asked for. */
@Resolver(() => ExportFile)
export class ExportFileFields {
  @FieldResolver(() => String, { description: 'text/csv; charset=utf-8' })
  contentType(): string {
    return 'text/csv; charset=utf-8';
  }

  @FieldResolver(() => String, { description: 'The file as CSV, the header first (each figure named by its definition label)' })
  content(@Root() file: ExportTable, @Ctx() ctx: Context): string {
    chargeRendering(ctx.loaders, file, 1);
    return csvContent(file);
  }

  @FieldResolver(() => SpreadsheetFile, { description: 'The same table as an Excel workbook (at most 500,000 cells)' })
  async xlsx(@Root() file: ExportTable, @Ctx() ctx: Context): Promise<SpreadsheetFile> {
    chargeRendering(ctx.loaders, file, 2);
    const bytes = await xlsxContent(file);
    return { fileName: file.fileName.replace(/\.csv$/, '.xlsx'), contentType: XLSX_CONTENT_TYPE, base64: bytes.toString('base64'), bytes: bytes.length };
  }
}
