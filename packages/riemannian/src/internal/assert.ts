import { TensorTrain, TensorTrainBatch } from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';
import { TangentVector } from '../tangent-vector.js';
import { describe } from './describe.js';

/**
 * Checks that `x` is a live TensorTrain or TensorTrainBatch and returns its batch size (undefined for a single TT).
 *
 * @throws Error naming `fn` and `arg` otherwise, or when its cores were disposed.
 */
export function assertTT(x: unknown, fn: string, arg: string): number | undefined {
  if (!(x instanceof TensorTrain) && !(x instanceof TensorTrainBatch)) {
    throw new Error(`${fn}: argument '${arg}' must be a TensorTrain or TensorTrainBatch, got ${describe(x)}`);
  }
  assertLive(x, fn, arg);
  return x instanceof TensorTrainBatch ? x.batchSize : undefined;
}

/**
 * Checks that `x` is a live single TensorTrain with at least two cores: a point of the fixed-rank manifold.
 *
 * @throws Error naming `fn` and `arg` otherwise.
 */
export function assertPoint(x: unknown, fn: string, arg: string): TensorTrain {
  if (!(x instanceof TensorTrain)) {
    const got = x instanceof TensorTrainBatch ? 'a TensorTrainBatch (the point must be a single TT)' : describe(x);
    throw new Error(`${fn}: argument '${arg}' must be a TensorTrain, got ${got}`);
  }
  assertLive(x, fn, arg);
  if (x.ndims < 2) {
    throw new Error(
      `${fn}: argument '${arg}' must have at least 2 cores, got 1 (with one core every tensor is in the tangent space)`,
    );
  }
  return x;
}

/**
 * Checks that every entry of a point is finite (one readback of d flags): a tangent space (two QR sweeps) of a
 * point with a NaN or infinite entry is all NaN, and `@proj/tt`'s orthogonalization rejects it.
 *
 * @throws Error naming `fn`, `arg` and the first core with a NaN or infinite entry.
 */
export function assertFinitePoint(x: TensorTrain, fn: string, arg: string): void {
  const finite = tf.tidy(() => tf.stack(x.cores.map((core) => tf.all(tf.isFinite(core)))).dataSync());
  const bad = finite.indexOf(0);
  if (bad >= 0) throw new Error(`${fn}: argument '${arg}' has NaN or infinite entries (in core ${bad})`);
}

function assertLive(x: TensorTrain | TensorTrainBatch, fn: string, arg: string): void {
  if (x.cores.some((core) => core.isDisposed)) throw new Error(`${fn}: argument '${arg}' has disposed cores`);
}

/**
 * Checks that `v` is a live TangentVector.
 *
 * @throws Error naming `fn` and `arg` otherwise.
 */
export function assertVector(v: unknown, fn: string, arg: string): TangentVector {
  if (!(v instanceof TangentVector)) {
    const hint =
      v instanceof TensorTrain || v instanceof TensorTrainBatch
        ? ` (a plain TT object; project it first, or build one with deltasToTangentSpace)`
        : '';
    throw new Error(`${fn}: argument '${arg}' must be a TangentVector, got ${describe(v)}${hint}`);
  }
  if (v.isDisposed) throw new Error(`${fn}: argument '${arg}' is a disposed TangentVector`);
  return v;
}

/**
 * Checks that tangent vectors are tangent at the same point (the same TensorTrain object).
 *
 * @throws Error naming `fn` and the arguments otherwise.
 */
export function assertSamePoint(vectors: ReadonlyArray<readonly [string, TangentVector]>, fn: string): void {
  const [firstName, first] = vectors[0]!;
  for (const [name, v] of vectors.slice(1)) {
    if (v.point !== first.point) {
      throw new Error(
        `${fn}: tangent vectors '${firstName}' and '${name}' are tangent at different points; combine only vectors of one tangent space (transport one with project(v, point) first)`,
      );
    }
  }
}
