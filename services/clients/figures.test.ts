import { createFiguresClient, FiguresRequest } from './figures';

/** The figures client against a stubbed fetch: one HTTP request for a batch, each key under its own alias. */
const peer = { name: 'feedback', url: 'http://feedback.test/graphql', authorization: 'Bearer caller', timeoutMs: 1000 };

function key(overrides: Partial<FiguresRequest> = {}): FiguresRequest {
  return { contractId: 'ct-1', metric: 'CSAT', variant: null, queueId: null, windows: [{ from: '2026-03-01T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' }], ...overrides };
}

const figure = (from: string, to: string, value: number) => ({ from, to, value, numerator: null, denominator: null, sampleSize: 10, confidenceLow: null, confidenceHigh: null, approximate: false });

describe('figures client', () => {
  let calls: Array<{ url: string; headers: Record<string, string>; body: { query: string; variables: Record<string, unknown> } }>;
  let answer: (body: { query: string; variables: Record<string, any> }) => unknown;

  beforeEach(() => {
    calls = [];
    jest.spyOn(global, 'fetch').mockImplementation(async (url, init) => {
      const body = JSON.parse(String(init!.body));
      calls.push({ url: String(url), headers: init!.headers as Record<string, string>, body });
      return new Response(JSON.stringify(answer(body)), { headers: { 'content-type': 'application/json' } });
    });
  });
  afterEach(() => jest.restoreAllMocks());

  it('asks for every key of a batch in one request, with the caller token, each under its alias', async () => {
    answer = ({ variables }) => ({
      data: {
        k0: [{ windowFigures: (variables.w0 as Array<{ from: string; to: string }>).map((w) => figure(w.from, w.to, 0.8)) }],
        k1: [{ windowFigures: (variables.w1 as Array<{ from: string; to: string }>).map((w) => figure(w.from, w.to, 12)) }],
      },
    });
    const client = createFiguresClient(peer);
    const [csat, nps, again] = await Promise.all([
      client.load(key()),
      client.load(key({ metric: 'NPS', queueId: 'q-1' })),
      client.load(key()),
    ]);
    expect(calls).toHaveLength(1);
    expect(calls[0].headers.authorization).toBe('Bearer caller');
    expect(calls[0].body.query).toContain('k0: _entities(representations: $r0) { ... on Contract { windowFigures(metric: $m0, variant: $v0, queueId: $q0, windows: $w0)');
    expect(calls[0].body.variables).toMatchObject({ r0: [{ __typename: 'Contract', id: 'ct-1' }], m0: 'CSAT', v0: null, q0: null, m1: 'NPS', q1: 'q-1' });
    expect(csat.map((f) => f.value)).toEqual([0.8]);
    expect(nps.map((f) => f.value)).toEqual([12]);
    expect(again).toBe(csat);
  });

  it('gives each key its own error, and every key the error of the whole answer', async () => {
    answer = () => ({
      data: { k0: null, k1: [{ windowFigures: [figure('2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z', 0.5)] }] },
      errors: [{ message: 'variant: not measured', path: ['k0', 0, 'windowFigures'], extensions: { code: 'BAD_USER_INPUT', field: 'variant' } }],
    });
    const client = createFiguresClient(peer);
    const [refused, fine] = await Promise.allSettled([client.load(key({ metric: 'FCR', variant: 'AGENT_FLAG' })), client.load(key())]);
    expect(refused).toMatchObject({ status: 'rejected', reason: { message: 'variant: not measured', extensions: { code: 'BAD_USER_INPUT', field: 'variant' } } });
    expect(fine).toMatchObject({ status: 'fulfilled' });

    answer = () => ({ errors: [{ message: 'Contract was not found', extensions: { code: 'NOT_FOUND' } }] });
    const other = createFiguresClient(peer);
    const both = await Promise.allSettled([other.load(key()), other.load(key({ metric: 'NPS' }))]);
    expect(both.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('refuses an answer with another number of figures than windows', async () => {
    answer = () => ({ data: { k0: [{ windowFigures: [] }] } });
    await expect(createFiguresClient(peer).load(key())).rejects.toThrow(/answered 0 figures for 1 windows/);
  });
});
