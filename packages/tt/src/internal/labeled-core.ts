import { type Labeled, label } from '@proj/core/ops';
import type { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';

/** The label of the batch axis in labelled cores. */
export const BATCH = 'batch';

/**
 * Core k of `tt` as a labelled tensor [batch, left, ...modes, right]. A batch of size above 1 keeps its batch
 * axis (labelled `batch`, default {@link BATCH}); a single TT or a batch of one has none, so that a contraction
 * shares it with every element of the other operand (broadcasting without tiling). `modes` names the mode axes:
 * one label per mode axis of the core (1 for a TT-tensor, 2 for a TT-matrix), or a single label for all of them
 * merged (m_k·n_k for a TT-matrix). No op runs: the labels carry the logical shape.
 */
export function labeledCore(
  tt: TensorTrain | TensorTrainBatch,
  k: number,
  left: string,
  modes: readonly string[],
  right: string,
  batch = BATCH,
): Labeled {
  const core = tt.cores[k]!;
  const batched = tt instanceof TensorTrainBatch && tt.batchSize > 1;
  const offset = tt instanceof TensorTrainBatch ? 1 : 0;
  const [r, rNext] = [tt.ranks[k]!, tt.ranks[k + 1]!];
  const modeSizes = core.shape.slice(offset + 1, core.rank - 1);
  const merged = modes.length === 1 && modeSizes.length > 1;
  if (!merged && modes.length !== modeSizes.length) {
    throw new Error(`labeledCore: ${modes.length} mode labels for a core of shape [${core.shape.join(',')}]`);
  }
  const sizes = merged ? [modeSizes.reduce((a, b) => a * b, 1)] : modeSizes;
  const shape = [...(batched ? [core.shape[0]!] : []), r, ...sizes, rNext];
  return label(core, [...(batched ? [batch] : []), left, ...modes, right], shape);
}
