/**
 * The cases of the T3F benchmark (Novikov et al., JMLR 2020, table of docs/benchmark in Bihaqo/t3f), shared by
 * bench/tt.bench.ts and the reproduction app apps/t3f-benchmark: the objects, built on the active backend, and
 * one timed call per case, which reads every output back and frees it. The numpy side is bench/tt_numpy.py
 * ({@link T3F_NUMPY_SCRIPT}), which takes the same sizes as JSON.
 */
import { fileURLToPath } from 'node:url';
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

/** The cases, in the order they are timed. */
export const T3F_CASES = [
  'matvec one',
  'matvec batch',
  'matmul one',
  'matmul batch',
  'norm one',
  'norm batch',
  'gram one',
  'gram batch',
  'round one',
  'round batch',
  'tt_svd one',
] as const;

/** A case name: `<op> one` or `<op> batch`. */
export type T3fCase = (typeof T3F_CASES)[number];

/**
 * Sizes of the objects. TT-matrices (modes `mode` × `mode`, `d` cores, TT-rank `rank`), TT-vectors of TT-rank
 * `rank` and `bigRank`, and a dense tensor of 4 modes of size `mode` for TT-SVD (to TT-rank `rank`); `round`
 * truncates the `bigRank` vectors to `rank`. Batches: `batch` for norm and gram, `productBatch` for matvec and
 * matmul, `roundBatch` for round. Keys other than the three batches are optional in tt_numpy.py (paper values).
 */
export interface T3fSizes {
  readonly d: number;
  readonly mode: number;
  readonly rank: number;
  readonly bigRank: number;
  readonly batch: number;
  readonly productBatch: number;
  readonly roundBatch: number;
}

/**
 * The paper's objects: d = 10, modes 10, TT-rank 10 and 100, a 10⁴ dense tensor. The paper's batches are 100;
 * matvec and matmul results have rank 100 (4 MB per vector, 40 MB per matrix in float32) and round works on
 * rank-100 vectors, so those batches are 10.
 */
export const T3F_PAPER_SIZES: T3fSizes = {
  d: 10,
  mode: 10,
  rank: 10,
  bigRank: 100,
  batch: 100,
  productBatch: 10,
  roundBatch: 10,
};

/** bench/tt_numpy.py: the same cases in numpy float32; argument: the sizes as JSON, optionally `cases` and `timing`. */
export const T3F_NUMPY_SCRIPT = fileURLToPath(new URL('./tt_numpy.py', import.meta.url));

/**
 * Objects per call of a case: 1 for `one`, the batch for `batch` cases, and batch² for `gram batch` (one Gram
 * entry per pair), as the paper divides its batch timings.
 */
export function t3fObjectsPerCall(name: T3fCase, sizes: T3fSizes): number {
  return name === 'gram batch' ? sizes.batch ** 2 : (t3fBatchSize(name, sizes) ?? 1);
}

/** The batch size of a batched case (`undefined` for `one` cases). */
export function t3fBatchSize(name: T3fCase, sizes: T3fSizes): number | undefined {
  if (name === 'matvec batch' || name === 'matmul batch') return sizes.productBatch;
  if (name === 'norm batch' || name === 'gram batch') return sizes.batch;
  if (name === 'round batch') return sizes.roundBatch;
  return undefined;
}

/** A case ready to time on the backend it was prepared on. */
export interface PreparedT3fCase {
  /** One call: compute, read every output back, free it. */
  run(): Promise<void>;
  /** Frees the case's objects. */
  dispose(): void;
}

/** Forces completion of whatever an op returned (tensor or TT object) and frees it. */
async function settle(result: tf.Tensor | TensorTrainBase): Promise<void> {
  const tensors = result instanceof tf.Tensor ? [result] : [...result.cores];
  await Promise.all(tensors.map((t) => t.data()));
  tf.dispose(tensors);
}

/**
 * Builds the objects one case needs on the active backend (seeds 1: matrices, 2: vectors, 3: rank-`bigRank`
 * vectors, 4: the dense tensor; a single object is element 0 of its batch) and returns its timed call.
 */
export function prepareT3fCase(name: T3fCase, sizes: T3fSizes): PreparedT3fCase {
  const modes = new Array<number>(sizes.d).fill(sizes.mode);
  const held: { dispose(): void }[] = [];
  const keep = <T extends { dispose(): void }>(value: T): T => {
    held.push(value);
    return value;
  };
  const matrices = () => randomMatrixBatch([modes, modes], { seed: 1, ttRank: sizes.rank, batchSize: sizes.batch });
  const vectors = () => randomMatrixBatch([modes, null], { seed: 2, ttRank: sizes.rank, batchSize: sizes.batch });
  const big = () => randomMatrixBatch([modes, null], { seed: 3, ttRank: sizes.bigRank, batchSize: sizes.roundBatch });
  /** Element 0 (or the first `count`) of a batch, the batch itself freed. */
  const first = (batch: ReturnType<typeof matrices>) => {
    const one = batchElement(batch, 0);
    batch.dispose();
    return keep(one);
  };
  const head = (batch: ReturnType<typeof matrices>, count: number) => {
    const part = batchSlice(batch, 0, count);
    batch.dispose();
    return keep(part);
  };
  const compute = ((): (() => tf.Tensor | TensorTrainBase) => {
    switch (name) {
      case 'matvec one': {
        const [a, v] = [first(matrices()), first(vectors())];
        return () => matmul(a, v);
      }
      case 'matvec batch': {
        const [a, v] = [first(matrices()), head(vectors(), sizes.productBatch)];
        return () => matmul(a, v);
      }
      case 'matmul one': {
        const a = first(matrices());
        return () => matmul(a, a);
      }
      case 'matmul batch': {
        const all = matrices();
        const a = keep(batchElement(all, 0));
        const b = head(all, sizes.productBatch);
        return () => matmul(a, b);
      }
      case 'norm one': {
        const a = first(matrices());
        return () => frobeniusNorm(a, { differentiable: true });
      }
      case 'norm batch': {
        const a = keep(matrices());
        return () => frobeniusNorm(a, { differentiable: true });
      }
      case 'gram one': {
        const v = first(vectors());
        return () => flatInner(v, v);
      }
      case 'gram batch': {
        const v = keep(vectors());
        return () => gramMatrix(v);
      }
      case 'round one': {
        const v = first(big());
        return () => round(v, { maxTTRank: sizes.rank });
      }
      case 'round batch': {
        const v = keep(big());
        return () => round(v, { maxTTRank: sizes.rank });
      }
      case 'tt_svd one': {
        const dense = keep(tf.randomNormal(new Array<number>(4).fill(sizes.mode), 0, 1, 'float32', 4));
        return () => toTTTensor(dense, { maxTTRank: sizes.rank });
      }
    }
  })();
  return {
    run: () => settle(compute()),
    dispose: () => {
      for (const value of held) value.dispose();
    },
  };
}
