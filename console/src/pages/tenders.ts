import { gql } from '../api';
import { act, heading, PageContext } from '../app';
import { dataTable } from '../chart';
import { h, show } from '../dom';
import { instant, money, num } from '../format';
import { AWARD, TENDER, TENDER_COMPARISON, TENDERS } from '../queries';

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
    tender: TenderSummary & { description: string | null; priceWeight: number; patienceSeconds: number; requirements: Array<{ metric: string; thresholdSeconds: number | null; goal: number; weight: number }> };
  }>(TENDER, { id: ctx.params[0] });
  const comparison = tender.closed
    ? (await gql<{ tender: { comparison: { canonicalDefinitions: string[]; bids: RankedBid[] } | null } }>(TENDER_COMPARISON, { id: tender.id })).tender.comparison
    : null;
  const out = h('div', { 'aria-live': 'polite' });
  const requirements = dataTable(
    'Requirements (canonical definitions) and weights',
    ['Metric', 'Goal', 'Weight'],
    [...tender.requirements.map((r) => [`${r.metric}${r.thresholdSeconds ? ` ${r.thresholdSeconds}s` : ''}`, r.metric === 'ASA' ? `${r.goal} s` : `${(r.goal * 100).toFixed(0)} %`, num(r.weight, 2)]), ['Price', 'cost per handled contact', num(tender.priceWeight, 2)]],
  );
  const parts: Array<HTMLElement | null> = [h('h2', {}, 'Requirements'), requirements];
  if (!tender.closed || !comparison) {
    parts.push(h('p', { class: 'notice' }, `Open until ${instant(tender.closesAt)}. Bids stay sealed until the close: nobody, the owner included, sees them before; then they are compared here.`));
  } else {
    const c = comparison;
    const rows = c.bids.map((b) => {
      const award: HTMLButtonElement = h(
        'button',
        { type: 'button', 'aria-label': `Award to ${b.centreName}`, onclick: () => void act(out, award, async () => (await gql<{ awardBid: { id: string } }>(AWARD, { bid: b.bidId }), `Awarded to ${b.centreName}: a draft contract was created.`)) },
        'Award',
      );
      return [
        b.rank === null ? '–' : `#${b.rank} ${b.centreName}`,
        b.commitments.map((s) => `${s.stated} = ${s.statedValue}`).join('; '),
        b.canonical.map((f) => figure(f.label, f.value)).join('; '),
        money(b.cost?.costPerHandledContactMinor, tender.currency),
        b.feasible ? h('span', { class: 'badge ok' }, 'feasible') : h('span', { class: 'badge bad' }, 'infeasible'),
        b.score === null ? '–' : num(b.score, 1),
        award,
      ];
    });
    const termNames = [...new Set(c.bids.flatMap((b) => b.terms.map((t) => t.name)))];
    const terms = dataTable(
      'Score terms: points (100 to the best feasible bid, proportionally less to the others) × weight = contribution',
      ['Bid', ...termNames, 'Score'],
      c.bids.map((b) => [
        `#${b.rank ?? '–'} ${b.centreName}`,
        ...termNames.map((name) => {
          const t = b.terms.find((x) => x.name === name);
          return t ? `${num(t.points, 1)} × ${num(t.weight, 2)} = ${num(t.contribution, 1)}` : '–';
        }),
        b.score === null ? '–' : num(b.score, 1),
      ]),
    );
    const costs = dataTable(
      'Cost at the staffing each promise needs at the tender demand',
      ['Bid', 'Monthly cost', 'Payable agent h/week', 'Required agent h/week', 'Binding commitment', 'Why'],
      c.bids.map((b) => [`#${b.rank ?? '–'} ${b.centreName}`, money(b.cost?.monthlyCostMinor, tender.currency), num(b.cost?.payableHours, 1), num(b.cost?.requiredHours, 1), b.binding ?? '–', b.cost?.reasons.join(' ') || '–']),
    );
    parts.push(
      h('h2', {}, 'Comparison'),
      h('p', { class: 'definition' }, 'Canonical definitions: ', c.canonicalDefinitions.join(' · ')),
      out,
      dataTable('Bids ranked: stated commitment in the bid’s own definition, canonical figures at the tender demand, cost per handled contact, feasibility and score', ['Rank', 'Stated commitment (own definition)', 'Canonical figures', 'Cost per handled contact', 'Feasible', 'Score', 'Award'], rows),
      h('h3', {}, 'Why this ranking'),
      terms,
      costs,
    );
  }
  show(ctx.main, ...heading(tender.title, `${tender.closed ? 'closed' : 'open'} · close ${instant(tender.closesAt)} · patience ${tender.patienceSeconds} s · ${tender.currency}`), ...parts.filter(Boolean) as HTMLElement[]);
}

