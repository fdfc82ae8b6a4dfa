/**
 * A float64 host implementation of the Bernoulli VAE's forward pass, from the variables' values: the independent
 * side of the VAE tests.
 */
import type { BernoulliVae } from '../src/index.js';
import { logNormal64 } from './helpers.js';

/** One dense layer in float64: weights [in][out] and bias [out]. */
interface Layer64 {
  readonly weights: number[][];
  readonly bias: number[];
}

/** The VAE's weights read back into float64 layers. */
export interface DenseVae {
  readonly encoder: Layer64[];
  readonly decoder: Layer64[];
  readonly activation: string;
  readonly latentDim: number;
}

function layers(variables: readonly { arraySync(): unknown }[]): Layer64[] {
  return Array.from({ length: variables.length / 2 }, (_, i) => ({
    weights: variables[2 * i]!.arraySync() as number[][],
    bias: variables[2 * i + 1]!.arraySync() as number[],
  }));
}

/** Reads the VAE's variables. */
export function denseVae(vae: BernoulliVae): DenseVae {
  return {
    encoder: layers(vae.encoder),
    decoder: layers(vae.decoder),
    activation: vae.options.activation,
    latentDim: vae.options.latentDim,
  };
}

function activate(activation: string, v: number): number {
  if (activation === 'relu') return Math.max(0, v);
  if (activation === 'softplus') return Math.log1p(Math.exp(v));
  return Math.tanh(v);
}

/** The MLP in float64: activation after every layer but the last. */
export function mlp64(net: readonly Layer64[], activation: string, input: readonly number[]): number[] {
  let h = [...input];
  net.forEach((layer, i) => {
    const out = layer.bias.map((b, j) => h.reduce((s, v, r) => s + v * layer.weights[r]![j]!, b));
    h = i < net.length - 1 ? out.map((v) => activate(activation, v)) : out;
  });
  return h;
}

/** log p(x | z) under the Bernoulli decoder in float64: Σ x log σ(ℓ) + (1 − x) log(1 − σ(ℓ)). */
export function logLikelihood64(vae: DenseVae, x: readonly number[], z: readonly number[]): number {
  const logits = mlp64(vae.decoder, vae.activation, z);
  const logSigmoid = (t: number) => (t >= 0 ? -Math.log1p(Math.exp(-t)) : t - Math.log1p(Math.exp(t)));
  return logits.reduce((s, l, j) => s + (x[j] === 1 ? logSigmoid(l) : logSigmoid(-l)), 0);
}

/** log N(z; 0, I). */
export const logPrior64 = (z: readonly number[]) => z.reduce((s, v) => s + logNormal64(v, 0, 1), 0);

/**
 * log p(x, z) and log q(z | x) in float64 for the draw z = μ(x) + σ(x)·ε (written as a Gaussian density at z, not
 * through ε).
 */
export function logWeight64(vae: DenseVae, x: readonly number[], eps: readonly number[]) {
  const heads = mlp64(vae.encoder, vae.activation, x);
  const d = vae.latentDim;
  const loc = heads.slice(0, d);
  const scale = heads.slice(d).map(Math.exp);
  const z = eps.map((e, i) => loc[i]! + scale[i]! * e);
  return {
    logJoint: logLikelihood64(vae, x, z) + logPrior64(z),
    logQ: z.reduce((s, v, i) => s + logNormal64(v, loc[i]!, scale[i]! ** 2), 0),
  };
}
