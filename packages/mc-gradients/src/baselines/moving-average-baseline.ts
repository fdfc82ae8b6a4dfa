import { assertOptions } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { assertNumber } from '../internal/validate.js';
import type { Baseline, BaselineContext } from './baseline.js';

/** Options of {@link movingAverageBaseline}. @category Baselines */
export interface MovingAverageBaselineOptions {
  /** Weight of the past: b ← decay·b + (1 − decay)·mean f; in [0, 1), default 0.9 (the reference code's). */
  readonly decay?: number;
}

/** A baseline that keeps a running average of the cost; its state is explicit. @category Baselines */
export interface MovingAverageBaseline extends Baseline {
  readonly decay: number;
  /** The current average of the batch means of f, undefined before the first batch. */
  readonly value: number | undefined;
  /** Forgets the average. */
  reset(): void;
}

/**
 * The moving-average baseline of the score-function estimator (survey §7; the reference code's
 * `moving_averages_baseline`): b is an exponential moving average of the mean cost of the previous main
 * batches: the first batch sets it, later ones update b ← decay·b + (1 − decay)·mean_n f(x_n). A batch is
 * estimated with the average of the batches before it (b = 0 for the first), so b never depends on the
 * batch's own draws and the estimate stays unbiased (the reference code averages in the current batch first,
 * a small bias). The same b serves every cost of the batch (a control variate's as well). The state lives in
 * the returned object: pass the same object to every step, `reset()` to start over.
 *
 * Complexity: O(1) per parameter and one scalar readback per main batch.
 *
 * @example
 * const baseline = movingAverageBaseline({ decay: 0.9 });
 * for (let step = 0; step < steps; step++) scoreFunction({ ...options, seed: foldIn(seed, step), baseline });
 * @category Baselines
 */
export function movingAverageBaseline(options: MovingAverageBaselineOptions = {}): MovingAverageBaseline {
  const fn = 'movingAverageBaseline';
  assertOptions(fn, options, ['decay']);
  const decay = assertNumber(options?.decay ?? 0.9, fn, 'decay', 'in [0, 1)', (x) => x >= 0 && x < 1);
  let value: number | undefined;
  return {
    name: 'movingAverage',
    decay,
    get value() {
      return value;
    },
    values<P extends string>(context: BaselineContext<P>) {
      return context.costs.map(() => {
        const record = {} as Record<P, tf.Tensor>;
        for (const name of context.names) record[name] = tf.scalar(value ?? 0);
        return record;
      });
    },
    observe(costs: tf.Tensor) {
      const batchMean = tf.tidy(() => tf.mean(costs).dataSync()[0]!);
      value = value === undefined ? batchMean : decay * value + (1 - decay) * batchMean;
    },
    reset() {
      value = undefined;
    },
  };
}
