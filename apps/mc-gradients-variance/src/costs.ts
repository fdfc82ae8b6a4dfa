import type { CostFunction } from '@proj/mc-gradients';
import * as tf from '@tensorflow/tfjs-core';

/** The cost functions of the survey's Section 3, in float64 for quadrature and as tensor ops for Monte Carlo. */
export type CostName = 'square' | 'exp' | 'cos';

export interface SurveyCost {
  readonly name: CostName;
  /** How the survey writes it. */
  readonly formula: string;
  /** f(x; k) and f′(x; k) in float64. */
  readonly value: (x: number, k: number) => number;
  readonly derivative: (x: number, k: number) => number;
  /** f as a cost of the estimators: samples [N] → costs [N]. */
  readonly tensor: (k: number) => CostFunction;
  /** [∂μ E f, ∂σ E f] under N(μ, σ²), in closed form. */
  readonly gradient: (k: number, mu: number, sigma: number) => [number, number];
}

export const COSTS: Readonly<Record<CostName, SurveyCost>> = {
  square: {
    name: 'square',
    formula: '(x − k)²',
    value: (x, k) => (x - k) ** 2,
    derivative: (x, k) => 2 * (x - k),
    tensor: (k) => (x) => tf.square(tf.sub(x, k)),
    gradient: (k, mu, sigma) => [2 * (mu - k), 2 * sigma],
  },
  exp: {
    name: 'exp',
    formula: 'exp(−kx²)',
    value: (x, k) => Math.exp(-k * x * x),
    derivative: (x, k) => -2 * k * x * Math.exp(-k * x * x),
    tensor: (k) => (x) => tf.exp(tf.mul(-k, tf.square(x))),
    gradient: (k, mu, sigma) => {
      // With a = 1 + 2kσ²: E f = a^(−1/2) exp(−kμ²/a).
      const a = 1 + 2 * k * sigma ** 2;
      const expectation = a ** -0.5 * Math.exp((-k * mu ** 2) / a);
      return [((-2 * k * mu) / a) * expectation, expectation * 4 * k * sigma * (-1 / (2 * a) + (k * mu ** 2) / a ** 2)];
    },
  },
  cos: {
    name: 'cos',
    formula: 'cos(kx)',
    value: (x, k) => Math.cos(k * x),
    derivative: (x, k) => -k * Math.sin(k * x),
    tensor: (k) => (x) => tf.cos(tf.mul(k, x)),
    gradient: (k, mu, sigma) => {
      const damping = Math.exp((-(k ** 2) * sigma ** 2) / 2);
      return [-k * Math.sin(k * mu) * damping, -(k ** 2) * sigma * Math.cos(k * mu) * damping];
    },
  },
};
