import { contract, type Labeled, relabel, squeezeAxes } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import type { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';
import { BATCH, labeledCore } from './labeled-core.js';

/** One TT object of a {@link sweepCores} chain. */
export interface SweepOperand {
  readonly tt: TensorTrain | TensorTrainBatch;
  /** Labels of the mode axes of every core (see {@link labeledCore}); shared labels are summed over. */
  readonly modes: readonly string[];
  /** Label of its batch axis (default {@link BATCH}); operands with the same label are paired elementwise. */
  readonly batch?: string;
}

/**
 * Contracts a chain of TT objects core by core, left to right, into a running tensor that holds one rank index
 * per operand (T3F's flat_inner, bilinear_form and pairwise_flat_inner are all of this form): at core k the
 * running tensor is contracted with the core of each operand in turn, summing over that operand's left rank
 * and every mode label it shares with the running tensor. One matMul per operand and core (batched over the
 * batch labels it shares with the running tensor); no loop over batch elements.
 *
 * Mode labels that appear in exactly two consecutive operands are summed (i between a and b sums A(i)·B(i)).
 *
 * @returns the running tensor after the last core: labelled with the batch labels of the operands that have a
 *   batch of size above 1 and the (size-1) final ranks; callers reshape it.
 */
export function sweepCores(operands: readonly SweepOperand[]): Labeled {
  const d = operands[0]!.tt.ndims;
  const batched = (tt: TensorTrain | TensorTrainBatch) => tt instanceof TensorTrainBatch && tt.batchSize > 1;
  // What the running tensor is contracted over next: the next operand's left rank (named as it is before the
  // relabelling at the end of a core), its modes, and its batch.
  const nextOf = (k: number, p: number) => {
    const [q, rank] = p + 1 < operands.length ? [p + 1, `r${p + 1}`] : [0, 'r0+'];
    if (q === 0 && k + 1 === d) return undefined;
    const { tt, modes, batch = BATCH } = operands[q]!;
    return { summed: [rank, ...modes], ...(batched(tt) ? { batch } : {}) };
  };
  let state: Labeled | undefined;
  for (let k = 0; k < d; k++) {
    operands.forEach(({ tt, modes, batch = BATCH }, p) => {
      const labeled = labeledCore(tt, k, `r${p}`, modes, `r${p}+`, batch);
      const core = k === 0 ? squeezeAxes(labeled, [`r${p}`]) : labeled;
      const data = tt.cores[k]!.dataId;
      const reused = operands.some((other, q) => q > p && other.tt.cores[k]!.dataId === data);
      const next = nextOf(k, p);
      state = state === undefined ? core : contract(state, core, { batch, yReused: reused, ...(next ? { next } : {}) });
    });
    state = relabel(state!, Object.fromEntries(operands.map((_, p) => [`r${p}+`, `r${p}`])));
  }
  return state!;
}

/**
 * The batch size of a result combining `objects` (T3F broadcasting): undefined when none is a batch; a single TT
 * or a batch of 1 broadcasts against a batch of B.
 *
 * @throws Error naming `fn` and the arguments when two batch sizes differ and neither is 1.
 */
export function broadcastBatchSizes(
  objects: ReadonlyArray<readonly [string, TensorTrain | TensorTrainBatch]>,
  fn: string,
): number | undefined {
  const batches = objects.filter(([, x]) => x instanceof TensorTrainBatch) as [string, TensorTrainBatch][];
  if (batches.length === 0) return undefined;
  const size = Math.max(...batches.map(([, x]) => x.batchSize));
  if (batches.some(([, x]) => x.batchSize !== size && x.batchSize !== 1)) {
    throw new Error(
      `${fn}: batch sizes ${batches.map(([name, x]) => `${x.batchSize} ('${name}')`).join(', ')} do not broadcast (they must be equal, or 1)`,
    );
  }
  return size;
}

/** Reads the result of a sweep as a scalar (no batch) or a [B] vector. */
export function sweepResult(state: Labeled, batchSize: number | undefined): tf.Tensor {
  return tf.reshape(state.tensor, batchSize === undefined ? [] : [batchSize]);
}
