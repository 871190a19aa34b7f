export interface WindowFigure { from: string; to: string; value: number | null; numerator: number | null; denominator: number | null; sampleSize: number; confidenceLow: number | null; confidenceHigh: number | null; approximate: boolean }
export const WINDOW_FIGURE_FIELDS = 'from to value numerator denominator sampleSize confidenceLow confidenceHigh approximate';
