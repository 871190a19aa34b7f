import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { manualClock } from '../services/platform/clock';
import type { Role } from '../services/platform/auth';
import { ExampleOperation, pathIn, readExamples } from './support/readme-examples';
import { startTestHub, TestHub } from './support/hub';

/**
 * Documentation that runs: every GraphQL example of the README, in the order a reader meets it,
 * against the demo hub on a fixed clock, with the token the README names. An example fails the
 * test when it answers with an error, or, when it is marked `# expect: CODE`, when it does not
 * fail with that code.
 */
const ROOT = join(__dirname, '..');
export const DOCS_CLOCK = '2026-11-20T10:00:00Z';

let t: TestHub;
const examples = readExamples(join(ROOT, 'README.md'));
const answers: Record<string, unknown> = {};

beforeAll(async () => {
  t = await startTestHub({ seed: true, clock: manualClock(DOCS_CLOCK) });
}, 180_000);
afterAll(async () => {
  await t?.stop();
});

function resolveBinding(example: ExampleOperation, source: string): unknown {
  const file = /^file\s+(\S+)$/.exec(source);
  if (file) return JSON.parse(readFileSync(join(ROOT, file[1]), 'utf8'));
  const value = pathIn(answers, source);
  if (value === undefined) throw new Error(`${example.where}: no earlier answer holds ${source}`);
  return value;
}

async function run(example: ExampleOperation): Promise<{ data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: { code?: string } }> }> {
  let document = example.document;
  const variables: Record<string, unknown> = { ...example.variables };
  for (const b of example.bindings) {
    const value = resolveBinding(example, b.source);
    if (b.target.startsWith('$')) variables[b.target.slice(1)] = value;
    else document = document.split(`"${b.target}"`).join(JSON.stringify(value));
  }
  const token = t.token(example.token.org, example.token.roles as Role[]);
  const response = await fetch(t.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: document, variables }),
  });
  return (await response.json()) as Awaited<ReturnType<typeof run>>;
}

describe('README examples', () => {
  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThan(30);
  });

  it.each(examples.map((e) => [e.where, e] as const))('%s', async (_where, example) => {
    const answer = await run(example);
    if (answer.data) Object.assign(answers, answer.data);
    const codes = (answer.errors ?? []).map((e) => `${e.extensions?.code}: ${e.message}`);
    if (example.expect) {
      expect(codes.map((c) => c.split(':')[0])).toContain(example.expect);
    } else {
      expect(codes).toEqual([]);
    }
  });
});
