import { randomUniform } from '@proj/core';
import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { implicitGradient } from './implicit-gradient.js';

/** Weibull(shape k, scale λ): F = 1 − exp(−(z/λ)^k), p = (k/λ)(z/λ)^(k−1) exp(−(z/λ)^k). */
const weibull = implicitGradient(
  (z, k, lambda) => tf.sub(1, tf.exp(tf.neg(tf.pow(tf.div(z, lambda), k)))),
  (z, k, lambda) => {
    const t = tf.div(z, lambda);
    return tf.mul(tf.div(k, lambda), tf.mul(tf.pow(t, tf.sub(k, 1)), tf.exp(tf.neg(tf.pow(t, k)))));
  },
);

describeBackends('implicitGradient', () => {
  // Explicit reparameterization z = λ(−log(1 − u))^(1/k): ∂z/∂λ = z/λ, ∂z/∂k = −(z/k)·log(z/λ).
  const u = () => randomUniform([64], 3, { min: 0.02, max: 0.98 });
  const explicitDraw = (k: tf.Tensor, lambda: tf.Tensor, uniforms: tf.Tensor) =>
    tf.mul(lambda, tf.pow(tf.neg(tf.log1p(tf.neg(uniforms))), tf.div(1, k)));

  it('equals the explicit reparameterization gradient of a Weibull, per sample', () => {
    tf.tidy(() => {
      const uniforms = u();
      const k = tf.fill([64], 1.7);
      const lambda = tf.fill([64], 2.5);
      const z = explicitDraw(k, lambda, uniforms);
      const [dK, dLambda] = tf.grads((kk, ll) => tf.sum(weibull(z, kk!, ll!)))([k, lambda]);
      const [eK, eLambda] = tf.grads((kk, ll) => tf.sum(explicitDraw(kk!, ll!, uniforms)))([k, lambda]);
      expectClose(dK!, eK!, { rtol: 2e-4, atol: 2e-5 });
      expectClose(dLambda!, eLambda!, { rtol: 2e-4, atol: 2e-5 });
    });
  });

  it('sums the gradient of a parameter that broadcasts; z keeps its values and gets no gradient', () => {
    tf.tidy(() => {
      const uniforms = u();
      const [k, lambda] = [tf.scalar(0.8), tf.tensor1d([3])];
      const z = explicitDraw(k, lambda, uniforms);
      expectClose(weibull(z, k, lambda), z, { rtol: 0, atol: 0 });
      const [dK, dLambda, dZ] = tf.grads((kk, ll, zz) => tf.sum(tf.square(weibull(zz!, kk!, ll!))))([k, lambda, z]);
      const [eK, eLambda] = tf.grads((kk, ll) => tf.sum(tf.square(explicitDraw(kk!, ll!, uniforms))))([k, lambda]);
      expect(dK!.shape).toEqual([]);
      expect(dLambda!.shape).toEqual([1]);
      expectClose(dK!, eK!, { rtol: 2e-4, atol: 1e-4 });
      expectClose(dLambda!, eLambda!, { rtol: 2e-4, atol: 1e-4 });
      expectClose(dZ!, 0);
    });
  });

  it('leaks nothing, with and without a gradient, and rejects bad arguments', async () => {
    const z = tf.tensor1d([0.5, 1]);
    const [k, lambda] = [tf.scalar(2), tf.scalar(1)];
    await expectNoLeaks(() => weibull(z, k, lambda));
    await expectNoLeaks(() => tf.grads((kk, ll) => tf.sum(weibull(z, kk!, ll!)))([k, lambda]));
    expect(() => weibull(z)).toThrow(/implicitGradient: pass at least one parameter/);
    expect(() => weibull(z, tf.ones([3]), lambda)).toThrow(/implicitGradient: argument 'params\[0\]'/);
    expect(() => implicitGradient(1 as never, () => z)).toThrow(/implicitGradient: argument 'cdf'/);
    tf.dispose([z, k, lambda]);
  });
});
