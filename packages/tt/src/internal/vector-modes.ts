import { formatRawShape } from '../shapes.js';
import type { TensorTrain } from '../tensor-train.js';
import type { TensorTrainBatch } from '../tensor-train-batch.js';

/**
 * The modes of a TT-vector: a TT-matrix whose column modes are all 1 (a column vector, T3F's `((m..), None)`)
 * or whose row modes are all 1 (a row vector, used as its transpose: the core layouts [r, m, 1, r′] and
 * [r, 1, m, r′] hold the same numbers).
 *
 * @throws Error naming `fn` and `arg` for a TT-tensor or a TT-matrix with both parts non-trivial.
 */
export function vectorModes(tt: TensorTrain | TensorTrainBatch, fn: string, arg: string): readonly number[] {
  const [rows, columns] = tt.rawShape;
  if (columns !== undefined) {
    if (columns.every((n) => n === 1)) return rows;
    if (rows.every((m) => m === 1)) return columns;
  }
  throw new Error(
    `${fn}: argument '${arg}' must be a TT-vector (a TT-matrix whose column or row modes are all 1), got raw shape ${formatRawShape(tt.rawShape)}`,
  );
}

/** True when two mode lists are equal. */
export function sameModes(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((m, k) => m === b[k]);
}
