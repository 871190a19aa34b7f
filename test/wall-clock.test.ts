import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The end-to-end tests run their hubs on a manual clock (services/platform/clock.ts): none reads
 * the wall clock or sleeps. A test that needs time to pass moves the clock instead.
 */
const ROOT = __dirname;
const FORBIDDEN: Array<[RegExp, string]> = [
  [/\bDate\.now\(\)/, 'Date.now()'],
  [/\bnew Date\(\s*\)/, 'new Date()'],
  [/\bsetTimeout\(/, 'setTimeout('],
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

it('no test under test/ reads the wall clock or sleeps', () => {
  const found: string[] = [];
  for (const file of files(ROOT)) {
    if (file === __filename) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        for (const [pattern, name] of FORBIDDEN) if (pattern.test(line)) found.push(`${relative(ROOT, file)}:${i + 1} ${name}`);
      });
  }
  expect(found).toEqual([]);
});
