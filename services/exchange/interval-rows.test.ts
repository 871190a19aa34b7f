import { SlotMap } from './interval-rows';

/**
 * The SlotMap finds two rows of a queue that overlap and then hands the file's intervals back
 * queue by queue in time order, so they can be checked against the stored ones without reading
 * the file again: each claimed interval exactly once, with its line, also across the boundary of
 * two of its one-year pages.
 */
describe('SlotMap', () => {
  const PAGE_SECONDS = 366 * 96 * 900;

  it('answers the line of an earlier overlapping row, and claims nothing then', () => {
    const slots = new SlotMap();
    expect(slots.claim('q1', 3_600, 3_600, 2)).toBe(0);
    expect(slots.claim('q1', 4_500, 900, 3)).toBe(2);
    expect(slots.claim('q2', 4_500, 900, 4)).toBe(0);
    expect([...slots.intervals()]).toEqual([
      { queueId: 'q1', start: 3_600, lengthSeconds: 3_600, line: 2 },
      { queueId: 'q2', start: 4_500, lengthSeconds: 900, line: 4 },
    ]);
  });

  it('walks each queue in time order, adjacent intervals apart, one interval across two pages whole', () => {
    const slots = new SlotMap();
    const boundary = 30 * PAGE_SECONDS;
    // Claimed out of order, as rows of a file may come.
    slots.claim('q1', boundary - 900, 1_800, 7);
    slots.claim('q1', boundary + 900, 900, 8);
    slots.claim('q1', boundary - 1_800, 900, 6);
    slots.claim('q1', boundary + 5 * PAGE_SECONDS, 3_600, 9);
    expect([...slots.intervals()]).toEqual([
      { queueId: 'q1', start: boundary - 1_800, lengthSeconds: 900, line: 6 },
      { queueId: 'q1', start: boundary - 900, lengthSeconds: 1_800, line: 7 },
      { queueId: 'q1', start: boundary + 900, lengthSeconds: 900, line: 8 },
      { queueId: 'q1', start: boundary + 5 * PAGE_SECONDS, lengthSeconds: 3_600, line: 9 },
    ]);
  });
});
