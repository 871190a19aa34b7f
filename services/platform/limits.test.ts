import { buildSchema, parse, validate } from 'graphql';
import { costLimit, depthLimit } from './limits';

const schema = buildSchema(`
  type Query { contracts(first: Int): [Contract!]!, me: Org }
  type Contract { id: ID!, queues: [Queue!]!, client: Org! }
  type Queue { id: ID!, contract: Contract! }
  type Org { id: ID!, name: String }
`);

function errors(query: string, rules: ReturnType<typeof depthLimit>[]) {
  return validate(schema, parse(query), rules).map((e) => e.extensions.code);
}

describe('depth limit', () => {
  it('counts nested fields, through fragments', () => {
    const q = `{ contracts { queues { contract { queues { ...F } } } } } fragment F on Queue { contract { id } }`;
    // contracts(1) queues(2) contract(3) queues(4) contract(5) id(6)
    expect(errors(q, [depthLimit(6)])).toEqual([]);
    expect(errors(q, [depthLimit(5)])).toEqual(['QUERY_TOO_DEEP']);
  });
  it('ignores introspection', () => {
    expect(errors(`{ __schema { types { fields { type { ofType { ofType { name } } } } } } }`, [depthLimit(2)])).toEqual([]);
  });
  it('survives a fragment cycle without looping', () => {
    const q = `{ me { ...A } } fragment A on Org { id ...A }`;
    expect(() => validate(schema, parse(q), [depthLimit(5)])).not.toThrow();
  });
});

describe('cost limit', () => {
  it('multiplies by list sizes', () => {
    // contracts(first: 2) => 2 * (1 + id 1 + queues 10 * (1 + id 1)) = 2 * 22 = 44
    const q = `{ contracts(first: 2) { id queues { id } } }`;
    expect(errors(q, [costLimit(44)])).toEqual([]);
    expect(errors(q, [costLimit(43)])).toEqual(['QUERY_TOO_COSTLY']);
  });
  it('uses the default list size when the size is a variable', () => {
    // 10 * (1 + 1) = 20
    expect(errors(`query($n: Int) { contracts(first: $n) { id } }`, [costLimit(20)])).toEqual([]);
    expect(errors(`query($n: Int) { contracts(first: $n) { id } }`, [costLimit(19)])).toEqual(['QUERY_TOO_COSTLY']);
  });
});
