import { GraphQLError } from 'graphql';
import { answer, downPeerUrl, hang, startStubPeer, StubPeer } from './stub-peer';
import { fromPeerError, Peer, postGraphQL } from './graphql-http';

/** Short enough that a test waiting for it stays fast; nothing asserts on elapsed time. */
const TIMEOUT_MS = 50;
/** For peers that answer: never reached, however slow the machine. */
const PATIENT_MS = 10_000;

const stubs: StubPeer[] = [];
afterEach(async () => {
  while (stubs.length > 0) await stubs.pop()!.close();
});

async function peerAnswering(handler: Parameters<typeof startStubPeer>[0], timeoutMs = PATIENT_MS): Promise<Peer> {
  const stub = await startStubPeer(handler);
  stubs.push(stub);
  return { name: 'contracts', url: stub.url, authorization: 'Bearer caller-token', timeoutMs };
}

async function failure(call: Promise<unknown>): Promise<GraphQLError> {
  try {
    await call;
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return error as GraphQLError;
  }
  throw new Error('expected the call to fail');
}

describe('postGraphQL', () => {
  it("forwards the caller's token and returns the answer", async () => {
    const peer = await peerAnswering((_body, _req, res) => answer(res, { data: { ok: true } }));
    await expect(postGraphQL(peer, '{ ok }', {})).resolves.toEqual({ data: { ok: true } });
    expect(stubs[0].received[0].headers.authorization).toBe('Bearer caller-token');
  });

  it('gives up on a peer that never answers with UPSTREAM_TIMEOUT', async () => {
    const peer = await peerAnswering(hang, TIMEOUT_MS);
    const error = await failure(postGraphQL(peer, '{ ok }', {}));
    expect(error.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT', service: 'contracts' });
    expect(error.message).toMatch(/did not answer within 50 ms/);
  });

  it('gives up on a peer that starts its answer and never finishes it with UPSTREAM_TIMEOUT', async () => {
    const peer = await peerAnswering((_body, _req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data": {"ok"');
    }, TIMEOUT_MS);
    expect((await failure(postGraphQL(peer, '{ ok }', {}))).extensions.code).toBe('UPSTREAM_TIMEOUT');
  });

  it('reports a peer that is down as UPSTREAM_UNAVAILABLE', async () => {
    const peer: Peer = { name: 'contracts', url: await downPeerUrl(), authorization: '', timeoutMs: TIMEOUT_MS };
    expect((await failure(postGraphQL(peer, '{ ok }', {}))).extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', service: 'contracts' });
  });

  it('reports an answer without a GraphQL body (a proxy error page) as UPSTREAM_UNAVAILABLE', async () => {
    const peer = await peerAnswering((_body, _req, res) => answer(res, '<html>Bad gateway</html>', 502, 'text/html'));
    const error = await failure(postGraphQL(peer, '{ ok }', {}));
    expect(error.extensions.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.message).toMatch(/HTTP 502 without a GraphQL answer/);
  });

  it("hands on a peer's refusal sent with HTTP 400, so its code survives", async () => {
    const refusal = { message: 'from: expected an ISO-8601 instant', extensions: { code: 'BAD_USER_INPUT', field: 'from' } };
    const peer = await peerAnswering((_body, _req, res) => answer(res, { errors: [refusal] }, 400));
    const body = await postGraphQL(peer, '{ ok }', {});
    const error = fromPeerError(peer, body.errors![0]) as GraphQLError;
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });

  it('returns partial _entities answers with their errors; each error keeps its code, a fault of the peer stays internal', async () => {
    const peer = await peerAnswering((_body, _req, res) =>
      answer(res, {
        data: { _entities: [{ id: 'q1' }, null, null] },
        errors: [
          { message: 'Queue q2 was not found', path: ['_entities', 1], extensions: { code: 'NOT_FOUND', id: 'q2' } },
          { message: 'internal error; it has been logged', path: ['_entities', 2], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
        ],
      }),
    );
    const body = await postGraphQL<{ _entities: Array<{ id: string } | null> }>(peer, 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }', {
      r: [{ __typename: 'Queue', id: 'q1' }, { __typename: 'Queue', id: 'q2' }, { __typename: 'Queue', id: 'q3' }],
    });
    expect(body.data?._entities).toEqual([{ id: 'q1' }, null, null]);
    const [notFound, fault] = body.errors!.map((e) => fromPeerError(peer, e));
    expect(notFound).toBeInstanceOf(GraphQLError);
    expect((notFound as GraphQLError).extensions).toMatchObject({ code: 'NOT_FOUND', id: 'q2' });
    expect(fault).not.toBeInstanceOf(GraphQLError);
    expect(fault.message).toMatch(/contracts subgraph answered/);
  });
});
