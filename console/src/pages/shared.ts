import { h } from '../dom';

export interface Compliance {
  measurable: boolean;
  note: string | null;
  windowsJudged: number;
  windowsMet: number;
  shareMet: number | null;
  creditPercent: number;
  creditAmountMinor: number | null;
  currency: string | null;
  windows: Array<{
    start: string;
    end: string;
    label: string;
    goal: number;
    comparator: string;
    met: boolean | null;
    shortfall: number | null;
    creditPercent: number;
    figure: { value: number | null; approximate: boolean; definition: { label: string } };
  }>;
}

export interface Target {
  id: string;
  metric: string;
  goal: number;
  comparator: string;
  window: string;
  queue: { id: string; name: string } | null;
  compliance: Compliance | null;
}

/** The target's definition label, as the performance subgraph states it. */
export function targetLabel(t: Target): string {
  return t.compliance?.windows[0]?.figure.definition.label ?? t.metric;
}

export function goalText(t: { goal: number; comparator: string; metric: string }): string {
  const sign = t.comparator === 'AT_MOST' ? '≤' : '≥';
  const value = ['ASA', 'AHT'].includes(t.metric) ? `${t.goal} s` : ['NPS', 'CES', 'CSAT'].includes(t.metric) && t.goal > 1 ? String(t.goal) : `${(t.goal * 100).toFixed(0)} %`;
  return `${sign} ${value}`;
}

/** A verdict people read at a glance, in words as well as colour. */
export function verdict(c: Compliance | null): HTMLElement {
  if (!c || !c.measurable) return h('span', { class: 'badge none' }, 'not measured here');
  if (c.windowsJudged === 0) return h('span', { class: 'badge none' }, 'no contacts yet');
  const missed = c.windowsJudged - c.windowsMet;
  return missed === 0
    ? h('span', { class: 'badge ok' }, `met ${c.windowsMet}/${c.windowsJudged}`)
    : h('span', { class: 'badge bad' }, `missed ${missed} of ${c.windowsJudged}`);
}

export const TABS: Array<[string, string]> = [
  ['', 'SLA & credits'],
  ['kpi', 'KPIs'],
  ['volume', 'Forecast vs actual'],
  ['hours', 'Hours'],
  ['reports', 'Monthly reports'],
  ['complaints', 'Complaints'],
  ['satisfaction', 'Satisfaction'],
  ['quality', 'Quality'],
  ['money', 'Money'],
];

export function tabs(contractId: string, current: string): HTMLElement {
  return h(
    'nav',
    { 'aria-label': 'Contract pages' },
    h(
      'ul',
      { class: 'tabs' },
      TABS.map(([key, label]) =>
        h('li', {}, h('a', { href: `#/contract/${encodeURIComponent(contractId)}${key ? '/' + key : ''}`, 'aria-current': key === current ? 'page' : null }, label)),
      ),
    ),
  );
}
