import 'reflect-metadata';
import { GraphQLError } from 'graphql';
import { DataSource } from 'typeorm';
import { openDatabase } from '../platform/database';
import type { Role } from '../platform/auth';
import type { ContractFacts } from '../clients/contracts';
import { addCorrectiveAction, completeCorrectiveAction, pauseComplaintClock, recordComplaint, resumeComplaintClock, transitionComplaint } from './complaints';
import type { ContractFactsSource, FeedbackContext } from './context';
import { ComplaintEventRow, ComplaintRow, CorrectiveActionRow } from './entities/complaint';
import { feedbackSubgraph } from './module';
import { recordSurveyResponses } from './surveys';

/** Use cases on a real (in-memory) database with a stub contracts client and a fixed instant per call. */
const CONTRACT: ContractFacts = {
  id: 'ct-1', status: 'ACTIVE', clientId: 'acme', centreId: 'callco', monthlyFeeMinor: null, currency: 'EUR',
  queues: [{ id: 'q-1', timeZone: 'Europe/Paris' }], slaTargets: [],
  complaintTerms: { acknowledgeWithinHours: 8, resolveWithinDays: 10, calendar: { timeZone: 'Europe/Paris', hours: [{ weekday: 'MONDAY', opens: '09:00', closes: '18:00' }], holidays: [] } },
};
const up: ContractFactsSource = {
  contract: { load: async (id) => (id === CONTRACT.id ? CONTRACT : null) },
  queue: { load: async (id) => (id === 'q-1' ? { id, timeZone: 'Europe/Paris', contractId: 'ct-1', contractStatus: 'ACTIVE', clientId: 'acme', centreId: 'callco' } : null) },
};

let db: DataSource;
const ctx = (org: string, at: string, contracts = up, roles: Role[] = ['write']): FeedbackContext => ({
  viewer: { subject: `user-of-${org}`, organisationId: org, roles }, db, now: new Date(at), contracts,
});
const input = { channel: 'VOICE', category: 'BILLING', severity: 'MEDIUM', description: 'Charged twice', customerRef: 'cust-1' };

async function counts(): Promise<number[]> {
  return Promise.all([ComplaintRow, ComplaintEventRow, CorrectiveActionRow].map((e) => db.getRepository(e).count()));
}

async function code(run: Promise<unknown>): Promise<string> {
  try {
    await run;
    return 'ok';
  } catch (error) {
    return (error as GraphQLError).extensions?.code ? String((error as GraphQLError).extensions.code) : `Error: ${(error as Error).message}`;
  }
}

beforeAll(async () => {
  db = await openDatabase({ url: 'sqlite::memory:', entities: feedbackSubgraph.entities, migrations: feedbackSubgraph.migrations });
});
afterAll(() => db?.destroy());

describe('the instant of a change', () => {
  it('stores every instant from the request context, never the process clock', async () => {
    const row = await recordComplaint(ctx('acme', '2026-03-02T09:00:00Z'), 'ct-1', input);
    expect(row.receivedEpoch).toBe(Date.parse('2026-03-02T09:00:00Z') / 1000);
    const acked = await transitionComplaint(ctx('callco', '2026-03-02T10:00:00Z'), row.id, 'ACKNOWLEDGED', { note: 'called back' });
    expect(acked).toMatchObject({ acknowledgedEpoch: Date.parse('2026-03-02T10:00:00Z') / 1000, ackMet: 1 });
  });

  it('refuses a clock outside the instant window as a fault, before writing anything', async () => {
    const before = await counts();
    for (const at of ['1999-12-31T23:59:59Z', '2100-01-01T00:00:00Z']) {
      expect(await code(recordComplaint(ctx('acme', at), 'ct-1', input))).toMatch(/^Error: the clock reads .* outside 2000-01-01T00:00:00Z to 2100-01-01T00:00:00Z; nothing was written$/);
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses a change dated before the complaint last changed (a clock stepped back): no negative pause or time to resolve', async () => {
    const row = await recordComplaint(ctx('acme', '2026-03-02T09:00:00Z'), 'ct-1', { ...input, customerRef: 'cust-2' });
    await transitionComplaint(ctx('callco', '2026-03-02T10:00:00Z'), row.id, 'ACKNOWLEDGED', { note: 'called back' });
    await pauseComplaintClock(ctx('callco', '2026-03-03T10:00:00Z'), row.id, 'AWAITING_CUSTOMER', 'asked for a photo');
    const before = await counts();
    expect(await code(resumeComplaintClock(ctx('callco', '2026-03-03T09:59:59Z'), row.id, 'photo received'))).toBe('CONFLICT');
    expect(await code(transitionComplaint(ctx('acme', '2026-03-01T00:00:00Z'), row.id, 'WITHDRAWN', { note: 'withdrawn' }))).toBe('CONFLICT');
    expect(await counts()).toEqual(before);
    expect(await code(resumeComplaintClock(ctx('callco', '2026-03-03T10:00:00Z'), row.id, 'photo received'))).toBe('ok');
  });
});

describe('a peer that is down', () => {
  it('answers with the peer error, not NOT_FOUND, and writes nothing', async () => {
    const down: ContractFactsSource = {
      contract: { load: () => Promise.reject(new GraphQLError('contracts did not answer in time', { extensions: { code: 'UPSTREAM_TIMEOUT' } })) },
      queue: { load: () => Promise.reject(new GraphQLError('contracts is unavailable', { extensions: { code: 'UPSTREAM_UNAVAILABLE' } })) },
    };
    const before = await counts();
    expect(await code(recordComplaint(ctx('acme', '2026-03-02T09:00:00Z', down), 'ct-1', input))).toBe('UPSTREAM_TIMEOUT');
    const rows = [{ responseId: 'r-1', type: 'CSAT', score: 4, channel: 'VOICE', respondedAt: new Date('2026-03-01T10:00:00Z') }];
    expect(await code(recordSurveyResponses(ctx('callco', '2026-03-02T09:00:00Z', down), 'q-1', rows))).toBe('UPSTREAM_UNAVAILABLE');
    expect(await counts()).toEqual(before);
    expect(Number((await db.query('SELECT COUNT(*) AS n FROM survey_responses'))[0].n)).toBe(0);
  });
});

describe('corrective actions', () => {
  it('tells a stranger and a read-only party what it tells anyone of a made-up id, and completes nothing', async () => {
    const row = await recordComplaint(ctx('acme', '2026-03-02T09:00:00Z'), 'ct-1', { ...input, customerRef: 'cust-3' });
    const action = await addCorrectiveAction(ctx('acme', '2026-03-02T09:00:00Z'), row.id, { rootCause: 'a', action: 'b', owner: 'c', dueDate: '2026-04-01' });
    const message = async (c: FeedbackContext, id: string) => {
      try {
        await completeCorrectiveAction(c, id);
        return 'ok';
      } catch (error) {
        return `${(error as GraphQLError).extensions.code}: ${(error as GraphQLError).message.replace(id, '<id>')}`;
      }
    };
    const real = await message(ctx('umbrella', '2026-03-03T09:00:00Z'), action.id);
    expect(real).toBe(await message(ctx('umbrella', '2026-03-03T09:00:00Z'), 'cac-made-up'));
    expect(real).toBe('NOT_FOUND: Corrective action <id> was not found (or is not visible to your organisation)');
    expect(await message(ctx('callco', '2026-03-03T09:00:00Z', up, ['read']), action.id)).toMatch(/^FORBIDDEN/);
    expect((await db.getRepository(CorrectiveActionRow).findOneByOrFail({ id: action.id })).doneEpoch).toBeNull();
    expect((await completeCorrectiveAction(ctx('callco', '2026-03-03T09:00:00Z'), action.id)).doneEpoch).toBe(Date.parse('2026-03-03T09:00:00Z') / 1000);
  });
});
