/**
 * The Riemannian cases of the T3F benchmark (Novikov et al., JMLR 2020, docs/benchmark in Bihaqo/t3f: the
 * `project` and `project_rank100` rows) and the Riemannian gradient of ½‖x − w‖², shared by
 * bench/riemannian.bench.ts and the reproduction app apps/t3f-benchmark: the objects, built on the active
 * backend, and one timed call per case, which includes the tangent space (two QR sweeps, as T3F's project does),
 * reads every output back and frees it. The numpy side is bench/riemannian_numpy.py
 * ({@link RIEMANNIAN_NUMPY_SCRIPT}), which takes the same sizes as JSON.
 */
import { fileURLToPath } from 'node:url';
import { batchElement, flatInner, randomMatrixBatch, type TensorTrain, type TensorTrainBase } from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';
import { gradients } from '../src/autodiff/gradients.js';
import { project } from '../src/project/project.js';
import type { TangentVector } from '../src/tangent-vector.js';

/** The cases, in the order they are timed; the first four are rows of the paper's table. */
export const RIEMANNIAN_CASES = [
  'project one',
  'project batch',
  'project rank100 one',
  'project rank100 batch',
  'gradients one',
] as const;

/** A case name. */
export type RiemannianCase = (typeof RIEMANNIAN_CASES)[number];

/** The cases of the paper's table: project = project(v, v), project_rank100 = project(v100, v), one and batch. */
export const T3F_PROJECT_CASES = [
  'project one',
  'project batch',
  'project rank100 one',
  'project rank100 batch',
] as const satisfies readonly RiemannianCase[];

/**
 * Sizes of the objects: TT-vectors with `d` modes of size `mode`, the point and the rank-`rank` vectors (a batch
 * of `batch`), the rank-`bigRank` vectors (a batch of `rank100Batch`; w of `gradients one` is its element 0).
 * Keys other than the two batches are optional in riemannian_numpy.py (paper values).
 */
export interface RiemannianSizes {
  readonly d: number;
  readonly mode: number;
  readonly rank: number;
  readonly bigRank: number;
  readonly batch: number;
  readonly rank100Batch: number;
}

/**
 * The paper's objects: d = 10, modes 10, TT-rank 10 and 100. The paper's batches are 100; a rank-100 vector
 * takes 4 MB in float32, so that batch is 10.
 */
export const RIEMANNIAN_PAPER_SIZES: RiemannianSizes = {
  d: 10,
  mode: 10,
  rank: 10,
  bigRank: 100,
  batch: 100,
  rank100Batch: 10,
};

/**
 * bench/riemannian_numpy.py: the same cases in numpy float32; argument: the sizes as JSON, optionally `cases`
 * and `timing`.
 */
export const RIEMANNIAN_NUMPY_SCRIPT = fileURLToPath(new URL('./riemannian_numpy.py', import.meta.url));

/** The batch size of a batched case (`undefined` for `one` cases). */
export function riemannianBatchSize(name: RiemannianCase, sizes: RiemannianSizes): number | undefined {
  if (name === 'project batch') return sizes.batch;
  if (name === 'project rank100 batch') return sizes.rank100Batch;
  return undefined;
}

/** What a timed call returns. */
type Settleable = tf.Tensor | TensorTrainBase | TangentVector | tf.Tensor[];

/** Forces completion of what a call returned (tensor, TT object, tangent vector or tensors) and frees it. */
export async function settle(result: Settleable): Promise<void> {
  const tensors =
    result instanceof tf.Tensor
      ? [result]
      : Array.isArray(result)
        ? result
        : 'space' in result
          ? [...result.tt.cores, ...result.space.left.cores, ...result.space.right.cores]
          : [...result.cores];
  await Promise.all(tensors.map((t) => t.data()));
  tf.dispose(tensors);
}

/** f(x) = ½⟨x, x⟩ − ⟨x, w⟩ = ½‖x − w‖² − ½‖w‖², the function of `gradients one`. */
export function halfSquaredDistance(w: TensorTrain): (x: TensorTrain) => tf.Tensor {
  return (x) => tf.sub(tf.mul(0.5, flatInner(x, x)), flatInner(x, w));
}

/** The point v: element 0 of the rank-`rank` batch (seed 2). */
export function riemannianPoint(sizes: RiemannianSizes): TensorTrain {
  return firstOf(vectors(sizes));
}

/** The rank-`bigRank` target w of `gradients one` (element 0 of the rank-100 batch, seed 3). */
export function riemannianTarget(sizes: RiemannianSizes): TensorTrain {
  return firstOf(bigVectors(sizes));
}

/** A case ready to time on the backend it was prepared on. */
export interface PreparedRiemannianCase {
  /** One call: compute, read every output back, free it. */
  run(): Promise<void>;
  /** Frees the case's objects. */
  dispose(): void;
}

/**
 * Builds the objects one case needs on the active backend (seeds 2: the rank-`rank` vectors, 3: the
 * rank-`bigRank` vectors, as in packages/tt/bench/cases.ts; the point v and w are element 0 of their batch) and
 * returns its timed call.
 */
export function prepareRiemannianCase(name: RiemannianCase, sizes: RiemannianSizes): PreparedRiemannianCase {
  const held: { dispose(): void }[] = [];
  const keep = <T extends { dispose(): void }>(value: T): T => {
    held.push(value);
    return value;
  };
  const compute = ((): (() => Settleable) => {
    switch (name) {
      case 'project one': {
        const v = keep(riemannianPoint(sizes));
        return () => project(v, v);
      }
      case 'project batch': {
        const all = keep(vectors(sizes));
        const v = keep(batchElement(all, 0));
        return () => project(all, v);
      }
      case 'project rank100 one': {
        const [v, w] = [keep(riemannianPoint(sizes)), keep(riemannianTarget(sizes))];
        return () => project(w, v);
      }
      case 'project rank100 batch': {
        const [v, big] = [keep(riemannianPoint(sizes)), keep(bigVectors(sizes))];
        return () => project(big, v);
      }
      case 'gradients one': {
        const [v, w] = [keep(riemannianPoint(sizes)), keep(riemannianTarget(sizes))];
        const f = halfSquaredDistance(w);
        return () => gradients(f, v, { runtimeCheck: false });
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

/** The rank-`rank` TT-vectors 10^d × 1, a batch of `batch` (seed 2). */
function vectors(sizes: RiemannianSizes) {
  const modes = new Array<number>(sizes.d).fill(sizes.mode);
  return randomMatrixBatch([modes, null], { seed: 2, ttRank: sizes.rank, batchSize: sizes.batch });
}

/** The rank-`bigRank` TT-vectors, a batch of `rank100Batch` (seed 3). */
function bigVectors(sizes: RiemannianSizes) {
  const modes = new Array<number>(sizes.d).fill(sizes.mode);
  return randomMatrixBatch([modes, null], { seed: 3, ttRank: sizes.bigRank, batchSize: sizes.rank100Batch });
}

/** Element 0 of a batch, the batch freed. */
function firstOf(batch: ReturnType<typeof vectors>): TensorTrain {
  const one = batchElement(batch, 0);
  batch.dispose();
  return one;
}
