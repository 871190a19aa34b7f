import { gql, hubNow } from '../api';
import { errorView, PageContext } from '../app';
import { dataTable, figureBlock, timeChart } from '../chart';
import { field, h, show, statusBox } from '../dom';
import { figureValue, localDate, localMidnight, num } from '../format';
import { CATALOGUE, KPI_SERIES } from '../queries';
import type { ContractHead } from './contract';

interface MetricInfo {
  key: string;
  name: string;
  description: string;
  unit: string;
  parameters: string[];
  variants: Array<{ key: string; description: string; parameters: string[]; unit: string }>;
}

interface Point {
  start: string;
  label: string;
  intervals: number;
  sums: { offered: number; answered: number };
  figures: Array<{ value: number | null; approximate: boolean; numerator: number | null; denominator: number | null; definition: { label: string; metric: string; variant: string } }>;
}

const PARAMETER_LABELS: Record<string, string> = {
  thresholdSeconds: 'Threshold T (s)',
  shortAbandonSeconds: 'Short abandon S (s)',
  repeatWindowDays: 'Repeat window (days)',
  tolerance: 'Tolerance',
};
const DEFAULTS: Record<string, string> = { thresholdSeconds: '20', shortAbandonSeconds: '5', repeatWindowDays: '7', tolerance: '0.1' };

let catalogue: MetricInfo[] | null = null;

/** Any KPI of a queue as a time series, under any definition of the catalogue, labelled with it. */
export async function kpiView(_ctx: PageContext, contract: ContractHead, body: HTMLElement): Promise<void> {
  catalogue ??= (await gql<{ metricCatalogue: MetricInfo[] }>(CATALOGUE)).metricCatalogue;
  const queueSelect = h('select', { name: 'queue' }, contract.queues.map((q) => h('option', { value: q.id }, `${q.name} (${q.channel.toLowerCase()})`))) as HTMLSelectElement;
  const metricSelect = h('select', { name: 'metric' }, catalogue.map((m) => h('option', { value: m.key }, `${m.name} (${m.key})`))) as HTMLSelectElement;
  metricSelect.value = 'SERVICE_LEVEL';
  const variantSelect = h('select', { name: 'variant' }) as HTMLSelectElement;
  const parameters = h('div', { class: 'controls' });
  const granularity = h('select', { name: 'granularity' }, ['INTERVAL', 'HOUR', 'DAY', 'WEEK', 'MONTH'].map((g) => h('option', { value: g }, g.toLowerCase()))) as HTMLSelectElement;
  granularity.value = 'DAY';
  const zone = () => contract.queues.find((q) => q.id === queueSelect.value)?.timeZone ?? 'UTC';
  const today = localDate(hubNow(), zone());
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const fromInput = h('input', { type: 'date', name: 'from', value: iso(new Date(Date.UTC(today.year, today.month - 1, today.day - 14))) }) as HTMLInputElement;
  const toInput = h('input', { type: 'date', name: 'to', value: iso(new Date(Date.UTC(today.year, today.month - 1, today.day))) }) as HTMLInputElement;
  const description = h('p', { class: 'definition' });
  const out = h('div', { 'aria-live': 'polite' });

  const metric = () => catalogue!.find((m) => m.key === metricSelect.value)!;
  const variant = () => metric().variants.find((v) => v.key === variantSelect.value);
  const refreshVariants = () => {
    show(variantSelect, metric().variants.map((v) => h('option', { value: v.key }, v.key)));
    refreshParameters();
  };
  const refreshParameters = () => {
    const names = [...new Set([...metric().parameters, ...(variant()?.parameters ?? [])])];
    show(parameters, names.map((n) => field(PARAMETER_LABELS[n] ?? n, h('input', { type: 'number', name: n, value: DEFAULTS[n] ?? '', step: n === 'tolerance' ? '0.01' : '1', min: '0' }))));
    show(description, `${metric().description}${variant() ? ` — ${variant()!.key}: ${variant()!.description}` : ''}`);
  };
  metricSelect.addEventListener('change', refreshVariants);
  variantSelect.addEventListener('change', refreshParameters);
  refreshVariants();

  const load = async () => {
    const definition: Record<string, unknown> = { metric: metricSelect.value, variant: variantSelect.value };
    for (const input of parameters.querySelectorAll('input')) if (input.value !== '') definition[input.name] = Number(input.value);
    const day = (value: string) => {
      const [y, m, d] = value.split('-').map(Number);
      return localMidnight(y, m, d, zone()).toISOString();
    };
    show(out, statusBox('Loading the series…'));
    try {
      if (!fromInput.value || !toInput.value) throw new Error('choose a start and an end date');
      const { queues } = await gql<{ queues: Array<{ name: string; performance: { timeZone: string; points: Point[] } } | null> }>(KPI_SERIES, {
        queue: queueSelect.value,
        from: day(fromInput.value),
        to: day(toInput.value),
        granularity: granularity.value,
        metrics: [definition],
      });
      const series = queues[0]!.performance;
      const label = series.points[0]?.figures[0]?.definition.label ?? metricSelect.value;
      const isRatio = !['ASA', 'AHT'].includes(metricSelect.value) && metric().unit === 'RATIO';
      const scale = (v: number | null) => (v === null ? null : isRatio ? v * 100 : v);
      const chart = timeChart({
            timeZone: series.timeZone,
        title: label,
        times: series.points.map((p) => new Date(p.start)),
        series: [{ label, values: series.points.map((p) => scale(p.figures[0]?.value ?? null)) }],
        format: (v) => (isRatio ? `${v.toFixed(0)} %` : v.toFixed(1)),
      });
      const table = dataTable(
        `${label} per ${granularity.value.toLowerCase()} (${series.timeZone})`,
        ['Bucket', label, 'Numerator', 'Denominator', 'Offered', 'Answered'],
        series.points.map((p) => {
          const f = p.figures[0];
          return [p.label, figureValue(f?.value, metricSelect.value) + (f?.approximate ? ' ≈' : ''), num(f?.numerator, 1), num(f?.denominator, 1), num(p.sums.offered), num(p.sums.answered)];
        }),
      );
      show(out, figureBlock(`${queues[0]!.name}: ${label}`, [label], chart, table));
    } catch (error) {
      show(out, errorView(error));
    }
  };
  const form = h(
    'form',
    { class: 'inline', 'aria-label': 'Series', onsubmit: (e: Event) => (e.preventDefault(), void load()) },
    field('Queue', queueSelect),
    field('Metric', metricSelect),
    field('Variant', variantSelect),
    parameters,
    field('Granularity', granularity),
    field('From (local date)', fromInput),
    field('To (local date, exclusive)', toInput),
    h('button', { type: 'submit' }, 'Show series'),
  );
  show(body, form, description, out);
  await load();
}
