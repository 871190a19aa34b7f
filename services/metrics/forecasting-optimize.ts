/**
 * Nelder–Mead simplex minimisation (Nelder & Mead 1965, with the usual reflection 1, expansion 2,
 * contraction ½ and shrink ½ coefficients) of a function of a few unconstrained variables. Used to
 * fit smoothing parameters by likelihood; callers map bounded parameters to the real line. Pure,
 * deterministic, and bounded in work by `maxEvaluations`.
 */
export interface MinimizeOptions {
  /** Largest number of function evaluations (the work bound). */
  maxEvaluations?: number;
  /** Stop when the simplex's function values differ by less than this. */
  tolerance?: number;
  /** Size of the initial simplex around the start point. */
  step?: number;
}

export interface Minimum {
  x: number[];
  value: number;
  evaluations: number;
}

export function nelderMead(f: (x: readonly number[]) => number, start: readonly number[], options: MinimizeOptions = {}): Minimum {
  const maxEvaluations = options.maxEvaluations ?? 400;
  const tolerance = options.tolerance ?? 1e-8;
  const step = options.step ?? 0.5;
  const n = start.length;
  let evaluations = 0;
  const evaluate = (x: number[]) => {
    evaluations += 1;
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  let simplex: Array<{ x: number[]; v: number }> = [{ x: [...start], v: evaluate([...start]) }];
  for (let i = 0; i < n; i++) {
    const x = [...start];
    x[i] += step;
    simplex.push({ x, v: evaluate(x) });
  }
  while (evaluations < maxEvaluations) {
    simplex.sort((a, b) => a.v - b.v);
    const best = simplex[0];
    const worst = simplex[n];
    if (Math.abs(worst.v - best.v) <= tolerance * (Math.abs(best.v) + tolerance)) break;
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i].x[j] / n;
    const along = (t: number) => centroid.map((c, j) => c + t * (worst.x[j] - c));
    const reflected = along(-1);
    const vr = evaluate(reflected);
    if (vr < best.v) {
      const expanded = along(-2);
      const ve = evaluate(expanded);
      simplex[n] = ve < vr ? { x: expanded, v: ve } : { x: reflected, v: vr };
    } else if (vr < simplex[n - 1].v) {
      simplex[n] = { x: reflected, v: vr };
    } else {
      const contracted = vr < worst.v ? along(-0.5) : along(0.5);
      const vc = evaluate(contracted);
      if (vc < Math.min(vr, worst.v)) {
        simplex[n] = { x: contracted, v: vc };
      } else {
        simplex = simplex.map((p, i) => (i === 0 ? p : { x: p.x.map((xj, j) => best.x[j] + 0.5 * (xj - best.x[j])), v: Number.NaN }));
        for (let i = 1; i <= n; i++) simplex[i].v = evaluate(simplex[i].x);
      }
    }
  }
  simplex.sort((a, b) => a.v - b.v);
  return { x: simplex[0].x, value: simplex[0].v, evaluations };
}
