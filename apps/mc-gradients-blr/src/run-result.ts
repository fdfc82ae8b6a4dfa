import type { RunConfig } from './config.js';

/** One evaluation of one run, on all rows of the data set. */
export type EvaluationRecord = {
  readonly run: string;
  readonly step: number;
  readonly elbo: number;
  readonly kl: number;
  readonly accuracy: number;
  /**
   * Per-parameter variance of the single-sample gradient estimate over loc and log-scale (2D parameters), on the
   * full data set: mean and max over the parameters.
   */
  readonly meanVariance: number;
  readonly maxVariance: number;
};

/** What one training run (estimator × control variate) yields. */
export interface RunResult {
  readonly config: RunConfig;
  readonly records: readonly EvaluationRecord[];
  readonly msPerStep: number;
  /** Rows the training estimate passed to the cost, per posterior draw and step (1 for pathwise). */
  readonly costRowsPerSample: number;
}
