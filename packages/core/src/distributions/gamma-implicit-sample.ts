import * as tf from '@tensorflow/tfjs-core';
import { reduceToShape } from '../internal/host-elementwise.js';
import type { Seed } from '../random/seed.js';
import { interpolatedGammaGradients } from './gamma-gradient-table.js';
import {
  gammaGradientConstants,
  standardGammaGradientAt,
  standardGammaLogGradientAt,
} from './gamma-sample-gradient.js';
import { sampleGamma } from './gamma-sampler.js';

/** The values of `t` broadcast to `shape`, on the host; a single value stays one (the loops broadcast it). */
function hostBroadcast(t: tf.Tensor, shape: number[]): ArrayLike<number> {
  return t.size === 1 ? t.dataSync() : tf.tidy(() => tf.broadcastTo(t, shape).dataSync());
}

/** Draws of one concentration from which its gradient is interpolated ({@link interpolatedGammaGradients}). */
const TABLE_FROM = 1 << 16;

/** Σᵢ aᵢbᵢ in float64. */
function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/**
 * The gradients of the draws (each parameter given once or per draw) times dy, written to `dConcentration` and
 * `dRate` where given, else summed (float64); returns the two sums. Draws x = z/β: dy·(∂z/∂a)/β and −dy·x/β;
 * log draws log x = log z − log β: dy·(∂ log z/∂a) and −dy/β. A top-level loop (not a closure made per call)
 * so that the engine optimizes it once.
 */
function backpropagate(
  concentrations: ArrayLike<number>,
  rates: ArrayLike<number>,
  draws: Float32Array,
  logarithm: boolean,
  upstream: ArrayLike<number>,
  dConcentration: Float32Array | undefined,
  dRate: Float32Array | undefined,
): [number, number] {
  let [sumConcentration, sumRate] = [0, 0];
  const [aStride, rateStride] = [concentrations.length === 1 ? 0 : 1, rates.length === 1 ? 0 : 1];
  let constants = gammaGradientConstants(concentrations[0] ?? 1);
  for (let i = 0; i < draws.length; i++) {
    const alpha = concentrations[i * aStride]!;
    const beta = rates[i * rateStride]!;
    if (alpha !== constants.a) constants = gammaGradientConstants(alpha);
    const dy = upstream[i]!;
    const [gA, gB] = logarithm
      ? [dy * standardGammaLogGradientAt(constants, draws[i]! + Math.log(beta)), -dy / beta]
      : [(dy * standardGammaGradientAt(constants, draws[i]! * beta)) / beta, (-dy * draws[i]!) / beta];
    if (dConcentration) dConcentration[i] = gA;
    else sumConcentration += gA;
    if (dRate) dRate[i] = gB;
    else sumRate += gB;
  }
  return [sumConcentration, sumRate];
}

/**
 * Gamma(concentration, rate) draws of `shape` (the broadcast of both parameters, with leading sample axes), or
 * their logarithms (`logarithm`), differentiable in both parameters by implicit reparameterization (Figurnov
 * et al. 2018): with x = z/β, z ~ Gamma(a, 1), ∂x/∂a = (∂z/∂a)/β ({@link standardGammaGradientAt}:
 * −(∂P(a, z)/∂a)/p(z; a)) and ∂x/∂β = −x/β; for log x, ∂ log x/∂a = (∂z/∂a)/z computed in log space
 * ({@link standardGammaLogGradientAt}, finite where z underflows) and ∂ log x/∂β = −1/β. The values are those
 * of the host sampler {@link sampleGamma} for the seed.
 *
 * Forward: the parameters are read back once, the draws uploaded once. Backward: dy is read back and both
 * gradients are computed in one host loop (float64) from the draws and parameters kept by the forward pass:
 * the constants of a concentration once while it repeats, a scalar parameter's gradient summed in the loop
 * (no array, upload or reduction), and for draws (not logs) of scalar parameters, ≥ 2¹⁶ of them, ∂z/∂a
 * interpolated ({@link interpolatedGammaGradients}); other gradients are uploaded and summed to their
 * parameter's shape. Second derivatives are not supported (the gradient is a host computation, not recorded
 * on the tape). Memory-neutral (under a tape the host arrays live until backprop).
 *
 * @param concentration a > 0, float32, broadcastable to `shape`.
 * @param rate β > 0, float32, broadcastable to `shape`.
 * @param shape the output shape.
 * @param seed a valid Seed (checked by the caller).
 * @param logarithm return log x instead of x.
 */
export function gammaImplicitSample(
  concentration: tf.Tensor,
  rate: tf.Tensor,
  shape: number[],
  seed: Seed,
  logarithm: boolean,
): tf.Tensor {
  const op = tf.customGrad((a, b) => {
    const [concentrations, rates] = [hostBroadcast(a as tf.Tensor, shape), hostBroadcast(b as tf.Tensor, shape)];
    const count = shape.reduce((m, n) => m * n, 1);
    const draws = sampleGamma(concentrations, rates, seed, count, logarithm);
    const [alpha0, beta0] = [a as tf.Tensor, b as tf.Tensor];
    const gradFunc = (dy: tf.Tensor): tf.Tensor[] => {
      const upstream = dy.dataSync();
      const dConcentration = alpha0.size === 1 ? undefined : new Float32Array(draws.length);
      const dRate = beta0.size === 1 ? undefined : new Float32Array(draws.length);
      const [sumConcentration, sumRate] =
        !logarithm && alpha0.size === 1 && beta0.size === 1 && draws.length >= TABLE_FROM
          ? [
              interpolatedGammaGradients(concentrations[0]!, rates[0]!, draws, upstream, undefined),
              -dot(upstream, draws) / rates[0]!,
            ]
          : backpropagate(concentrations, rates, draws, logarithm, upstream, dConcentration, dRate);
      const gradient = (values: Float32Array | undefined, sum: number, input: tf.Tensor): tf.Tensor =>
        values ? reduceToShape(tf.tensor(values, shape, 'float32'), input.shape) : tf.fill(input.shape, sum);
      return tf.tidy(() => [gradient(dConcentration, sumConcentration, alpha0), gradient(dRate, sumRate, beta0)]);
    };
    return { value: tf.tensor(draws, shape, 'float32'), gradFunc };
  });
  return op(concentration, rate);
}
