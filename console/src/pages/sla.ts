import { gql, hubNow } from '../api';
import { errorView, PageContext } from '../app';
import { dataTable, figureBlock, timeChart } from '../chart';
import { field, h, show, statusBox } from '../dom';
import { figureValue, money, monthAround, percent } from '../format';
import { CONTRACT_COMPLIANCE } from '../queries';
import type { ContractHead } from './contract';
import { goalText, Target, targetLabel, verdict } from './shared';

/** SLA compliance per window and the service credits owed, month by month: a chart and a table per target. */
export async function slaView(_ctx: PageContext, contract: ContractHead, body: HTMLElement): Promise<void> {
  const zone = contract.queues[0]?.timeZone ?? 'UTC';
  const months = [0, 1, 2].map((back) => monthAround(hubNow(), zone, back));
  const select = h('select', { name: 'month' }, months.map((m, i) => h('option', { value: String(i) }, m.label + (i === 0 ? ' (so far)' : ''))));
  const out = h('div', {});
  const load = async () => {
    const month = months[Number((select as HTMLSelectElement).value)];
    show(out, statusBox(`Loading ${month.label}…`));
    try {
      const { contract: c } = await gql<{ contract: { monthlyFee: { amountMinor: number; currency: string } | null; slaTargets: Target[] } }>(CONTRACT_COMPLIANCE, {
        id: contract.id,
        from: month.from.toISOString(),
        to: month.to.toISOString(),
      });
      const currency = c.monthlyFee?.currency ?? 'EUR';
      const total = c.slaTargets.reduce((s, t) => s + (t.compliance?.creditAmountMinor ?? 0), 0);
      const summary = dataTable(
        `Service credits, ${month.label} (monthly fee ${money(c.monthlyFee?.amountMinor, currency)})`,
        ['Target (definition)', 'Goal', 'Windows met', 'Verdict', 'Credit %', 'Credit'],
        [
          ...c.slaTargets.map((t) => [
            `${targetLabel(t)}${t.queue ? ` · ${t.queue.name}` : ''}`,
            `${goalText(t)} per ${t.window.toLowerCase()}`,
            t.compliance?.measurable ? `${t.compliance.windowsMet}/${t.compliance.windowsJudged}` : t.compliance?.note ?? '–',
            verdict(t.compliance),
            t.compliance ? `${t.compliance.creditPercent.toFixed(2)} %` : '–',
            money(t.compliance?.creditAmountMinor, currency),
          ]),
          ['Total', '', '', '', '', h('strong', {}, money(total, currency))],
        ],
      );
      const blocks = c.slaTargets
        .filter((t) => t.compliance?.measurable && t.compliance.windows.length > 0)
        .map((t) => {
          const w = t.compliance!.windows;
          const isRatio = !['ASA', 'AHT'].includes(t.metric);
          const scale = (v: number | null) => (v === null ? null : isRatio ? v * 100 : v);
          // One window (a monthly target) is a number, not a line: its table says it all.
          const chart = w.length < 2 ? null : timeChart({
            timeZone: zone,
            title: targetLabel(t),
            times: w.map((x) => new Date(x.start)),
            series: [
              { label: targetLabel(t), values: w.map((x) => scale(x.figure.value)) },
              { label: `goal ${goalText(t)}`, values: w.map((x) => scale(x.goal)), dashed: true, colour: '#6b7280' },
            ],
            format: (v) => (isRatio ? `${v.toFixed(0)} %` : `${v.toFixed(0)} s`),
          });
          const table = dataTable(
            `${targetLabel(t)} per ${t.window.toLowerCase()}, ${month.label}`,
            ['Window', 'Figure', 'Goal', 'Met', 'Shortfall', 'Credit %'],
            w.map((x) => [
              x.label,
              figureValue(x.figure.value, t.metric) + (x.figure.approximate ? ' ≈' : ''),
              goalText(t),
              x.met === null ? 'no contacts' : x.met ? 'yes' : h('strong', {}, 'no'),
              x.shortfall === null ? '–' : isRatio ? `${x.shortfall.toFixed(2)} pt` : `${x.shortfall.toFixed(1)} s`,
              `${x.creditPercent.toFixed(2)} %`,
            ]),
          );
          return figureBlock(`${targetLabel(t)}${t.queue ? ` · ${t.queue.name}` : ''} — ${percent(t.compliance!.shareMet, 0)} of windows met`, [targetLabel(t)], chart, table);
        });
      show(out, h('h2', {}, `Credits owed, ${month.label}`), summary, h('h2', {}, 'Compliance per window'), blocks);
    } catch (error) {
      show(out, errorView(error));
    }
  };
  select.addEventListener('change', () => void load());
  show(body, h('div', { class: 'controls' }, field('Month', select)), out);
  await load();
}
