import { gql, hubNow } from '../api';
import { heading, PageContext } from '../app';
import { h, show } from '../dom';
import { money, percent } from '../format';
import { monthAround } from '../format';
import { CONTRACT_COMPLIANCE, CONTRACTS } from '../queries';
import { goalText, Target, targetLabel, verdict } from './shared';

interface ContractSummary {
  id: string;
  title: string;
  status: string;
  client: { id: string; name: string };
  centre: { id: string; name: string };
  monthlyFee: { amountMinor: number; currency: string } | null;
  queues: Array<{ id: string; name: string; timeZone: string }>;
}

/** Contracts overview: each contract's SLA verdicts this month (in its first queue's time zone). */
export async function contractsPage(ctx: PageContext): Promise<void> {
  const { contracts } = await gql<{ contracts: ContractSummary[] }>(CONTRACTS);
  const now = hubNow();
  const cards = await Promise.all(
    contracts.map(async (c) => {
      const zone = c.queues[0]?.timeZone ?? 'UTC';
      const month = monthAround(now, zone);
      const other = ctx.kind === 'client' ? `Centre: ${c.centre.name}` : `Client: ${c.client.name}`;
      const link = h('a', { href: `#/contract/${encodeURIComponent(c.id)}` }, c.title);
      if (c.status !== 'ACTIVE') {
        return h('article', { class: 'card', 'data-contract': c.id }, h('h2', {}, link), h('p', {}, other, ' · ', h('span', { class: 'badge none' }, c.status.toLowerCase())), h('p', { class: 'status' }, 'No SLA is measured before the contract is active.'));
      }
      const { contract } = await gql<{ contract: { slaTargets: Target[] } }>(CONTRACT_COMPLIANCE, { id: c.id, from: month.from.toISOString(), to: month.to.toISOString() });
      const credit = contract.slaTargets.reduce((sum, t) => sum + (t.compliance?.creditAmountMinor ?? 0), 0);
      return h(
        'article',
        { class: 'card', 'data-contract': c.id },
        h('h2', {}, link),
        h('p', {}, other, ` · ${month.label} so far`),
        h(
          'ul',
          { class: 'verdicts', 'aria-label': `SLA verdicts of ${c.title}, ${month.label}` },
          contract.slaTargets.map((t) =>
            h(
              'li',
              {},
              h('span', {}, h('span', { class: 'definition-inline' }, targetLabel(t)), ` ${goalText(t)} per ${t.window.toLowerCase()}`, t.queue ? ` · ${t.queue.name}` : ' · all queues', t.compliance?.shareMet != null ? ` · ${percent(t.compliance.shareMet, 0)} of windows met` : ''),
              verdict(t.compliance),
            ),
          ),
        ),
        h('p', {}, 'Service credits owed this month: ', h('strong', {}, money(credit, c.monthlyFee?.currency))),
      );
    }),
  );
  show(ctx.main, ...heading('Contracts', `${contracts.length} contract${contracts.length === 1 ? '' : 's'} · SLA verdicts this month`), h('div', { class: 'cards' }, cards));
}
