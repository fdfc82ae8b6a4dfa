import * as tf from '@tensorflow/tfjs-core';
import { type BatchPairing, type MatrixBatch, matrixBatch, pairBatches } from './matrix-batch.js';

/** The checked shapes of the two arguments of solve and triangularSolve and how their batches pair up. */
export interface SolveShapes {
  readonly a: MatrixBatch;
  readonly b: MatrixBatch;
  readonly pairing: BatchPairing;
}

/**
 * Checks a [..., n, n] and b [..., n, k] (same n, batch shapes that broadcast) for `opName`, naming the
 * argument in each error.
 */
export function solveShapes(a: tf.Tensor, b: tf.Tensor, opName: string): SolveShapes {
  const aBatch = matrixBatch(a, 'a', opName, true);
  const bBatch = matrixBatch(b, 'b', opName);
  if (bBatch.rows !== aBatch.rows) {
    throw new Error(
      `${opName}: argument 'b' must have ${aBatch.rows} rows like 'a' ([..., ${aBatch.rows}, k]), got shape [${b.shape.join(',')}]`,
    );
  }
  return { a: aBatch, b: bBatch, pairing: pairBatches(aBatch, bBatch, opName) };
}

/**
 * Runs `solveOne(aIndex, x)` for each output matrix, with x [n, k] (float64, row-major) holding the paired
 * matrix of b on entry and the solution on return, and uploads the solutions as one float32 tensor
 * [...batch, n, k].
 */
export function solvePairs(
  shapes: SolveShapes,
  bValues: ArrayLike<number>,
  solveOne: (aIndex: number, x: Float64Array) => void,
): tf.Tensor {
  const { pairing } = shapes;
  const n = shapes.a.rows;
  const k = shapes.b.cols;
  const out = new Float32Array(pairing.batchSize * n * k);
  const x = new Float64Array(n * k);
  for (let i = 0; i < pairing.batchSize; i++) {
    const bOffset = pairing.bIndex[i]! * n * k;
    for (let j = 0; j < n * k; j++) x[j] = bValues[bOffset + j]!;
    solveOne(pairing.aIndex[i]!, x);
    out.set(x, i * n * k);
  }
  return tf.tensor(out, [...pairing.batchShape, n, k]);
}
