import { gql } from '../api';
import { act, heading, PageContext } from '../app';
import { dataTable } from '../chart';
import { h, show } from '../dom';
import { instant, money, num } from '../format';
import { AWARD, TENDER, TENDERS } from '../queries';

interface TenderSummary {
  id: string;
  title: string;
  status: string;
  closesAt: string;
  closed: boolean;
  currency: string;
  invitedCentres: Array<{ name: string } | null>;
  bids: Array<{ id: string; status: string; centre: { name: string } }>;
}

/** Procurement: the organisation's tenders, open and closed. */
export async function tendersPage(ctx: PageContext): Promise<void> {
  const { tenders } = await gql<{ tenders: TenderSummary[] }>(TENDERS);
  show(
    ctx.main,
    ...heading('Tenders', `${tenders.length} tender${tenders.length === 1 ? '' : 's'} of ${ctx.me.organisation?.name ?? ''}`),
    dataTable(
      'Tenders and their bids',
      ['Tender', 'Status', 'Closes', 'Invited centres', 'Bids'],
      tenders.map((t) => [
        h('a', { href: `#/tender/${encodeURIComponent(t.id)}` }, t.title),
        h('span', { class: `badge ${t.closed ? 'none' : 'ok'}` }, t.closed ? `${t.status.toLowerCase()}: compare` : 'open'),
        instant(t.closesAt),
        t.invitedCentres.map((c) => c?.name ?? '?').join(', '),
        String(t.bids.length),
      ]),
    ),
  );
}

interface RankedBid {
  bidId: string;
  centreName: string;
  rank: number | null;
  score: number | null;
  feasible: boolean;
  binding: string | null;
  commitments: Array<{ stated: string; statedValue: number; convertible: boolean; staffedHours: number | null; canonical: Array<{ label: string; value: number | null }> }>;
  canonical: Array<{ label: string; value: number | null }>;
  cost: { costPerHandledContactMinor: number | null; monthlyCostMinor: number | null; payableHours: number | null; requiredHours: number | null; reasons: string[] } | null;
  terms: Array<{ name: string; weight: number; value: number | null; points: number | null; contribution: number | null }>;
}

const figure = (label: string, value: number | null) => `${label}: ${value === null ? '–' : /ASA/.test(label) ? `${value.toFixed(1)} s` : `${(value * 100).toFixed(1)} %`}`;

/** A tender; once closed, the comparison of every bid in the canonical definitions with every term of its score, and the award. */
export async function tenderPage(ctx: PageContext): Promise<void> {
  const { tender } = await gql<{
    tender: TenderSummary & { description: string | null; priceWeight: number; patienceSeconds: number; requirements: Array<{ metric: string; thresholdSeconds: number | null; goal: number; weight: number }>; comparison: { canonicalDefinitions: string[]; bids: RankedBid[] } | null };
  }>(TENDER, { id: ctx.params[0] });
  const out = h('div', { 'aria-live': 'polite' });
  const requirements = dataTable(
    'Requirements (canonical definitions) and weights',
    ['Metric', 'Goal', 'Weight'],
    [...tender.requirements.map((r) => [`${r.metric}${r.thresholdSeconds ? ` ${r.thresholdSeconds}s` : ''}`, r.metric === 'ASA' ? `${r.goal} s` : `${(r.goal * 100).toFixed(0)} %`, num(r.weight, 2)]), ['Price', 'cost per handled contact', num(tender.priceWeight, 2)]],
  );
  const parts: Array<HTMLElement | null> = [h('h2', {}, 'Requirements'), requirements];
  if (!tender.closed || !tender.comparison) {
    parts.push(h('p', { class: 'notice' }, `Open until ${instant(tender.closesAt)}: ${tender.bids.length} bid${tender.bids.length === 1 ? '' : 's'} received. Bids are compared after the close, so nobody sees them before.`));
  } else {
    const c = tender.comparison;
    const rows = c.bids.map((b) => {
      const award: HTMLButtonElement = h(
        'button',
        { type: 'button', onclick: () => void act(out, award, async () => (await gql<{ awardBid: { id: string } }>(AWARD, { bid: b.bidId }), `Awarded to ${b.centreName}: a draft contract was created.`)) },
        `Award to ${b.centreName}`,
      );
      return [
        b.rank === null ? '–' : `#${b.rank}`,
        b.centreName,
        b.commitments.map((s) => `${s.stated} = ${s.statedValue}`).join('; '),
        b.canonical.map((f) => figure(f.label, f.value)).join('; '),
        money(b.cost?.costPerHandledContactMinor, tender.currency),
        money(b.cost?.monthlyCostMinor, tender.currency),
        b.feasible ? h('span', { class: 'badge ok' }, 'feasible') : h('span', { class: 'badge bad', title: b.cost?.reasons.join(' ') ?? '' }, 'infeasible'),
        b.score === null ? '–' : num(b.score, 1),
        b.terms.map((t) => `${t.name}: ${num(t.points, 1)} pt × ${num(t.weight, 2)} = ${num(t.contribution, 1)}`).join('; '),
        award,
      ];
    });
    const reasons = c.bids.filter((b) => b.cost?.reasons.length).map((b) => h('li', {}, `${b.centreName}: ${b.cost!.reasons.join(' ')}`));
    parts.push(
      h('h2', {}, 'Comparison'),
      h('p', { class: 'definition' }, 'Canonical definitions: ', c.canonicalDefinitions.join(' · ')),
      out,
      dataTable('Bids ranked: stated commitment, canonical figures at the tender demand, cost, feasibility, score and the terms behind it', ['Rank', 'Centre', 'Stated commitment (own definition)', 'Canonical figures', 'Cost per handled contact', 'Monthly cost', 'Feasible', 'Score', 'Score terms', 'Award'], rows),
      reasons.length ? h('div', {}, h('h3', {}, 'Why'), h('ul', {}, reasons)) : null,
    );
  }
  show(ctx.main, ...heading(tender.title, `${tender.status.toLowerCase()} · closes ${instant(tender.closesAt)} · patience ${tender.patienceSeconds} s · ${tender.currency}`), ...parts.filter(Boolean) as HTMLElement[]);
}

