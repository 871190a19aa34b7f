import { DataSource } from 'typeorm';
import { Viewer } from '../platform/auth';
import { ContractFacts, QueueFacts } from '../clients/contracts';
import { DEMO, DEMO_COMPLAINT_TERMS, DEMO_QUEUE_HOURS } from '../demo/ids';
import { bucketStart, nextBucketStart } from '../metrics/calendar';
import { ContractFactsSource, FeedbackContext } from './context';
import { addCorrectiveAction, completeCorrectiveAction, pauseComplaintClock, recordComplaint, resumeComplaintClock, transitionComplaint } from './complaints';
import { ComplaintStatus } from './entities/complaint';
import { SurveyResponseUpload, writeSurveyResponses } from './surveys';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** A small deterministic generator, so the demo is the same on every start. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PARTIES: Record<string, { clientId: string; centreId: string; queues: string[] }> = {
  [DEMO.contracts.northwindContoso]: { clientId: 'northwind', centreId: 'contoso', queues: [DEMO.queues.northwindBilling, DEMO.queues.northwindOutages, DEMO.queues.northwindEmail] },
  [DEMO.contracts.northwindFabrikam]: { clientId: 'northwind', centreId: 'fabrikam', queues: [DEMO.queues.northwindChat] },
  [DEMO.contracts.globexFabrikam]: { clientId: 'globex', centreId: 'fabrikam', queues: [DEMO.queues.globexMobile] },
};

/** The seed runs without the contracts subgraph: it answers for the demo contracts itself. */
function demoContracts(): ContractFactsSource {
  const contract = (id: string): ContractFacts | null => {
    const p = PARTIES[id];
    if (!p) return null;
    return {
      id, status: 'ACTIVE', clientId: p.clientId, centreId: p.centreId, monthlyFeeMinor: null, currency: 'EUR',
      queues: p.queues.map((q) => ({ id: q, timeZone: DEMO_QUEUE_HOURS[q].timeZone })), slaTargets: [],
      complaintTerms: (DEMO_COMPLAINT_TERMS[id] as ContractFacts['complaintTerms']) ?? null,
    };
  };
  const queue = (id: string): QueueFacts | null => {
    const entry = Object.entries(PARTIES).find(([, p]) => p.queues.includes(id));
    return entry ? { id, timeZone: DEMO_QUEUE_HOURS[id].timeZone, contractId: entry[0], contractStatus: 'ACTIVE', clientId: entry[1].clientId, centreId: entry[1].centreId } : null;
  };
  return { contract: { load: async (id: string) => contract(id) }, queue: { load: async (id: string) => queue(id) } };
}

const SURVEYED: Array<{ queueId: string; perDay: number; quality: number; seed: number }> = [
  { queueId: DEMO.queues.northwindBilling, perDay: 14, quality: 0.8, seed: 21 },
  { queueId: DEMO.queues.northwindOutages, perDay: 6, quality: 0.75, seed: 22 },
  { queueId: DEMO.queues.northwindChat, perDay: 10, quality: 0.6, seed: 23 },
  { queueId: DEMO.queues.globexMobile, perDay: 16, quality: 0.65, seed: 24 },
];

/**
 * The Northwind-Contoso CSAT target (contracts seed) is judged per week at 80 % top-two-box: its
 * queues' CSAT responses are satisfied six times in seven (86 %) every week but one, the local
 * week three weeks before the current one, when only one in two is (a bad week after a tariff
 * change), so exactly one weekly window misses. A fixed pattern rather than random draws, so the
 * verdicts do not depend on the day the demo is seeded.
 */
const CSAT_PATTERN_QUEUES: readonly string[] = [DEMO.queues.northwindBilling, DEMO.queues.northwindOutages];

export function csatDipWeek(now: number): { from: number; to: number } {
  const tz = DEMO_QUEUE_HOURS[DEMO.queues.northwindBilling].timeZone;
  const from = bucketStart(Math.floor(now / 1000) - 21 * 86_400, 'WEEK', tz);
  return { from, to: nextBucketStart(from, 'WEEK', tz) };
}

function surveyRows(queueId: string, perDay: number, quality: number, seed: number, now: number): SurveyResponseUpload[] {
  const next = random(seed);
  const rows: SurveyResponseUpload[] = [];
  const dip = csatDipWeek(now);
  let csatCount = 0;
  const channel = queueId === DEMO.queues.northwindChat ? 'CHAT' : 'VOICE';
  for (let d = 56; d >= 1; d--) {
    for (let i = 0; i < perDay; i++) {
      const respondedAt = new Date(now - d * DAY + Math.floor(next() * 10 * HOUR));
      const good = next() < quality;
      const kind = i % 4;
      const base = { responseId: `demo-${queueId}-${d}-${i}`, channel, respondedAt, interactionRef: `int-${seed}-${d}-${i}`, agentRef: `agent-${1 + Math.floor(next() * 12)}` };
      if (kind === 0) {
        let satisfied = good;
        if (CSAT_PATTERN_QUEUES.includes(queueId)) {
          const t = respondedAt.getTime() / 1000;
          satisfied = t >= dip.from && t < dip.to ? csatCount % 2 === 0 : csatCount % 7 !== 6;
          csatCount += 1;
        }
        rows.push({ ...base, type: 'CSAT', score: satisfied ? 4 + Math.floor(next() * 2) : 1 + Math.floor(next() * 3) });
      }
      else if (kind === 1) rows.push({ ...base, type: 'NPS', score: good ? 8 + Math.floor(next() * 3) : Math.floor(next() * 8) });
      else if (kind === 2) rows.push({ ...base, type: 'CES', score: good ? 1 + Math.floor(next() * 3) : 3 + Math.floor(next() * 5) });
      else rows.push({ ...base, type: 'FCR', resolved: good });
    }
  }
  return rows;
}

type Step = { after: number; by: 'CLIENT' | 'CENTRE' } & (
  | { to: ComplaintStatus; note: string; satisfaction?: number }
  | { pause: 'AWAITING_CUSTOMER' | 'AWAITING_THIRD_PARTY'; note: string }
  | { resume: true; note: string }
  | { action: { rootCause: string; action: string; owner: string; dueInDays: number; done?: boolean } }
);

interface DemoComplaint {
  contractId: string;
  queueId: string;
  receivedAgo: number;
  by: 'CLIENT' | 'CENTRE';
  category: string;
  severity: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
  channel: string;
  description: string;
  steps: Step[];
}

const NW = DEMO.contracts.northwindContoso;
const GX = DEMO.contracts.globexFabrikam;
const ack = (after: number): Step => ({ after, by: 'CENTRE', to: 'ACKNOWLEDGED', note: 'Acknowledged to the customer by e-mail' });
const assess = (after: number): Step => ({ after, by: 'CENTRE', to: 'ASSESSED', note: 'Assessed: within scope, priority set' });
const investigate = (after: number): Step => ({ after, by: 'CENTRE', to: 'INVESTIGATING', note: 'Investigation opened' });
const respond = (after: number): Step => ({ after, by: 'CENTRE', to: 'RESPONDED', note: 'Response sent to the customer' });

/** Complaints in every state: closed on time, answered late, paused, overdue, reopened, escalated, withdrawn. */
const DEMO_COMPLAINTS: DemoComplaint[] = [
  { contractId: NW, queueId: DEMO.queues.northwindBilling, receivedAgo: 30 * DAY, by: 'CENTRE', category: 'BILLING', severity: 'MEDIUM', channel: 'VOICE', description: 'Charged twice for the September bill.',
    steps: [ack(2 * HOUR), assess(4 * HOUR), investigate(5 * HOUR), { after: DAY, by: 'CENTRE', action: { rootCause: 'Payment file sent twice after a timeout', action: 'Idempotent payment file transfer', owner: 'Billing IT', dueInDays: 14, done: true } }, respond(3 * DAY), { after: 4 * DAY, by: 'CLIENT', to: 'CLOSED', note: 'Refund confirmed', satisfaction: 4 }] },
  { contractId: NW, queueId: DEMO.queues.northwindOutages, receivedAgo: 40 * DAY, by: 'CLIENT', category: 'SERVICE', severity: 'HIGH', channel: 'VOICE', description: 'Engineer did not come to the agreed appointment twice.',
    steps: [ack(HOUR), assess(DAY), investigate(2 * DAY), respond(20 * DAY), { after: 21 * DAY, by: 'CENTRE', to: 'CLOSED', note: 'Customer accepted the goodwill gesture', satisfaction: 2 }] },
  { contractId: NW, queueId: DEMO.queues.northwindEmail, receivedAgo: 5 * DAY, by: 'CENTRE', category: 'BILLING', severity: 'LOW', channel: 'EMAIL', description: 'Meter reading estimated although a reading was sent.',
    steps: [ack(3 * HOUR), assess(DAY), investigate(DAY + HOUR), { after: 2 * DAY, by: 'CENTRE', pause: 'AWAITING_CUSTOMER', note: 'Asked the customer for a photo of the meter' }] },
  { contractId: NW, queueId: DEMO.queues.northwindBilling, receivedAgo: 3 * DAY, by: 'CLIENT', category: 'STAFF_CONDUCT', severity: 'MEDIUM', channel: 'VOICE', description: 'Agent was rude and hung up.', steps: [] },
  { contractId: NW, queueId: DEMO.queues.northwindOutages, receivedAgo: 25 * DAY, by: 'CENTRE', category: 'SERVICE', severity: 'CRITICAL', channel: 'VOICE', description: 'Vulnerable customer left without power for two days.',
    steps: [ack(HOUR), assess(2 * HOUR), investigate(3 * HOUR), { after: 2 * DAY, by: 'CENTRE', pause: 'AWAITING_THIRD_PARTY', note: 'Waiting for the network operator report' }, { after: 4 * DAY, by: 'CENTRE', resume: true, note: 'Report received' }, { after: 5 * DAY, by: 'CLIENT', to: 'ESCALATED', note: 'Escalated to the Northwind complaints lead' }] },
  { contractId: NW, queueId: DEMO.queues.northwindBilling, receivedAgo: 12 * DAY, by: 'CENTRE', category: 'BILLING', severity: 'LOW', channel: 'VOICE', description: 'Direct debit date not changed as asked.',
    steps: [ack(HOUR), { after: 2 * HOUR, by: 'CENTRE', to: 'WITHDRAWN', note: 'Customer found the change had been made' }] },
  { contractId: NW, queueId: DEMO.queues.northwindBilling, receivedAgo: 20 * DAY, by: 'CENTRE', category: 'BILLING', severity: 'MEDIUM', channel: 'VOICE', description: 'Final bill after moving out is wrong.',
    steps: [ack(2 * HOUR), assess(DAY), investigate(DAY + HOUR), respond(6 * DAY), { after: 18 * DAY, by: 'CLIENT', to: 'REOPENED', note: 'Customer says the corrected bill is still wrong' }] },
  { contractId: GX, queueId: DEMO.queues.globexMobile, receivedAgo: 6 * DAY, by: 'CENTRE', category: 'NETWORK', severity: 'HIGH', channel: 'VOICE', description: 'No signal at home for three weeks.',
    steps: [ack(4 * HOUR), assess(DAY), { after: 2 * DAY, by: 'CENTRE', to: 'ESCALATED', note: 'Needs a network engineer visit, escalated to Globex' }] },
  { contractId: GX, queueId: DEMO.queues.globexMobile, receivedAgo: 2 * HOUR, by: 'CLIENT', category: 'BILLING', severity: 'LOW', channel: 'SOCIAL', description: 'Roaming charges in the EU.', steps: [] },
];

export async function seedFeedback(db: DataSource, now = Date.now()): Promise<void> {
  const [{ n }] = await db.query('SELECT COUNT(*) AS n FROM complaints');
  if (Number(n) > 0) return;
  for (const s of SURVEYED) {
    const rows = surveyRows(s.queueId, s.perDay, s.quality, s.seed, now);
    const contractId = Object.entries(PARTIES).find(([, p]) => p.queues.includes(s.queueId))![0];
    await writeSurveyResponses(db, contractId, s.queueId, rows, { by: 'demo-seed', at: new Date(now) });
  }
  const contracts = demoContracts();
  let index = 0;
  for (const c of DEMO_COMPLAINTS) {
    index += 1;
    const parties = PARTIES[c.contractId];
    let clock = now - c.receivedAgo;
    const ctxFor = (by: 'CLIENT' | 'CENTRE'): FeedbackContext => {
      const viewer: Viewer = { subject: 'demo-seed', organisationId: by === 'CLIENT' ? parties.clientId : parties.centreId, roles: ['write'] };
      return { viewer, db, contracts, now: new Date(clock) };
    };
    const complaint = await recordComplaint(ctxFor(c.by), c.contractId, {
      queueId: c.queueId, channel: c.channel, category: c.category, severity: c.severity, description: c.description, customerRef: `cust-demo-${1000 + index}`,
    });
    for (const step of c.steps) {
      clock = now - c.receivedAgo + step.after;
      const ctx = ctxFor(step.by);
      if ('to' in step) await transitionComplaint(ctx, complaint.id, step.to, { note: step.note, customerSatisfaction: step.satisfaction });
      else if ('pause' in step) await pauseComplaintClock(ctx, complaint.id, step.pause, step.note);
      else if ('resume' in step) await resumeComplaintClock(ctx, complaint.id, step.note);
      else {
        const due = new Date(clock + step.action.dueInDays * DAY).toISOString().slice(0, 10);
        const action = await addCorrectiveAction(ctx, complaint.id, { rootCause: step.action.rootCause, action: step.action.action, owner: step.action.owner, dueDate: due });
        if (step.action.done) await completeCorrectiveAction(ctx, action.id);
      }
    }
  }
}
