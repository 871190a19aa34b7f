import { gql, hubNow } from '../api';
import { errorView, PageContext } from '../app';
import { dataTable, figureBlock, timeChart } from '../chart';
import { field, h, show, statusBox } from '../dom';
import { day, localDate, localMidnight, num } from '../format';
import { CAPACITY, VOLUME } from '../queries';
import type { ContractHead } from './contract';

/** Forecast (the version in force per interval) against the offered contacts the centre uploaded, per hour and per day. */
export async function volumeView(_ctx: PageContext, contract: ContractHead, body: HTMLElement): Promise<void> {
  const queueSelect = h('select', { name: 'queue' }, contract.queues.map((q) => h('option', { value: q.id }, q.name))) as HTMLSelectElement;
  const daysSelect = h('select', { name: 'days' }, [7, 14, 28].map((d) => h('option', { value: String(d) }, `last ${d} days`))) as HTMLSelectElement;
  const out = h('div', { 'aria-live': 'polite' });
  const load = async () => {
    const zone = contract.queues.find((q) => q.id === queueSelect.value)?.timeZone ?? 'UTC';
    const today = localDate(hubNow(), zone);
    const from = localMidnight(today.year, today.month, today.day - Number(daysSelect.value) + 1, zone);
    const to = localMidnight(today.year, today.month, today.day + 1, zone);
    show(out, statusBox('Loading forecast and actuals…'));
    try {
      const { queues } = await gql<{
        queues: Array<{ name: string; forecastInForce: Array<{ start: string; volume: number; version: number }>; performance: { timeZone: string; points: Array<{ start: string; label: string; sums: { offered: number } }> } } | null>;
      }>(VOLUME, { queue: queueSelect.value, from: from.toISOString(), to: to.toISOString() });
      const q = queues[0]!;
      const hour = (iso: string) => Math.floor(new Date(iso).getTime() / 3_600_000) * 3_600_000;
      const forecastByHour = new Map<number, number>();
      for (const i of q.forecastInForce) forecastByHour.set(hour(i.start), (forecastByHour.get(hour(i.start)) ?? 0) + i.volume);
      const hours = [...new Set([...q.performance.points.map((p) => hour(p.start)), ...forecastByHour.keys()])].sort((a, b) => a - b);
      // Hours that have not ended have no actuals yet (the series shows them as zero).
      const ended = hubNow().getTime();
      const actualByHour = new Map(q.performance.points.filter((p) => hour(p.start) + 3_600_000 <= ended).map((p) => [hour(p.start), p.sums.offered]));
      const chart = timeChart({
        title: 'Offered contacts per hour',
        times: hours.map((t) => new Date(t)),
        series: [
          { label: 'Forecast (version in force)', values: hours.map((t) => forecastByHour.get(t) ?? null) },
          { label: 'Actual offered', values: hours.map((t) => (actualByHour.has(t) ? actualByHour.get(t)! : null)) },
        ],
        format: (v) => v.toFixed(0),
        timeZone: zone,
      });
      const byDay = new Map<string, { forecast: number; actual: number; hasActual: boolean }>();
      for (const t of hours) {
        const key = day(new Date(t).toISOString(), zone);
        const row = byDay.get(key) ?? { forecast: 0, actual: 0, hasActual: false };
        row.forecast += forecastByHour.get(t) ?? 0;
        if (actualByHour.has(t)) {
          row.actual += actualByHour.get(t)!;
          row.hasActual = true;
        }
        byDay.set(key, row);
      }
      const table = dataTable(
        `Offered contacts per local day (${zone})`,
        ['Day', 'Forecast', 'Actual', 'Actual − forecast'],
        [...byDay].map(([d, r]) => [d, num(r.forecast), r.hasActual ? num(r.actual) : '–', r.hasActual && r.forecast > 0 ? `${(((r.actual - r.forecast) / r.forecast) * 100).toFixed(1)} %` : '–']),
      );
      show(out, figureBlock(`${q.name}: forecast versus actual volume`, ['offered contacts (queue entry attribution)', 'forecast: the latest version covering each interval'], chart, table));
    } catch (error) {
      show(out, errorView(error));
    }
  };
  queueSelect.addEventListener('change', () => void load());
  daysSelect.addEventListener('change', () => void load());
  show(body, h('div', { class: 'controls' }, field('Queue', queueSelect), field('Range', daysSelect)), out);
  await load();
}

interface CapacityRow {
  queueId: string;
  week: string;
  start: string;
  requiredHours: number | null;
  committedHours: number | null;
  scheduledHours: number | null;
  actualHours: number | null;
  commitmentGapHours: number | null;
  scheduleGapHours: number | null;
  actualGapHours: number | null;
  shareOfGroup: number | null;
}

/** Required (from the forecast in force), committed, scheduled and actual (staffed) hours per queue and ISO week. */
export async function hoursView(_ctx: PageContext, contract: ContractHead, body: HTMLElement): Promise<void> {
  const zone = contract.queues[0]?.timeZone ?? 'UTC';
  const today = localDate(hubNow(), zone);
  const weekday = (new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay() + 6) % 7;
  const from = localMidnight(today.year, today.month, today.day - weekday - 28, zone);
  const to = localMidnight(today.year, today.month, today.day - weekday + 21, zone);
  show(body, statusBox('Loading hours…'));
  try {
    const { contract: c } = await gql<{ contract: { queues: Array<{ id: string; name: string }>; capacity: CapacityRow[] } }>(CAPACITY, { id: contract.id, from: from.toISOString(), to: to.toISOString() });
    const blocks = c.queues
      .map((queue) => {
        const rows = c.capacity.filter((r) => r.queueId === queue.id);
        if (rows.every((r) => r.requiredHours === null && r.committedHours === null && r.actualHours === null)) return null;
        const chart = timeChart({
          title: `${queue.name} hours`,
          times: rows.map((r) => new Date(r.start)),
          series: [
            { label: 'Required', values: rows.map((r) => r.requiredHours), bars: true, colour: '#6b7280' },
            { label: 'Committed', values: rows.map((r) => r.committedHours) },
            { label: 'Scheduled', values: rows.map((r) => r.scheduledHours) },
            { label: 'Actual (staffed)', values: rows.map((r) => r.actualHours) },
          ],
          format: (v) => `${v.toFixed(0)} h`,
          timeZone: zone,
        });
        const gap = (v: number | null) => (v === null ? '–' : h('span', { class: v < 0 ? 'badge bad' : 'badge ok' }, `${v >= 0 ? '+' : ''}${num(v, 0)} h`));
        const table = dataTable(
          `${queue.name}: hours per ISO week (gaps = value − required; negative is short)`,
          ['Week', 'Required', 'Committed', 'Scheduled', 'Actual', 'Commitment gap', 'Schedule gap', 'Actual gap'],
          rows.map((r) => [r.week + (r.shareOfGroup !== null ? ` (share ${Math.round(r.shareOfGroup * 100)} %)` : ''), num(r.requiredHours), num(r.committedHours), num(r.scheduledHours), num(r.actualHours), gap(r.commitmentGapHours), gap(r.scheduleGapHours), gap(r.actualGapHours)]),
        );
        return figureBlock(`${queue.name}: required, committed, scheduled and actual hours`, ['required = Σ required agents × interval length of the forecast in force (SERVICE_LEVEL target in force)', 'actual = staffed (logged-in) hours uploaded'], chart, table);
      })
      .filter(Boolean);
    show(body, blocks.length ? blocks : h('p', {}, 'No capacity data for these weeks.'));
  } catch (error) {
    show(body, errorView(error));
  }
}
