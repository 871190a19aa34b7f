import { manualClock } from '../services/platform/clock';
import { expectError, startTestHub, TestHub } from './support/hub';
import { interval } from './support/intervals';

/**
 * Per-agent figures and the wave-2 interval figures (issue 11): interval actuals with an agentRef
 * are an agent's share of the queue's interval, stored beside the queue's record and never added
 * to it; Queue.agentPerformance reads them in one SQL statement whatever the number of agents.
 */
const SINCE = '2026-01-01T00:00:00Z';
const clock = manualClock('2026-06-15T10:00:00Z');
const RECORD = `mutation($q: ID!, $rows: [IntervalInput!]!) { recordIntervals(queueId: $q, intervals: $rows) { received inserted replaced } }`;
const BATCH = `mutation($q: ID!, $b: IntervalBatch!) { recordIntervalBatch(queueId: $q, batch: $b) { received inserted replaced } }`;
const AGENTS = `query($q: ID!, $first: Int, $after: String) { queues(ids: [$q]) { agentPerformance(from: "2026-03-02T00:00:00Z", to: "2026-03-03T00:00:00Z", granularity: DAY, timeZone: "UTC", first: $first, after: $after) {
  agentRef timeZone points { label intervals figures { value numerator denominator definition { label } } } } } }`;

let t: TestHub;
let client: string, centre: string, stranger: string;
let contractId: string, queueIds: string[];

/** One agent's quarter hour at 09:00 on 2 March: `answered` contacts of `aht` seconds, `transferred` of them transferred. */
function agentRow(agentRef: string, answered: number, aht: number, transferred: number, start = '2026-03-02T09:00:00Z') {
  return { ...interval(start, { answeredWait: [answered], abandonedWait: [], ahtSeconds: aht }), transferred, agentRef };
}

async function agents(token: string, queueId: string, page: { first?: number; after?: string } = {}) {
  const res = await t.client(token).request<any>(AGENTS, { q: queueId, ...page });
  return { agents: res.queues[0]?.agentPerformance };
}

beforeAll(async () => {
  t = await startTestHub({ clock });
  await t.organisations([
    { id: 'acme', kind: 'CLIENT' },
    { id: 'callco', kind: 'CENTRE' },
    { id: 'phoneco', kind: 'CENTRE' },
  ]);
  client = t.token('acme');
  centre = t.token('callco');
  stranger = t.token('phoneco');
  const c = t.client(client);
  contractId = (await c.request<any>(`mutation($input: CreateContractInput!, $f: DateTime) { createContract(input: $input, effectiveFrom: $f) { id } }`, {
    input: { title: 'Acme care', centreId: 'callco', startDate: '2026-01-01', currency: 'EUR' }, f: SINCE,
  })).createContract.id;
  queueIds = [];
  for (const name of ['Billing', 'Sales', 'Moves']) {
    queueIds.push((await c.request<any>(`mutation($c: ID!, $f: DateTime, $n: String!) { addQueue(contractId: $c, effectiveFrom: $f, input: { name: $n, channel: VOICE, timeZone: "Europe/Paris" }) { id } }`, { c: contractId, f: SINCE, n: name })).addQueue.id);
  }
  await c.request(`mutation($c: ID!, $f: DateTime) { setSlaTarget(contractId: $c, effectiveFrom: $f, input: { metric: "AHT", goal: 300, window: WEEK }) { id } }`, { c: contractId, f: SINCE });
  await c.request(`mutation($id: ID!, $f: DateTime) { activateContract(id: $id, effectiveFrom: $f) { id } }`, { id: contractId, f: SINCE });
});
afterAll(async () => {
  await t?.stop();
});

describe('uploads with agents and the longest wait', () => {
  it('stores agent rows beside the queue record: the queue figures count the queue record only', async () => {
    // The queue record: 15 answered within 10 s (10 within 5 s), AHT 200 s, longest wait 8 s.
    const queueRow = { ...interval('2026-03-02T09:00:00Z', { answeredWait: [10, 5], abandonedWait: [], ahtSeconds: 200 }), transferred: 2, longestWaitSeconds: 8 };
    const res = await t.client(centre).request<any>(RECORD, { q: queueIds[0], rows: [queueRow, agentRow('ag-1', 10, 300, 2), agentRow('ag-2', 5, 400, 0)] });
    expect(res.recordIntervals).toEqual({ received: 3, inserted: 3, replaced: 0 });
    const series = await t.client(client).request<any>(
      `query($q: ID!) { queues(ids: [$q]) { performance(from: "2026-03-02T00:00:00Z", to: "2026-03-03T00:00:00Z", granularity: DAY, timeZone: "UTC", metrics: [{ metric: "AHT" }, { metric: "TRANSFER_RATE" }, { metric: "QUEUE_LENGTH" }, { metric: "LONGEST_WAIT" }]) {
        points { intervals sums { answered lengthSeconds longestWaitSeconds } figures { value numerator denominator definition { label } } } } } }`,
      { q: queueIds[0] },
    );
    const point = series.queues[0].performance.points[0];
    expect(point.intervals).toBe(1);
    expect(point.sums).toEqual({ answered: 15, lengthSeconds: 900, longestWaitSeconds: 8 });
    expect(point.figures.map((f: any) => [f.definition.label, f.value, f.numerator, f.denominator])).toEqual([
      ['AHT', 200, 3000, 15], // the queue record alone: the agents' 15 contacts are not added again
      ['TRANSFER_RATE', 2 / 15, 2, 15],
      ['QUEUE_LENGTH', 62.5 / 900, 62.5, 900], // waits 10 × 2.5 s + 5 × 7.5 s over the 900 s interval
      ['LONGEST_WAIT', 8, null, null],
    ]);
  });

  it('gives each agent AHT, after-call work, hold and transfer rate, the same pseudonyms to client and centre', async () => {
    const forClient = await agents(client, queueIds[0]);
    expect(forClient.agents.map((a: any) => [a.agentRef, a.points[0].intervals, a.points[0].figures.map((f: any) => [f.definition.label, f.value])])).toEqual([
      // ag-1: 10 contacts of 300 s (talk 80 %, hold 5 %, wrap 15 %), 2 transferred
      ['ag-1', 1, [['AHT', 300], ['AFTER_CALL_WORK', 45], ['HOLD_TIME', 15], ['TRANSFER_RATE', 0.2]]],
      ['ag-2', 1, [['AHT', 400], ['AFTER_CALL_WORK', 60], ['HOLD_TIME', 20], ['TRANSFER_RATE', 0]]],
    ]);
    expect(await agents(centre, queueIds[0])).toEqual(forClient);
  });

  it('takes the compact form with agentRef and longestWaitSeconds columns; a re-sent row replaces', async () => {
    const row = agentRow('ag-3', 4, 250, 1);
    const columns = Object.keys(row);
    const batch = { columns, rows: [columns.map((c) => (row as Record<string, unknown>)[c])] };
    expect((await t.client(centre).request<any>(BATCH, { q: queueIds[0], b: batch })).recordIntervalBatch).toEqual({ received: 1, inserted: 1, replaced: 0 });
    expect((await t.client(centre).request<any>(BATCH, { q: queueIds[0], b: batch })).recordIntervalBatch).toEqual({ received: 1, inserted: 0, replaced: 1 });
    const withLongest = { ...interval('2026-03-02T09:15:00Z', { answeredWait: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], abandonedWait: [] }), longestWaitSeconds: 900 };
    const cols = Object.keys(withLongest);
    expect((await t.client(centre).request<any>(BATCH, { q: queueIds[0], b: { columns: cols, rows: [cols.map((c) => (withLongest as Record<string, unknown>)[c])] } })).recordIntervalBatch).toMatchObject({ inserted: 1 });
    expect((await agents(client, queueIds[0])).agents.map((a: any) => a.agentRef)).toEqual(['ag-1', 'ag-2', 'ag-3']);
  });

  it('refuses bad agent references, longest waits and overlaps of one agent, writing nothing', async () => {
    const before = await agents(centre, queueIds[0]);
    const cases: Array<[unknown[], string]> = [
      [[agentRow('', 1, 300, 0)], 'intervals[0].agentRef'],
      [[agentRow('ag\u202Ex', 1, 300, 0)], 'intervals[0].agentRef'],
      [[agentRow('a'.repeat(201), 1, 300, 0)], 'intervals[0].agentRef'],
      [[{ ...agentRow('ag-9', 1, 300, 0), longestWaitSeconds: 86_401 }], 'intervals[0].longestWaitSeconds'],
      // one contact answered within 5 s cannot have waited 30 s
      [[{ ...agentRow('ag-9', 1, 300, 0), longestWaitSeconds: 30 }], 'intervals[0].longestWaitSeconds'],
      [[agentRow('ag-9', 1, 300, 0), agentRow('ag-9', 2, 300, 0)], 'intervals[1].start'],
      // a 30-minute row of ag-1 over its stored 09:00 quarter hour
      [[{ ...agentRow('ag-1', 1, 300, 0, '2026-03-02T08:45:00Z'), lengthSeconds: 1800 }], 'intervals[0].start'],
    ];
    for (const [rows, field] of cases) {
      const error = await expectError(t.client(centre).request(RECORD, { q: queueIds[0], rows: [agentRow('ag-8', 1, 300, 0, '2026-03-02T10:00:00Z'), ...rows] }), 'BAD_USER_INPUT');
      expect(error.extensions?.problems?.map((p) => p.field.replace(/^intervals\[(\d+)\]/, (_m, i) => `intervals[${Number(i) - 1}]`))).toContain(field);
    }
    expect(await agents(centre, queueIds[0])).toEqual(before);
    // The same start for two agents, or for an agent and the queue, is no overlap.
    const ok = await t.client(centre).request<any>(RECORD, { q: queueIds[0], rows: [agentRow('ag-4', 1, 300, 0), agentRow('ag-5', 1, 300, 0)] });
    expect(ok.recordIntervals).toMatchObject({ inserted: 2 });
  });
});

describe('Queue.agentPerformance', () => {
  it('pages through the agents in reference order, within the bound', async () => {
    expect((await agents(client, queueIds[0], { first: 2 })).agents.map((a: any) => a.agentRef)).toEqual(['ag-1', 'ag-2']);
    expect((await agents(client, queueIds[0], { first: 2, after: 'ag-2' })).agents.map((a: any) => a.agentRef)).toEqual(['ag-3', 'ag-4']);
    const pages: Array<[Record<string, unknown>, string]> = [[{ first: 0 }, 'first'], [{ first: 501 }, 'first'], [{ after: 'x\u0000' }, 'after']];
    for (const [page, field] of pages) {
      const variables: Record<string, unknown> = { q: queueIds[0], ...page };
      const error = await expectError(t.client(client).request(AGENTS, variables), 'BAD_USER_INPUT');
      expect(error.extensions?.field).toBe(field);
    }
  });

  it('shows strangers nothing', async () => {
    const res = await t.client(stranger).request<any>(AGENTS, { q: queueIds[0] });
    expect(res.queues).toEqual([null]);
  });

  it('reads 30 agents, or every queue of a contract, with as many SQL statements as 3 agents', async () => {
    await t.client(centre).request(RECORD, { q: queueIds[1], rows: ['a', 'b', 'c'].map((a) => agentRow(`small-${a}`, 3, 300, 1)) });
    await t.client(centre).request(RECORD, { q: queueIds[2], rows: Array.from({ length: 30 }, (_, i) => agentRow(`large-${String(i).padStart(2, '0')}`, 3, 300, 1)) });
    const count = async (run: () => Promise<unknown>) => {
      t.queries.performance.reset();
      await run();
      return t.queries.performance.count;
    };
    const three = await count(async () => expect((await agents(client, queueIds[1], { first: 50 })).agents).toHaveLength(3));
    const thirty = await count(async () => expect((await agents(client, queueIds[2], { first: 50 })).agents).toHaveLength(30));
    expect(thirty).toBe(three);
    expect(thirty).toBe(1);
    const all = await count(async () => {
      const res = await t.client(client).request<any>(
        `query($c: ID!) { contract(id: $c) { queues { agentPerformance(from: "2026-03-02T00:00:00Z", to: "2026-03-03T00:00:00Z", first: 50) { agentRef } } } }`,
        { c: contractId },
      );
      expect(res.contract.queues.map((q: any) => q.agentPerformance.length).sort((a: number, b: number) => a - b)).toEqual([3, 5, 30]);
    });
    expect(all).toBe(1);
  });
});
