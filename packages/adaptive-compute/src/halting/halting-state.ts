import type * as tf from '@tensorflow/tfjs-core';

/**
 * The running state of the ACT halting rule after some units, per halting cell: per example [B] (ACT, PACT)
 * or per spatial position [B, H, W] (SACT). A plain data holder (free it with `tf.dispose(state)`); built and
 * advanced by {@link haltingStep}. Graves, _Adaptive Computation Time for Recurrent Neural Networks_, 2016;
 * Figurnov et al., _Spatially Adaptive Computation Time for Residual Networks_, CVPR 2017 (mfigurnov/sact
 * act.py).
 */
export class HaltingState {
  constructor(
    /** Σ h_i over the units so far (h of a finished cell keeps adding; it stays finished). */
    readonly cumsum: tf.Tensor,
    /** bool: the cell has halted (cumsum ≥ 1 − ε, or the last unit ran). */
    readonly finished: tf.Tensor,
    /** 1 − Σ h_i over the units before the halting unit: the remainder R once finished. */
    readonly remainder: tf.Tensor,
    /** ρ so far: 1 + (units run) + R at the halting unit, i.e. N + R once finished. Differentiable in h via R. */
    readonly ponderCost: tf.Tensor,
    /** int32: N so far, the units evaluated for this cell. */
    readonly numUnits: tf.Tensor,
  ) {}
}
