import type { MethodConfig } from './config.js';
import type { GradientMethod } from './model.js';

/** One evaluation of one method (a line of metrics.jsonl; a type, not an interface: it is a metrics record). */
export type EvaluationRecord = {
  readonly method: string;
  readonly epoch: number;
  readonly step: number;
  /** Mean one-sample training ELBO over the epoch's steps (null at epoch 0). */
  readonly trainElbo: number | null;
  readonly testElbo: number;
  readonly testLogLikelihood: number;
  /** Variance of the spread-bias gradient per estimator at the current parameters (von Mises: both). */
  readonly gradientVariance: Readonly<Partial<Record<GradientMethod, number>>>;
};

/** A unit's result (JSON): one trained method. */
export interface MethodResult {
  readonly config: MethodConfig;
  /** Evaluations after epoch 0, every `everyEpochs` and after the last, in order. */
  readonly records: readonly EvaluationRecord[];
  /** Test digits' posterior locations, [n·d] row-major. */
  readonly means: readonly number[];
  readonly msPerStep: number;
}
