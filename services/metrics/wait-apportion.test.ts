import { apportionWaits } from './wait-apportion';
import { validateSums } from './kpi';
import { STANDARD_WAIT_BOUNDS } from './wait-buckets';

const bounds = [...STANDARD_WAIT_BOUNDS];
const consistent = (counts: number[], total: number, wait: number) =>
  validateSums({
    offered: total,
    answered: total,
    abandoned: 0,
    answeredWaitSeconds: wait,
    abandonedWaitSeconds: 0,
    talkSeconds: 0,
    holdSeconds: 0,
    wrapSeconds: 0,
    bucketBounds: bounds,
    answeredWait: counts,
    abandonedWait: bounds.map(() => 0),
  });

describe('apportionWaits', () => {
  it('keeps the counts at standard thresholds exactly and stays consistent with the summed wait', () => {
    // 100 answered, 80 within 20 s, 95 within 60 s, mean wait 9 s.
    const r = apportionWaits({ total: 100, waitSeconds: 900, within: [{ seconds: 20, count: 80 }, { seconds: 60, count: 95 }] });
    if (!r.ok) throw new Error(r.problem);
    const c = r.histogram.counts;
    expect(c.slice(0, 4).reduce((a, b) => a + b, 0)).toBe(80);
    expect(c.slice(0, 7).reduce((a, b) => a + b, 0)).toBe(95);
    expect(c.reduce((a, b) => a + b, 0)).toBe(100);
    expect(r.histogram.exactBounds).toEqual([20, 60]);
    expect(consistent(c, 100, 900)).toEqual([]);
  });

  it('moves contacts up only as far as a long summed wait needs', () => {
    // Everything within 15 s, mean wait 12 s: the first bucket (0–5 s) alone cannot hold it.
    const r = apportionWaits({ total: 10, waitSeconds: 120, within: [{ seconds: 15, count: 10 }] });
    if (!r.ok) throw new Error(r.problem);
    expect(r.histogram.counts.slice(0, 3).reduce((a, b) => a + b, 0)).toBe(10);
    expect(consistent(r.histogram.counts, 10, 120)).toEqual([]);
  });

  it('places contacts beyond the last threshold in the open bucket when the wait says so', () => {
    const r = apportionWaits({ total: 10, waitSeconds: 5_000, within: [{ seconds: 20, count: 5 }] });
    if (!r.ok) throw new Error(r.problem);
    expect(consistent(r.histogram.counts, 10, 5_000)).toEqual([]);
  });

  it('with no threshold at all still gives a consistent histogram, exact nowhere', () => {
    const r = apportionWaits({ total: 40, waitSeconds: 400, within: [] });
    if (!r.ok) throw new Error(r.problem);
    expect(r.histogram.exactBounds).toEqual([]);
    expect(consistent(r.histogram.counts, 40, 400)).toEqual([]);
  });

  it('refuses counts that decrease, exceed the total, or a wait the thresholds cannot produce', () => {
    expect(apportionWaits({ total: 10, waitSeconds: 10, within: [{ seconds: 20, count: 8 }, { seconds: 30, count: 7 }] }).ok).toBe(false);
    expect(apportionWaits({ total: 10, waitSeconds: 10, within: [{ seconds: 20, count: 11 }] }).ok).toBe(false);
    // All 10 within 5 s cannot have waited 100 s in all.
    expect(apportionWaits({ total: 10, waitSeconds: 100, within: [{ seconds: 5, count: 10 }] }).ok).toBe(false);
    // None within 60 s cannot have waited 30 s in all.
    expect(apportionWaits({ total: 1, waitSeconds: 30, within: [{ seconds: 60, count: 0 }] }).ok).toBe(false);
  });

  it('gives back a full standard histogram unchanged', () => {
    const counts = [3, 2, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1];
    let cumulative = 0;
    const within = bounds.slice(0, -1).map((b, i) => ({ seconds: b, count: (cumulative += counts[i]) }));
    const r = apportionWaits({ total: 10, waitSeconds: 900, within });
    if (!r.ok) throw new Error(r.problem);
    expect(r.histogram.counts).toEqual(counts);
  });
});
