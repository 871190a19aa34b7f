import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { JOB_STATUSES } from '../entities/import-job';
import {
  AGENTS_ROUNDING,
  ATTRIBUTIONS,
  CANONICAL_FIELD_NAMES,
  IMPORT_KINDS,
  SERVICE_LEVEL_FORMULAS,
  TIMES_MARK,
  TIMESTAMP_FORMATS,
  VALUE_UNITS,
} from '../profile';

const enumOf = (values: readonly string[]) => Object.fromEntries(values.map((v) => [v, v]));

export const ImportKindEnum = enumOf(IMPORT_KINDS);
registerEnumType(ImportKindEnum, { name: 'ImportKind', description: 'What a file holds: interval actuals, survey responses, complaints, or planned staffing' });
export const ImportJobStatusEnum = enumOf(JOB_STATUSES);
registerEnumType(ImportJobStatusEnum, {
  name: 'ImportJobStatus',
  description: 'UPLOADING (chunks arriving), QUEUED, RUNNING, SUCCEEDED, REFUSED (rows refused: nothing written), FAILED (a fault; see failure)',
});
export const ContentEncodingEnum = { TEXT: 'TEXT', BASE64: 'BASE64' };
registerEnumType(ContentEncodingEnum, { name: 'ContentEncoding', description: 'TEXT: the CSV as it is; BASE64: the bytes (gzip allowed, recognised by its magic number)' });
export const CanonicalFieldEnum = enumOf(CANONICAL_FIELD_NAMES);
registerEnumType(CanonicalFieldEnum, { name: 'CanonicalField', description: 'The hub field a source column maps to (README, "Profiles")' });
export const ValueUnitEnum = enumOf(VALUE_UNITS);
registerEnumType(ValueUnitEnum, { name: 'ValueUnit' });
export const TimestampFormatEnum = enumOf(TIMESTAMP_FORMATS);
registerEnumType(TimestampFormatEnum, { name: 'TimestampFormat' });
export const TimesMarkEnum = enumOf(TIMES_MARK);
registerEnumType(TimesMarkEnum, { name: 'TimesMark' });
export const ServiceLevelFormulaEnum = enumOf(SERVICE_LEVEL_FORMULAS);
registerEnumType(ServiceLevelFormulaEnum, { name: 'ServiceLevelFormula', description: "How the source computes its service-level percentage" });
export const AgentsRoundingEnum = enumOf(AGENTS_ROUNDING);
registerEnumType(AgentsRoundingEnum, { name: 'AgentsRounding' });
export const ImportAttributionEnum = enumOf(ATTRIBUTIONS);
registerEnumType(ImportAttributionEnum, { name: 'ImportAttribution', description: 'Whether the source counts a contact in the interval it entered the queue or the one it ended' });
export const ForecastFileFormatEnum = { HUB: 'HUB', CALABRIO_BPO: 'CALABRIO_BPO' };
registerEnumType(ForecastFileFormatEnum, { name: 'ForecastFileFormat' });
export const ExportGranularityEnum = { INTERVAL: 'INTERVAL', HOUR: 'HOUR', DAY: 'DAY', WEEK: 'WEEK', MONTH: 'MONTH' };
registerEnumType(ExportGranularityEnum, { name: 'ExportGranularity' });

@ObjectType({ description: 'One refused row: its line in the file, the source column, why' })
export class ImportProblem {
  @Field(() => Int, { description: '1-based line of the file (0 when the whole file is refused)' }) line!: number;
  @Field(() => String, { nullable: true }) column!: string | null;
  @Field(() => String) reason!: string;
}

@ObjectType()
export class NotRebuilt {
  @Field(() => String) figure!: string;
  @Field(() => String) reason!: string;
}

@ObjectType({ description: 'Which catalogue figures the source lets the hub rebuild exactly, and which not (stored as not reported, never made up)' })
export class ImportCoverage {
  @Field(() => [String]) rebuilt!: string[];
  @Field(() => [NotRebuilt]) notRebuilt!: NotRebuilt[];
}

@ObjectType()
export class QueueMapEntry {
  @Field(() => String) source!: string;
  @Field(() => ID) queueId!: string;
}

@ObjectType({ description: 'An import: the file, its target, where it stands, every refused row' })
export class ImportJob {
  @Field(() => ID) id!: string;
  @Field(() => ImportKindEnum) kind!: string;
  @Field(() => ImportJobStatusEnum) status!: string;
  @Field(() => String, { nullable: true, description: 'CHECKING or WRITING while RUNNING' }) phase!: string | null;
  @Field(() => String) profile!: string;
  @Field(() => ID, { nullable: true }) queueId!: string | null;
  @Field(() => ID, { nullable: true }) contractId!: string | null;
  @Field(() => ID, { nullable: true }) forecastId!: string | null;
  @Field(() => ID, { nullable: true }) scorecardId!: string | null;
  @Field(() => [QueueMapEntry]) queueMap!: QueueMapEntry[];
  @Field(() => String, { nullable: true }) fileName!: string | null;
  @Field(() => Int, { description: 'Chunks received' }) chunks!: number;
  @Field(() => GraphQLSafeInt) bytesReceived!: number;
  @Field(() => String, { nullable: true, description: 'SHA-256 of the content (gunzipped), once read' }) contentSha256!: string | null;
  @Field(() => ID, { nullable: true, description: 'An earlier job that imported the same content into the same target (its rows were replaced, not doubled)' }) sameFileAs!: string | null;
  @Field(() => Int) rowsRead!: number;
  @Field(() => Int, { description: 'Rows that passed every check' }) rowsChecked!: number;
  @Field(() => Int) rowsWritten!: number;
  @Field(() => Int, { description: 'Rows refused (all of them counted)' }) rowsRefused!: number;
  @Field(() => Int, { description: 'Rows not for this target (skipUnmappedQueues) or already imported (complaints)' }) rowsSkipped!: number;
  @Field(() => [ImportProblem], { description: 'Refused rows, the first 1,000 problems' }) problems!: ImportProblem[];
  @Field(() => ImportCoverage, { nullable: true }) coverage!: ImportCoverage | null;
  @Field(() => [String]) notes!: string[];
  @Field(() => String, { nullable: true }) failure!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => String) createdBy!: string;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
}

@InputType()
export class QueueMapInput {
  @Field(() => String, { description: "The source's queue (skill, split) name" }) source!: string;
  @Field(() => ID) queueId!: string;
}

@InputType()
export class StartImportInput {
  @Field(() => ImportKindEnum) kind!: 'INTERVALS' | 'SURVEY_RESPONSES' | 'COMPLAINTS' | 'STAFFING' | 'EVALUATIONS';
  @Field(() => String, { description: 'A ready-made profile or one your organisation saved' }) profile!: string;
  @Field(() => ID, { nullable: true, description: 'INTERVALS (one queue) or SURVEY_RESPONSES' }) queueId?: string | null;
  @Field(() => ID, { nullable: true, description: 'INTERVALS with a queue column, or COMPLAINTS' }) contractId?: string | null;
  @Field(() => ID, { nullable: true, description: 'STAFFING: the forecast whose planned agents the file gives' }) forecastId?: string | null;
  @Field(() => ID, { nullable: true, description: 'EVALUATIONS: the quality scorecard the evaluations answer' }) scorecardId?: string | null;
  @Field(() => [QueueMapInput], { nullable: true, description: 'Source queue names to hub queues (a queue id of the contract also matches itself)' }) queueMap?: QueueMapInput[] | null;
  @Field(() => Boolean, { nullable: true, description: 'Skip (and count) rows of queues not in the map instead of refusing the file' }) skipUnmappedQueues?: boolean | null;
  @Field(() => String, { nullable: true, description: "IANA zone of the file's times when the profile names none (default: the queue's)" }) timeZone?: string | null;
  @Field(() => String, { nullable: true }) fileName?: string | null;
  @Field(() => String, { nullable: true, description: 'The file, or its first chunk (at most 4 MiB)' }) content?: string | null;
  @Field(() => ContentEncodingEnum, { nullable: true, defaultValue: 'TEXT' }) encoding?: 'TEXT' | 'BASE64' | null;
  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'False: more chunks follow (appendImportChunk)' }) complete?: boolean | null;
}

@ObjectType()
export class ColumnMappingView {
  @Field(() => String) source!: string;
  @Field(() => CanonicalFieldEnum) field!: string;
  @Field(() => ValueUnitEnum, { nullable: true }) unit!: string | null;
  @Field(() => Int, { nullable: true }) seconds!: number | null;
  @Field(() => Boolean) optional!: boolean;
}

@ObjectType()
export class ProfileConstantView {
  @Field(() => CanonicalFieldEnum) field!: string;
  @Field(() => String) value!: string;
}

@ObjectType()
export class ServiceLevelSpecView {
  @Field(() => Int) thresholdSeconds!: number;
  @Field(() => ServiceLevelFormulaEnum) formula!: string;
}

@ObjectType({ description: 'How one source export maps onto the hub' })
export class ImportProfile {
  @Field(() => String) name!: string;
  @Field(() => Boolean, { description: 'Ready-made (every organisation uses it) or saved by your organisation' }) readyMade!: boolean;
  @Field(() => ImportKindEnum) kind!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, { nullable: true, description: 'The public documentation followed' }) documentation!: string | null;
  @Field(() => String) delimiter!: string;
  @Field(() => Int) skipLines!: number;
  @Field(() => String, { nullable: true }) timeZone!: string | null;
  @Field(() => TimestampFormatEnum) timestampFormat!: string;
  @Field(() => TimesMarkEnum) timesMark!: string;
  @Field(() => Int, { nullable: true }) intervalSeconds!: number | null;
  @Field(() => ImportAttributionEnum) attribution!: string;
  @Field(() => ServiceLevelSpecView, { nullable: true }) serviceLevel!: ServiceLevelSpecView | null;
  @Field(() => AgentsRoundingEnum) agentsRounding!: string;
  @Field(() => [ColumnMappingView]) columns!: ColumnMappingView[];
  @Field(() => [ProfileConstantView]) constants!: ProfileConstantView[];
  @Field(() => ImportCoverage) coverage!: ImportCoverage;
}

@InputType()
export class ColumnMappingInput {
  @Field(() => String) source!: string;
  @Field(() => CanonicalFieldEnum) field!: string;
  @Field(() => ValueUnitEnum, { nullable: true }) unit?: string | null;
  @Field(() => Int, { nullable: true, description: 'Threshold or bucket bound of the …_WITHIN and …_IN_BUCKET fields' }) seconds?: number | null;
  @Field(() => Boolean, { nullable: true }) optional?: boolean | null;
}

@InputType()
export class ProfileConstantInput {
  @Field(() => CanonicalFieldEnum) field!: string;
  @Field(() => String) value!: string;
}

@InputType()
export class ServiceLevelSpecInput {
  @Field(() => Int) thresholdSeconds!: number;
  @Field(() => ServiceLevelFormulaEnum) formula!: string;
}

@InputType()
export class ImportProfileInput {
  @Field(() => String) name!: string;
  @Field(() => ImportKindEnum) kind!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true }) documentation?: string | null;
  @Field(() => String, { nullable: true, defaultValue: ',' }) delimiter?: string | null;
  @Field(() => Int, { nullable: true, defaultValue: 0 }) skipLines?: number | null;
  @Field(() => String, { nullable: true }) timeZone?: string | null;
  @Field(() => TimestampFormatEnum, { nullable: true, defaultValue: 'ISO_8601' }) timestampFormat?: string | null;
  @Field(() => TimesMarkEnum, { nullable: true, defaultValue: 'INTERVAL_START' }) timesMark?: string | null;
  @Field(() => Int, { nullable: true }) intervalSeconds?: number | null;
  @Field(() => ImportAttributionEnum, { nullable: true, defaultValue: 'QUEUE_ENTRY' }) attribution?: string | null;
  @Field(() => ServiceLevelSpecInput, { nullable: true }) serviceLevel?: ServiceLevelSpecInput | null;
  @Field(() => AgentsRoundingEnum, { nullable: true, defaultValue: 'DOWN' }) agentsRounding?: string | null;
  @Field(() => [ColumnMappingInput]) columns!: ColumnMappingInput[];
  @Field(() => [ProfileConstantInput], { nullable: true }) constants?: ProfileConstantInput[] | null;
}

@ObjectType({ description: 'A file to download: `content` as CSV, or `xlsx` as an Excel workbook (asked for, it is written; the other is not)' })
export class ExportFile {
  @Field(() => String, { description: 'The CSV file name' }) fileName!: string;
  @Field(() => Int, { description: 'Data rows (the header not counted)' }) rows!: number;
  @Field(() => [String], { description: 'The definition label of each figure in the file' }) definitions!: string[];
}

@ObjectType({ description: 'The export as an Excel workbook: the same header and rows on one sheet, the definitions on a second' })
export class SpreadsheetFile {
  @Field(() => String) fileName!: string;
  @Field(() => String) contentType!: string;
  @Field(() => String, { description: 'The .xlsx file, base64' }) base64!: string;
  @Field(() => Int) bytes!: number;
}

@InputType()
export class ExportMetricInput {
  @Field(() => String) metric!: string;
  @Field(() => String, { nullable: true }) variant?: string | null;
  @Field(() => Int, { nullable: true }) thresholdSeconds?: number | null;
  @Field(() => Int, { nullable: true }) shortAbandonSeconds?: number | null;
}

export { Float };
