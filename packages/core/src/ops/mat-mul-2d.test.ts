import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { randomNormal } from '../random/random-ops.js';
import { expectClose } from '../testing/expect-close.js';
import { describeBackends } from '../vitest/describe-backends.js';
import { matMul2d } from './mat-mul-2d.js';

describeBackends('matMul2d', () => {
  // 4·3·5 multiply-adds stays on tf.matMul; 64·48·32 ≥ 2^16 takes the explicit-transpose gradients on wasm.
  it.each([
    [4, 3, 5],
    [64, 48, 32],
  ])('equals tf.matMul and has its gradients, to second order (%i×%i·%i×·)', (m, k, n) => {
    const a = randomNormal([m, k], 13);
    const b = randomNormal([k, n], 14);
    const w = randomNormal([m, n], 15);
    expectClose(matMul2d(a, b), tf.matMul(a, b), { rtol: 1e-5, atol: 1e-5 });
    // L = Σ w ⊙ (AB)²: ∂L/∂A = (2w ⊙ AB)·Bᵀ, ∂L/∂B = Aᵀ·(2w ⊙ AB).
    const loss = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(w, tf.square(matMul2d(x, y))));
    const [ga, gb] = tf.grads((x, y) => loss(x!, y!))([a, b]);
    const r = tf.mul(2, tf.mul(w, tf.matMul(a, b)));
    expectClose(ga!, tf.matMul(r, b, false, true), { rtol: 1e-4, atol: 1e-4 });
    expectClose(gb!, tf.matMul(a, r, true, false), { rtol: 1e-4, atol: 1e-4 });
    // Second order: the gradient of ⟨∇L, v⟩ against tf.matMul's own gradients.
    const [va, vb] = [randomNormal([m, k], 16), randomNormal([k, n], 17)];
    const hvp = (op: (x: tf.Tensor, y: tf.Tensor) => tf.Tensor) =>
      tf.grads((x, y) => {
        const [gx, gy] = tf.grads((p, q) => tf.sum(tf.mul(w, tf.square(op(p!, q!)))))([x!, y!]);
        return tf.add(tf.sum(tf.mul(gx!, va)), tf.sum(tf.mul(gy!, vb)));
      })([a, b]);
    const plain = hvp((x, y) => tf.matMul(x, y));
    hvp(matMul2d).forEach((h, i) => {
      expectClose(h, plain[i]!, { rtol: 1e-4, atol: 1e-3 });
    });
  });

  it('runs one kernel off the gradient tape (no custom-gradient scope)', async () => {
    const [a, b] = [randomNormal([64, 48], 18), randomNormal([48, 32], 19)];
    const profile = await tf.profile(() => matMul2d(a, b));
    expect(profile.kernels.map((k) => k.name)).toEqual(['BatchMatMul']);
  });
});
