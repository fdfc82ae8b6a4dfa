import type { Seed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { vonMisesCdf, vonMisesDensity } from './von-mises-cdf.js';
import { sampleVonMises } from './von-mises-sampler.js';

/**
 * Von Mises(0, κ) draws of `shape` = [...sampleShape, ...concentration.shape] ({@link sampleVonMises}; draw i
 * uses κ element i mod |κ|) with the implicit reparameterization gradient ∂z/∂κ = −(∂F(z; κ)/∂κ)/p(z; κ)
 * ({@link vonMisesCdf}; 0 where p underflows), summed over the sample axes on the host. Forward: κ read back
 * once, draws uploaded once; backward: one host loop in float64. Second derivatives are not supported.
 * Memory-neutral.
 *
 * @param concentration κ > 0, float32 (checked by the caller), of the batch shape.
 * @param shape the output shape, ending in concentration's shape.
 * @param seed a valid Seed.
 */
export function vonMisesRsample(concentration: tf.Tensor, shape: readonly number[], seed: Seed): tf.Tensor {
  const op = tf.customGrad((k) => {
    const kappa = k as tf.Tensor;
    const kappas = kappa.dataSync();
    const draws = sampleVonMises(
      kappas,
      shape.reduce((m, n) => m * n, 1),
      seed,
    );
    const gradFunc = (dy: tf.Tensor): tf.Tensor => {
      const upstream = dy.dataSync();
      const grads = new Float64Array(kappas.length);
      for (let i = 0; i < draws.length; i++) {
        const j = i % kappas.length;
        const density = vonMisesDensity(draws[i]!, kappas[j]!);
        if (density > 0) grads[j]! -= (upstream[i]! * vonMisesCdf(draws[i]!, kappas[j]!)[1]) / density;
      }
      return tf.tensor(Float32Array.from(grads), kappa.shape, 'float32');
    };
    return { value: tf.tensor(draws, [...shape], 'float32'), gradFunc };
  });
  return op(concentration);
}

/**
 * The von Mises(0, κ) CDF of y (same shape as κ), differentiable in y (∂F/∂y = p(y; κ)) and κ (∂F/∂κ of
 * {@link vonMisesCdf}); computed on the host in float64. Memory-neutral.
 */
export function vonMisesCdfOp(y: tf.Tensor, concentration: tf.Tensor): tf.Tensor {
  const op = tf.customGrad((yIn, kIn) => {
    const [ys, kappas] = [(yIn as tf.Tensor).dataSync(), (kIn as tf.Tensor).dataSync()];
    const values = new Float32Array(ys.length);
    const dKappa = new Float32Array(ys.length);
    const dY = new Float32Array(ys.length);
    for (let i = 0; i < ys.length; i++) {
      const [f, df] = vonMisesCdf(ys[i]!, kappas[i]!);
      values[i] = f;
      dKappa[i] = df;
      dY[i] = vonMisesDensity(ys[i]!, kappas[i]!);
    }
    const shape = (yIn as tf.Tensor).shape;
    const gradFunc = (dy: tf.Tensor): tf.Tensor[] =>
      tf.tidy(() => [tf.mul(dy, tf.tensor(dY, shape, 'float32')), tf.mul(dy, tf.tensor(dKappa, shape, 'float32'))]);
    return { value: tf.tensor(values, shape, 'float32'), gradFunc };
  });
  return op(y, concentration);
}
