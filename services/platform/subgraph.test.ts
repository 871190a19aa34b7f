import { ApolloServer, HeaderMap } from '@apollo/server';
import { GraphQLError, GraphQLScalarType } from 'graphql';
import { badInput } from './errors';
import { faultLogPlugin, formatError, literalInputPlugin } from './subgraph';

/** A picky scalar, as the hub's DateTime: refuses with BAD_USER_INPUT. */
const Picky = new GraphQLScalarType({
  name: 'Picky',
  parseValue: (v) => v,
  parseLiteral: () => {
    throw badInput({ field: 'Picky', message: 'never inline' });
  },
});

describe('errors of a subgraph (and of the gateway)', () => {
  let server: ApolloServer;
  beforeAll(async () => {
    server = new ApolloServer({
      typeDefs: `scalar Picky input Window { from: Int!, size: Int! } type Query { ok: Int, broken: Int, pick(p: Picky): Int, sized(n: Int, w: Window): Int }`,
      resolvers: {
        Picky,
        Query: {
          ok: () => 1,
          broken: () => {
            throw new Error('SELECT * FROM secret_table failed');
          },
          pick: () => 1,
          sized: () => 1,
        },
      },
      formatError,
      plugins: [faultLogPlugin('performance'), literalInputPlugin()],
    });
    await server.start();
  });
  afterAll(() => server.stop());

  async function run(query: string, headers: Array<[string, string]> = []) {
    const response = await server.executeOperation({
      query,
      http: { method: 'POST', headers: new HeaderMap(headers), search: '', body: {} },
    });
    return { status: response.http.status, result: response.body.kind === 'single' ? response.body.singleResult : undefined };
  }

  it('hides a fault from the caller and logs it with the request id', async () => {
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const { result } = await run(`{ broken }`, [['x-request-id', 'gw-abc-1']]);
      expect(result?.errors?.[0]).toMatchObject({ message: 'internal error; it has been logged', extensions: { code: 'INTERNAL_SERVER_ERROR' }, path: ['broken'] });
      expect(JSON.stringify(result)).not.toMatch(/secret_table/);
      expect(log).toHaveBeenCalledTimes(1);
      expect(log.mock.calls[0][0]).toBe('[performance] request gw-abc-1: unexpected error');
      expect(String(log.mock.calls[0][1])).toMatch(/secret_table/);
    } finally {
      log.mockRestore();
    }
  });

  it('answers a literal that does not fit its type BAD_USER_INPUT naming the argument, as a variable would be', async () => {
    const int = await run(`{ sized(n: 1.5) }`);
    expect(int.status).toBe(400);
    expect(int.result?.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'n' });
    const nested = await run(`{ sized(w: { from: 1, size: "ten" }) }`);
    expect(nested.result?.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'w.size' });
    const missing = await run(`{ sized(w: { from: 1 }) }`);
    expect(missing.result?.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'w' });
  });

  it("keeps the field a scalar's own refusal names", async () => {
    const { result } = await run(`{ pick(p: "x") }`);
    expect(result?.errors?.[0]).toMatchObject({ message: 'Picky: never inline', extensions: { code: 'BAD_USER_INPUT', field: 'Picky' } });
  });

  it('leaves other validation errors as GRAPHQL_VALIDATION_FAILED', async () => {
    const { result } = await run(`{ nope }`);
    expect(result?.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('passes coded errors through unchanged', () => {
    const formatted = { message: 'Queue q1 was not found', extensions: { code: 'NOT_FOUND', id: 'q1' } };
    expect(formatError(formatted, new GraphQLError(formatted.message))).toEqual(formatted);
  });
});
