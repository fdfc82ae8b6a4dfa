/**
 * The T3F benchmark (Novikov et al., JMLR 2020, table of docs/benchmark in Bihaqo/t3f) on wasm, side by side
 * with a numpy float32 implementation of the same algorithms (bench/tt_numpy.py, OpenBLAS on one thread),
 * in one run. Objects as in the paper: TT-matrices 10^10 × 10^10 (d = 10, modes 10 × 10, TT-rank 10),
 * TT-vectors 10^10 × 1 of TT-rank 10 and 100, a dense 10×10×10×10 tensor for TT-SVD; float32 (the paper:
 * float64). Batches are smaller than the paper's 100 where memory requires (see BATCH). Each timed call reads
 * every output back and frees it. Times are per call (a whole batch for the batch rows).
 *
 * Run: cd packages/tt && node --conditions=@proj/source --import tsx bench/tt.bench.ts
 */
import { fileURLToPath } from 'node:url';
import { compareWithReference, formatTable, runPythonReference } from '@proj/bench';
import { initBackend } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { batchElement } from '../src/batch/batch-element.js';
import { batchSlice } from '../src/batch/batch-slice.js';
import { gramMatrix } from '../src/batch/gram-matrix.js';
import { round } from '../src/decompositions/round.js';
import { toTTTensor } from '../src/decompositions/to-tt-tensor.js';
import { randomMatrixBatch } from '../src/initializers/random-matrix-batch.js';
import { flatInner } from '../src/ops/flat-inner.js';
import { frobeniusNorm } from '../src/ops/frobenius-norm.js';
import { matmul } from '../src/ops/matmul.js';
import type { TensorTrainBase } from '../src/tensor-train-base.js';

/**
 * Batch sizes. The paper uses 100 everywhere; matvec and matmul results have rank 100 (4 MB per vector, 40 MB
 * per matrix in float32) and round works on rank-100 vectors, so those batches are 10.
 */
const BATCH = { batch: 100, productBatch: 10, roundBatch: 10 };

/** Forces completion of whatever an op returned (tensor or TT object) and frees it. */
async function settle(result: tf.Tensor | TensorTrainBase): Promise<void> {
  const tensors = result instanceof tf.Tensor ? [result] : [...result.cores];
  await Promise.all(tensors.map((t) => t.data()));
  tf.dispose(tensors);
}

const script = fileURLToPath(new URL('./tt_numpy.py', import.meta.url));
const numpy = runPythonReference(script, [JSON.stringify(BATCH)]);

await initBackend('wasm');
const modes = new Array<number>(10).fill(10);
const a = randomMatrixBatch([modes, modes], { seed: 1, ttRank: 10, batchSize: BATCH.batch });
const a1 = batchElement(a, 0);
const aProduct = batchSlice(a, 0, BATCH.productBatch);
const v = randomMatrixBatch([modes, null], { seed: 2, ttRank: 10, batchSize: BATCH.batch });
const v1 = batchElement(v, 0);
const vProduct = batchSlice(v, 0, BATCH.productBatch);
const v100 = randomMatrixBatch([modes, null], { seed: 3, ttRank: 100, batchSize: BATCH.roundBatch });
const v100one = batchElement(v100, 0);
const dense = tf.randomNormal([10, 10, 10, 10], 0, 1, 'float32', 4);

const cases: Record<string, () => tf.Tensor | TensorTrainBase> = {
  'matvec one': () => matmul(a1, v1),
  'matvec batch': () => matmul(a1, vProduct),
  'matmul one': () => matmul(a1, a1),
  'matmul batch': () => matmul(a1, aProduct),
  'norm one': () => frobeniusNorm(a1, { differentiable: true }),
  'norm batch': () => frobeniusNorm(a, { differentiable: true }),
  'gram one': () => flatInner(v1, v1),
  'gram batch': () => gramMatrix(v),
  'round one': () => round(v100one, { maxTTRank: 10 }),
  'round batch': () => round(v100, { maxTTRank: 10 }),
  'tt_svd one': () => toTTTensor(dense, { maxTTRank: 10 }),
};

const sizes: Record<string, number> = {
  'matvec batch': BATCH.productBatch,
  'matmul batch': BATCH.productBatch,
  'norm batch': BATCH.batch,
  'gram batch': BATCH.batch,
  'round batch': BATCH.roundBatch,
};

const rows = await compareWithReference(
  Object.fromEntries(Object.entries(cases).map(([name, op]) => [name, () => settle(op())])),
  numpy,
  { sizes, label: 'numpy' },
);
console.log(formatTable(rows, 3));
for (const tt of [a, a1, aProduct, v, v1, vProduct, v100, v100one]) tt.dispose();
dense.dispose();
