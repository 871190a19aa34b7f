import { scoreBids } from './bid-scoring';

describe('scoreBids', () => {
  it('scores three bids by hand: best = 100 points, others proportional, infeasible last', () => {
    const weights = {
      price: 50,
      metrics: {
        'SERVICE_LEVEL T=20s': { weight: 30, better: 'HIGHER' as const },
        ABANDONMENT_RATE: { weight: 20, better: 'LOWER' as const },
      },
    };
    const scored = scoreBids(
      [
        { id: 'A', canonicalValues: { 'SERVICE_LEVEL T=20s': 0.8, ABANDONMENT_RATE: 0.04 }, costPerHandledContactMinor: 400, feasible: true },
        { id: 'B', canonicalValues: { 'SERVICE_LEVEL T=20s': 0.6, ABANDONMENT_RATE: 0.05 }, costPerHandledContactMinor: 320, feasible: true },
        // Cheapest and best, but its price cannot pay for its promise: it neither sets the bar nor ranks first.
        { id: 'C', canonicalValues: { 'SERVICE_LEVEL T=20s': 0.9, ABANDONMENT_RATE: 0.02 }, costPerHandledContactMinor: 200, feasible: false },
      ],
      weights,
    );
    const byId = Object.fromEntries(scored.map((s) => [s.id, s]));
    // A: price 100*320/400 = 80, SL 100, abandonment 100 -> (50*80 + 30*100 + 20*100) / 100 = 90
    expect(byId.A.terms.map((t) => t.points)).toEqual([80, 100, 100]);
    expect(byId.A.score).toBeCloseTo(90, 12);
    // B: price 100, SL 100*0.6/0.8 = 75, abandonment 100*0.04/0.05 = 80 -> (5000 + 2250 + 1600) / 100 = 88.5
    expect(byId.B.terms[1].points).toBeCloseTo(75, 12);
    expect(byId.B.terms[2].points).toBeCloseTo(80, 12);
    expect(byId.B.score).toBeCloseTo(88.5, 12);
    // C: capped at 100 on every term -> 100, yet ranked after the feasible bids.
    expect(byId.C.score).toBeCloseTo(100, 12);
    expect(byId.A.rank).toBe(1);
    expect(byId.B.rank).toBe(2);
    expect(byId.C.rank).toBe(3);
    expect(byId.A.terms[0]).toEqual({ name: 'price', weight: 50, value: 400, points: 80, contribution: 40 });
  });

  it('shares a rank between equal scores and gives a missing value 0 points', () => {
    const scored = scoreBids(
      [
        { id: 'X', canonicalValues: { ASA: 20 }, costPerHandledContactMinor: 100, feasible: true },
        { id: 'Y', canonicalValues: { ASA: 20 }, costPerHandledContactMinor: 100, feasible: true },
        { id: 'Z', canonicalValues: {}, costPerHandledContactMinor: 100, feasible: true },
      ],
      { price: 1, metrics: { ASA: { weight: 1, better: 'LOWER' } } },
    );
    expect(scored.map((s) => s.rank)).toEqual([1, 1, 3]);
    expect(scored[2].terms[1]).toMatchObject({ value: null, points: 0 });
    expect(scored[2].score).toBeCloseTo(50, 12);
  });
});
