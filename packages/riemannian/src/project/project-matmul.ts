import { tidyObject } from '@proj/core/ops';
import { TensorTrain, type TensorTrainBatch } from '@proj/tt';
import { assertTT } from '../internal/assert.js';
import { describe } from '../internal/describe.js';
import { matmulOperand } from '../internal/operands.js';
import { combineBlocks, projectionSweep } from '../internal/projection-sweep.js';
import { formatRawShape } from '../internal/shapes.js';
import { assertWhere, spaceFor } from '../internal/space.js';
import { vectorFromDeltas } from '../internal/vector.js';
import type { TangentSpace } from '../tangent-space.js';
import type { TangentVector } from '../tangent-vector.js';

/**
 * Projection of the product M·Z of a TT-matrix M and a TT object Z (or each element of a batch) onto the
 * tangent space at X, without forming M·Z (T3F `project_matmul`): the sweeps of {@link project} carry M's rank
 * index next to Z's and contract M's cores inside, so the cost grows linearly in M's rank R instead of with the
 * rank R·s of the product. Gives the Riemannian gradient of ½·xᵀMx (M symmetric) as P_X(M·X).
 *
 * Shapes: X, Z TT-matrices with raw shapes ((m), (l)) and ((n), (l)) for M of raw shape ((m), (n)) (TT-vectors
 * are TT-matrices with l_k = 1); or X, Z TT-tensors of shapes (m) and (n) (read as column vectors). T3F
 * requires Z and X to have one raw shape, i.e. a square M.
 *
 * Complexity: O(d·m·l·r³) to orthogonalize X (skipped for a {@link TangentSpace}) +
 * O(B·d·R·s·r·(n·l·s + n·m·l·R + m·l·r)); R, s, r the largest ranks of M, Z, X.
 *
 * @param what Z: a TT object or a batch.
 * @param where X (a TensorTrain with d ≥ 2 cores) or its precomputed {@link TangentSpace}.
 * @param matrix M: a TT-matrix (a single TensorTrain) with X's row modes and Z's row modes as its columns.
 * @returns P_X(M·Z) as a {@link TangentVector} at X (a batch for a batch Z).
 * @throws Error naming `projectMatmul` for non-TT arguments, a batch M, a TT-tensor M, or incompatible shapes.
 * @example
 * const g = projectMatmul(x, x, a); // Riemannian gradient of ½·xᵀAx for a symmetric TT-matrix A
 * @see C. Lubich, I. V. Oseledets, B. Vandereycken, "Time integration of tensor trains", SIAM J. Numer. Anal.
 *   53(2), 2015, Theorem 3.1; T3F `project_matmul`.
 * @category Projections
 */
export function projectMatmul(
  what: TensorTrain,
  where: TensorTrain | TangentSpace,
  matrix: TensorTrain,
): TangentVector<TensorTrain>;
export function projectMatmul(
  what: TensorTrainBatch,
  where: TensorTrain | TangentSpace,
  matrix: TensorTrain,
): TangentVector<TensorTrainBatch>;
export function projectMatmul(
  what: TensorTrain | TensorTrainBatch,
  where: TensorTrain | TangentSpace,
  matrix: TensorTrain,
): TangentVector;
export function projectMatmul(
  what: TensorTrain | TensorTrainBatch,
  where: TensorTrain | TangentSpace,
  matrix: TensorTrain,
): TangentVector {
  const fn = 'projectMatmul';
  const batchSize = assertTT(what, fn, 'what');
  const point = assertWhere(where, fn);
  if (!(matrix instanceof TensorTrain) || !matrix.isMatrix) {
    throw new Error(`${fn}: argument 'matrix' must be a TT-matrix (a single TensorTrain), got ${matrixKind(matrix)}`);
  }
  assertTT(matrix, fn, 'matrix');
  const [rows, columns] = matrix.rawShape as readonly [readonly number[], readonly number[]];
  const same = (a: readonly number[] | undefined, b: readonly number[] | undefined) =>
    a !== undefined && b !== undefined && a.length === b.length && a.every((x, k) => x === b[k]);
  const product = `'matrix' ${formatRawShape(matrix.rawShape)} times 'what' ${formatRawShape(what.rawShape)}`;
  if (what.isMatrix !== point.isMatrix) {
    throw new Error(
      `${fn}: 'what' and 'where' must both be TT-matrices or both TT-tensors, got ${product} and 'where' ${formatRawShape(point.rawShape)}`,
    );
  }
  if (!same(columns, what.rawShape[0])) {
    throw new Error(`${fn}: the column modes of 'matrix' must be the row modes of 'what', got ${product}`);
  }
  if (!same(rows, point.rawShape[0]) || (point.isMatrix && !same(what.rawShape[1], point.rawShape[1]))) {
    throw new Error(`${fn}: ${product} does not have the raw shape of 'where', ${formatRawShape(point.rawShape)}`);
  }
  return tidyObject(() => {
    const space = spaceFor(where);
    return vectorFromDeltas(
      space,
      combineBlocks(space, projectionSweep(space, matmulOperand(matrix, what))),
      batchSize,
    );
  });
}

function matrixKind(matrix: unknown): string {
  if (matrix instanceof TensorTrain) return 'a TT-tensor';
  return describe(matrix);
}
