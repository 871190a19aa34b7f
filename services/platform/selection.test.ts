import { buildSchema, execute, GraphQLResolveInfo, parse } from 'graphql';
import { selectsField } from './selection';

/** What selectsField says of the `item` field, for each way a query can select `windows` under it. */
function asked(query: string): boolean[] {
  const schema = buildSchema(`type Item { id: ID windows: [Int] note: String } type Query { item: Item other: Item }`);
  const seen: boolean[] = [];
  const result = execute({
    schema,
    document: parse(query),
    rootValue: {
      item: (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
        seen.push(selectsField(info, 'windows'));
        return { id: '1', windows: [1], note: 'n' };
      },
    },
  });
  expect((result as { errors?: unknown }).errors).toBeUndefined();
  return seen;
}

describe('selectsField', () => {
  it('sees a field selected directly, under an alias, in an inline fragment and in a (nested) fragment spread', () => {
    expect(asked('{ item { windows } }')).toEqual([true]);
    expect(asked('{ item { w: windows } }')).toEqual([true]);
    expect(asked('{ item { ... on Item { windows } } }')).toEqual([true]);
    expect(asked('{ item { ...A } } fragment A on Item { ...B } fragment B on Item { windows }')).toEqual([true]);
    expect(asked('{ item { id windows @skip(if: true) } }')).toEqual([true]);
  });

  it('does not see a field not selected, one selected elsewhere, or an alias named like it', () => {
    expect(asked('{ item { id note } }')).toEqual([false]);
    expect(asked('{ item { id } other { windows } }')).toEqual([false]);
    expect(asked('{ item { windows: note } }')).toEqual([false]);
    expect(asked('{ item { ...A } } fragment A on Item { id ...A2 } fragment A2 on Item { note }')).toEqual([false]);
  });

  it('sees it when one of two merged selections of the field asks for it', () => {
    expect(asked('{ item { id } item { windows } }')).toEqual([true]);
  });
});
