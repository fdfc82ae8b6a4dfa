import * as tf from '@tensorflow/tfjs-core';

/** A tensor read as a batch of matrices: shape [...batchShape, rows, cols]. */
export interface MatrixBatch {
  readonly batchShape: number[];
  /** Number of matrices: the product of `batchShape` (1 for a single matrix). */
  readonly batchSize: number;
  readonly rows: number;
  readonly cols: number;
}

/**
 * Reads `x` as a batch of matrices [..., m, n], checking rank ≥ 2, non-empty matrices and, when `square`,
 * m = n. Errors name the op and the argument.
 */
export function matrixBatch(x: tf.Tensor, arg: string, opName: string, square = false): MatrixBatch {
  const shape = `[${x.shape.join(',')}]`;
  if (x.rank < 2) {
    throw new Error(
      `${opName}: argument '${arg}' must have rank ≥ 2 (a matrix [m, n] or a batch [..., m, n]), got shape ${shape}`,
    );
  }
  const rows = x.shape[x.rank - 2]!;
  const cols = x.shape[x.rank - 1]!;
  if (rows === 0 || cols === 0) {
    throw new Error(`${opName}: argument '${arg}' must hold non-empty matrices, got shape ${shape}`);
  }
  if (square && rows !== cols) {
    throw new Error(`${opName}: argument '${arg}' must hold square matrices [..., n, n], got shape ${shape}`);
  }
  const batchShape = x.shape.slice(0, -2);
  return { batchShape, batchSize: batchShape.reduce((a, b) => a * b, 1), rows, cols };
}

/**
 * How the matrices of two batches pair up under numpy broadcasting of their batch shapes: output matrix i
 * uses matrix `aIndex[i]` of `a` and `bIndex[i]` of `b`.
 */
export interface BatchPairing {
  readonly batchShape: number[];
  readonly batchSize: number;
  readonly aIndex: Int32Array;
  readonly bIndex: Int32Array;
}

/** Pairs the matrices of `a` and `b` by broadcasting their batch shapes; throws, naming `opName`, if they cannot. */
export function pairBatches(a: MatrixBatch, b: MatrixBatch, opName: string): BatchPairing {
  let batchShape: number[];
  try {
    batchShape = tf.backend_util.assertAndGetBroadcastShape(a.batchShape, b.batchShape);
  } catch {
    throw new Error(
      `${opName}: batch shapes [${a.batchShape.join(',')}] of 'a' and [${b.batchShape.join(',')}] of 'b' do not broadcast`,
    );
  }
  const batchSize = batchShape.reduce((x, y) => x * y, 1);
  return {
    batchShape,
    batchSize,
    aIndex: sourceIndex(a.batchShape, batchShape),
    bIndex: sourceIndex(b.batchShape, batchShape),
  };
}

/** For each position of `outShape`, the flat position it reads in `shape` (which broadcasts to `outShape`). */
function sourceIndex(shape: readonly number[], outShape: readonly number[]): Int32Array {
  const size = outShape.reduce((x, y) => x * y, 1);
  const index = new Int32Array(size);
  const offset = outShape.length - shape.length;
  for (let i = 0; i < size; i++) {
    let rest = i;
    let source = 0;
    let stride = 1;
    for (let axis = outShape.length - 1; axis >= offset; axis--) {
      const coordinate = rest % outShape[axis]!;
      rest = Math.floor(rest / outShape[axis]!);
      const dim = shape[axis - offset]!;
      source += (dim === 1 ? 0 : coordinate) * stride;
      stride *= dim;
    }
    index[i] = source;
  }
  return index;
}

/**
 * Names matrix `index` of a batch for messages: "matrix" (or "matrix 'a'" with `arg`) for a single matrix,
 * "matrix at batch index [1,2]" (or "matrix 'a' at batch index [1,2]") in a batch.
 */
export function describeMatrix(index: number, batchShape: readonly number[], arg?: string): string {
  const name = arg === undefined ? 'matrix' : `matrix '${arg}'`;
  if (batchShape.length === 0) return name;
  const coordinates: number[] = [];
  let rest = index;
  for (let axis = batchShape.length - 1; axis >= 0; axis--) {
    coordinates.unshift(rest % batchShape[axis]!);
    rest = Math.floor(rest / batchShape[axis]!);
  }
  return `${name} at batch index [${coordinates.join(',')}]`;
}

/** Whether every entry of `values` is finite (no NaN, no ±∞). */
export function allFinite(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return false;
  return true;
}

/** Copies the row-major m×n matrix at `offset` of `values` into `out`, column by column (`out[j*m + i]`). */
export function readColumns(values: ArrayLike<number>, offset: number, m: number, n: number, out: Float64Array): void {
  for (let i = 0; i < m; i++) {
    const row = offset + i * n;
    for (let j = 0; j < n; j++) out[j * m + i] = values[row + j]!;
  }
}

/**
 * Writes the first `cols` columns of the column-stored matrix `columns` (`rows` rows) row-major into `out`
 * at `offset`, as a rows×cols block rounded to float32.
 */
export function writeRows(columns: Float64Array, rows: number, cols: number, out: Float32Array, offset: number): void {
  for (let i = 0; i < rows; i++) {
    const row = offset + i * cols;
    for (let j = 0; j < cols; j++) out[row + j] = columns[j * rows + i]!;
  }
}

/** Swaps the last two axes: the batched matrix transpose. */
export function transposeMatrices(x: tf.Tensor): tf.Tensor {
  const perm = x.shape.map((_, axis) => axis);
  perm[x.rank - 2] = x.rank - 1;
  perm[x.rank - 1] = x.rank - 2;
  return tf.transpose(x, perm);
}
