/** One figure a benchmark prints; `baseline` (same unit) makes the harness print a ratio beside it. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
}

export type Bench = () => Promise<BenchFigure[]>;
