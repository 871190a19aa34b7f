import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The end-to-end tests run their hubs on a manual clock (services/platform/clock.ts): none reads
 * the wall clock or sleeps, and no test times itself (timings belong in bench/). A test that needs
 * time to pass moves the clock instead. The unit tests beside the code (*.test.ts under services/
 * and gateway/) are held to the same rule.
 */
const ROOT = __dirname;
const UNIT_ROOTS = [join(ROOT, '..', 'services'), join(ROOT, '..', 'gateway')];
const FORBIDDEN: Array<[RegExp, string]> = [
  [/\bDate\.now\(\)/, 'Date.now()'],
  [/\bnew Date\(\s*\)/, 'new Date()'],
  [/\bsetTimeout\(/, 'setTimeout('],
  [/\bhrtime\b/, 'process.hrtime'],
  [/\bperformance\.now\(/, 'performance.now()'],
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

it('no test reads the wall clock, sleeps or times itself', () => {
  const found: string[] = [];
  const tests = [...files(ROOT), ...UNIT_ROOTS.flatMap((dir) => files(dir).filter((f) => f.endsWith('.test.ts')))];
  for (const file of tests) {
    if (file === __filename) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        for (const [pattern, name] of FORBIDDEN) if (pattern.test(line)) found.push(`${relative(ROOT, file)}:${i + 1} ${name}`);
      });
  }
  expect(found).toEqual([]);
});
