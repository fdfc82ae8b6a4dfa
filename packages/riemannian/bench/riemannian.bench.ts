/**
 * T3F's benchmark objects (Novikov et al., JMLR 2020; docs/benchmark in Bihaqo/t3f) for the Riemannian functions,
 * on wasm, side by side with a numpy float32 implementation of the same algorithms (bench/riemannian_numpy.py,
 * OpenBLAS on one thread), in one run: TT-vectors 10^10 × 1 (d = 10, modes 10, TT-rank 10 points; rank-10 and
 * rank-100 vectors projected onto them), batches 100 (rank 10) and 10 (rank 100, 4 MB per vector), and the
 * Riemannian gradient of f(x) = ½⟨x, x⟩ − ⟨x, w⟩ with w of rank 100 (numpy: the same reverse pass by hand).
 * Every timed call includes the tangent space (two QR sweeps), as T3F's project does, reads every output back
 * and frees it.
 *
 * Second table: the cost of `gradients(f)` relative to one evaluation of f for a few f at these shapes (the
 * promise of Riemannian autodiff, Novikov–Rakhuba–Oseledets 2021: a small constant), with the tangent space
 * precomputed and included, and for comparison tfjs's Euclidean gradient with respect to the cores, at the
 * point's rank 10 and at rank 20 (the rank f sees inside `gradients`).
 *
 * The cases of the first table: bench/cases.ts, shared with apps/t3f-benchmark.
 *
 * Run: cd packages/riemannian && node --conditions=@proj/source --import tsx bench/riemannian.bench.ts
 */
import { type ComparisonRow, compareWithReference, formatTable, measure, runPythonReference } from '@proj/bench';
import { initBackend } from '@proj/core';
import {
  batchElement,
  bilinearForm,
  flatInner,
  gatherND,
  randomMatrix,
  randomMatrixBatch,
  TensorTrain,
} from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';
import { gradients } from '../src/autodiff/gradients.js';
import { tangentSpace } from '../src/tangent/tangent-space.js';
import {
  halfSquaredDistance,
  prepareRiemannianCase,
  RIEMANNIAN_CASES,
  RIEMANNIAN_NUMPY_SCRIPT,
  RIEMANNIAN_PAPER_SIZES,
  riemannianBatchSize,
  riemannianPoint,
  riemannianTarget,
  settle,
} from './cases.js';

const numpy = runPythonReference(RIEMANNIAN_NUMPY_SCRIPT, [JSON.stringify(RIEMANNIAN_PAPER_SIZES)]);

await initBackend('wasm');
const rows: ComparisonRow[] = [];
for (const name of RIEMANNIAN_CASES) {
  // Each case builds its objects (the same seeds for every case), is timed, and frees them.
  const prepared = prepareRiemannianCase(name, RIEMANNIAN_PAPER_SIZES);
  const size = riemannianBatchSize(name, RIEMANNIAN_PAPER_SIZES);
  rows.push(
    ...(await compareWithReference({ [name]: () => prepared.run() }, numpy, {
      sizes: size === undefined ? {} : { [name]: size },
      label: 'numpy',
    })),
  );
  prepared.dispose();
}
console.log(formatTable(rows, 3));

// The cost of a Riemannian gradient relative to f.
const modes = new Array<number>(RIEMANNIAN_PAPER_SIZES.d).fill(RIEMANNIAN_PAPER_SIZES.mode);
const v1 = riemannianPoint(RIEMANNIAN_PAPER_SIZES);
const w = riemannianTarget(RIEMANNIAN_PAPER_SIZES);
const distance = halfSquaredDistance(w);
const matrix = randomMatrix([modes, modes], { seed: 4, ttRank: 10 });
const observed = 10_000;
const indexValues = tf.tidy(() =>
  tf.concat([tf.randomUniformInt([observed, 10], 0, 10, 5), tf.zeros([observed, 10], 'int32')], 1),
);
const targets = tf.randomNormal([observed], 0, 1, 'float32', 6);
const features = randomMatrixBatch([modes, null], { seed: 7, ttRank: 1, batchSize: 32 });
const labels = tf.tidy(() =>
  tf.sub(tf.mul(2, tf.cast(tf.greater(tf.randomUniform([32], 0, 1, 'float32', 8), 0.5), 'float32')), 1),
);
const functions: Record<string, (x: TensorTrain) => tf.Tensor> = {
  '½‖x − w‖², w rank 100 (flatInner)': distance,
  '½·xᵀAx, A 10¹⁰×10¹⁰ rank 10 (bilinearForm)': (x) => tf.mul(0.5, bilinearForm(matrix, x, x)),
  'completion, 10⁴ entries (gatherND)': (x) => tf.mean(tf.square(tf.sub(gatherND(x, indexValues), targets))),
  'logistic, 32 rank-1 features (flatInner)': (x) =>
    tf.sum(tf.softplus(tf.neg(tf.mul(labels, flatInner(x, features))))),
};
const space = tangentSpace(v1);
// A rank-20 point: what f sees inside gradients (the tangent parametrization doubles the ranks).
const v20 = batchElement(randomMatrixBatch([modes, null], { seed: 9, ttRank: 20, batchSize: 1 }), 0);
const { medianMs: spaceMs } = await measure(async () => {
  const s = tangentSpace(v1);
  await settle([...s.left.cores, ...s.right.cores]);
});
const costRows = [];
for (const [name, f] of Object.entries(functions)) {
  const { medianMs: fMs } = await measure(() => settle(tf.tidy(() => f(v1))));
  const { medianMs: gradientMs } = await measure(() => settle(gradients(f, space, { runtimeCheck: false })));
  const { medianMs: euclideanMs } = await measure(() =>
    settle(tf.tidy(() => tf.grads((...cores: tf.Tensor[]) => f(new TensorTrain(cores)))([...v1.cores]))),
  );
  const { medianMs: doubledMs } = await measure(() =>
    settle(tf.tidy(() => tf.grads((...cores: tf.Tensor[]) => f(new TensorTrain(cores)))([...v20.cores]))),
  );
  costRows.push({
    f: name,
    'f ms': fMs,
    'gradients ms': gradientMs,
    'gradients / f': gradientMs / fMs,
    '(+ tangent space) / f': (gradientMs + spaceMs) / fMs,
    'Euclidean grads ms': euclideanMs,
    'Euclidean grads at rank 20 ms': doubledMs,
  });
}
console.log(`\ntangentSpace (two QR sweeps of a rank-10 point): ${spaceMs.toPrecision(3)} ms\n`);
console.log(formatTable(costRows, 3));
space.dispose();
for (const tt of [v1, w, matrix, features, v20]) tt.dispose();
tf.dispose([indexValues, targets, labels]);
