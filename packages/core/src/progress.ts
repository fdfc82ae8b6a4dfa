/** Numbers reported with progress (loss, gradient norm, step size, ...). */
export type Metrics = Readonly<Record<string, number>>;

/**
 * Where a long-running library function (an optimizer loop, a sampler) reports its progress. Libraries take
 * one as an option and default to silence; apps pass a reporter that draws a bar or prints lines.
 */
export interface ProgressReporter {
  /** Begins a phase of `total` steps, named `label`. */
  start(total: number, label?: string): void;
  /** Reports that `step` of the current phase is done (1-based), with optional metrics. */
  tick(step: number, metrics?: Metrics): void;
  /** Ends the current phase. */
  done(): void;
}
