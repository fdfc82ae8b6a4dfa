/**
 * @proj/core/linalg against numpy.linalg (LAPACK through OpenBLAS, one thread, float64 and float32) and
 * ml-matrix (the pure-JavaScript library it replaces for these cases), side by side in one run. The
 * 1000×100 QRs take the CholeskyQR2 path on wasm, the truncated SVD the Gram path. Ours runs
 * on wasm, the default backend in Node, and each timed call reads every output back.
 *
 * Run: cd packages/core && node --conditions=@proj/source --import tsx bench/linalg.bench.ts
 */
import { fileURLToPath } from 'node:url';
import { formatTable, measure, runPythonReference } from '@proj/bench';
import * as tf from '@tensorflow/tfjs-core';
import { CholeskyDecomposition, inverse, Matrix, QrDecomposition, SingularValueDecomposition } from 'ml-matrix';
import { initBackend } from '../src/index.js';
import { cholesky, inv, qr, svd, truncatedSvd } from '../src/linalg/index.js';

interface Case {
  /** The key of the case in linalg_numpy.py's output. */
  readonly name: string;
  readonly input: () => tf.Tensor;
  readonly ours: (x: tf.Tensor) => tf.Tensor[];
  readonly mlMatrix: (matrix: Matrix) => unknown;
}

/** A·Aᵀ/n + I per matrix, symmetrized exactly (ml-matrix's Cholesky demands exact symmetry). */
function spd(batch: number, n: number, seed: number): tf.Tensor {
  return tf.tidy(() => {
    const a = tf.randomNormal([batch, n, n], 0, 1, 'float32', seed);
    const s = tf.add(tf.div(tf.matMul(a, a, false, true), n), tf.eye(n));
    return tf.div(tf.add(s, tf.transpose(s, [0, 2, 1])), 2);
  });
}

const cases: Case[] = [
  {
    name: 'svd 512x64',
    input: () => tf.randomNormal([512, 64], 0, 1, 'float32', 1),
    ours: (x) => Object.values(svd(x)),
    mlMatrix: (m) => new SingularValueDecomposition(m, { autoTranspose: true }),
  },
  {
    name: 'svd 100 x 16x16',
    input: () => tf.randomNormal([100, 16, 16], 0, 1, 'float32', 2),
    ours: (x) => Object.values(svd(x)),
    mlMatrix: (m) => new SingularValueDecomposition(m),
  },
  {
    name: 'qr 256x64',
    input: () => tf.randomNormal([256, 64], 0, 1, 'float32', 3),
    ours: (x) => Object.values(qr(x)),
    mlMatrix: (m) => new QrDecomposition(m),
  },
  {
    // Tall-skinny: CholeskyQR2 on backend products (the orthogonalization step of TT-rounding, rank 100).
    name: 'qr 1000x100',
    input: () => tf.randomNormal([1000, 100], 0, 1, 'float32', 6),
    ours: (x) => Object.values(qr(x)),
    mlMatrix: (m) => new QrDecomposition(m),
  },
  {
    name: 'qr 10 x 1000x100',
    input: () => tf.randomNormal([10, 1000, 100], 0, 1, 'float32', 7),
    ours: (x) => Object.values(qr(x)),
    mlMatrix: (m) => new QrDecomposition(m),
  },
  {
    // The SVD step of TT-rounding (rank 100 → 10): the Gram path; numpy and ml-matrix compute the full SVD.
    name: 'truncatedSvd 100x100 rank 10',
    input: () => tf.randomNormal([100, 100], 0, 1, 'float32', 8),
    ours: (x) => Object.values(truncatedSvd(x, { maxRank: 10 })),
    mlMatrix: (m) => new SingularValueDecomposition(m),
  },
  {
    name: 'cholesky 100 x 16x16',
    input: () => spd(100, 16, 4),
    ours: (x) => [cholesky(x)],
    mlMatrix: (m) => new CholeskyDecomposition(m),
  },
  {
    name: 'inv 100 x 16x16',
    input: () => tf.tidy(() => tf.add(tf.randomNormal([100, 16, 16], 0, 1, 'float32', 5), tf.mul(tf.eye(16), 4))),
    ours: (x) => [inv(x)],
    mlMatrix: (m) => inverse(m),
  },
];

/** The matrices of x [..., m, n] as ml-matrix Matrices (float64). */
function toMatrices(x: tf.Tensor): Matrix[] {
  const [m, n] = x.shape.slice(-2) as [number, number];
  const values = x.dataSync();
  return Array.from({ length: x.size / (m * n) }, (_, b) =>
    Matrix.from1DArray(m, n, Array.from(values.subarray(b * m * n, (b + 1) * m * n))),
  );
}

const script = fileURLToPath(new URL('./linalg_numpy.py', import.meta.url));
const numpy = runPythonReference<Record<string, { float64: number; float32: number }>>(script);

await initBackend('wasm');
const rows = [];
for (const c of cases) {
  const x = c.input();
  const { medianMs: ours } = await measure(async () => {
    const outputs = c.ours(x);
    await Promise.all(outputs.map((t) => t.data()));
    tf.dispose(outputs);
  });
  const matrices = toMatrices(x);
  const { medianMs: mlMatrix } = await measure(() => {
    for (const m of matrices) c.mlMatrix(m);
  });
  x.dispose();
  const reference = numpy[c.name]!;
  rows.push({
    case: c.name,
    'ours (ms)': ours,
    'ml-matrix (ms)': mlMatrix,
    'numpy f64 (ms)': reference.float64,
    'numpy f32 (ms)': reference.float32,
    'ours / numpy f64': ours / reference.float64,
    'ml-matrix / numpy f64': mlMatrix / reference.float64,
  });
}
console.log(formatTable(rows, 3));
