import { leastMeeting } from './staffing-search';

/** The least n in [lowest, highest] with margin >= 0, by looking at every n. */
function byScan(lowest: number, highest: number, margin: (n: number) => number): number | null {
  for (let n = lowest; n <= highest; n++) if (margin(n) >= 0) return n;
  return null;
}

describe('leastMeeting', () => {
  it('finds the least meeting staffing of margins of every shape, from any start, as a scan does', () => {
    const shapes: Array<[string, (root: number) => (n: number) => number]> = [
      ['linear', (root) => (n) => n - root],
      ['a service level rising towards 1', (root) => (n) => Math.exp(-2 / 7) - Math.exp(-(n - root + 2) / 7)],
      // An abandonment rate falling by orders of magnitude: far from a line across the bracket.
      ['an abandonment rate against a goal of 1e-6', (root) => (n) => 1e-6 - 1e-6 * Math.exp(-(n - root) / 3)],
      ['a step', (root) => (n) => (n >= root ? 1 : -1)],
      ['undefined below the answer', (root) => (n) => (n >= root ? n - root : Number.NEGATIVE_INFINITY)],
      ['NaN below the answer', (root) => (n) => (n >= root ? 0 : Number.NaN)],
    ];
    for (const [name, shape] of shapes) {
      for (const lowest of [0, 7, 40]) {
        for (const width of [0, 1, 5, 100, 3000]) {
          const highest = lowest + width;
          // Answers below the range, at its ends, inside it, and above it.
          for (const root of [lowest - 3, lowest, lowest + 0.37 * width, highest, highest + 2]) {
            const margin = shape(root);
            const expected = byScan(lowest, highest, margin);
            for (const start of [lowest, lowest + width / 2, highest]) {
              for (const firstStep of [1, 45]) {
                const found = leastMeeting({ lowest, highest, start, firstStep, margin });
                expect([name, lowest, highest, root, start, firstStep, found]).toEqual([name, lowest, highest, root, start, firstStep, expected]);
              }
            }
          }
        }
      }
    }
  });

  it('answers the edges: met at the lowest staffing, never met, an empty range', () => {
    const margin = (n: number) => n - 10;
    expect(leastMeeting({ lowest: 12, highest: 40, start: 30, firstStep: 5, margin })).toBe(12);
    expect(leastMeeting({ lowest: 0, highest: 9, start: 3, firstStep: 5, margin })).toBeNull();
    expect(leastMeeting({ lowest: 5, highest: 4, start: 3, firstStep: 1, margin })).toBeNull();
    expect(leastMeeting({ lowest: 10, highest: 10, start: 0, firstStep: 1, margin })).toBe(10);
  });

  it('evaluates few staffings: a smooth margin far from the start in about twenty, not thousands', () => {
    let evaluations = 0;
    const margin = (n: number) => {
      evaluations += 1;
      return 0.95 - Math.exp(-n / 300);
    };
    const n = leastMeeting({ lowest: 0, highest: 6050, start: 2000, firstStep: Math.sqrt(2000), margin });
    expect(n).toBe(byScan(0, 6050, (k) => 0.95 - Math.exp(-k / 300)));
    expect(evaluations).toBeLessThanOrEqual(24);
  });
});
