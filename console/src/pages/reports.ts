import { gql, hubNow } from '../api';
import { act, errorView, PageContext } from '../app';
import { dataTable } from '../chart';
import { field, h, show, statusBox } from '../dom';
import { instant, money, monthKey, percent } from '../format';
import { APPROVE_REPORT, DISPUTE_REPORT, PUBLISH_REPORT, REPORTS } from '../queries';
import type { ContractHead } from './contract';

interface Report {
  id: string;
  month: string;
  version: number;
  status: string;
  commentary: string | null;
  publishedAt: string;
  reviewedAt: string | null;
  disputeReason: string | null;
  dataChanged: boolean;
  compliance: Array<{ targetId: string; label: string; measurable: boolean; windowsJudged: number; windowsMet: number; shareMet: number | null; creditPercent: number; creditAmountMinor: number | null }>;
}

const STATUS_BADGE: Record<string, string> = { PUBLISHED: 'warn', APPROVED: 'ok', DISPUTED: 'bad', SUPERSEDED: 'none' };

/** Monthly performance reports (ISO 18295-2 6.8): the centre publishes, the client approves or disputes. */
export async function reportsView(ctx: PageContext, contract: ContractHead, body: HTMLElement): Promise<void> {
  const out = h('div', { 'aria-live': 'polite' });
  show(body, statusBox('Loading reports…'));
  let reports: Report[];
  let currency = 'EUR';
  try {
    const answer = await gql<{ contract: { performanceReports: Report[]; monthlyFee: { currency: string } | null } }>(REPORTS, { id: contract.id });
    reports = answer.contract.performanceReports;
    currency = answer.contract.monthlyFee?.currency ?? currency;
  } catch (error) {
    return show(body, errorView(error));
  }
  const zone = contract.queues[0]?.timeZone ?? 'UTC';
  const sections: HTMLElement[] = [];
  if (ctx.kind === 'centre') {
    const month = h('select', { name: 'month' }, [1, 2, 3].map((back) => h('option', { value: monthKey(hubNow(), zone, back) }, monthKey(hubNow(), zone, back)))) as HTMLSelectElement;
    const commentary = h('textarea', { name: 'commentary', rows: 2 }) as HTMLTextAreaElement;
    const form: HTMLFormElement = h(
      'form',
      {
        class: 'inline',
        'aria-label': 'Publish a report',
        onsubmit: (e: Event) => {
          e.preventDefault();
          void act(out, form, async () => {
            const { publishPerformanceReport: r } = await gql<{ publishPerformanceReport: { version: number; status: string } }>(PUBLISH_REPORT, { id: contract.id, month: month.value, commentary: commentary.value || null });
            return `Published ${month.value}, version ${r.version} (${r.status.toLowerCase()}).`;
          }, () => setTimeout(ctx.reload, 600));
        },
      },
      field('Month', month),
      field('Commentary', commentary),
      h('button', { type: 'submit' }, 'Publish report'),
    );
    sections.push(h('h2', {}, 'Publish a month'), form);
  }
  const rows = reports.map((r) => {
    const credit = r.compliance.reduce((s, c) => s + (c.creditAmountMinor ?? 0), 0);
    const actions = h('div', { class: 'actions' });
    if (ctx.kind === 'client' && r.status === 'PUBLISHED') {
      const approve: HTMLButtonElement = h('button', { type: 'button', onclick: () => void act(out, approve, async () => (await gql(APPROVE_REPORT, { id: r.id }), `Approved ${r.month} v${r.version}.`), () => setTimeout(ctx.reload, 600)) }, `Approve ${r.month}`);
      const reason = h('input', { type: 'text', name: 'reason', 'aria-label': `Reason to dispute ${r.month}` }) as HTMLInputElement;
      const dispute: HTMLButtonElement = h(
        'button',
        { type: 'button', class: 'secondary', onclick: () => void act(out, dispute, async () => (await gql(DISPUTE_REPORT, { id: r.id, reason: reason.value }), `Disputed ${r.month} v${r.version}.`), () => setTimeout(ctx.reload, 600)) },
        `Dispute ${r.month}`,
      );
      actions.append(approve, reason, dispute);
    }
    return [
      `${r.month} v${r.version}`,
      h('span', { class: `badge ${STATUS_BADGE[r.status] ?? 'none'}` }, r.status.toLowerCase()),
      instant(r.publishedAt, zone),
      r.compliance.map((c) => `${c.label}: ${c.measurable ? `${c.windowsMet}/${c.windowsJudged} (${percent(c.shareMet, 0)})` : 'not measured'}`).join(' · '),
      money(credit, currency),
      [r.commentary, r.disputeReason ? `disputed: ${r.disputeReason}` : null, r.dataChanged ? 'actuals changed since publication' : null].filter(Boolean).join(' · ') || '–',
      actions,
    ];
  });
  sections.push(
    h('h2', {}, 'Reports'),
    out,
    reports.length
      ? dataTable('Monthly performance reports, newest first, with the compliance frozen at publication', ['Month', 'Status', 'Published', 'Compliance (definition: windows met)', 'Credits', 'Notes', 'Actions'], rows)
      : h('p', {}, 'No report has been published for this contract yet.'),
  );
  show(body, ...sections);
}
