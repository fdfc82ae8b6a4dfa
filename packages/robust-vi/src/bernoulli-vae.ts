import type { Seed } from '@proj/core';
import type * as tf from '@tensorflow/tfjs-core';
import { isVariableOfShape, layerWidths, vaeOptions, variableShapes } from './internal/vae-arguments.js';
import { shown } from './internal/validate.js';

/** Options of a {@link BernoulliVae}. Unknown keys are an error. */
export interface BernoulliVaeOptions {
  /** Pixels (or binary features) per object D. */
  readonly inputDim: number;
  /** Latent dimension d. */
  readonly latentDim: number;
  /** Hidden widths of the encoder; the decoder uses them reversed. May be empty (linear maps). */
  readonly hidden: readonly number[];
  /** Hidden nonlinearity; default 'tanh'. */
  readonly activation?: 'tanh' | 'relu' | 'softplus';
  /** Seed of the initial weights (He-normal for relu, Glorot-uniform otherwise; biases 0). */
  readonly seed: Seed;
}

/**
 * An MLP variational autoencoder with a standard-normal prior p(z) = N(0, I), a diagonal-Gaussian encoder
 * q(z | x) = N(μ(x), diag σ(x)²) and a Bernoulli decoder p(x | z) = Π_j Bernoulli(x_j; sigmoid(ℓ_j(z))). The class
 * holds data only: its options and its weights as `tf.Variable`s; the algorithms are free functions
 * ({@link vaeLogWeights}, {@link vaeLoss}, {@link importanceLogLikelihood}, {@link samplePrior}).
 *
 * Layout: `encoder` = [W₁, b₁, …, W_L, b_L] of widths inputDim → hidden… → 2·latentDim, whose last layer's output
 * is [μ | log σ]; `decoder` = [W₁, b₁, …] of widths latentDim → reversed hidden… → inputDim, whose output is the
 * logits ℓ. Hidden layers apply `activation`; output layers are linear. Weights Wᵢ are [in, out], biases [out].
 *
 * @throws Error naming `BernoulliVae` for bad options (as {@link createBernoulliVae}) or an `encoder`/`decoder`
 *   that is not an array of live float32 variables of the layout's shapes.
 * @example
 * const vae = createBernoulliVae({ inputDim: 784, latentDim: 20, hidden: [200], seed: 0 });
 * const optimizer = tf.train.adam(1e-3);
 * optimizer.minimize(() => vaeLoss(vae, x, { objective: 'robust', logAlpha: -250, seed: step }), false, vaeVariables(vae));
 * vae.dispose();
 * @see Figurnov, Struminsky, Vetrov, "Robust Variational Inference", arXiv:1611.09226 (2016); Kingma, Welling,
 *   "Auto-Encoding Variational Bayes", ICLR 2014.
 * @category VAE
 */
export class BernoulliVae {
  /** The options, checked, with `activation` filled in. */
  readonly options: Readonly<Required<BernoulliVaeOptions>>;
  /** Encoder weights and biases [W₁, b₁, …]; the last layer outputs [μ | log σ] (2·latentDim). */
  readonly encoder: tf.Variable[];
  /** Decoder weights and biases [W₁, b₁, …]; the last layer outputs the logits (inputDim). */
  readonly decoder: tf.Variable[];

  /**
   * Wraps existing variables (the VAE takes them over: {@link BernoulliVae.dispose} frees them). Most users call
   * {@link createBernoulliVae}. O(layers).
   */
  constructor(options: BernoulliVaeOptions, encoder: readonly tf.Variable[], decoder: readonly tf.Variable[]) {
    const fn = 'BernoulliVae';
    this.options = vaeOptions(fn, options);
    const widths = layerWidths(this.options);
    const check = (name: string, value: unknown, shapes: number[][]): tf.Variable[] => {
      const ok =
        Array.isArray(value) &&
        value.length === shapes.length &&
        shapes.every((s, i) => isVariableOfShape(value[i], s));
      if (!ok) {
        throw new Error(
          `${fn}: argument '${name}' must be ${shapes.length} live float32 variables of shapes ${shapes.map((s) => `[${s.join(',')}]`).join(' ')}, got ${shown(value)}`,
        );
      }
      return [...(value as tf.Variable[])];
    };
    this.encoder = check('encoder', encoder, variableShapes(widths.encoder));
    this.decoder = check('decoder', decoder, variableShapes(widths.decoder));
  }

  /** Frees the variables (again: nothing). O(layers). */
  dispose(): void {
    for (const v of [...this.encoder, ...this.decoder]) if (!v.isDisposed) v.dispose();
  }
}

/**
 * Every trainable variable of the VAE, encoder first: [...vae.encoder, ...vae.decoder] (a new array), e.g. the
 * `varList` of `optimizer.minimize`. O(layers).
 *
 * @throws Error naming `vaeVariables` when `vae` is not a live {@link BernoulliVae}.
 * @example
 * optimizer.minimize(() => vaeLoss(vae, x, { objective: 'elbo', seed }), false, vaeVariables(vae));
 * @see Kingma, Welling, "Auto-Encoding Variational Bayes", ICLR 2014.
 * @category VAE
 */
export function vaeVariables(vae: BernoulliVae): tf.Variable[] {
  if (!(vae instanceof BernoulliVae)) {
    throw new Error(
      `vaeVariables: argument 'vae' must be a BernoulliVae (createBernoulliVae(options)), got ${shown(vae)}`,
    );
  }
  return [...vae.encoder, ...vae.decoder];
}
