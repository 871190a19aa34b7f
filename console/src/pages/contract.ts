import { gql } from '../api';
import { heading, PageContext } from '../app';
import { h, show } from '../dom';
import { CONTRACT_HEAD } from '../queries';
import { complaintsView } from './complaints';
import { hoursView, volumeView } from './capacity';
import { kpiView } from './kpi';
import { moneyView } from './money';
import { qualityView } from './quality';
import { reportsView } from './reports';
import { satisfactionView } from './satisfaction';
import { tabs, TABS } from './shared';
import { slaView } from './sla';

export interface ContractHead {
  id: string;
  title: string;
  status: string;
  client: { id: string; name: string };
  centre: { id: string; name: string };
  queues: Array<{ id: string; name: string; channel: string; timeZone: string }>;
}

export type ContractView = (ctx: PageContext, contract: ContractHead, body: HTMLElement) => Promise<void>;

const VIEWS: Record<string, ContractView> = {
  '': slaView,
  kpi: kpiView,
  volume: volumeView,
  hours: hoursView,
  reports: reportsView,
  complaints: complaintsView,
  satisfaction: satisfactionView,
  quality: qualityView,
  money: moneyView,
};

/** One contract: a tab per subject, each its own address (#/contract/<id>/<tab>). */
export async function contractPage(ctx: PageContext): Promise<void> {
  const [id, tab = ''] = ctx.params;
  const { contract } = await gql<{ contract: ContractHead }>(CONTRACT_HEAD, { id });
  const view = VIEWS[tab] ?? slaView;
  const title = TABS.find(([key]) => key === tab)?.[1] ?? TABS[0][1];
  const body = h('div', {});
  show(ctx.main, ...heading(`${contract.title}: ${title}`, `${contract.client.name} ↔ ${contract.centre.name} · ${contract.status.toLowerCase()} · ${contract.queues.map((q) => q.name).join(', ')}`), tabs(contract.id, tab), body);
  await view(ctx, contract, body);
}
