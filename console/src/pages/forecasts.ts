import { gql, hubNow } from '../api';
import { act, errorView, heading, PageContext } from '../app';
import { dataTable, figureBlock, timeChart } from '../chart';
import { field, h, show, statusBox } from '../dom';
import { instant, localDate, localMidnight, num, percent } from '../format';
import { CONTRACTS, FORECASTS, PUBLISH_FORECAST } from '../queries';

interface ForecastRow {
  id: string;
  version: number;
  status: string;
  from: string;
  to: string;
  publishedAt: string;
  note: string | null;
  summary: { volume: number; requiredProductiveHours: number | null; scheduledFteHours: number | null; intervalsAtRisk: number; intervalsWithPlan: number; intervalsWithoutStaffing: number };
}
interface Interval {
  start: string;
  version: number;
  volume: number;
  ahtSeconds: number;
  plannedAgents: number | null;
  atRisk: boolean | null;
  staffingNote: string | null;
  staffing: { requiredAgents: number; scheduledFte: number; target: { goal: number; thresholdSeconds: number | null; variant: string } } | null;
  planned: { expectedServiceLevel: number } | null;
}

/** A centre's forecasts per queue: versions, staffing against the plan, the intervals at risk, and publishing. */
export async function forecastsPage(ctx: PageContext): Promise<void> {
  const { contracts } = await gql<{ contracts: Array<{ id: string; title: string; status: string; queues: Array<{ id: string; name: string; timeZone: string }> }> }>(CONTRACTS);
  const queues = contracts.flatMap((c) => c.queues.map((q) => ({ ...q, contract: c.title })));
  const queueId = ctx.params[0] || queues[0]?.id;
  const picker = h(
    'nav',
    { 'aria-label': 'Queues' },
    h('ul', { class: 'tabs' }, queues.map((q) => h('li', {}, h('a', { href: `#/forecasts/${encodeURIComponent(q.id)}`, 'aria-current': q.id === queueId ? 'page' : null }, `${q.name} · ${q.contract}`)))),
  );
  const queue = queues.find((q) => q.id === queueId);
  const body = h('div', {});
  show(ctx.main, ...heading('Forecasts and staffing', queue ? `${queue.name} · ${queue.contract} · ${queue.timeZone}` : 'No queue'), picker, body);
  if (!queue) return;
  const zone = queue.timeZone;
  const today = localDate(hubNow(), zone);
  const from = localMidnight(today.year, today.month, today.day, zone);
  const to = localMidnight(today.year, today.month, today.day + 7, zone);
  show(body, statusBox('Loading forecasts…'));
  let data: { name: string; forecasts: ForecastRow[]; forecastInForce: Interval[] } | null;
  try {
    data = (await gql<{ queues: Array<{ name: string; forecasts: ForecastRow[]; forecastInForce: Interval[] } | null> }>(FORECASTS, { queue: queue.id, from: from.toISOString(), to: to.toISOString() })).queues[0];
  } catch (error) {
    return show(body, errorView(error));
  }
  if (!data) return show(body, errorView(new Error('queue not found')));
  const versions = dataTable(
    'Versions covering the next seven days, newest first',
    ['Version', 'Status', 'Horizon', 'Published', 'Volume', 'Required productive h', 'Scheduled FTE h', 'Intervals at risk'],
    data.forecasts.map((f) => [`v${f.version}`, f.status.toLowerCase(), `${instant(f.from, zone)} – ${instant(f.to, zone)}`, instant(f.publishedAt, zone), num(f.summary.volume), num(f.summary.requiredProductiveHours), num(f.summary.scheduledFteHours), f.summary.intervalsWithPlan ? `${f.summary.intervalsAtRisk} of ${f.summary.intervalsWithPlan} planned` : 'no plan']),
  );
  const intervals = data.forecastInForce;
  const target = intervals.find((i) => i.staffing)?.staffing?.target;
  const definition = target ? `SERVICE_LEVEL ${target.thresholdSeconds ?? ''}s ${target.variant} ≥ ${percent(target.goal, 0)} (target in force), Erlang C/A` : 'no SERVICE_LEVEL target in force';
  const chart = timeChart({
            timeZone: zone,
    title: 'Agents required and planned',
    times: intervals.map((i) => new Date(i.start)),
    series: [
      { label: 'Required agents', values: intervals.map((i) => i.staffing?.requiredAgents ?? null) },
      { label: 'Planned agents', values: intervals.map((i) => i.plannedAgents) },
      { label: 'Forecast volume', values: intervals.map((i) => i.volume), dashed: true, colour: '#9ca3af' },
    ],
    format: (v) => v.toFixed(0),
  });
  const atRisk = intervals.filter((i) => i.atRisk);
  const riskTable = dataTable(
    `Intervals at risk in the next seven days (${atRisk.length}): planned agents expected below the goal`,
    ['Interval start', 'Version', 'Volume', 'AHT (s)', 'Required', 'Planned', 'Expected service level'],
    atRisk.map((i) => [instant(i.start, zone), `v${i.version}`, num(i.volume, 1), num(i.ahtSeconds), num(i.staffing?.requiredAgents), num(i.plannedAgents), percent(i.planned?.expectedServiceLevel)]),
  );

  const out = h('div', { 'aria-live': 'polite' });
  const horizon = h('input', { type: 'date', name: 'day', value: new Date(Date.UTC(today.year, today.month - 1, today.day + 7)).toISOString().slice(0, 10) }) as HTMLInputElement;
  const shrinkage = h('input', { type: 'number', name: 'shrinkage', value: '0.3', step: '0.01', min: '0', max: '0.99' }) as HTMLInputElement;
  const rows = h('textarea', { name: 'intervals', rows: 5, spellcheck: 'false' }, '09:00,120,320,48\n09:15,135,320,48\n09:30,140,320,46') as HTMLTextAreaElement;
  const form: HTMLFormElement = h(
    'form',
    {
      class: 'inline',
      'aria-label': 'Publish a forecast',
      onsubmit: (e: Event) => {
        e.preventDefault();
        void act(out, form, async () => {
          const [y, m, d] = horizon.value.split('-').map(Number);
          const start = localMidnight(y, m, d, zone);
          const end = localMidnight(y, m, d + 1, zone);
          const parsed = rows.value
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean)
            .map((line) => {
              const [time, volume, aht, planned] = line.split(',').map((x) => x.trim());
              const [hh, mm] = time.split(':').map(Number);
              return { start: new Date(start.getTime() + (hh * 60 + mm) * 60_000).toISOString(), volume: Number(volume), ahtSeconds: Number(aht), plannedAgents: planned ? Number(planned) : null };
            });
          const { publishForecast: f } = await gql<{ publishForecast: { version: number; intervalCount: number } }>(PUBLISH_FORECAST, {
            queue: queue.id,
            input: { from: start.toISOString(), to: end.toISOString(), granularityMinutes: 15, shrinkage: Number(shrinkage.value), intervals: parsed },
          });
          return `Published version ${f.version} (${f.intervalCount} intervals).`;
        });
      },
    },
    field('Day (local)', horizon),
    field('Shrinkage', shrinkage),
    field('Intervals: local time, volume, AHT s, planned agents', rows, 'One 15-minute interval a line; intervals left out expect no contacts.'),
    h('button', { type: 'submit' }, 'Publish forecast'),
  );

  show(
    body,
    h('h2', {}, 'Versions'),
    versions,
    h('h2', {}, 'Staffing for the next seven days'),
    figureBlock(`${data.name}: agents required by the forecast in force and planned`, [definition], chart, riskTable),
    h('h2', {}, 'Publish a forecast for one day'),
    form,
    out,
  );
}
