import { foldIn, randomNormal, randomUniform, type Seed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';

/**
 * The bimodal 2-D toy: `points` rows [x1, x2] with x1 ~ N(0, 1), x2 = s · x1 + noise · ε, s = ±1 with
 * probability 1/2 each, ε ~ N(0, 1). Given x1, x2 has two modes, ±x1; its conditional mean is 0 for every x1,
 * which is what a regression imputer predicts. Seeded; O(points).
 *
 * x1 is normal rather than uniform so that the modes at large |x1| lie several standard deviations of x2 apart:
 * with the Gaussian σ of a real column fixed to 1 on the standardized scale (the paper's UCI setting), telling
 * the modes ±m apart through z gains about m²/2 nats against a KL cost of up to log 2 per row; it pays only for
 * m ≳ 1.2 standard deviations.
 */
export function toyData(points: number, noise: number, seed: Seed): number[][] {
  const [x1, coin, eps] = tf.tidy(() => [
    randomNormal([points], foldIn(seed, 'x1')).dataSync(),
    randomUniform([points], foldIn(seed, 'sign')).dataSync(),
    randomNormal([points], foldIn(seed, 'noise')).dataSync(),
  ]);
  return Array.from({ length: points }, (_, i) => {
    const sign = coin![i]! < 0.5 ? -1 : 1;
    return [x1![i]!, sign * x1![i]! + noise * eps![i]!];
  });
}

/** How conditional samples of x2 given x1 = c fall relative to the two modes ±c. */
export interface ModeShares {
  readonly condition: number;
  /** Fraction of samples nearer +|c| than −|c| with |x2| ≥ |c|/2. */
  readonly upper: number;
  /** Fraction nearer −|c| with |x2| ≥ |c|/2. */
  readonly lower: number;
  /** Fraction between the modes, |x2| < |c|/2: where a regression to the mean (0) puts them. */
  readonly between: number;
  /** Mean of the samples (the conditional mean is 0). */
  readonly mean: number;
}

/** Shares of the samples `x2` of x2 | x1 = `condition` near each mode and between them. O(n). */
export function modeShares(condition: number, x2: readonly number[]): ModeShares {
  const half = Math.abs(condition) / 2;
  const share = (f: (v: number) => boolean) => x2.filter(f).length / x2.length;
  return {
    condition,
    upper: share((v) => v >= half),
    lower: share((v) => v <= -half),
    between: share((v) => Math.abs(v) < half),
    mean: x2.reduce((s, v) => s + v, 0) / x2.length,
  };
}
