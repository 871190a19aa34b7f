import { gql, liveNow } from '../api';
import { act, errorView, PageContext } from '../app';
import { field, h, show, statusBox } from '../dom';
import { duration, instant } from '../format';
import { ADD_ACTION, COMPLAINTS, PAUSE_COMPLAINT, RESUME_COMPLAINT, TRANSITION_COMPLAINT } from '../queries';
import type { ContractHead } from './contract';

interface Clock {
  kind: string;
  dueAt: string;
  running: boolean;
  paused: boolean;
  met: boolean | null;
  overdue: boolean;
  businessSecondsRemaining: number;
  businessSecondsOverdue: number;
}

interface Complaint {
  id: string;
  status: string;
  version: number;
  category: string;
  severity: string;
  description: string;
  customerRef: string;
  receivedAt: string;
  terms: { acknowledgeWithinHours: number; resolveWithinDays: number; timeZone: string };
  clocks: Clock[];
  correctiveActions: Array<{ id: string; action: string; owner: string; dueDate: string; done: boolean }>;
}

const OPEN = ['RECEIVED', 'ACKNOWLEDGED', 'ASSESSED', 'INVESTIGATING', 'ESCALATED', 'REOPENED'];

/** The transitions each side may make from a status (the ISO 10002 lifecycle of the README). */
function transitions(kind: string, status: string): string[] {
  const centre: Record<string, string[]> = {
    RECEIVED: ['ACKNOWLEDGED', 'WITHDRAWN'],
    ACKNOWLEDGED: ['ASSESSED', 'ESCALATED', 'WITHDRAWN'],
    ASSESSED: ['INVESTIGATING', 'ESCALATED', 'WITHDRAWN'],
    INVESTIGATING: ['RESPONDED', 'ESCALATED', 'WITHDRAWN'],
    ESCALATED: ['INVESTIGATING', 'RESPONDED', 'WITHDRAWN'],
    REOPENED: ['INVESTIGATING', 'ESCALATED', 'WITHDRAWN'],
    RESPONDED: ['CLOSED', 'REOPENED'],
    CLOSED: ['REOPENED'],
  };
  const client: Record<string, string[]> = {
    RECEIVED: ['WITHDRAWN'],
    ACKNOWLEDGED: ['ESCALATED', 'WITHDRAWN'],
    ASSESSED: ['ESCALATED', 'WITHDRAWN'],
    INVESTIGATING: ['ESCALATED', 'WITHDRAWN'],
    ESCALATED: ['INVESTIGATING', 'RESPONDED', 'WITHDRAWN'],
    REOPENED: ['ESCALATED', 'WITHDRAWN'],
    RESPONDED: ['CLOSED', 'REOPENED'],
    CLOSED: ['REOPENED'],
  };
  return (kind === 'centre' ? centre : client)[status] ?? [];
}

const VERB: Record<string, string> = { ACKNOWLEDGED: 'Acknowledge', ASSESSED: 'Assess', INVESTIGATING: 'Investigate', RESPONDED: 'Respond', CLOSED: 'Close', REOPENED: 'Reopen', ESCALATED: 'Escalate', WITHDRAWN: 'Withdraw' };

/** A clock that counts down to its deadline every second while it runs. */
function clockView(c: Clock, zone: string, ticking: Array<() => void>): HTMLElement {
  const name = c.kind === 'ACKNOWLEDGEMENT' ? 'Acknowledgement' : 'Resolution';
  const live = h('span', { class: 'clock' });
  const update = () => {
    const left = (new Date(c.dueAt).getTime() - liveNow().getTime()) / 1000;
    live.textContent = left >= 0 ? `${duration(left)} to go` : `overdue by ${duration(-left)}`;
    live.classList.toggle('overdue', left < 0);
  };
  let state: HTMLElement;
  if (!c.running) {
    state = h('span', { class: `badge ${c.met ? 'ok' : 'bad'}` }, c.met ? 'met' : 'missed');
  } else if (c.paused) {
    state = h('span', { class: 'badge warn' }, `paused · ${Math.round(c.businessSecondsRemaining / 3600)} business h left`);
  } else {
    update();
    ticking.push(update);
    state = h('span', {}, live, ' · ', c.overdue ? h('span', { class: 'badge bad' }, `${Math.round(c.businessSecondsOverdue / 3600)} business h overdue`) : h('span', { class: 'badge ok' }, `${Math.round(c.businessSecondsRemaining / 3600)} business h left`));
  }
  return h('li', {}, h('strong', {}, `${name} clock`), ` due ${instant(c.dueAt, zone)}: `, state);
}

/** Complaints with their live clocks and deadlines, and the handling actions of each side. */
export async function complaintsView(ctx: PageContext, contract: ContractHead, body: HTMLElement): Promise<void> {
  show(body, statusBox('Loading complaints…'));
  let complaints: Complaint[];
  try {
    complaints = (await gql<{ contract: { complaints: Complaint[] } }>(COMPLAINTS, { id: contract.id })).contract.complaints;
  } catch (error) {
    return show(body, errorView(error));
  }
  const ticking: Array<() => void> = [];
  const timer = setInterval(() => ticking.forEach((f) => f()), 1000);
  ctx.onLeave(() => clearInterval(timer));

  const card = (c: Complaint) => {
    const out = h('div', { 'aria-live': 'polite' });
    const note = h('input', { type: 'text', name: 'note', 'aria-label': `Note for complaint ${c.id}`, placeholder: 'Note (required)' }) as HTMLInputElement;
    const button = (label: string, run: () => Promise<string>, secondary = false): HTMLButtonElement => {
      const b: HTMLButtonElement = h('button', { type: 'button', class: secondary ? 'secondary' : null, onclick: () => void act(out, b, run, () => setTimeout(ctx.reload, 800)) }, label);
      return b;
    };
    const open = OPEN.includes(c.status);
    const paused = c.clocks.some((k) => k.paused);
    const actions = [
      ...transitions(ctx.kind, c.status).map((to) =>
        button(VERB[to] ?? to, async () => {
          const { transitionComplaint: t } = await gql<{ transitionComplaint: { status: string } }>(TRANSITION_COMPLAINT, { id: c.id, to, note: note.value, expectedVersion: c.version });
          return `Complaint is now ${t.status.toLowerCase()}.`;
        }, to === 'WITHDRAWN'),
      ),
      open && !paused ? button('Pause clock (awaiting customer)', async () => (await gql(PAUSE_COMPLAINT, { id: c.id, note: note.value }), 'Clock paused.'), true) : null,
      open && paused ? button('Resume clock', async () => (await gql(RESUME_COMPLAINT, { id: c.id, note: note.value }), 'Clock running again.'), true) : null,
    ];
    const actionForm = (() => {
      if (ctx.kind !== 'centre' || !open) return null;
      const root = h('input', { type: 'text', name: 'rootCause' }) as HTMLInputElement;
      const what = h('input', { type: 'text', name: 'action' }) as HTMLInputElement;
      const owner = h('input', { type: 'text', name: 'owner' }) as HTMLInputElement;
      const due = h('input', { type: 'date', name: 'dueDate' }) as HTMLInputElement;
      const form: HTMLFormElement = h(
        'form',
        {
          class: 'inline',
          'aria-label': `Corrective action for complaint ${c.id}`,
          onsubmit: (e: Event) => {
            e.preventDefault();
            void act(out, form, async () => (await gql(ADD_ACTION, { id: c.id, input: { rootCause: root.value, action: what.value, owner: owner.value, dueDate: due.value } }), 'Corrective action added.'), () => setTimeout(ctx.reload, 800));
          },
        },
        field('Root cause', root),
        field('Action', what),
        field('Owner', owner),
        field('Due date', due),
        h('button', { type: 'submit', class: 'secondary' }, 'Add corrective action'),
      );
      return h('details', {}, h('summary', {}, 'Add a corrective action'), form);
    })();
    return h(
      'article',
      { class: 'card', 'data-complaint': c.id },
      h('h3', {}, `${c.category} · ${c.severity.toLowerCase()} · `, h('span', { class: `badge ${open ? 'warn' : 'none'}` }, c.status.toLowerCase())),
      h('p', {}, c.description),
      h('p', { class: 'definition' }, `Received ${instant(c.receivedAt, c.terms.timeZone)} · customer ${c.customerRef} · terms: acknowledge within ${c.terms.acknowledgeWithinHours} business h, resolve within ${c.terms.resolveWithinDays} business days (${c.terms.timeZone})`),
      h('ul', { class: 'clocks' }, c.clocks.map((k) => clockView(k, c.terms.timeZone, ticking))),
      c.correctiveActions.length ? h('ul', {}, c.correctiveActions.map((a) => h('li', {}, `${a.action} (${a.owner}, due ${a.dueDate})${a.done ? ' — done' : ''}`))) : null,
      actions.some(Boolean) ? h('div', { class: 'actions' }, note, actions) : null,
      actionForm,
      out,
    );
  };
  const openOnes = complaints.filter((c) => OPEN.includes(c.status));
  const others = complaints.filter((c) => !OPEN.includes(c.status));
  show(
    body,
    h('h2', {}, `Open complaints (${openOnes.length})`),
    openOnes.length ? h('div', { class: 'cards' }, openOnes.map(card)) : h('p', {}, 'No open complaint.'),
    h('h2', {}, `Answered, closed and withdrawn (${others.length})`),
    h('div', { class: 'cards' }, others.map(card)),
  );
}
