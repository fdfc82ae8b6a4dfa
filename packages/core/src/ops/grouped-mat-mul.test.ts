import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { randomNormal } from '../random/random-ops.js';
import { expectClose } from '../testing/expect-close.js';
import { describeBackends } from '../vitest/describe-backends.js';
import { groupedMatMul } from './grouped-mat-mul.js';

const close = { rtol: 1e-5, atol: 1e-5 };

describeBackends('groupedMatMul', () => {
  const matMulReference = (x: tf.Tensor, f: tf.Tensor) =>
    tf.transpose(tf.matMul(tf.transpose(x, [2, 0, 1]), tf.transpose(f, [1, 0, 2])), [1, 0, 2]);

  it('computes G independent products x[:, :, g]·f[:, g, :]', () => {
    const x = randomNormal([5, 3, 4], 4);
    const f = randomNormal([3, 4, 2], 5);
    const result = groupedMatMul(x, f);
    expect(result.shape).toEqual([5, 4, 2]);
    expectClose(result, matMulReference(x, f), close);
  });

  it('has the gradients of batched matMul, to second order', () => {
    const x = randomNormal([3, 2, 4], 6);
    const f = randomNormal([2, 4, 3], 7);
    const w = randomNormal([3, 4, 3], 8);
    const loss = (op: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor) => (a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(w, tf.square(op(a, b))));
    const first = (op: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor) => tf.grads((a, b) => loss(op)(a!, b!))([x, f]);
    first(groupedMatMul).forEach((g, i) => {
      expectClose(g, first(matMulReference)[i]!, { rtol: 1e-4, atol: 1e-4 });
    });
    // Second order: the gradient of ⟨∇loss, v⟩ (a Hessian-vector product).
    const [vx, vf] = [randomNormal([3, 2, 4], 9), randomNormal([2, 4, 3], 10)];
    const hvp = (op: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor) =>
      tf.grads((a, b) => {
        const [ga, gb] = tf.grads((p, q) => loss(op)(p!, q!))([a!, b!]);
        return tf.add(tf.sum(tf.mul(ga!, vx)), tf.sum(tf.mul(gb!, vf)));
      })([x, f]);
    hvp(groupedMatMul).forEach((h, i) => {
      expectClose(h, hvp(matMulReference)[i]!, { rtol: 1e-4, atol: 1e-3 });
    });
  });
});
