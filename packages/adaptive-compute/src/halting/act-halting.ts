import { assertOptions } from '@proj/core';
import { tidyObject } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import { unstack } from '../internal/unstack.js';
import { assertEps, assertFloatTensor } from '../internal/validate.js';
import type { HaltingState } from './halting-state.js';
import { haltingStep } from './halting-step.js';

/** Options of {@link actHalting}. */
export interface ActHaltingOptions {
  /** ε of the halting rule, in (0, 1); default 0.01. */
  readonly eps?: number;
}

/** What {@link actHalting} returns for cells of shape S (S = [B] for ACT, [B, H, W] for SACT). */
export class ActHalting {
  constructor(
    /** ρ = N + R, float32 S; differentiable in the scores through R only. */
    readonly ponderCost: tf.Tensor,
    /** N, int32 S: the halting unit (1-based), the number of units a cell uses. */
    readonly numUnits: tf.Tensor,
    /** R = 1 − Σ_{n<N} h_n, float32 S. */
    readonly remainder: tf.Tensor,
    /** p, float32 [...S, L]: p_n = h_n for n < N, p_N = R, 0 after; each row sums to 1. */
    readonly haltingDistribution: tf.Tensor,
  ) {}
}

/**
 * Graves' adaptive computation time for a block of L units whose halting scores are all known: the
 * functional core (mfigurnov/sact `adaptive_computation_time`, generalized to any cell shape). `scores`
 * [...S, L − 1] holds h_1..h_{L−1} in [0, 1] (h_L = 1 is implied); S = [B] for per-example ACT,
 * [B, H, W] for per-position SACT. N = min{n : Σ_{i≤n} h_i ≥ 1 − ε}, R = 1 − Σ_{i<N} h_i, ρ = N + R
 * (N stop-gradient: ∂ρ/∂h_n = −1 for n < N, 0 otherwise), p as in {@link ActHalting}.
 *
 * Complexity: O(|S|·L), about 15·L elementwise kernels. Graves 2016, eqs. (6)-(8); Figurnov et al., CVPR 2017.
 *
 * @throws Error naming `actHalting` and the argument for scores that are not a float32 tensor of rank ≥ 2
 *   with L − 1 ≥ 1 units, ε outside (0, 1), or unknown option keys.
 * @example
 * const { ponderCost, numUnits } = actHalting(tf.tensor2d([[0.01, 0.5, 0.6, 0.7]])); // 3.49, 3
 */
export function actHalting(scores: tf.Tensor, options: ActHaltingOptions = {}): ActHalting {
  const fn = 'actHalting';
  assertOptions(fn, options, ['eps']);
  const eps = assertEps(options.eps ?? 0.01, fn);
  assertFloatTensor(scores, fn, 'scores', '[...cells, L − 1] of rank ≥ 2', [2, 3, 4, 5, 6]);
  return tidyObject(() => {
    const units = scores.shape[scores.rank - 1]! + 1;
    const perUnit = unstack(scores, scores.rank - 1);
    let state: HaltingState | null = null;
    const probabilities: tf.Tensor[] = [];
    for (let n = 0; n < units; n++) {
      const step = haltingStep(state, perUnit[Math.min(n, units - 2)]!, { eps, last: n === units - 1 });
      state = step.state;
      probabilities.push(step.probability);
    }
    const final = state!;
    return new ActHalting(final.ponderCost, final.numUnits, final.remainder, tf.stack(probabilities, -1));
  });
}
