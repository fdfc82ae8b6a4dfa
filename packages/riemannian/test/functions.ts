/**
 * Test functions f of a TT object with their dense twins g(full(X)): each pair computes the same number, one with
 * representation-invariant `@proj/tt` ops, the other with plain tfjs ops on the dense tensor, whose gradients and
 * Hessian-vector products (tfjs autodiff) are the references for the Riemannian ones.
 */
import {
  bilinearForm,
  flatInner,
  frobeniusNormSquared,
  full,
  gatherND,
  multiply,
  subtract,
  type TensorTrain,
  type TensorTrainBatch,
} from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';

export interface TestFunction {
  readonly name: string;
  /** X ↦ scalar, through @proj/tt ops. */
  readonly f: (x: TensorTrain) => tf.Tensor;
  /** The same function of the dense tensor (for a TT-matrix: of the dense matrix). */
  readonly dense: (z: tf.Tensor) => tf.Tensor;
}

/** ½‖X − A‖²: ∇ = X − A, ∇² = I. */
export function distance(a: TensorTrain): TestFunction {
  return {
    name: '½‖X − A‖²',
    f: (x) => tf.mul(0.5, frobeniusNormSquared(subtract(x, a), { differentiable: true })),
    dense: (z) => tf.mul(0.5, tf.sum(tf.square(tf.sub(z, full(a))))),
  };
}

/** sin⟨X, A⟩ + ⟨X, X⟩²/100: a non-quadratic function of inner products. */
export function trigonometric(a: TensorTrain): TestFunction {
  return {
    name: 'sin⟨X, A⟩ + ⟨X, X⟩²/100',
    f: (x) => tf.add(tf.sin(flatInner(x, a)), tf.div(tf.square(flatInner(x, x)), 100)),
    dense: (z) => tf.add(tf.sin(tf.sum(tf.mul(z, full(a)))), tf.div(tf.square(tf.sum(tf.square(z))), 100)),
  };
}

/** ⟨X ⊙ X, A⟩ = Σ_i X_i²·A_i: cubic, through the Hadamard product. */
export function hadamard(a: TensorTrain): TestFunction {
  return {
    name: '⟨X ⊙ X, A⟩',
    f: (x) => flatInner(multiply(x, x), a),
    dense: (z) => tf.sum(tf.mul(tf.square(z), full(a))),
  };
}

/** ½·xᵀMx for a TT-matrix M and a TT column vector x (dense: the vector [N, 1]). */
export function quadraticForm(matrix: TensorTrain): TestFunction {
  return {
    name: '½·xᵀMx',
    f: (x) => tf.mul(0.5, bilinearForm(matrix, x, x)),
    dense: (z) => tf.mul(0.5, tf.sum(tf.mul(z, tf.matMul(full(matrix), z)))),
  };
}

/**
 * ½·Σ_p (X[i_p] − y_p)²: the completion loss on observed entries (gatherND; dense: a 0/1 selection matrix times
 * the flattened tensor, as tfjs has no gradient for gatherND).
 */
export function completion(shape: readonly number[], indices: number[][], values: number[]): TestFunction {
  const observed = tf.tensor1d(values);
  const size = shape.reduce((a, b) => a * b, 1);
  const flat = indices.map((index) => index.reduce((offset, i, k) => offset * shape[k]! + i, 0));
  const selection = tf.cast(tf.oneHot(tf.tensor1d(flat, 'int32'), size), 'float32');
  return {
    name: '½·Σ_p (X[i_p] − y_p)²',
    f: (x) => tf.mul(0.5, tf.sum(tf.square(tf.sub(gatherND(x, indices), observed)))),
    dense: (z) =>
      tf.mul(
        0.5,
        tf.sum(tf.square(tf.sub(tf.reshape(tf.matMul(selection, tf.reshape(z, [size, 1])), [-1]), observed))),
      ),
  };
}

/** Σ_i log(1 + exp(−y_i·⟨X, W_i⟩)): logistic loss of exponential machines (a batch of feature TTs W_i). */
export function logistic(features: TensorTrainBatch, labels: number[]): TestFunction {
  const y = tf.tensor1d(labels);
  const softplus = (margins: tf.Tensor) => tf.sum(tf.softplus(tf.neg(tf.mul(y, margins))));
  return {
    name: 'Σ log(1 + exp(−y_i⟨X, W_i⟩))',
    f: (x) => softplus(flatInner(x, features)),
    dense: (z) => softplus(tf.sum(tf.mul(tf.expandDims(z, 0), full(features)), [1, 2, 3, 4])),
  };
}
