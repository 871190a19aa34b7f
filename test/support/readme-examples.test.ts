import { extractExamples, pathIn } from './readme-examples';

const markdown = [
  '## Reports',
  '```graphql',
  '# token: contoso (read,write)     the centre',
  'mutation { publish(month: "2026-10") { id } }',
  '# token: northwind (read)',
  '# with <report id> = publish.id',
  'mutation { approve(id: "<report id>") { status } }',
  '# expect: CONFLICT      already approved',
  'mutation { approve(id: "<report id>") { status } }',
  '```',
  '',
  '```graphql',
  '# with $c = create.id',
  'mutation($c: ID!) { a(id: $c) { id } }',
  '```',
  '<!-- token: fabrikam (read,write) -->',
  '```json',
  '{ "query": "{ me { subject } }", "variables": { "x": 1 } }',
  '```',
  '```sh',
  'curl …',
  '```',
].join('\n');

describe('extractExamples', () => {
  const examples = extractExamples(markdown, 'DOC.md');

  it('splits blocks into operations, in order, with where they stand', () => {
    expect(examples.map((e) => e.where)).toEqual(['DOC.md:4 (Reports)', 'DOC.md:7 (Reports)', 'DOC.md:9 (Reports)', 'DOC.md:14 (Reports)', 'DOC.md:18 (Reports)']);
    expect(examples[0].document).toBe('mutation { publish(month: "2026-10") { id } }');
  });

  it('keeps a token and bindings to the end of their block, an expectation for one operation', () => {
    expect(examples.map((e) => `${e.token.org}:${e.token.roles.join(',')}`)).toEqual(['contoso:read,write', 'northwind:read', 'northwind:read', 'northwind:read,write', 'fabrikam:read,write']);
    expect(examples.map((e) => e.expect)).toEqual([undefined, undefined, 'CONFLICT', undefined, undefined]);
    expect(examples[1].bindings).toEqual([{ target: '<report id>', source: 'publish.id' }]);
    expect(examples[2].bindings).toEqual([{ target: '<report id>', source: 'publish.id' }]);
    expect(examples[3].bindings).toEqual([{ target: '$c', source: 'create.id' }]);
    expect(examples[4].variables).toEqual({ x: 1 });
  });

  it('refuses a token directive it cannot read', () => {
    expect(() => extractExamples('```graphql\n# token: contoso\n{ me { subject } }\n```')).toThrow(/should read/);
  });

  it('reads paths with indexes', () => {
    expect(pathIn({ a: { b: [{ c: 1 }, { c: 2 }] } }, 'a.b[1].c')).toBe(2);
    expect(pathIn({ a: null }, 'a.b')).toBeUndefined();
  });
});
