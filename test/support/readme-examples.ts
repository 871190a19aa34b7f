import { readFileSync } from 'node:fs';
import { OperationDefinitionNode, parse } from 'graphql';

/**
 * The GraphQL examples of a Markdown file, so a test can run them as a reader would.
 *
 * Every ```graphql block is split into its operations, run in document order. Comment lines
 * in a block say how to run it (a reader can ignore them):
 *
 *   # token: fabrikam (read,write)       who sends the operations from here to the end of the block
 *                                        (default: northwind with read,write, as the README says)
 *   # expect: CONFLICT                   the next operation must fail with this code
 *   # with $c = createContract.id        variable $c, from here to the end of the block: that field
 *                                        of the latest answer holding it, when the operation runs
 *   # with <report id> = publishPerformanceReport.id    the same, replacing "<report id>" in the text
 *   # with $demand = file docs/examples/demand-week.json  a variable read from a file of the repository
 *
 * Text after a directive's value is commentary. A ```json block with a "query" member is a
 * request body sent as it stands; JSON has no comments, so its directives stand in an HTML
 * comment on the line before the fence (`<!-- token: contoso (read,write) -->`).
 */
export interface ExampleToken {
  org: string;
  roles: string[];
}

export interface ExampleOperation {
  /** Where it stands, for failure messages: "README.md:312 (SLA compliance)". */
  where: string;
  document: string;
  token: ExampleToken;
  expect?: string;
  /** `$name` or `<placeholder>` → a path in an earlier answer, or `file <path>`. */
  bindings: Array<{ target: string; source: string }>;
  /** Variables given in the example itself (json blocks). */
  variables?: Record<string, unknown>;
}

export const DEFAULT_EXAMPLE_TOKEN: ExampleToken = { org: 'northwind', roles: ['read', 'write'] };

const DIRECTIVE = /#\s*(token|expect|with):\s*(.+?)\s*$|#\s*(with)\s+(.+?)\s*$/;

function directivesIn(text: string): Array<{ kind: string; value: string }> {
  const found: Array<{ kind: string; value: string }> = [];
  for (const line of text.split('\n')) {
    const hash = line.indexOf('#');
    if (hash < 0) continue;
    const m = DIRECTIVE.exec(line.slice(hash));
    if (m) found.push({ kind: m[1] ?? m[3], value: m[2] ?? m[4] });
  }
  return found;
}

function parseToken(value: string, where: string): ExampleToken {
  const m = /^([\w-]+)\s*\(([\w,\s]+)\)(\s.*)?$/.exec(value);
  if (!m) throw new Error(`${where}: "# token: ${value}" should read "# token: <org> (<role>,<role>)"`);
  return { org: m[1], roles: m[2].split(',').map((r) => r.trim()).filter(Boolean) };
}

export function extractExamples(markdown: string, file = 'README.md'): ExampleOperation[] {
  const operations: ExampleOperation[] = [];
  const lines = markdown.split('\n');
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const h = /^#{2,4}\s+(.*)$/.exec(lines[i]);
    if (h) heading = h[1];
    const fence = /^```(graphql|json)\s*$/.exec(lines[i]);
    if (!fence) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
    const before = /^<!--\s*(.*?)\s*-->\s*$/.exec(lines[i - 1] ?? '');
    const preamble = before ? `# ${before[1]}\n` : '';
    const body = lines.slice(start, end).join('\n');
    const where = (offset: number) => `${file}:${start + 1 + body.slice(0, offset).split('\n').length - 1} (${heading})`;
    i = end;
    if (fence[1] === 'json') {
      let request: { query?: unknown; variables?: Record<string, unknown> };
      try {
        request = JSON.parse(body);
      } catch {
        continue;
      }
      if (typeof request.query !== 'string') continue;
      const token = directivesIn(preamble).find((d) => d.kind === 'token');
      operations.push({
        where: where(0),
        document: request.query,
        variables: request.variables,
        token: token ? parseToken(token.value, where(0)) : DEFAULT_EXAMPLE_TOKEN,
        bindings: [],
      });
      continue;
    }
    const document = parse(body);
    let token = DEFAULT_EXAMPLE_TOKEN;
    const bindings = new Map<string, string>();
    let from = 0;
    for (const definition of document.definitions) {
      if (definition.kind !== 'OperationDefinition') throw new Error(`${where(0)}: only operations are supported in examples`);
      const op = definition as OperationDefinitionNode;
      const opStart = op.loc!.start;
      const opEnd = op.loc!.end;
      // The comments before an operation and inside it, up to the end of its line, are its directives.
      const lineEnd = body.indexOf('\n', opEnd);
      const to = lineEnd < 0 ? body.length : lineEnd;
      let expect: string | undefined;
      for (const d of directivesIn((from === 0 ? preamble : '') + body.slice(from, to))) {
        if (d.kind === 'token') token = parseToken(d.value, where(opStart));
        else if (d.kind === 'expect') expect = d.value.split(/\s/)[0];
        else {
          const b = /^(\$\w+|<[^>]+>)\s*=\s*(.+)$/.exec(d.value);
          if (!b) throw new Error(`${where(opStart)}: "# with ${d.value}" should read "# with $name = field.path" or "# with <placeholder> = field.path"`);
          bindings.set(b[1], b[2].split(/\s{2,}/)[0]);
        }
      }
      operations.push({
        where: where(opStart),
        document: body.slice(opStart, opEnd),
        token,
        expect,
        bindings: [...bindings].map(([target, source]) => ({ target, source })),
      });
      from = to;
    }
  }
  return operations;
}

export function readExamples(path: string, file = 'README.md'): ExampleOperation[] {
  return extractExamples(readFileSync(path, 'utf8'), file);
}

/** `a.b[0].c` in an object, or undefined. */
export function pathIn(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const part of path.split('.')) {
    const m = /^([\w]+)((?:\[\d+\])*)$/.exec(part);
    if (!m || current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[m[1]];
    for (const index of m[2].match(/\d+/g) ?? []) {
      if (!Array.isArray(current)) return undefined;
      current = current[Number(index)];
    }
  }
  return current;
}
