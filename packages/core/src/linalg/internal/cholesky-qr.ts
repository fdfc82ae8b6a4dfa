import * as tf from '@tensorflow/tfjs-core';
import { backendProfile } from '../../ops/backend-profile.js';
import { batchMatMul } from '../../ops/batch-mat-mul.js';
import { choleskyFactor } from './cholesky-factor.js';

/**
 * Largest estimated 2-norm condition number of a matrix that CholeskyQR2 factors. The first pass loses
 * orthogonality ∝ ε₃₂·κ² (ε₃₂ = 6·10⁻⁸) and its explicit inverse costs a residual ∝ ε₃₂·κ; at κ = 100 the
 * float32 Gram still has 3 correct digits and the residual stays at float32 level (see cholesky-qr.test.ts).
 */
const MAX_CONDITION = 100;
/**
 * Largest |Q₁ᵀQ₁ − I| entry after the first pass (its loss of orthogonality is about ε₃₂·κ²): the check that
 * does not rely on the estimate of κ, which can fall short; 10⁻³ admits κ up to about 130.
 */
const MAX_FIRST_PASS_DEFECT = 1e-3;
/** Power iterations of the condition estimate: enough for a factor-2 estimate of κ on these sizes. */
const POWER_STEPS = 8;

/** Thin QR factors of a batch [B, m, n]: q [B, m, n] and r [B, n, n] as tensors, r also on the host. */
export interface BackendQr {
  readonly q: tf.Tensor;
  readonly r: tf.Tensor;
  /** R row-major in float64, one n×n block per matrix. */
  readonly rHost: Float64Array;
}

/**
 * The thin QR of a batch x [..., m, n] as {@link choleskyQr2} (q [B, m, n], r [B, n, n]) when the matrices
 * are tall and large enough for the backend ({@link prefersBackendQr}) and CholeskyQR2 accepts them all; null
 * otherwise (the caller runs Householder QR on the host). Matrix by matrix (2-D products) where the profile
 * says so, else one batched product per step. Call inside a tidy.
 */
export function tallQrOnBackend(x: tf.Tensor, batchSize: number, m: number, n: number): BackendQr | null {
  if (!prefersBackendQr(m, n)) return null;
  const batch = tf.reshape(x, [batchSize, m, n]) as tf.Tensor3D;
  if (batchSize === 1 || !backendProfile().choleskyQr.perMatrix) return choleskyQr2(batch);
  const parts: BackendQr[] = [];
  for (const matrix of tf.unstack(batch)) {
    const part = choleskyQr2(tf.expandDims(matrix, 0) as tf.Tensor3D);
    if (part === null) return null;
    parts.push(part);
  }
  const rHost = new Float64Array(batchSize * n * n);
  parts.forEach((part, b) => {
    rHost.set(part.rHost, b * n * n);
  });
  return { q: tf.concat(parts.map((part) => part.q)), r: tf.concat(parts.map((part) => part.r)), rHost };
}

/** Whether {@link tallQrOnBackend} tries CholeskyQR2 on m×n matrices: m ≥ 2n and m·n² ≥ `choleskyQr.minWork`. */
export function prefersBackendQr(m: number, n: number): boolean {
  return m >= 2 * n && m * n * n >= backendProfile().choleskyQr.minWork;
}

/**
 * CholeskyQR2 of a batch of tall matrices a [B, m, n], m ≥ n, with its flops as backend products: twice
 * G = AᵀA (one batched product), the Cholesky factor G = RᵀR and R⁻¹ on the host in float64 (n×n), and
 * A ← A·R⁻¹ (one batched product); R is the product of the two factors. Same factors as Householder QR
 * (diag(R) > 0, unique at full rank) to float32 accuracy when every matrix is well conditioned.
 *
 * Returns null, after at most three products and two readbacks, when some matrix is unfit — a Cholesky failure, a
 * non-finite entry, an estimated condition number above 100, or a first pass whose Q₁ᵀQ₁ is more than 10⁻³
 * off the identity — so that the caller falls back to Householder QR. Call inside a tidy.
 *
 * Cost: 8Bmn² flops in backend products, B(2n³/3 + 32n²) on the host, two readbacks of B·n² values.
 *
 * @see T. Fukaya, Y. Nakatsukasa, Y. Yanagisawa, Y. Yamamoto, CholeskyQR2: a simple and communication-avoiding
 *   algorithm for computing a tall-skinny QR factorization on a large-scale parallel system, ScalA 2014;
 *   Y. Yamamoto et al., Roundoff error analysis of the CholeskyQR2 algorithm, ETNA 44, 2015.
 */
export function choleskyQr2(a: tf.Tensor3D): BackendQr | null {
  const [batch, , n] = a.shape;
  const first = choleskyPass(a, batch, n, true);
  if (first === null) return null;
  const q1 = batchMatMul(a, first.inverse);
  const second = choleskyPass(q1, batch, n, false);
  if (second === null) return null;
  // R = R₂·R₁, both upper triangular (row-major, float64).
  const r = new Float64Array(batch * n * n);
  for (let b = 0; b < batch; b++) {
    const o = b * n * n;
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        let sum = 0;
        for (let p = i; p <= j; p++) sum += second.r[o + i * n + p]! * first.r[o + p * n + j]!;
        r[o + i * n + j] = sum;
      }
    }
  }
  return { q: batchMatMul(q1, second.inverse), r: tf.tensor3d(Float32Array.from(r), [batch, n, n]), rHost: r };
}

/** R (row-major, float64) of G = AᵀA = RᵀR per matrix, and R⁻¹ uploaded as [B, n, n]; null when unfit. */
function choleskyPass(
  a: tf.Tensor,
  batch: number,
  n: number,
  first: boolean,
): { r: Float64Array; inverse: tf.Tensor } | null {
  const gram = batchMatMul(tf.transpose(a, [0, 2, 1]), a).dataSync();
  const r = new Float64Array(batch * n * n);
  const inverse = new Float32Array(batch * n * n);
  const l = new Float64Array(n * n);
  const lInverse = new Float64Array(n * n);
  for (let b = 0; b < batch; b++) {
    const o = b * n * n;
    if (!first && !nearIdentity(gram, o, n)) return null;
    // choleskyFactor reads the lower triangle only: the float32 product need not be exactly symmetric.
    if (choleskyFactor(gram, o, n, l) !== 0 || !Number.isFinite(l[n * n - 1]!)) return null;
    invertLower(l, n, lInverse);
    if (first && !(conditionEstimate(gram, o, lInverse, n) <= MAX_CONDITION)) return null;
    // R = Lᵀ and R⁻¹ = (L⁻¹)ᵀ; lInverse holds L⁻¹ column by column, which is R⁻¹ row by row.
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        r[o + i * n + j] = l[j * n + i]!;
        inverse[o + i * n + j] = lInverse[i * n + j]!;
      }
    }
  }
  return { r, inverse: tf.tensor3d(inverse, [batch, n, n]) };
}

/**
 * L⁻¹ of the lower triangular L (row-major, positive diagonal), written column by column into `out`
 * (`out[j*n + i]` = (L⁻¹)_ij, zero above the diagonal): forward substitution for each unit vector, the dot
 * products over contiguous rows of L and columns of L⁻¹. n³/6 multiply-adds.
 */
function invertLower(l: Float64Array, n: number, out: Float64Array): void {
  out.fill(0);
  for (let j = 0; j < n; j++) {
    const column = j * n;
    out[column + j] = 1 / l[j * n + j]!;
    for (let i = j + 1; i < n; i++) {
      let sum = 0;
      for (let p = j; p < i; p++) sum += l[i * n + p]! * out[column + p]!;
      out[column + i] = -sum / l[i * n + i]!;
    }
  }
}

/** Whether every entry of the row-major n×n matrix at `offset` is within {@link MAX_FIRST_PASS_DEFECT} of I. */
function nearIdentity(g: ArrayLike<number>, offset: number, n: number): boolean {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (!(Math.abs(g[offset + i * n + j]! - (i === j ? 1 : 0)) <= MAX_FIRST_PASS_DEFECT)) return false;
    }
  }
  return true;
}

/**
 * κ₂(A) ≈ √(λ_max(G)·λ_max(G⁻¹)) for G = AᵀA = L·Lᵀ, by power iteration on G (row-major at `offset` of `g`)
 * and on G⁻¹ = L⁻ᵀL⁻¹ (`lInverse` column by column). An underestimate, within a small factor after
 * {@link POWER_STEPS} steps from a vector with no zero entry.
 */
function conditionEstimate(g: ArrayLike<number>, offset: number, lInverse: Float64Array, n: number): number {
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = 1 + i / n;
  let largest = 0;
  for (let step = 0; step < POWER_STEPS; step++) {
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < n; j++) sum += g[offset + i * n + j]! * x[j]!;
      y[i] = sum;
    }
    largest = normalize(y, x);
  }
  for (let i = 0; i < n; i++) x[i] = 1 + i / n;
  let inverseLargest = 0;
  for (let step = 0; step < POWER_STEPS; step++) {
    // y = L⁻¹x (column sweeps), then x = L⁻ᵀy (dot products with the columns).
    y.fill(0);
    for (let j = 0; j < n; j++) {
      const xj = x[j]!;
      for (let i = j; i < n; i++) y[i]! += lInverse[j * n + i]! * xj;
    }
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let i = j; i < n; i++) sum += lInverse[j * n + i]! * y[i]!;
      x[j] = sum;
    }
    y.set(x);
    inverseLargest = normalize(y, x);
  }
  return Math.sqrt(largest * inverseLargest);
}

/** Writes y/‖y‖ into x and returns ‖y‖ (the power iteration's eigenvalue estimate for a unit x). */
function normalize(y: Float64Array, x: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += y[i]! * y[i]!;
  const norm = Math.sqrt(sum);
  for (let i = 0; i < y.length; i++) x[i] = y[i]! / norm;
  return norm;
}
