/**
 * One figure per window, as the subgraph that owns a metric's data answers it for the SLA
 * verdicts of the performance subgraph (`Contract.windowFigures` in feedback and quality). Shared
 * by the subgraphs that answer it and the client that asks, so both use the same selection.
 */
export interface WindowFigure { from: string; to: string; value: number | null; numerator: number | null; denominator: number | null; sampleSize: number; confidenceLow: number | null; confidenceHigh: number | null; approximate: boolean }

export const WINDOW_FIGURE_FIELDS = 'from to value numerator denominator sampleSize confidenceLow confidenceHigh approximate';
