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

  it("answers a full histogram in the hub's own buckets as the general apportioning does", () => {
    // Given in order, the evidence takes the short path; reversed, the general one.
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    const outcomes = { ok: 0, refused: 0 };
    for (let trial = 0; trial < 2_000; trial++) {
      const counts = bounds.map(() => (random(4) === 0 ? 0 : random(30)));
      if (trial % 10 === 0) counts[random(bounds.length)] = -1 - random(3); // a cumulative count that decreases
      let cumulative = 0;
      const within = bounds.slice(0, -1).map((b, i) => ({ seconds: b, count: (cumulative += counts[i]) }));
      const total = cumulative + counts[counts.length - 1];
      // A summed wait between the least and the most the buckets allow, or (two in five) beyond either.
      let least = 0;
      let most = 0;
      counts.forEach((c, i) => {
        if (c <= 0) return;
        least += c * (i === 0 ? 0 : bounds[i - 1]);
        most += c * (Number.isFinite(bounds[i]) ? bounds[i] : 3_600);
      });
      const pick = random(5);
      const waitSeconds = pick === 0 ? Math.max(0, least - 1 - random(10)) : pick === 1 ? most + 1 + random(10) : least + random(Math.max(1, most - least));
      const inOrder = apportionWaits({ total, waitSeconds, within });
      const general = apportionWaits({ total, waitSeconds, within: [...within].reverse() });
      // A refusal is worded by the general path either way (which count it names first follows the order given).
      if (general.ok) expect(inOrder).toEqual(general);
      else expect(inOrder.ok).toBe(false);
      outcomes[general.ok ? 'ok' : 'refused'] += 1;
    }
    expect(outcomes.ok).toBeGreaterThan(1_000);
    expect(outcomes.refused).toBeGreaterThan(200);
  });
});

