import { DataSource } from 'typeorm';
import { Viewer } from '../platform/auth';
import * as useCases from './contracts';
import { contextFor, UseCaseContext } from './context';
import { OrganisationRow } from './entities/organisation';
import { DEMO, DEMO_QUEUE_HOURS, DEMO_COMPLAINT_TERMS, weekdays } from '../demo/ids';
import { zonedToEpoch } from '../metrics/calendar';
import * as tenders from './tenders';
import { TenderRow } from './entities/tender';

function actingFor(db: DataSource, now: Date, org: string, ids: string[]): UseCaseContext {
  const viewer: Viewer = { subject: 'demo-seed', organisationId: org, roles: ['write', 'admin'] };
  return contextFor(db, viewer, now, () => ids.shift() ?? `${org}-${Math.random().toString(36).slice(2, 10)}`);
}

const CLAUSE_6 = {
  responsibilities: [
    { area: 'Service delivery and staffing', party: 'CENTRE' as const, contactName: 'Operations director', contactEmail: 'ops@centre.example', description: null },
    { area: 'Product and policy information', party: 'CLIENT' as const, contactName: 'Customer service manager', contactEmail: 'cs@client.example', description: null },
    { area: 'Complaint escalation (ISO 10002)', party: 'CLIENT' as const, contactName: 'Complaints lead', contactEmail: null, description: 'Final response on escalated complaints' },
  ],
  informationItems: [
    { what: 'Tariff and product changes', frequency: 'ON_CHANGE' as const, description: 'At least 10 working days before go-live' },
    { what: 'Marketing campaign calendar', frequency: 'MONTHLY' as const, description: null },
    { what: 'Billing run dates', frequency: 'QUARTERLY' as const, description: null },
  ],
  reportingObligations: [
    { report: 'Monthly performance report (ISO 18295-2 6.8)', frequency: 'MONTHLY' as const, dueDaysAfterPeriodEnd: 5 },
    { report: 'Interval actuals', frequency: 'DAILY' as const, dueDaysAfterPeriodEnd: 1 },
  ],
  serviceTerms: [
    { topic: 'Term', text: 'Initial term of 36 months, renewable by 12 months with 6 months notice.' },
    { topic: 'Price review', text: 'Yearly, indexed on the national labour cost index.' },
    { topic: 'Data protection', text: 'The centre processes personal data as processor under the data processing agreement in annex 4.' },
  ],
};

/** The first day of the month `monthsBack` before now, as YYYY-MM-DD and as local midnight in Paris. */
function monthStart(monthsBack: number, now: Date): { date: string; instant: Date } {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, 1));
  const instant = new Date(zonedToEpoch(d.getUTCFullYear(), d.getUTCMonth() + 1, 1, 0, 0, 'Europe/Paris') * 1000);
  return { date: d.toISOString().slice(0, 10), instant };
}

/** The 16th of the month `monthsBack` before now, local midnight in London. */
function midMonth(monthsBack: number, now: Date): { instant: Date } {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, 16));
  return { instant: new Date(zonedToEpoch(d.getUTCFullYear(), d.getUTCMonth() + 1, 16, 0, 0, 'Europe/London') * 1000) };
}

/**
 * Demo contracts started six months ago; the Northwind amendment took effect at the start of last
 * month, the Globex price indexation on the 16th of the month before.
 */
export function demoTimeline(now: Date) {
  return { start: monthStart(6, now), amendment: monthStart(1, now), indexation: midMonth(2, now) };
}

/**
 * Price terms of the active demo contracts (issue 14). Northwind pays Contoso per billing call,
 * less inside 90-110 % of the forecast, per handled minute on outages and per e-mail, with a
 * minimum, a cap and a bonus; Fabrikam per productive hour for Northwind's chat, with credits
 * earned back after a month on target; Globex pays Fabrikam per call plus a platform fee.
 */
export const DEMO_PRICE_TERMS = {
  northwindContoso: {
    components: [
      { code: 'BILLING-CALLS', kind: 'PER_HANDLED_CONTACT' as const, rateMinor: 410, queueId: DEMO.queues.northwindBilling, bands: [{ fromPercent: 90, toPercent: 110, rateMinor: 380 }] },
      { code: 'OUTAGE-MINUTES', kind: 'PER_HANDLED_MINUTE' as const, rateMinor: 68, queueId: DEMO.queues.northwindOutages },
      { code: 'EMAILS', kind: 'PER_HANDLED_CONTACT' as const, rateMinor: 250, queueId: DEMO.queues.northwindEmail },
    ],
    minimumMonthlyMinor: 15_000_000,
    capMonthlyMinor: 40_000_000,
    creditCapPercent: 12,
    bonuses: [{ slaTargetId: 'sla-nw-outages-sl', minShareMet: 1, percent: 1 }],
  },
  northwindFabrikam: {
    components: [{ code: 'CHAT-HOURS', kind: 'PER_PRODUCTIVE_HOUR' as const, rateMinor: 3_150 }],
    creditCapPercent: 15,
    earnBackMonths: 1,
  },
  globexFabrikam: (perCall: number) => ({
    components: [
      { code: 'MOBILE-CALLS', kind: 'PER_HANDLED_CONTACT' as const, rateMinor: perCall },
      { code: 'PLATFORM', kind: 'FIXED_MONTHLY' as const, rateMinor: 1_500_000 },
    ],
    creditCapPercent: 12,
  }),
};

export async function seedContracts(db: DataSource, now: Date): Promise<void> {
  if ((await db.getRepository(OrganisationRow).count()) > 0) return;
  const timeline = demoTimeline(now);
  const since = { effectiveFrom: timeline.start.instant };
  await db.getRepository(OrganisationRow).insert(
    Object.values(DEMO.organisations).map((o) => ({ ...o, kind: o.kind as 'CLIENT' | 'CENTRE', createdAt: now })),
  );
  const { contracts: C, queues: Q } = DEMO;

  // Northwind and Contoso: active, amended once after a service review.
  let ctx = actingFor(db, now, 'northwind', [C.northwindContoso, Q.northwindBilling, Q.northwindOutages, Q.northwindEmail, 'sla-nw-billing-sl', 'sla-nw-billing-abandon', 'sla-nw-outages-sl', 'sla-nw-email-sl', 'sla-nw-asa', 'sla-nw-csat', 'sla-nw-complaints-ack', 'sla-nw-complaints-resolved']);
  await useCases.createContract(ctx, { title: 'Northwind residential customer service', reference: 'NW-2026-001', centreId: 'contoso', startDate: timeline.start.date, endDate: '2029-12-31', currency: 'EUR', monthlyFeeMinor: 42_000_000 }, since);
  await useCases.addQueue(ctx, C.northwindContoso, { name: 'Billing', channel: 'VOICE', direction: 'INBOUND', timeZone: 'Europe/Paris', openingHours: DEMO_QUEUE_HOURS[Q.northwindBilling].openingHours }, since);
  await useCases.addQueue(ctx, C.northwindContoso, { name: 'Moves and outages', channel: 'VOICE', direction: 'INBOUND', timeZone: 'Europe/Paris', openingHours: DEMO_QUEUE_HOURS[Q.northwindOutages].openingHours }, since);
  await useCases.addQueue(ctx, C.northwindContoso, { name: 'Email', channel: 'EMAIL', direction: 'INBOUND', timeZone: 'Europe/Paris', openingHours: DEMO_QUEUE_HOURS[Q.northwindEmail].openingHours }, since);
  const credit = { percentPerPoint: 0.5, capPercent: 10 };
  await useCases.setSlaTarget(ctx, C.northwindContoso, { queueId: Q.northwindBilling, metric: 'SERVICE_LEVEL', thresholdSeconds: 20, goal: 0.75, window: 'DAY', serviceCredit: credit }, since);
  await useCases.setSlaTarget(ctx, C.northwindContoso, { queueId: Q.northwindBilling, metric: 'ABANDONMENT_RATE', variant: 'EXCLUDE_SHORT_ABANDONS', shortAbandonSeconds: 5, goal: 0.05, window: 'WEEK' }, since);
  await useCases.setSlaTarget(ctx, C.northwindContoso, { queueId: Q.northwindOutages, metric: 'SERVICE_LEVEL', thresholdSeconds: 30, goal: 0.75, window: 'DAY', serviceCredit: credit }, since);
  await useCases.setSlaTarget(ctx, C.northwindContoso, { queueId: Q.northwindEmail, metric: 'SERVICE_LEVEL', thresholdSeconds: 86_400, goal: 0.95, window: 'WEEK' }, since);
  await useCases.setSlaTarget(ctx, C.northwindContoso, { metric: 'ASA', goal: 30, window: 'MONTH' }, since);
  // Judged from the feedback subgraph's surveys and complaints: one week of CSAT misses (see the
  // feedback seed), and the months with a complaint answered late miss resolution on time.
  await useCases.setSlaTarget(ctx, C.northwindContoso, { metric: 'CSAT', goal: 0.8, window: 'WEEK', minimumSample: 20, serviceCredit: { percentPerPoint: 0.1, capPercent: 5 } }, since);
  await useCases.setSlaTarget(ctx, C.northwindContoso, { metric: 'COMPLAINTS_ACK_ON_TIME', goal: 0.95, window: 'MONTH' }, since);
  await useCases.setSlaTarget(ctx, C.northwindContoso, { metric: 'COMPLAINTS_RESOLVED_ON_TIME', goal: 0.9, window: 'MONTH', serviceCredit: { percentPerPoint: 0.1, capPercent: 5 } }, since);
  await useCases.setResponsibilities(ctx, C.northwindContoso, CLAUSE_6.responsibilities, since);
  await useCases.setInformationItems(ctx, C.northwindContoso, CLAUSE_6.informationItems, since);
  await useCases.setReportingObligations(ctx, C.northwindContoso, CLAUSE_6.reportingObligations, since);
  await useCases.setServiceTerms(ctx, C.northwindContoso, CLAUSE_6.serviceTerms, since);
  await useCases.setComplaintTerms(ctx, C.northwindContoso, DEMO_COMPLAINT_TERMS[C.northwindContoso], since);
  await useCases.setPriceTerms(ctx, C.northwindContoso, DEMO_PRICE_TERMS.northwindContoso, since);
  await useCases.activateContract(ctx, C.northwindContoso, since);
  await useCases.setSlaTarget(ctx, C.northwindContoso, { id: 'sla-nw-billing-sl', queueId: Q.northwindBilling, metric: 'SERVICE_LEVEL', thresholdSeconds: 20, goal: 0.78, window: 'DAY', serviceCredit: credit }, {
    reason: 'Quarterly service review: billing service level raised from 75 % to 78 % in 20 s',
    effectiveFrom: timeline.amendment.instant,
  });

  // Northwind and Fabrikam: a chat overflow contract.
  ctx = actingFor(db, now, 'northwind', [C.northwindFabrikam, Q.northwindChat, 'sla-nw-chat-sl', 'sla-nw-chat-aht']);
  await useCases.createContract(ctx, { title: 'Northwind chat support', reference: 'NW-2026-002', centreId: 'fabrikam', startDate: timeline.start.date, currency: 'EUR', monthlyFeeMinor: 9_500_000 }, since);
  await useCases.addQueue(ctx, C.northwindFabrikam, { name: 'Web chat', channel: 'CHAT', direction: 'INBOUND', timeZone: 'Europe/Paris', openingHours: DEMO_QUEUE_HOURS[Q.northwindChat].openingHours }, since);
  await useCases.setSlaTarget(ctx, C.northwindFabrikam, { queueId: Q.northwindChat, metric: 'SERVICE_LEVEL', variant: 'OF_ANSWERED', thresholdSeconds: 60, goal: 0.9, window: 'WEEK', serviceCredit: { percentPerPoint: 1, capPercent: 15 } }, since);
  await useCases.setSlaTarget(ctx, C.northwindFabrikam, { queueId: Q.northwindChat, metric: 'AHT', goal: 420, window: 'MONTH' }, since);
  await useCases.setReportingObligations(ctx, C.northwindFabrikam, CLAUSE_6.reportingObligations, since);
  await useCases.setPriceTerms(ctx, C.northwindFabrikam, DEMO_PRICE_TERMS.northwindFabrikam, since);
  await useCases.activateContract(ctx, C.northwindFabrikam, since);

  // Globex and Fabrikam: mobile support in the UK.
  ctx = actingFor(db, now, 'globex', [C.globexFabrikam, Q.globexMobile, 'sla-gx-mobile-sl', 'sla-gx-mobile-abandon']);
  await useCases.createContract(ctx, { title: 'Globex mobile customer support', reference: 'GX-77', centreId: 'fabrikam', startDate: timeline.start.date, endDate: '2029-06-30', currency: 'GBP', monthlyFeeMinor: 31_000_000 }, since);
  await useCases.addQueue(ctx, C.globexFabrikam, { name: 'Mobile support', channel: 'VOICE', direction: 'INBOUND', timeZone: 'Europe/London', openingHours: DEMO_QUEUE_HOURS[Q.globexMobile].openingHours }, since);
  await useCases.setSlaTarget(ctx, C.globexFabrikam, { queueId: Q.globexMobile, metric: 'SERVICE_LEVEL', variant: 'ABANDONS_WITHIN_T_EXCLUDED', thresholdSeconds: 30, goal: 0.8, window: 'DAY', serviceCredit: { percentPerPoint: 0.75, capPercent: 12 } }, since);
  await useCases.setSlaTarget(ctx, C.globexFabrikam, { queueId: Q.globexMobile, metric: 'ABANDONMENT_RATE', goal: 0.06, window: 'WEEK' }, since);
  await useCases.setComplaintTerms(ctx, C.globexFabrikam, DEMO_COMPLAINT_TERMS[C.globexFabrikam], since);
  await useCases.setPriceTerms(ctx, C.globexFabrikam, DEMO_PRICE_TERMS.globexFabrikam(295), since);
  await useCases.activateContract(ctx, C.globexFabrikam, since);
  // The yearly indexation took effect in the middle of the month before last: that month's statement splits its contact line.
  await useCases.setPriceTerms(ctx, C.globexFabrikam, DEMO_PRICE_TERMS.globexFabrikam(305), {
    reason: 'Yearly price review: per-contact price indexed on the labour cost index (+3.4 %)',
    effectiveFrom: timeline.indexation.instant,
  });

  await seedTenders(db, now);

  // Globex and Initech: still a draft.
  ctx = actingFor(db, now, 'globex', [C.globexInitech, Q.globexSales]);
  await useCases.createContract(ctx, { title: 'Globex business sales line', centreId: 'initech', startDate: monthStart(-2, now).date, currency: 'GBP' }, since);
  await useCases.addQueue(ctx, C.globexInitech, { name: 'Business sales', channel: 'VOICE', direction: 'INBOUND', timeZone: 'Europe/London', openingHours: DEMO_QUEUE_HOURS[Q.globexSales].openingHours }, since);
}

/** A representative week of 15-minute demand: weekdays 08:00-20:00 with a morning peak, Saturday mornings. */
function demoDemand(): { intervalSeconds: number; intervals: Array<{ offered: number; ahtSeconds: number }> } {
  return {
    intervalSeconds: 900,
    intervals: Array.from({ length: 672 }, (_, i) => {
      const day = Math.floor(i / 96);
      const hour = (i % 96) / 4;
      const open = (day < 5 && hour >= 8 && hour < 20) || (day === 5 && hour >= 9 && hour < 13);
      const peak = 1 + 0.5 * Math.exp(-((hour - 10.5) ** 2) / 3);
      return { offered: open ? Math.round(30 * peak * (day === 0 ? 1.2 : 1)) : 0, ahtSeconds: 300 };
    }),
  };
}

export const DEMO_TENDERS = { open: 'tender-northwind-2027', closed: 'tender-northwind-winter' };

/**
 * Procurement demo: an open tender, and a closed one with three bids whose stated figures rank
 * differently from their normalized ones. Bids can only go in before a close, so the closed
 * tender is recorded open and its close moved into the past afterwards.
 */
async function seedTenders(db: DataSource, now: Date): Promise<void> {
  const procurement = (ids: string[]): UseCaseContext =>
    contextFor(db, { subject: 'demo-seed', organisationId: 'northwind', roles: ['read', 'procure'] }, now, () => ids.shift()!);
  const centre = (org: string, ids: string[]): UseCaseContext =>
    contextFor(db, { subject: 'demo-seed', organisationId: org, roles: ['read', 'write'] }, now, () => ids.shift()!);
  const common = {
    currency: 'EUR',
    patienceSeconds: 90,
    agentHourCostMinor: 2_800,
    queues: [{ name: 'Residential line', channel: 'VOICE', timeZone: 'Europe/Paris', openingHours: weekdays('08:00', '20:00', ['09:00', '13:00']) }],
    demand: demoDemand(),
    requirements: [
      { metric: 'SERVICE_LEVEL', thresholdSeconds: 20, goal: 0.8, window: 'DAY' as const, weight: 0.35 },
      { metric: 'ABANDONMENT_RATE', goal: 0.05, window: 'WEEK' as const, weight: 0.15 },
    ],
    invitedCentreIds: ['contoso', 'fabrikam', 'initech'],
  };
  const inAMonth = new Date(now.getTime() + 30 * 86_400_000);
  await tenders.createTender(procurement([DEMO_TENDERS.open]), { ...common, title: 'Northwind customer service 2027', closesAt: inAMonth, priceWeight: 0.5 });
  await tenders.submitBid(centre('contoso', ['bid-2027-contoso']), DEMO_TENDERS.open, {
    pricing: { model: 'PER_PRODUCTIVE_HOUR', priceMinor: 3_300, currency: 'EUR' },
    commitments: [{ metric: 'SERVICE_LEVEL', variant: 'CANONICAL', thresholdSeconds: 20, shortAbandonSeconds: null, value: 0.8 }],
  });

  await tenders.createTender(procurement([DEMO_TENDERS.closed]), { ...common, title: 'Northwind winter overflow', closesAt: inAMonth, priceWeight: 0.5 });
  // Contoso states the canonical definition; Fabrikam counts only answered calls; Initech leaves
  // out short abandons and uses 30 s: on paper Fabrikam and Initech promise the most.
  await tenders.submitBid(centre('contoso', ['bid-winter-contoso']), DEMO_TENDERS.closed, {
    pricing: { model: 'PER_PRODUCTIVE_HOUR', priceMinor: 3_200, currency: 'EUR' },
    commitments: [{ metric: 'SERVICE_LEVEL', variant: 'CANONICAL', thresholdSeconds: 20, shortAbandonSeconds: null, value: 0.8 }],
    pastPerformance: [{ metric: 'SERVICE_LEVEL', variant: 'CANONICAL', thresholdSeconds: 20, shortAbandonSeconds: null, value: 0.82, period: 'last 12 months' }],
  });
  await tenders.submitBid(centre('fabrikam', ['bid-winter-fabrikam']), DEMO_TENDERS.closed, {
    pricing: { model: 'PER_HANDLED_CONTACT', priceMinor: 420, currency: 'EUR' },
    commitments: [{ metric: 'SERVICE_LEVEL', variant: 'OF_ANSWERED', thresholdSeconds: 20, shortAbandonSeconds: null, value: 0.9 }],
  });
  await tenders.submitBid(centre('initech', ['bid-winter-initech']), DEMO_TENDERS.closed, {
    pricing: { model: 'PER_MINUTE', priceMinor: 55, currency: 'EUR' },
    commitments: [{ metric: 'SERVICE_LEVEL', variant: 'EXCLUDE_SHORT_ABANDONS', thresholdSeconds: 30, shortAbandonSeconds: 10, value: 0.85 }],
  });
  await db.getRepository(TenderRow).update({ id: DEMO_TENDERS.closed }, { closesAt: new Date(now.getTime() - 7 * 86_400_000) });
}
