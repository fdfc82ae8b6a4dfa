import { foldIn, randomNormal, type Seed, stopGradient } from '@proj/core';
import { kl } from '@proj/core/distributions';
import { lgamma } from '@proj/core/special';
import { dirichlet } from '@proj/implicit-reparam';
import * as tf from '@tensorflow/tfjs-core';

/** Concentrations of the amortized posterior are clipped to this range (TFP's LDA example, research notes §6). */
export const CONCENTRATION_RANGE = [1e-3, 1e3] as const;

/**
 * Amortized LDA: an MLP encoder (ReLU hidden layers) from a document's word counts [V] to the concentrations of
 * its Dirichlet posterior q(θ) over K topics (softplus, clipped), and the topic-word logits [K, V] (β = softmax
 * over words). All trainable variables, created from a seed.
 */
export interface LdaModel {
  readonly layers: readonly { readonly weights: tf.Variable; readonly bias: tf.Variable }[];
  readonly topicLogits: tf.Variable;
  readonly variables: readonly tf.Variable[];
}

/** Glorot-normal weights [fanIn, fanOut] (stddev √(2/(fanIn + fanOut))) from `seed`. */
function glorot(fanIn: number, fanOut: number, seed: Seed): tf.Variable {
  return tf.tidy(() =>
    tf.variable(randomNormal([fanIn, fanOut], seed, { stddev: Math.sqrt(2 / (fanIn + fanOut)) }), true),
  );
}

/** A model with Glorot-normal weights, zero biases, and Glorot-normal topic logits [K, V]. */
export function createModel(vocabulary: number, topics: number, hidden: readonly number[], seed: Seed): LdaModel {
  const sizes = [vocabulary, ...hidden, topics];
  const layers = sizes.slice(1).map((fanOut, i) => ({
    weights: glorot(sizes[i]!, fanOut, foldIn(seed, `layer ${i}`)),
    bias: tf.tidy(() => tf.variable(tf.zeros([fanOut]), true)),
  }));
  const topicLogits = glorot(topics, vocabulary, foldIn(seed, 'topics'));
  return {
    layers,
    topicLogits,
    variables: [...layers.flatMap((l) => [l.weights, l.bias]), topicLogits],
  };
}

/** The posterior concentrations [B, K] of documents' counts [B, V]: softplus(MLP), clipped to the range. */
export function concentrations(model: LdaModel, counts: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    let h: tf.Tensor2D = counts;
    model.layers.forEach(({ weights, bias }, i) => {
      const z = tf.add(tf.matMul(h, weights), bias) as tf.Tensor2D;
      h = i === model.layers.length - 1 ? tf.softplus(z) : tf.relu(z);
    });
    return tf.clipByValue(h, CONCENTRATION_RANGE[0], CONCENTRATION_RANGE[1]);
  });
}

/** β: the topics' word probabilities [K, V], softmax of the logits over words. */
export function topicWords(model: LdaModel): tf.Tensor2D {
  return tf.softmax(model.topicLogits) as tf.Tensor2D;
}

/** log p(words | θ, β) = Σ_v n_v log (θᵀβ)_v per document: θ [B, K], counts [B, V] → [B]. O(B·K·V). */
export function logLikelihood(theta: tf.Tensor2D, model: LdaModel, counts: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const mixture = tf.matMul(theta, topicWords(model));
    return tf.sum(tf.mul(counts, tf.log(tf.maximum(mixture, 1e-30))), 1) as tf.Tensor1D;
  });
}

/** KL(Dir(concentration) ‖ Dir(prior, …, prior)) per document, in closed form: [B, K] → [B]. */
export function klToPrior(concentration: tf.Tensor2D, prior: number): tf.Tensor1D {
  return tf.tidy(
    () =>
      kl(
        dirichlet({ concentration }),
        dirichlet({ concentration: tf.fill([concentration.shape[1]], prior) }),
      ) as tf.Tensor1D,
  );
}

/** One draw θ ~ q [B, K] per document, with implicit reparameterization gradients in the concentrations. */
function drawTheta(concentration: tf.Tensor2D, seed: Seed): tf.Tensor2D {
  return tf.squeeze(dirichlet({ concentration }).sample([1], seed), [0]) as tf.Tensor2D;
}

/**
 * −ELBO averaged over the batch, one θ per document, pathwise through the sample with the implicit Dirichlet
 * gradient (the paper's estimator): mean over documents of KL(q ‖ prior) − log p(words | θ, β).
 */
export function implicitLoss(model: LdaModel, counts: tf.Tensor2D, prior: number, seed: Seed): tf.Scalar {
  return tf.tidy(() => {
    const concentration = concentrations(model, counts);
    const elbo = tf.sub(logLikelihood(drawTheta(concentration, seed), model, counts), klToPrior(concentration, prior));
    return tf.neg(tf.mean(elbo)) as tf.Scalar;
  });
}

/**
 * log Dir(θ | α) = Σ (αₖ − 1) log θₖ − Σ log Γ(αₖ) + log Γ(Σ αₖ) per row, [B, K] → [B], differentiable in α (θ is
 * a constant, floored at 1e-30 before the log, so that draws whose small components round to 0 in float32 give a
 * finite score; `Dirichlet.logProb` gives ±∞ there, as the density does).
 */
export function dirichletLogDensity(concentration: tf.Tensor2D, theta: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const cross = tf.sum(tf.mul(tf.sub(concentration, 1), tf.log(tf.maximum(theta, 1e-30))), 1);
    const logBeta = tf.sub(tf.sum(lgamma(concentration), 1), lgamma(tf.sum(concentration, 1)));
    return tf.sub(cross, logBeta) as tf.Tensor1D;
  });
}

/**
 * The score-function surrogate of −ELBO: θ is drawn without gradient; the concentrations get
 * (log p(words | θ, β) − b·N)·∇log q(θ) with a per-word baseline b times the document's length N (REINFORCE with
 * a moving-average baseline; `undefined` on the first step: b is then this batch's own value); β gets its exact
 * pathwise gradient and the KL its closed-form one. Returns the surrogate and the batch's log-likelihood per word
 * (to update b).
 */
export function scoreFunctionLoss(
  model: LdaModel,
  counts: tf.Tensor2D,
  lengths: tf.Tensor1D,
  prior: number,
  baselinePerWord: tf.Scalar | number | undefined,
  seed: Seed,
): { loss: tf.Scalar; logLikelihoodPerWord: tf.Scalar } {
  return tf.tidy(() => {
    const concentration = concentrations(model, counts);
    const theta = stopGradient(drawTheta(concentration, seed)) as tf.Tensor2D;
    const logLik = logLikelihood(theta, model, counts);
    const perWord = tf.div(tf.sum(stopGradient(logLik)), tf.sum(lengths)) as tf.Scalar;
    const advantage = stopGradient(tf.sub(logLik, tf.mul(baselinePerWord ?? perWord, lengths)));
    const logQ = dirichletLogDensity(concentration, theta);
    const surrogate = tf.sub(tf.add(logLik, tf.mul(advantage, logQ)), klToPrior(concentration, prior));
    return { loss: tf.neg(tf.mean(surrogate)) as tf.Scalar, logLikelihoodPerWord: perWord };
  });
}

/**
 * Held-out perplexity exp(mean over documents of −ELBO_d / N_d), the ELBO averaged over `samples` draws of θ
 * (TFP's LDA example's definition), and the mean KL. O(samples·B·K·V).
 */
export function perplexity(
  model: LdaModel,
  counts: tf.Tensor2D,
  lengths: tf.Tensor1D,
  prior: number,
  samples: number,
  seed: Seed,
): { perplexity: number; kl: number } {
  return tf.tidy(() => {
    const concentration = concentrations(model, counts);
    let logLik = tf.zeros([counts.shape[0]]);
    for (let s = 0; s < samples; s++) {
      logLik = tf.add(logLik, logLikelihood(drawTheta(concentration, foldIn(seed, s)), model, counts));
    }
    const divergence = klToPrior(concentration, prior);
    const elbo = tf.sub(tf.div(logLik, samples), divergence);
    const logPerplexity = tf.mean(tf.div(tf.neg(elbo), lengths));
    return { perplexity: Math.exp(logPerplexity.dataSync()[0]!), kl: tf.mean(divergence).dataSync()[0]! };
  });
}
