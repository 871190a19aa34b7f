import { gql, hubNow } from '../api';
import { heading, PageContext } from '../app';
import { dataTable } from '../chart';
import { h, show } from '../dom';
import { instant, localDate, localMidnight, monthKey } from '../format';
import { OBLIGATIONS } from '../queries';

interface ContractObligations {
  id: string;
  title: string;
  status: string;
  client: { name: string };
  queues: Array<{ timeZone: string }>;
  reportingObligations: Array<{ report: string; frequency: string; dueDaysAfterPeriodEnd: number }>;
  performanceReports: Array<{ month: string; version: number; status: string }>;
  complaints: Array<{ id: string; status: string; category: string; severity: string; clocks: Array<{ kind: string; dueAt: string; running: boolean; paused: boolean; overdue: boolean }> }>;
}

interface Due {
  at: Date;
  what: string;
  contract: ContractObligations;
  state: HTMLElement;
  link: string;
}

/** A centre's obligations: reports due after each period and complaint clocks running, soonest first. */
export async function obligationsPage(ctx: PageContext): Promise<void> {
  const { contracts } = await gql<{ contracts: ContractObligations[] }>(OBLIGATIONS);
  const now = hubNow();
  const due: Due[] = [];
  for (const c of contracts.filter((x) => x.status === 'ACTIVE')) {
    const zone = c.queues[0]?.timeZone ?? 'UTC';
    for (const o of c.reportingObligations) {
      if (o.frequency !== 'MONTHLY') continue;
      const month = monthKey(now, zone, 1);
      const today = localDate(now, zone);
      const at = localMidnight(today.year, today.month, 1 + o.dueDaysAfterPeriodEnd, zone);
      const published = c.performanceReports.find((r) => r.month === month && r.status !== 'SUPERSEDED');
      const state = published
        ? h('span', { class: `badge ${published.status === 'APPROVED' ? 'ok' : published.status === 'DISPUTED' ? 'bad' : 'warn'}` }, `${published.status.toLowerCase()} (v${published.version})`)
        : at < now
          ? h('span', { class: 'badge bad' }, 'overdue: not published')
          : h('span', { class: 'badge warn' }, 'to publish');
      due.push({ at, what: `${o.report}, ${month}`, contract: c, state, link: `#/contract/${encodeURIComponent(c.id)}/reports` });
    }
    for (const complaint of c.complaints) {
      for (const clock of complaint.clocks.filter((k) => k.running)) {
        const state = clock.paused ? h('span', { class: 'badge warn' }, 'paused') : clock.overdue ? h('span', { class: 'badge bad' }, 'overdue') : h('span', { class: 'badge ok' }, 'running');
        due.push({
          at: new Date(clock.dueAt),
          what: `${clock.kind === 'ACKNOWLEDGEMENT' ? 'Acknowledge' : 'Resolve'} complaint ${complaint.category} (${complaint.severity.toLowerCase()}, ${complaint.status.toLowerCase()})`,
          contract: c,
          state,
          link: `#/contract/${encodeURIComponent(c.id)}/complaints`,
        });
      }
    }
  }
  due.sort((a, b) => a.at.getTime() - b.at.getTime());
  const overdue = due.filter((d) => d.at < now).length;
  show(
    ctx.main,
    ...heading('Obligations', `${due.length} due dates across ${contracts.length} contract${contracts.length === 1 ? '' : 's'} · ${overdue} past due`),
    dataTable(
      'Reports and complaint clocks, soonest due first (times in the contract queue’s zone)',
      ['Due', 'What', 'Contract', 'State'],
      due.map((d) => [instant(d.at.toISOString(), d.contract.queues[0]?.timeZone), h('a', { href: d.link }, d.what), `${d.contract.title} (${d.contract.client.name})`, d.state]),
    ),
  );
}
