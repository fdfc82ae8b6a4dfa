/**
 * The survey's Section-3 setting as test data: the costs of Figures 2 and 3 with their closed-form
 * expectations' gradients under N(μ, σ²), and the exact per-sample variances at μ = σ = 1 from the project
 * research notes (2026; computed there with scipy quadrature in the survey's §3 setting), an independent
 * source for the estimators' variances.
 */
import { type Normal, normal } from '@proj/core/distributions';
import * as tf from '@tensorflow/tfjs-core';
import type { CostFunction } from '../src/index.js';

export type CostName = 'square' | 'exp' | 'cos';

/** f(x) = (x − k)², exp(−kx²), cos(kx), elementwise (samples [N] → costs [N]). */
export function surveyCost(name: CostName, k: number): CostFunction {
  if (name === 'square') return (x) => tf.square(tf.sub(x, k));
  if (name === 'exp') return (x) => tf.exp(tf.mul(-k, tf.square(x)));
  return (x) => tf.cos(tf.mul(k, x));
}

/** [∂μ E f, ∂σ E f] under N(μ, σ²), in closed form. */
export function surveyGradient(name: CostName, k: number, mu: number, sigma: number): [number, number] {
  if (name === 'square') return [2 * (mu - k), 2 * sigma];
  if (name === 'exp') {
    const a = 1 + 2 * k * sigma ** 2;
    const expectation = a ** -0.5 * Math.exp((-k * mu ** 2) / a);
    return [((-2 * k * mu) / a) * expectation, expectation * 4 * k * sigma * (-1 / (2 * a) + (k * mu ** 2) / a ** 2)];
  }
  const damping = Math.exp((-(k ** 2) * sigma ** 2) / 2);
  return [-k * Math.sin(k * mu) * damping, -(k ** 2) * sigma * Math.cos(k * mu) * damping];
}

/** Variances of one estimator: [∂μ, ∂σ]. */
type Pair = readonly [number, number];

/** Exact per-sample variances at μ = σ = 1 (the research notes' table): SF, SF*, SFm, PW, MVc, MVu. */
export interface VarianceRow {
  readonly cost: CostName;
  readonly k: number;
  readonly scoreFunction: Pair;
  readonly optimalBaseline: Pair;
  readonly meanBaseline: Pair;
  readonly pathwise: Pair;
  readonly coupled: Pair;
  readonly uncoupled: Pair;
}

const row = (cost: CostName, k: number, mu: readonly number[], sigma: readonly number[]): VarianceRow => ({
  cost,
  k,
  scoreFunction: [mu[0]!, sigma[0]!],
  optimalBaseline: [mu[1]!, sigma[1]!],
  meanBaseline: [mu[2]!, sigma[2]!],
  pathwise: [mu[3]!, sigma[3]!],
  coupled: [mu[4]!, sigma[4]!],
  uncoupled: [mu[5]!, sigma[5]!],
});

export const VARIANCE_TABLE: readonly VarianceRow[] = [
  row('square', -3, [495, 134, 138, 4, 17.49, 10.02], [1546, 664, 696, 72, 68, 264]),
  row('square', -1, [87, 38, 42, 4, 4.372, 3.459], [346, 184, 216, 24, 20, 72]),
  row('square', 0, [30, 14, 18, 4, 1.093, 1.82], [136, 64, 96, 12, 8, 24]),
  row('square', 1, [15, 6, 10, 4, 0, 1.273], [74, 24, 56, 8, 4, 8]),
  row('square', 3, [87, 38, 42, 4, 4.372, 3.459], [346, 184, 216, 24, 20, 72]),
  row(
    'exp',
    0.1,
    [0.5635, 0.04047, 0.05407, 0.01629, 0.002509, 0.005071],
    [0.9354, 0.141, 0.2289, 0.02777, 0.02197, 0.08731],
  ),
  row(
    'exp',
    1,
    [0.1758, 0.07222, 0.08067, 0.2117, 0.01257, 0.01265],
    [0.1767, 0.1128, 0.2232, 0.1757, 0.07066, 0.2769],
  ),
  row(
    'exp',
    10,
    [0.07694, 0.0602, 0.06023, 0.9416, 0.02066, 0.02066],
    [0.009035, 0.008739, 0.03919, 0.892, 0.1167, 0.1544],
  ),
  row(
    'cos',
    0.5,
    [0.4552, 0.1179, 0.1554, 0.03928, 0.008275, 0.01516],
    [0.7987, 0.4601, 0.7237, 0.08751, 0.06527, 0.2267],
  ),
  row('cos', 1, [0.324, 0.324, 0.4314, 0.2677, 0.028, 0.04042], [0.8363, 0.7826, 1.266, 0.3081, 0.2026, 0.9489]),
  row('cos', 2, [0.4411, 0.4125, 0.4633, 1.94, 0.2241, 0.133], [0.928, 0.9216, 0.9216, 1.943, 0.7274, 0.9698]),
  row('cos', 5, [0.5, 0.5, 0.5, 12.5, 0.2957, 0.1605], [1, 1, 1, 12.5, 1, 1]),
];

/** N(loc, scale²) from named parameters: the factory every Gaussian test uses. */
export const gaussian = ({ loc, scale }: { loc: tf.Tensor; scale: tf.Tensor }): Normal => normal({ loc, scale });
