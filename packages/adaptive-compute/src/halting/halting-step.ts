import { assertOptions, stopGradient } from '@proj/core';
import { tidyObject } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import { assertBoolean, assertEps, assertFloatTensor, assertInstance, shown } from '../internal/validate.js';
import { HaltingState } from './halting-state.js';

/** Options of {@link haltingStep}. */
export interface HaltingStepOptions {
  /** ε of the halting rule, in (0, 1); default 0.01. A cell halts once Σ h ≥ 1 − ε. */
  readonly eps?: number;
  /** Whether this is the block's last unit: h is then 1 (every cell halts) and `score` is ignored; default false. */
  readonly last?: boolean;
}

/** One unit of the halting rule: the new state and this unit's halting probability p_n. */
export interface HaltingStepResult {
  readonly state: HaltingState;
  /** p_n per cell: h_n before halting, the remainder R at the halting unit, 0 after it. */
  readonly probability: tf.Tensor;
}

/**
 * Advances the ACT halting rule by one unit, for every halting cell at once (shape [B] for ACT, [B, H, W]
 * for SACT): the loop body of mfigurnov/sact `adaptive_computation_early_stopping` /
 * `spatially_adaptive_computation_time`. With h_n the halting score of unit n (h_L = 1 for the last unit):
 * cumsum += h_n; a cell finishes at the first n with cumsum ≥ 1 − ε (N); p_n = h_n for n < N, p_N = R =
 * 1 − Σ_{i<N} h_i, 0 after; ρ starts at 1 and gains 1 per unit before N and R at N, so ρ = N + R. N is a
 * stop-gradient (the halting test reads a stopped cumsum), so ∂ρ/∂h_n = −1 for n < N and 0 otherwise.
 *
 * `state` null starts a block (unit 1). Graves 2016, eqs. (6)-(8); Figurnov et al., CVPR 2017, §3.
 *
 * Complexity: O(cells), about 15 elementwise kernels.
 *
 * @param state the state after the previous unit, or null before the first unit.
 * @param score h_n in [0, 1], float32, the cells' shape (ignored when `options.last`; pass any such tensor).
 * @throws Error naming `haltingStep` and the argument for a state that is not a live {@link HaltingState},
 *   a score that is not float32 or whose shape differs from the state's, ε outside (0, 1), unknown option keys.
 */
export function haltingStep(
  state: HaltingState | null,
  score: tf.Tensor,
  options: HaltingStepOptions = {},
): HaltingStepResult {
  const fn = 'haltingStep';
  assertOptions(fn, options, ['eps', 'last']);
  const eps = assertEps(options.eps ?? 0.01, fn);
  const last = assertBoolean(options.last ?? false, fn, 'options.last');
  if (state !== null) assertInstance(state, HaltingState, fn, 'state', (s) => Object.values(s));
  const cells = state === null ? undefined : state.cumsum.shape;
  assertFloatTensor(
    score,
    fn,
    'score',
    cells ? `[${cells.join(', ')}] (the state's cells)` : 'of any shape',
    undefined,
    [],
  );
  if (cells !== undefined && (score.rank !== cells.length || !score.shape.every((n, i) => n === cells[i]))) {
    throw new Error(`${fn}: argument 'score' must have the state's shape [${cells.join(',')}], got ${shown(score)}`);
  }
  return tidyObject(() => {
    const shape = score.shape;
    const previous = state ?? initialState(shape);
    const h = last ? tf.ones(shape) : score;
    const cumsum = tf.add(previous.cumsum, h);
    const finished = tf.greaterEqual(stopGradient(cumsum), 1 - eps);
    const zeros = tf.zerosLike(h);
    // Halting scores of finished cells are zeroed before the remainder is updated (act.py).
    const running = tf.where(finished, zeros, h);
    const justFinished = tf.logicalAnd(tf.logicalNot(previous.finished), finished);
    const probability = tf.where(justFinished, previous.remainder, running);
    const ponderCost = tf.add(
      previous.ponderCost,
      tf.where(finished, tf.where(justFinished, previous.remainder, zeros), tf.onesLike(h)),
    );
    const numUnits = tf.add(previous.numUnits, tf.cast(tf.logicalNot(previous.finished), 'int32'));
    const remainder = tf.sub(previous.remainder, running);
    return { state: new HaltingState(cumsum, finished, remainder, ponderCost, numUnits), probability };
  });
}

function initialState(shape: number[]): HaltingState {
  return new HaltingState(
    tf.zeros(shape),
    tf.zeros(shape, 'bool'),
    tf.ones(shape),
    tf.ones(shape),
    tf.zeros(shape, 'int32'),
  );
}
