/**
 * Weighted scores of tender bids on their normalized price and canonical figures, every term
 * shown. Pure functions, no I/O.
 */

export interface BidForScoring {
  id: string;
  /** Canonical figures by label (e.g. describeDefinition of the canonical definition); null if unknown. */
  canonicalValues: Record<string, number | null>;
  costPerHandledContactMinor: number | null;
  feasible: boolean;
}

export interface ScoringWeights {
  price: number;
  metrics: Record<string, { weight: number; better: 'HIGHER' | 'LOWER' }>;
}

export interface ScoreTerm {
  name: string;
  weight: number;
  value: number | null;
  /** 0..100: 100 for the best value, others proportional (see scoreBids). */
  points: number;
  /** weight x points / total weight: this term's share of the score. */
  contribution: number;
}

export interface ScoredBid {
  id: string;
  score: number;
  rank: number;
  feasible: boolean;
  terms: ScoreTerm[];
}

/**
 * Weighted scores of bids, 0..100, with every term shown.
 *
 * Normalization (the usual "lowest price = 100" tender rule, applied to every criterion):
 * - LOWER is better (price per handled contact, abandonment, ASA): points = 100 x best / value,
 *   best = the least value; a value of 0 when the best is 0 gets 100, any other value then 0.
 * - HIGHER is better (service level): points = 100 x value / best, best = the greatest value
 *   (100 for all when every value is 0).
 * - Points are capped at 100, so a bid better than the bar (an infeasible one) gets 100, not more.
 * - A missing value (null) gets 0 points.
 * The best values are taken over the feasible bids only, so an infeasible price (one that cannot
 * pay for the promise) does not set the bar for the others; if no bid is feasible, over all.
 * score = Σ weight x points / Σ weights. Rank 1 is best; feasible bids rank before every infeasible
 * one, then by score; equal scores (within 1e-9) share a rank (1, 1, 3). Values must be >= 0.
 */
export function scoreBids(bids: BidForScoring[], weights: ScoringWeights): ScoredBid[] {
  const criteria: Array<{ name: string; weight: number; better: 'HIGHER' | 'LOWER'; read: (b: BidForScoring) => number | null }> = [
    { name: 'price', weight: weights.price, better: 'LOWER', read: (b) => b.costPerHandledContactMinor },
    ...Object.entries(weights.metrics).map(([name, w]) => ({
      name,
      weight: w.weight,
      better: w.better,
      read: (b: BidForScoring) => b.canonicalValues[name] ?? null,
    })),
  ];
  const totalWeight = criteria.reduce((s, c) => s + c.weight, 0);
  for (const c of criteria) {
    if (!(c.weight >= 0) || !Number.isFinite(c.weight)) throw new RangeError(`weight of ${c.name} must be >= 0, got ${c.weight}`);
  }
  if (!(totalWeight > 0)) throw new RangeError('the weights must not all be 0');
  for (const b of bids) {
    for (const c of criteria) {
      const v = c.read(b);
      if (v !== null && (!(v >= 0) || !Number.isFinite(v))) {
        throw new RangeError(`bid ${b.id}: ${c.name} must be a finite number >= 0 for proportional points, got ${v}`);
      }
    }
  }
  const pool = bids.some((b) => b.feasible) ? bids.filter((b) => b.feasible) : bids;
  const scored = bids.map((bid) => {
    const terms: ScoreTerm[] = criteria.map((c) => {
      const value = c.read(bid);
      const known = pool.map(c.read).filter((v): v is number => v !== null);
      let points = 0;
      if (value !== null && known.length > 0) {
        if (c.better === 'LOWER') {
          const best = Math.min(...known);
          points = value === 0 ? 100 : Math.min(100, (100 * best) / value);
        } else {
          const best = Math.max(...known);
          points = best === 0 ? 100 : Math.min(100, (100 * value) / best);
        }
      }
      return { name: c.name, weight: c.weight, value, points, contribution: (c.weight * points) / totalWeight };
    });
    return { id: bid.id, feasible: bid.feasible, terms, score: terms.reduce((s, t) => s + t.contribution, 0), rank: 0 };
  });
  const order = [...scored].sort((p, q) => (p.feasible !== q.feasible ? (p.feasible ? -1 : 1) : q.score - p.score));
  order.forEach((s, i) => {
    const prev = order[i - 1];
    s.rank = prev && prev.feasible === s.feasible && Math.abs(prev.score - s.score) <= 1e-9 ? prev.rank : i + 1;
  });
  return scored;
}
