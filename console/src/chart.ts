import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { h } from './dom';

export interface Series {
  label: string;
  values: Array<number | null>;
  /** Draw as a dashed line (goals, bounds). */
  dashed?: boolean;
  /** Draw as bars (counts per bucket). */
  bars?: boolean;
  colour?: string;
}

const PALETTE = ['#1f5fa8', '#c2410c', '#15803d', '#7e22ce', '#a16207', '#0f766e'];

/**
 * A time-series chart (uPlot, canvas) that sizes itself to its container. The canvas is hidden
 * from assistive technology: every chart sits beside a table of the same numbers.
 */
export function timeChart(options: { title: string; times: Date[]; series: Series[]; format?: (v: number) => string; height?: number; timeZone?: string }): HTMLElement {
  const holder = h('div', { class: 'chart', 'aria-hidden': 'true', 'data-chart': options.title });
  const data: uPlot.AlignedData = [options.times.map((t) => t.getTime() / 1000), ...options.series.map((s) => s.values.map((v) => (v === null ? null : v)))];
  const fmt = options.format ?? ((v: number) => String(v));
  const make = (width: number) =>
    new uPlot(
      {
        width,
        height: options.height ?? 240,
        legend: { show: true },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true } },
        // Axis labels in the queue's time zone, like the tables beside the charts.
        tzDate: (ts: number) => (options.timeZone ? uPlot.tzDate(new Date(ts * 1000), options.timeZone) : new Date(ts * 1000)),
        axes: [{}, { values: (_u, ticks) => ticks.map((t) => fmt(t)), size: 60 }],
        series: [
          {},
          ...options.series.map((s, i) => ({
            label: s.label,
            stroke: s.colour ?? PALETTE[i % PALETTE.length],
            width: 2,
            dash: s.dashed ? [6, 4] : undefined,
            fill: s.bars ? `${s.colour ?? PALETTE[i % PALETTE.length]}55` : undefined,
            paths: s.bars ? uPlot.paths.bars!({ size: [0.8, 40] }) : undefined,
            points: { show: options.times.length < 60 },
            value: (_u: uPlot, v: number | null) => (v === null ? '–' : fmt(v)),
          })),
        ],
      },
      data,
      holder,
    );
  // Drawn once the element is in the page, at its width; redrawn when the width changes.
  let plot: uPlot | null = null;
  const observer = new ResizeObserver(() => {
    const width = Math.max(240, Math.floor(holder.clientWidth));
    if (!plot) plot = make(width);
    else if (Math.abs(plot.width - width) > 4) plot.setSize({ width, height: options.height ?? 240 });
  });
  observer.observe(holder);
  return holder;
}

const NUMERIC = /^(–|[-+]?[€£$]?[\d.,]+( ?(%|h|s|pt))?( ≈)?|#\d+)$/;

function cellClass(cell: string | number | Node): string | null {
  if (typeof cell === 'number') return 'num';
  if (typeof cell !== 'string') return null;
  if (NUMERIC.test(cell.trim())) return 'num';
  return cell.length > 40 ? 'text' : null;
}

/** A table of rows under a caption: the accessible form of every chart. Numbers align right. */
export function dataTable(caption: string, headers: string[], rows: Array<Array<string | number | Node>>, options: { rowHeaders?: boolean } = {}): HTMLElement {
  const numericColumn = headers.map((_, i) => rows.length > 0 && rows.every((r) => cellClass(r[i]) === 'num'));
  return h(
    'div',
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption },
    h(
      'table',
      {},
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, headers.map((x, i) => h('th', { scope: 'col', class: numericColumn[i] ? 'num' : null }, x)))),
      h(
        'tbody',
        {},
        rows.map((r) =>
          h(
            'tr',
            {},
            r.map((cell, i) => (i === 0 && options.rowHeaders !== false ? h('th', { scope: 'row' }, cell as string) : h('td', { class: cellClass(cell) }, cell as string))),
          ),
        ),
      ),
    ),
  );
}

/** A chart and its table with the definitions the figures were computed under. */
export function figureBlock(title: string, definitions: string[], chart: HTMLElement | null, table: HTMLElement): HTMLElement {
  return h(
    'figure',
    { class: 'figure' },
    h('figcaption', {}, h('span', { class: 'figure-title' }, title), definitions.length ? h('span', { class: 'definition' }, 'Definition: ', definitions.join(' · ')) : null),
    chart,
    table,
  );
}
