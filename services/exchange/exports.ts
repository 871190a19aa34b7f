import { stringify } from 'csv-stringify/sync';
import { badInput, Problems } from '../platform/errors';
import { checkInstant, checkText } from '../platform/validate';
import { BOUNDS, FILE_LIMITS, TEXT_LIMITS } from '../metrics/bounds';
import { isValidTimeZone } from '../metrics/vocabulary';
import { localParts } from '../metrics/calendar';
import { STANDARD_WAIT_BOUNDS, WAIT_BUCKET_KEYS } from '../metrics/wait-buckets';
import { compliance, FigureFacts, reports, series, SeriesArgs, SumsFacts, tenderComparison } from '../clients/performance-files';
import { capacity, forecast } from '../clients/forecasts-files';
import { complaintRegister } from '../clients/feedback-files';
import { queueNames, slaTargets } from '../clients/contracts-files';
import { requireRead } from './access';
import { SUM_FIELDS } from './interval-rows';
import type { ExchangeContext } from './context';

/**
 * Every list or series a party can read, as a CSV file. The exchange subgraph holds none of it: it
 * asks the owning subgraph with the caller's token (so what a caller gets is exactly what the owner
 * shows it) and writes the rows, each figure's definition label in its column header. Files are
 * bounded in rows and size; a larger one is refused naming the range to narrow.
 */
export interface ExportFile {
  fileName: string;
  rows: number;
  /** The definition label of each figure the file carries. */
  definitions: string[];
  /** The table itself: rendered as CSV or XLSX only when the caller asks for that form. */
  header: string[];
  cells: Cell[][];
}

export type Cell = string | number | boolean | null | undefined;

function file(name: string, header: string[], rows: Cell[][], definitions: string[] = []): ExportFile {
  if (rows.length > FILE_LIMITS.exportRows) throw badInput({ field: 'to', message: `the file would have ${rows.length} rows, more than ${FILE_LIMITS.exportRows}; narrow the range` });
  return { fileName: name, rows: rows.length, definitions, header, cells: rows };
}

const rendered = new WeakMap<object, number>();

/**
 * Counts the cells one request writes as files (`request`: an object that lives as long as the
 * request), a workbook's at `weight` 2; refused past FILE_LIMITS.cellsRenderedPerRequest, so 30
 * aliases of a month's export cannot hold the event loop for everyone else.
 */
export function chargeRendering(request: object, f: ExportFile, weight: 1 | 2): void {
  const total = (rendered.get(request) ?? 0) + f.cells.length * Math.max(1, f.header.length) * weight;
  if (total > FILE_LIMITS.cellsRenderedPerRequest) {
    throw badInput({ field: 'to', message: `this request would write ${total} cells of files (a workbook's counted twice), more than ${FILE_LIMITS.cellsRenderedPerRequest}; ask for fewer files or aliases, or narrower ranges` });
  }
  rendered.set(request, total);
}

/** The file as CSV (RFC 4180, the header first); refused when longer than the bound. */
export function csvContent(f: ExportFile): string {
  // A boolean is written true/false (csv-stringify's default writes false as an empty cell,
  // which reads as "not reported").
  const content = stringify([f.header, ...f.cells.map((r) => r.map((c) => (c === null || c === undefined ? '' : c)))], { cast: { boolean: (b) => (b ? 'true' : 'false') } });
  if (content.length > FILE_LIMITS.exportCharacters) throw badInput({ field: 'to', message: `the file would exceed ${FILE_LIMITS.exportCharacters} characters; narrow the range` });
  return content;
}

function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
}

function checkRange(from: Date, to: Date): void {
  const problems = new Problems();
  checkInstant(problems, 'from', from);
  checkInstant(problems, 'to', to);
  if (problems.empty && !(to.getTime() > from.getTime())) problems.add('to', 'must be after from');
  problems.throwIfAny();
}

function checkId(field: string, id: string): void {
  const problems = new Problems();
  checkText(problems, field, id, TEXT_LIMITS.reference);
  problems.throwIfAny();
}

/** A figure's column header: its definition label, attribution and zone. */
function figureHeader(f: FigureFacts): string {
  return `${f.definition.label} [${f.definition.attribution}, ${f.definition.timeZone}]`;
}


const bucketCounts = (buckets: SumsFacts['answeredWait']) => STANDARD_WAIT_BOUNDS.map((b) => buckets.find((x) => (x.upToSeconds ?? Infinity) === b)?.count ?? 0);

/** A KPI series (queue or contract) under any definitions: per bucket the raw sums and every figure. */
export async function exportSeries(ctx: ExchangeContext, owner: { queueId: string } | { contractId: string }, args: SeriesArgs): Promise<ExportFile> {
  checkId('queueId' in owner ? 'queueId' : 'contractId', 'queueId' in owner ? owner.queueId : owner.contractId);
  checkRange(args.from, args.to);
  requireRead(ctx.viewer, 'exporting');
  const s = await series(ctx.peer('performance'), owner, args);
  const labels = s.points[0]?.figures.map(figureHeader) ?? [];
  const header = ['label', 'start', 'end', 'intervals', ...SUM_FIELDS, ...labels, ...labels.map((l) => `${l} approximate`)];
  const rows = s.points.map((p) => [
    p.label,
    p.start,
    p.end,
    p.intervals,
    ...SUM_FIELDS.map((f) => p.sums[f]),
    ...p.figures.map((f) => f.value),
    ...p.figures.map((f) => f.approximate),
  ]);
  const id = 'queueId' in owner ? owner.queueId : owner.contractId;
  return file(`kpi-${safeName(id)}-${args.granularity.toLowerCase()}.csv`, header, rows, labels);
}

/**
 * A queue's intervals in the hub's generic interval CSV (the `hub-intervals` profile reads it back):
 * one row per quarter hour that has actuals, raw sums and the standard wait buckets. An interval
 * longer than a quarter hour is written as the quarter hour it starts in (the series carries no
 * length), its sums whole.
 */
export async function exportIntervals(ctx: ExchangeContext, queueId: string, from: Date, to: Date): Promise<ExportFile> {
  checkId('queueId', queueId);
  checkRange(from, to);
  requireRead(ctx.viewer, 'exporting');
  const s = await series(ctx.peer('performance'), { queueId }, { from, to, granularity: 'INTERVAL', metrics: [] });
  const header = [
    'start',
    'lengthSeconds',
    ...SUM_FIELDS,
    ...WAIT_BUCKET_KEYS.map((k) => `answeredWait_${k}`),
    ...WAIT_BUCKET_KEYS.map((k) => `abandonedWait_${k}`),
  ];
  const rows = s.points
    .filter((p) => p.intervals > 0)
    .map((p) => [
      p.start,
      (Date.parse(p.end) - Date.parse(p.start)) / 1000,
      ...SUM_FIELDS.map((f) => p.sums[f]),
      ...bucketCounts(p.sums.answeredWait),
      ...bucketCounts(p.sums.abandonedWait),
    ]);
  return file(`intervals-${safeName(queueId)}.csv`, header, rows);
}

/** SLA compliance of a contract: per target and window the figure, goal, verdict and credit; then each target's total. */
export async function exportCompliance(ctx: ExchangeContext, contractId: string, from: Date, to: Date): Promise<ExportFile> {
  checkId('contractId', contractId);
  checkRange(from, to);
  requireRead(ctx.viewer, 'exporting');
  const targets = await slaTargets(ctx.peer('contracts'), contractId);
  const results = await compliance(ctx.peer('performance'), targets, from, to);
  const header = ['targetId', 'definition', 'window', 'start', 'end', 'value', 'approximate', 'goal', 'comparator', 'met', 'shortfall', 'creditPercent', 'creditAmountMinor', 'currency', 'note'];
  const rows: Cell[][] = [];
  const definitions = new Set<string>();
  results.forEach((r, i) => {
    const t = targets[i];
    for (const w of r.windows) {
      const label = figureHeader(w.figure);
      definitions.add(label);
      rows.push([t.id, label, w.label, w.start, w.end, w.figure.value, w.figure.approximate, w.goal, w.comparator, w.met, w.shortfall, w.creditPercent, null, null, null]);
    }
    rows.push([t.id, `${t.metric} ${t.variant}${t.thresholdSeconds ? ` ${t.thresholdSeconds}s` : ''}`, 'TOTAL', from.toISOString(), to.toISOString(), r.shareMet, null, null, null, null, null, r.creditPercent, r.creditAmountMinor, r.currency, r.note ?? (r.measurable ? null : 'not measured by interval actuals')]);
  });
  return file(`sla-compliance-${safeName(contractId)}.csv`, header, rows, [...definitions]);
}

/** Monthly reports of a contract, every version: one row per report, queue and figure, then per SLA target. */
export async function exportReports(ctx: ExchangeContext, contractId: string): Promise<ExportFile> {
  checkId('contractId', contractId);
  requireRead(ctx.viewer, 'exporting');
  const list = await reports(ctx.peer('performance'), contractId);
  const header = ['reportId', 'month', 'version', 'status', 'publishedAt', 'dataChanged', 'queueId', 'definition', 'value', 'approximate', 'windowsJudged', 'windowsMet', 'creditPercent', 'creditAmountMinor'];
  const rows: Cell[][] = [];
  const definitions = new Set<string>();
  for (const r of list) {
    for (const q of r.queues) {
      for (const f of q.figures) {
        definitions.add(figureHeader(f));
        rows.push([r.id, r.month, r.version, r.status, r.publishedAt, r.dataChanged, q.queueId, figureHeader(f), f.value, f.approximate, null, null, null, null]);
      }
    }
    for (const c of r.compliance) rows.push([r.id, r.month, r.version, r.status, r.publishedAt, r.dataChanged, null, `SLA ${c.label}`, c.shareMet, null, c.windowsJudged, c.windowsMet, c.creditPercent, c.creditAmountMinor]);
  }
  return file(`reports-${safeName(contractId)}.csv`, header, rows, [...definitions]);
}

export async function exportCapacity(ctx: ExchangeContext, contractId: string, from: Date, to: Date): Promise<ExportFile> {
  checkId('contractId', contractId);
  checkRange(from, to);
  requireRead(ctx.viewer, 'exporting');
  const weeks = await capacity(ctx.peer('forecasts'), contractId, from, to);
  const header = ['queueId', 'centreId', 'week', 'start', 'end', 'requiredHours', 'committedHours', 'scheduledHours', 'actualHours', 'commitmentGapHours', 'scheduleGapHours', 'actualGapHours', 'shareOfGroup'];
  return file(
    `capacity-${safeName(contractId)}.csv`,
    header,
    weeks.map((w) => [w.queueId, w.centreId, w.week, w.start, w.end, w.requiredHours, w.committedHours, w.scheduledHours, w.actualHours, w.commitmentGapHours, w.scheduleGapHours, w.actualGapHours, w.shareOfGroup]),
  );
}

export type ForecastFormat = 'HUB' | 'CALABRIO_BPO';

function calabrioTime(epochSeconds: number, timeZone: string): string {
  const p = localParts(epochSeconds, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}${two(p.month)}${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

/**
 * A forecast's intervals with staffing. HUB: volume, AHT, planned and required agents, scheduled
 * FTE, the target each is staffed for. CALABRIO_BPO: the client's staffing requirement as Calabrio's
 * BPO exchange file (skillname, startdatetime, enddatetime in `timeZone`, tasks, tasktime and
 * aftertasktime 0 as Calabrio's own export writes them, agents = required agents on contacts).
 */
export async function exportForecast(ctx: ExchangeContext, forecastId: string, format: ForecastFormat, timeZone: string | null, skillName: string | null): Promise<ExportFile> {
  const problems = new Problems();
  checkText(problems, 'forecastId', forecastId, TEXT_LIMITS.reference);
  checkText(problems, 'skillName', skillName, 50);
  if (timeZone !== null && !isValidTimeZone(timeZone)) problems.add('timeZone', `"${timeZone.slice(0, 64)}" is not an IANA time zone`);
  problems.throwIfAny();
  requireRead(ctx.viewer, 'exporting');
  const f = await forecast(ctx.peer('forecasts'), forecastId, true);
  if (format === 'CALABRIO_BPO') {
    const facts = await ctx.contracts.queue.load(f.queueId);
    const zone = timeZone ?? facts?.timeZone ?? 'UTC';
    const skill = skillName ?? (await queueNames(ctx.peer('contracts'), [f.queueId])).get(f.queueId) ?? f.queueId;
    const rows = f.intervals.map((i) => [skill.slice(0, 50), calabrioTime(Date.parse(i.start) / 1000, zone), calabrioTime(Date.parse(i.end) / 1000, zone), 0, 0, 0, i.staffing ? i.staffing.requiredAgents : null]);
    return file(`bpo-exchange-${safeName(skill)}.csv`, ['skillname', 'startdatetime', 'enddatetime', 'tasks', 'tasktime', 'aftertasktime', 'agents'], rows);
  }
  const header = ['start', 'end', 'volume', 'ahtSeconds', 'plannedAgents', 'requiredAgents', 'scheduledFte', 'requiredProductiveHours', 'staffedFor', 'expectedServiceLevel', 'atRisk', 'staffingNote'];
  const rows = f.intervals.map((i) => [
    i.start,
    i.end,
    i.volume,
    i.ahtSeconds,
    i.plannedAgents,
    i.staffing?.requiredAgents,
    i.staffing?.scheduledFte,
    i.staffing?.requiredProductiveHours,
    i.staffing ? `SERVICE_LEVEL ${i.staffing.target.thresholdSeconds}s ${i.staffing.target.variant} goal ${i.staffing.target.goal}` : null,
    i.planned?.expectedServiceLevel,
    i.planned?.atRisk,
    i.staffingNote,
  ]);
  return file(`forecast-${safeName(f.id)}-v${f.version}.csv`, header, rows);
}

export async function exportTenderComparison(ctx: ExchangeContext, tenderId: string): Promise<ExportFile> {
  checkId('tenderId', tenderId);
  requireRead(ctx.viewer, 'exporting');
  const c = await tenderComparison(ctx.peer('performance'), tenderId);
  const labels = [...new Set(c.bids.flatMap((b) => b.canonical.map((v) => v.label)))];
  const header = ['rank', 'bidId', 'centreId', 'centreName', 'score', 'feasible', 'binding', ...labels, 'currency', 'weeklyCostMinor', 'monthlyCostMinor', 'costPerHandledContactMinor', 'payableHours', 'requiredHours', 'shortfallHours'];
  const rows = c.bids.map((b) => [
    b.rank,
    b.bidId,
    b.centreId,
    b.centreName,
    b.score,
    b.feasible,
    b.binding,
    ...labels.map((l) => b.canonical.find((v) => v.label === l)?.value ?? null),
    b.cost?.currency,
    b.cost?.weeklyCostMinor,
    b.cost?.monthlyCostMinor,
    b.cost?.costPerHandledContactMinor,
    b.cost?.payableHours,
    b.cost?.requiredHours,
    b.cost?.shortfallHours,
  ]);
  return file(`tender-${safeName(tenderId)}-comparison.csv`, header, rows, [...c.canonicalDefinitions, ...labels]);
}

/** The complaint register of a contract (ISO 10002), newest first, with each clock's deadline and verdict. */
export async function exportComplaints(ctx: ExchangeContext, contractId: string, first: number): Promise<ExportFile> {
  checkId('contractId', contractId);
  const problems = new Problems();
  if (!Number.isInteger(first) || first < BOUNDS.complaintsPerPage.min || first > BOUNDS.complaintsPerPage.max) problems.add('first', `from ${BOUNDS.complaintsPerPage.min} to ${BOUNDS.complaintsPerPage.max}`);
  problems.throwIfAny();
  requireRead(ctx.viewer, 'exporting');
  const list = await complaintRegister(ctx.peer('feedback'), contractId, first);
  const clock = (c: (typeof list)[number], kind: string) => c.clocks.find((k) => k.kind === kind);
  const header = ['id', 'receivedAt', 'status', 'queueId', 'channel', 'category', 'severity', 'customerRef', 'acknowledgedAt', 'acknowledgeDue', 'acknowledgedOnTime', 'respondedAt', 'resolveDue', 'resolvedOnTime', 'closedAt', 'reopenCount', 'customerSatisfaction', 'description'];
  const rows = list.map((c) => {
    const ack = clock(c, 'ACKNOWLEDGEMENT');
    const res = clock(c, 'RESOLUTION');
    return [c.id, c.receivedAt, c.status, c.queueId, c.channel, c.category, c.severity, c.customerRef, c.acknowledgedAt, ack?.dueAt, ack?.met, c.respondedAt, res?.dueAt, res?.met, c.closedAt, c.reopenCount, c.customerSatisfaction, c.description];
  });
  return file(`complaints-${safeName(contractId)}.csv`, header, rows, ['COMPLAINTS_ACK_ON_TIME', 'COMPLAINTS_RESOLVED_ON_TIME']);
}
