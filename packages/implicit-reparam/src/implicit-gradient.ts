import { stopGradient } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';

/** A CDF F(z; θ₁, …) or density p(z; θ₁, …) of a univariate family, elementwise, broadcasting z against θ. */
export type UnivariateFunction = (z: tf.Tensor, ...params: tf.Tensor[]) => tf.Tensor;

/**
 * Samples with implicit reparameterization gradients: `attach(z, ...params)` returns z's values with
 * ∂z/∂θ = −(∂F(z; θ)/∂θ)/p(z; θ) (Figurnov, Mohamed, Mnih 2018, eq. 5).
 */
export type ImplicitSampler = (z: tf.Tensor, ...params: tf.Tensor[]) => tf.Tensor;

/**
 * The paper's general recipe for any univariate family whose CDF is differentiable in its parameters: given the
 * CDF F(z; θ) and the density p(z; θ) as tfjs functions (differentiable in θ by tfjs autodiff), returns a
 * function that takes samples z drawn any way at all (rejection sampling included; z itself gets no gradient)
 * and the parameters they were drawn with, and returns z with the implicit gradient attached by `tf.customGrad`:
 * for an upstream gradient g, ∂L/∂θ = −Σᵢ gᵢ·(∂F(zᵢ; θ)/∂θ)/p(zᵢ; θ), with the per-element partials ∂Fᵢ/∂θ taken
 * by tfjs autodiff of Σᵢ Fᵢ with every parameter broadcast to z's shape (so F must be elementwise), and summed
 * over the axes along which a parameter broadcasts.
 *
 * Shapes: z of any shape; every parameter broadcasts to z's shape; the result has z's shape. Cost: the forward
 * pass evaluates p and F and one backward pass through F (tfjs cannot nest gradients inside a backward pass, so
 * the partials are taken eagerly); the backward pass is elementwise. Second derivatives are
 * not supported. Where p(z; θ) = 0 (z outside the support, or underflow) the gradient is 0, not ±∞.
 *
 * @throws Error naming `implicitGradient` when `cdf` or `density` is not a function; the returned function
 *   throws naming `implicitGradient` for z or a parameter that is not a float32 tensor, for no parameter, or for a parameter that does not broadcast to z's shape.
 * @example
 * // Exponential(rate λ): F = 1 − exp(−λz), p = λ exp(−λz); ∂z/∂λ = −z/λ.
 * const attach = implicitGradient(
 *   (z, rate) => tf.sub(1, tf.exp(tf.neg(tf.mul(rate, z)))),
 *   (z, rate) => tf.mul(rate, tf.exp(tf.neg(tf.mul(rate, z)))),
 * );
 * const dRate = tf.grad((rate) => tf.sum(attach(draws, rate)))(tf.scalar(2));
 * @see Figurnov, Mohamed, Mnih, "Implicit Reparameterization Gradients", NeurIPS 2018.
 */
export function implicitGradient(cdf: UnivariateFunction, density: UnivariateFunction): ImplicitSampler {
  const fn = 'implicitGradient';
  if (typeof cdf !== 'function') throw new Error(`${fn}: argument 'cdf' must be a function, got ${typeof cdf}`);
  if (typeof density !== 'function') {
    throw new Error(`${fn}: argument 'density' must be a function, got ${typeof density}`);
  }
  return (z: tf.Tensor, ...params: tf.Tensor[]): tf.Tensor => {
    [z, ...params].forEach((t, i) => {
      const name = i === 0 ? 'z' : `params[${i - 1}]`;
      if (!(t instanceof tf.Tensor) || t.isDisposed || t.dtype !== 'float32') {
        throw new Error(`${fn}: argument '${name}' must be a float32 tensor`);
      }
    });
    if (params.length === 0) throw new Error(`${fn}: pass at least one parameter after z`);
    params.forEach((p, i) => {
      const fits = p.rank <= z.rank && p.shape.every((size, j) => size === 1 || size === z.shape[z.rank - p.rank + j]);
      if (!fits) {
        throw new Error(
          `${fn}: argument 'params[${i}]' of shape [${p.shape.join(',')}] must broadcast to z's shape [${z.shape.join(',')}]`,
        );
      }
    });
    // ∂Fᵢ/∂θᵢ/pᵢ per element, from detached copies of the parameters broadcast to z's shape (F is elementwise).
    // Taken eagerly: tfjs can neither nest a gradient computation in a backward pass nor record one inside a
    // custom gradient's forward function.
    const scaled = tf.tidy(() => {
      if (z.size === 0) return params.map(() => tf.zeros(z.shape));
      const sample = stopGradient(z);
      const leaves = params.map((t) => tf.broadcastTo(stopGradient(t), z.shape));
      const p = density(sample, ...leaves);
      const positive = tf.greater(p, 0);
      const scale = tf.where(positive, tf.div(-1, tf.where(positive, p, tf.onesLike(p))), tf.zerosLike(p));
      const dF = tf.grads((...q: tf.Tensor[]) => tf.sum(cdf(sample, ...q)))(leaves);
      return dF.map((d) => tf.mul(d, scale));
    });
    const op = tf.customGrad((...inputs) => {
      const save = inputs[inputs.length - 1] as tf.GradSaveFunc;
      const [sample, ...rest] = inputs.slice(0, -1) as [tf.Tensor, ...tf.Tensor[]];
      const partials = rest.slice(params.length);
      save(partials);
      const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] =>
        tf.tidy(() => [
          tf.zerosLike(sample),
          ...saved.map((d, i) => reduceTo(tf.mul(dy, d), params[i]!.shape)),
          ...saved.map((d) => tf.zerosLike(d)),
        ]);
      return { value: tf.clone(sample), gradFunc };
    });
    try {
      return op(z, ...params, ...scaled);
    } finally {
      tf.dispose(scaled);
    }
  };
}

/** Sums `x` over the axes along which a tensor of `shape` was broadcast to x's shape. */
function reduceTo(x: tf.Tensor, shape: readonly number[]): tf.Tensor {
  const lead = x.rank - shape.length;
  const axes = x.shape.map((_, i) => i).filter((i) => i < lead || (shape[i - lead] === 1 && x.shape[i] !== 1));
  return tf.reshape(axes.length > 0 ? tf.sum(x, axes) : x, [...shape]);
}
