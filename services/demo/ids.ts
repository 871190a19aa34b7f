import type { Weekday } from '../metrics/vocabulary';

export interface DemoOpeningHours {
  weekday: Weekday;
  opens: string;
  closes: string;
}

export interface DemoComplaintTerms {
  acknowledgeWithinHours: number;
  resolveWithinDays: number;
  calendar: { timeZone: string; hours: DemoOpeningHours[]; holidays: string[] };
}

/**
 * Demo data with stable, readable ids, so the README's example queries work on a fresh hub and
 * the other subgraphs' demo data can refer to these queues and targets. It goes through the
 * same use cases as the API, so the demo history is real history.
 */
export const DEMO = {
  organisations: {
    northwind: { id: 'northwind', name: 'Northwind Energy', kind: 'CLIENT' },
    globex: { id: 'globex', name: 'Globex Telecom', kind: 'CLIENT' },
    contoso: { id: 'contoso', name: 'Contoso Contact Services', kind: 'CENTRE' },
    fabrikam: { id: 'fabrikam', name: 'Fabrikam Customer Care', kind: 'CENTRE' },
    initech: { id: 'initech', name: 'Initech Outsourcing', kind: 'CENTRE' },
  },
  contracts: {
    northwindContoso: 'ct-northwind-contoso',
    northwindFabrikam: 'ct-northwind-fabrikam',
    globexFabrikam: 'ct-globex-fabrikam',
    globexInitech: 'ct-globex-initech',
  },
  queues: {
    northwindBilling: 'q-northwind-billing',
    northwindOutages: 'q-northwind-outages',
    northwindEmail: 'q-northwind-email',
    northwindChat: 'q-northwind-chat',
    globexMobile: 'q-globex-mobile',
    globexSales: 'q-globex-sales',
  },
} as const;

/** Monday to Friday from `opens` to `closes`, and Saturday when given. */
export function weekdays(opens: string, closes: string, saturday?: [string, string]): DemoOpeningHours[] {
  const days = (['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] as const).map((weekday) => ({ weekday, opens, closes }));
  return saturday ? [...days, { weekday: 'SATURDAY', opens: saturday[0], closes: saturday[1] }] : days;
}

/** The demo queues' hours and zones, which the other subgraphs' demo data (actuals) follows too. */
export const DEMO_QUEUE_HOURS: Record<string, { timeZone: string; openingHours: DemoOpeningHours[] }> = {
  [DEMO.queues.northwindBilling]: { timeZone: 'Europe/Paris', openingHours: weekdays('08:00', '20:00', ['09:00', '17:00']) },
  [DEMO.queues.northwindOutages]: { timeZone: 'Europe/Paris', openingHours: weekdays('08:00', '20:00', ['09:00', '17:00']) },
  [DEMO.queues.northwindEmail]: { timeZone: 'Europe/Paris', openingHours: weekdays('08:00', '18:00') },
  [DEMO.queues.northwindChat]: { timeZone: 'Europe/Paris', openingHours: weekdays('08:00', '22:00', ['10:00', '18:00']) },
  [DEMO.queues.globexMobile]: { timeZone: 'Europe/London', openingHours: weekdays('08:00', '21:00', ['09:00', '18:00']) },
  [DEMO.queues.globexSales]: { timeZone: 'Europe/London', openingHours: weekdays('09:00', '17:00') },
};

/** The demo contracts' complaint-handling terms, which the feedback subgraph's demo complaints snapshot too. */
export const DEMO_COMPLAINT_TERMS: Record<string, DemoComplaintTerms> = {
  [DEMO.contracts.northwindContoso]: { acknowledgeWithinHours: 8, resolveWithinDays: 10, calendar: { timeZone: 'Europe/Paris', hours: weekdays('09:00', '18:00'), holidays: ['2026-05-01', '2026-07-14', '2026-12-25'] } },
  [DEMO.contracts.globexFabrikam]: { acknowledgeWithinHours: 24, resolveWithinDays: 8, calendar: { timeZone: 'Europe/London', hours: weekdays('09:00', '17:30'), holidays: ['2026-12-25', '2026-12-28'] } },
};
