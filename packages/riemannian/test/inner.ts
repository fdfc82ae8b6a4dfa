import { flatInner, full } from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';
import type { TangentVector } from '../src/tangent-vector.js';

/** ⟨a, b⟩ of two tangent vectors through their TT objects (@proj/tt's flatInner), read back. */
export function innerProduct(a: TangentVector, b: TangentVector): number {
  return tf.tidy(() => flatInner(a.tt, b.tt).dataSync()[0]!);
}

/** The dense tensor of a tangent vector (for messages and references). */
export function denseOf(v: TangentVector): tf.Tensor {
  return full(v.tt);
}
