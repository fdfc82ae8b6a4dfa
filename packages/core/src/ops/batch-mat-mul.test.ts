import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { randomNormal } from '../random/random-ops.js';
import { expectClose } from '../testing/expect-close.js';
import { expectNoLeaks } from '../testing/expect-no-leaks.js';
import { describeBackends } from '../vitest/describe-backends.js';
import { batchMatMul, matMulShared, sharedMatMul } from './batch-mat-mul.js';

/** Element by element: a loop of 2-D products, an independent reference for every strategy. */
function loopReference(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const [as, bs] = [tf.unstack(a), tf.unstack(b)];
  return tf.stack(as.map((x, i) => tf.matMul(x as tf.Tensor2D, (bs[i] ?? bs[0]!) as tf.Tensor2D)));
}

/** Loop of products of a[i] with b[i] transposed (`transposeA`/`transposeB` as in tf.matMul). */
function loopProducts(a: tf.Tensor, b: tf.Tensor, transposeA: boolean, transposeB: boolean): tf.Tensor {
  const [as, bs] = [tf.unstack(a), tf.unstack(b)];
  return tf.stack(as.map((x, i) => tf.matMul(x as tf.Tensor2D, bs[i] as tf.Tensor2D, transposeA, transposeB)));
}

describeBackends('batched products', () => {
  // B = 1 (one 2-D product), a small batch (tf.matMul) and one of 2^17 multiply-adds or more (grouped on wasm).
  it.each([
    [1, 5, 4, 3],
    [3, 4, 5, 6],
    [20, 16, 32, 16],
  ])('batchMatMul of [%i, %i, %i]·[·, ·, %i] equals a loop of products, with gradients', (batch, m, k, n) => {
    const a = randomNormal([batch, m, k], 1);
    const b = randomNormal([batch, k, n], 2);
    expectClose(batchMatMul(a, b), loopReference(a, b), { rtol: 1e-5, atol: 1e-5 });
    // L = Σ w ⊙ (a·b): ∂L/∂a[i] = w[i]·b[i]ᵀ, ∂L/∂b[i] = a[i]ᵀ·w[i].
    const w = randomNormal([batch, m, n], 3);
    const [ga, gb] = tf.grads((x, y) => tf.sum(tf.mul(w, batchMatMul(x!, y!))))([a, b]);
    expectClose(ga!, loopProducts(w, b, false, true), { rtol: 1e-4, atol: 1e-4 });
    expectClose(gb!, loopProducts(a, w, true, false), { rtol: 1e-4, atol: 1e-4 });
  });

  it('matMulShared and sharedMatMul equal a loop of products with the shared operand', () => {
    const x = randomNormal([4, 3, 5], 4);
    const w = randomNormal([5, 2], 5);
    expectClose(matMulShared(x, w), loopReference(x, tf.expandDims(w, 0)), { rtol: 1e-5, atol: 1e-5 });
    const v = randomNormal([2, 3], 6);
    const expected = tf.stack(tf.unstack(x).map((xi) => tf.matMul(v, xi as tf.Tensor2D)));
    expectClose(sharedMatMul(v, x), expected, { rtol: 1e-5, atol: 1e-5 });
    expect(sharedMatMul(v, tf.slice(x, [0], [1])).shape).toEqual([1, 2, 5]);
  });

  it('leaks nothing', async () => {
    const [a, b] = [randomNormal([20, 16, 32], 7), randomNormal([20, 32, 16], 8)];
    await expectNoLeaks(() => batchMatMul(a, b));
    await expectNoLeaks(() => tf.grads((x, y) => tf.sum(batchMatMul(x!, y!)))([a, b]));
  });
});
