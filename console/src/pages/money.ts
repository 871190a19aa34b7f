import { gql, hubNow } from '../api';
import { errorView, PageContext } from '../app';
import { dataTable, figureBlock } from '../chart';
import { field, h, show, statusBox } from '../dom';
import { day, instant, money, monthKey, num } from '../format';
import { STATEMENT } from '../queries';
import type { ContractHead } from './contract';

interface Statement {
  month: string;
  version: number | null;
  status: string;
  currency: string;
  timeZone: string;
  computedAt: string;
  issuedAt: string | null;
  chargesMinor: number;
  creditsMinor: number;
  bonusesMinor: number;
  totalMinor: number;
  notes: string[];
  rounding: string;
  changed: boolean;
  lines: Array<{ code: string; kind: string; queueId: string | null; from: string; to: string; quantity: number; unit: string; rateMinor: number; amountMinor: number; definition: string; termsRevision: number | null }>;
}

/** The month's statement as the data now stands: every line's quantity × rate, credits, bonuses and the total. */
export async function moneyView(_ctx: PageContext, contract: ContractHead, body: HTMLElement): Promise<void> {
  const zone = contract.queues[0]?.timeZone ?? 'UTC';
  const queueName = new Map(contract.queues.map((q) => [q.id, q.name]));
  const months = [0, 1, 2].map((back) => monthKey(hubNow(), zone, back));
  const picker = h('select', { name: 'month' }, months.map((m, i) => h('option', { value: m }, i === 0 ? `${m} (so far)` : m))) as HTMLSelectElement;
  const out = h('div', {});
  const load = async () => {
    show(out, statusBox('Loading the statement…'));
    let s: Statement;
    try {
      s = (await gql<{ billingStatement: Statement }>(STATEMENT, { id: contract.id, month: picker.value })).billingStatement;
    } catch (error) {
      return show(out, errorView(error));
    }
    const amount = (minor: number) => money(minor, s.currency);
    show(
      out,
      h(
        'dl',
        { class: 'kv', 'aria-label': `Statement ${s.month}` },
        h('dt', {}, 'Status'), h('dd', {}, `${s.status.toLowerCase()}${s.version ? ` (version ${s.version}, issued ${instant(s.issuedAt, s.timeZone)})` : ` (computed ${instant(s.computedAt, s.timeZone)})`}${s.changed ? ' · the data changed since it was issued' : ''}`),
        h('dt', {}, 'Charges'), h('dd', {}, amount(s.chargesMinor)),
        h('dt', {}, 'Service credits'), h('dd', {}, amount(s.creditsMinor)),
        h('dt', {}, 'Bonuses'), h('dd', {}, amount(s.bonusesMinor)),
        h('dt', {}, 'Total'), h('dd', { 'data-figure': 'total' }, h('strong', {}, amount(s.totalMinor))),
      ),
      figureBlock(
        `Statement ${s.month} (${s.timeZone})`,
        [`quantity × rate = amount, rounded once: ${s.rounding}`],
        null,
        s.lines.length === 0
          ? h('p', {}, `No line in the ${s.month} statement.`)
          : dataTable(
              `Lines of the ${s.month} statement`,
              ['Code', 'Kind', 'Queue', 'Period', 'Quantity', 'Rate', 'Amount', 'Definition'],
              s.lines.map((l) => [
                l.code,
                l.kind.toLowerCase().replace(/_/g, ' '),
                l.queueId ? (queueName.get(l.queueId) ?? l.queueId) : 'all',
                `${day(l.from, s.timeZone)} – ${day(new Date(Date.parse(l.to) - 1).toISOString(), s.timeZone)}`,
                `${num(l.quantity, l.unit === 'CONTACT' || l.unit === 'LUMP_SUM' ? 0 : 2)} ${l.unit.toLowerCase().replace('_', ' ')}`,
                amount(l.rateMinor),
                amount(l.amountMinor),
                l.definition,
              ]),
            ),
      ),
      s.notes.length ? h('ul', {}, s.notes.map((n) => h('li', {}, n))) : null,
    );
  };
  picker.addEventListener('change', () => void load());
  show(body, h('div', { class: 'controls' }, field('Month', picker)), out);
  await load();
}
