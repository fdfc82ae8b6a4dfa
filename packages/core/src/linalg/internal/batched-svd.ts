import * as tf from '@tensorflow/tfjs-core';
import { batchMatMul } from '../../ops/batch-mat-mul.js';
import type { TruncationOptions } from '../truncation-rank.js';
import { prefersBackendQr, tallQrOnBackend } from './cholesky-qr.js';
import { squareSvd } from './golub-kahan-svd.js';
import { gramSvdBatch } from './gram-svd.js';
import { householderQr } from './householder-qr.js';
import { allFinite, type MatrixBatch, readColumns, transposeMatrices, writeRows } from './matrix-batch.js';
import { chooseRank } from './truncation.js';

/**
 * Thin SVDs of a batch, computed on the host in float64 in the tall orientation T (T = x when m ≥ n,
 * T = xᵀ when m < n; T is M×k with M = max(m, n), k = min(m, n)): T = Q·R (skipped when M = k), then
 * R = U_R·diag(s)·V_Tᵀ, so that T = (Q·U_R)·diag(s)·V_Tᵀ. Q·U_R is left to one batched tf.matMul.
 * All factors are stored column by column, one block per matrix.
 */
export interface HostSvdBatch {
  readonly batch: MatrixBatch;
  readonly k: number;
  /** m < n: the factors belong to xᵀ, so U and V swap roles. */
  readonly transposed: boolean;
  /** Singular values, k per matrix, descending. */
  readonly s: Float64Array;
  /** Q (M×k per matrix), or null when M = k and U_R is already the left factor of T. */
  readonly q: Float64Array | null;
  /**
   * U_R, k×k per matrix; null when `q` already holds the left factor of T (the Gram path of
   * `gramSvdBatch`, which fills only the columns it keeps).
   */
  readonly left: Float64Array | null;
  /** V_T, k×k per matrix: each column has its largest-magnitude entry positive. */
  readonly right: Float64Array;
}

/**
 * Computes {@link HostSvdBatch} from the row-major values of a batch. A matrix with a non-finite entry gets
 * NaN singular values and vectors. Signs: each column of V_T (the k×k factor, V when m ≥ n, U when m < n)
 * has its largest-magnitude entry (the first, on ties) positive; the matching column of U_R follows.
 */
export function hostSvdBatch(values: ArrayLike<number>, batch: MatrixBatch): HostSvdBatch {
  const { batchSize, rows: m, cols: n } = batch;
  const k = Math.min(m, n);
  const tall = Math.max(m, n);
  const transposed = m < n;
  const s = new Float64Array(batchSize * k);
  const left = new Float64Array(batchSize * k * k);
  const right = new Float64Array(batchSize * k * k);
  const q = tall > k ? new Float64Array(batchSize * tall * k) : null;
  const t = new Float64Array(tall * k);
  for (let b = 0; b < batchSize; b++) {
    // Row i of x is column i of xᵀ, so for m < n the row-major values are already T column by column.
    if (transposed) for (let i = 0; i < t.length; i++) t[i] = values[b * m * n + i]!;
    else readColumns(values, b * m * n, m, n, t);
    if (!allFinite(t)) {
      s.fill(Number.NaN, b * k, (b + 1) * k);
      left.fill(Number.NaN, b * k * k, (b + 1) * k * k);
      right.fill(Number.NaN, b * k * k, (b + 1) * k * k);
      continue;
    }
    let square: Float64Array = t;
    if (q !== null) {
      const factors = householderQr(t, tall, k);
      q.set(factors.q, b * tall * k);
      square = factors.r;
    }
    const factors = squareSvd(square, k);
    for (let j = 0; j < k; j++) {
      const column = j * k;
      let largest = 0;
      for (let i = 1; i < k; i++) {
        if (Math.abs(factors.v[column + i]!) > Math.abs(factors.v[column + largest]!)) largest = i;
      }
      if (factors.v[column + largest]! < 0) {
        for (let i = 0; i < k; i++) {
          factors.v[column + i] = -factors.v[column + i]!;
          factors.u[column + i] = -factors.u[column + i]!;
        }
      }
    }
    s.set(factors.s, b * k);
    left.set(factors.u, b * k * k);
    right.set(factors.v, b * k * k);
  }
  return { batch, k, transposed, s, q, left, right };
}

/**
 * {@link HostSvdBatch} of the batch `a` (checked as `batch`) and the rank that `truncation` selects (k without
 * it). Three routes: the QR of the tall orientation T on the backend (`tallQrOnBackend`: CholeskyQR2 for
 * large tall-skinny T), then `q` is that Q [B, M, k] as a tensor and `host` the SVD of R; with a truncation
 * that may drop triplets, the Gram path (`gramSvdBatch`) when it accepts the batch; else QR and Golub–Kahan on
 * the host. Call inside a tidy.
 */
export function svdBatch(
  a: tf.Tensor,
  batch: MatrixBatch,
  opName: string,
  truncation?: TruncationOptions,
): { host: HostSvdBatch; q: tf.Tensor | null; rank: number } {
  const { batchSize, rows: m, cols: n } = batch;
  const k = Math.min(m, n);
  const tall = Math.max(m, n);
  const rankOf = (host: HostSvdBatch) => (truncation === undefined ? k : chooseRank(host.s, batchSize, k, truncation));
  const onBackend = prefersBackendQr(tall, k)
    ? tallQrOnBackend(m < n ? transposeMatrices(a) : a, batchSize, tall, k)
    : null;
  if (onBackend !== null) {
    const square = hostSvdBatch(onBackend.rHost, { batchShape: [batchSize], batchSize, rows: k, cols: k });
    const host = { ...square, batch, transposed: m < n };
    return { host, q: onBackend.q, rank: rankOf(host) };
  }
  const values = a.dataSync();
  if (truncation !== undefined && truncates(truncation, k)) {
    const gram = gramSvdBatch(values, batch, truncation, opName);
    if (gram !== null) return { ...gram, q: null };
  }
  const host = hostSvdBatch(values, batch);
  return { host, q: null, rank: rankOf(host) };
}

/** Whether `options` may keep fewer than k singular triplets (else the Gram path cannot serve them). */
function truncates({ maxRank, relTol, absTol }: TruncationOptions, k: number): boolean {
  return (maxRank !== undefined && maxRank < k) || relTol !== undefined || absTol !== undefined;
}

/**
 * Uploads the leading `rank` singular triplets of `host` as float32 tensors [u, s, v]: u [..., m, rank],
 * s [..., rank], v [..., n, rank]. One upload per factor and, when a QR step was taken (on the host, or on
 * the backend with its Q given as `qFactor` [B, M, k]), one batched product Q·U_R. Call inside a tidy.
 */
export function uploadSvd(
  host: HostSvdBatch,
  rank: number,
  qFactor: tf.Tensor | null = null,
): [tf.Tensor, tf.Tensor, tf.Tensor] {
  const { batch, k } = host;
  const { batchShape, batchSize } = batch;
  const s = new Float32Array(batchSize * rank);
  const right = new Float32Array(batchSize * k * rank);
  for (let b = 0; b < batchSize; b++) {
    for (let j = 0; j < rank; j++) s[b * rank + j] = host.s[b * k + j]!;
    writeRows(host.right.subarray(b * k * k, (b + 1) * k * k), k, rank, right, b * k * rank);
  }
  const smallFactor = tf.tensor3d(right, [batchSize, k, rank]);
  const tallFactor = uploadTallFactor(host, rank, qFactor);
  const [u, v] = host.transposed ? [smallFactor, tallFactor] : [tallFactor, smallFactor];
  return [
    tf.reshape(u, [...batchShape, batch.rows, rank]),
    tf.tensor(s, [...batchShape, rank]),
    tf.reshape(v, [...batchShape, batch.cols, rank]),
  ];
}

/** The first `rank` columns of the left factor of T, [B, M, rank]: Q·U_R, U_R, or `q` itself when `left` is null. */
function uploadTallFactor(host: HostSvdBatch, rank: number, qFactor: tf.Tensor | null): tf.Tensor {
  const { batch, k, q, left } = host;
  const batchSize = batch.batchSize;
  const tall = Math.max(batch.rows, batch.cols);
  // Columns of the host Q to upload: all k when U_R follows, the `rank` kept ones when q is the factor.
  const uploadRows = (columns: number) => {
    const rows = new Float32Array(batchSize * tall * columns);
    for (let b = 0; b < batchSize; b++) {
      writeRows(q!.subarray(b * tall * k, (b + 1) * tall * k), tall, columns, rows, b * tall * columns);
    }
    return tf.tensor3d(rows, [batchSize, tall, columns]);
  };
  if (left === null) return uploadRows(rank);
  const leftRows = new Float32Array(batchSize * k * rank);
  for (let b = 0; b < batchSize; b++) {
    writeRows(left.subarray(b * k * k, (b + 1) * k * k), k, rank, leftRows, b * k * rank);
  }
  const leftFactor = tf.tensor3d(leftRows, [batchSize, k, rank]);
  if (qFactor !== null) return batchMatMul(qFactor, leftFactor);
  return q === null ? leftFactor : batchMatMul(uploadRows(k), leftFactor);
}
