import { TensorTrain } from '@proj/tt';
import { buildTangentSpace } from '../tangent/tangent-space.js';
import { TangentSpace } from '../tangent-space.js';
import { assertFinitePoint, assertPoint } from './assert.js';
import { describe } from './describe.js';
import { formatRawShape, sameRawShape } from './shapes.js';

/**
 * Checks a `where` argument (a point or a live {@link TangentSpace}) and returns the point.
 *
 * @throws Error naming `fn` and `arg` for anything else, a disposed space, a point with one core or with a NaN
 *   or infinite entry.
 */
export function assertWhere(where: unknown, fn: string, arg = 'where'): TensorTrain {
  if (where instanceof TangentSpace) {
    if (where.isDisposed) throw new Error(`${fn}: argument '${arg}' is a disposed TangentSpace`);
    return where.point;
  }
  if (!(where instanceof TensorTrain)) {
    throw new Error(`${fn}: argument '${arg}' must be a TensorTrain or a TangentSpace, got ${describe(where)}`);
  }
  const point = assertPoint(where, fn, arg);
  assertFinitePoint(point, fn, arg);
  return point;
}

/**
 * A fresh handle on the tangent space `where` names (checked by {@link assertWhere} first): a clone of a
 * {@link TangentSpace} (shared data), or the space of a point, computed. The caller owns it (a tangent vector
 * built on it takes it over).
 */
export function spaceFor(where: TensorTrain | TangentSpace): TangentSpace {
  return where instanceof TangentSpace ? where.clone() : buildTangentSpace(where);
}

/**
 * Checks that `x` (named `arg`) has the raw shape of the point `point`.
 *
 * @throws Error naming `fn` and both raw shapes otherwise.
 */
export function assertShapeOfPoint(
  x: { readonly rawShape: TensorTrain['rawShape'] },
  point: TensorTrain,
  fn: string,
  arg: string,
): void {
  if (!sameRawShape(x.rawShape, point.rawShape)) {
    throw new Error(
      `${fn}: argument '${arg}' has raw shape ${formatRawShape(x.rawShape)}, but the point has ${formatRawShape(point.rawShape)}`,
    );
  }
}
