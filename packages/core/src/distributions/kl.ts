import * as tf from '@tensorflow/tfjs-core';
import { stopGradient } from '../ops/stop-gradient.js';
import { digamma, lgamma } from '../special/index.js';
import { Bernoulli } from './bernoulli.js';
import { Categorical } from './categorical.js';
import type { Distribution } from './distribution.js';
import { Exponential } from './exponential.js';
import { Gamma } from './gamma.js';
import { Laplace } from './laplace.js';
import { LogNormal } from './log-normal.js';
import { MultivariateNormalDiag } from './multivariate-normal-diag.js';
import { Normal } from './normal.js';
import { Poisson } from './poisson.js';
import { Uniform } from './uniform.js';

// biome-ignore lint/suspicious/noExplicitAny: constructors of any distribution family are registry keys.
type Family<D extends Distribution = Distribution> = abstract new (...args: any[]) => D;
type KlFunction = (p: Distribution, q: Distribution) => tf.Tensor;

/** KL(N(μp, σp²) ‖ N(μq, σq²)) per element: log(σq/σp) + (σp² + (μp − μq)²)/(2σq²) − 1/2. */
function normalKl(muP: tf.Tensor, sigmaP: tf.Tensor, muQ: tf.Tensor, sigmaQ: tf.Tensor): tf.Tensor {
  const ratio = tf.square(tf.div(sigmaP, sigmaQ));
  const shift = tf.square(tf.div(tf.sub(muP, muQ), sigmaQ));
  return tf.mul(0.5, tf.sub(tf.add(ratio, shift), tf.add(1, tf.log(ratio))));
}

const CLOSED_FORMS: ReadonlyArray<[Family, Family, KlFunction]> = [
  [Normal, Normal, (p, q) => normalKl(p.params.loc!, p.params.scale!, q.params.loc!, q.params.scale!)],
  [LogNormal, LogNormal, (p, q) => normalKl(p.params.loc!, p.params.scale!, q.params.loc!, q.params.scale!)],
  [
    MultivariateNormalDiag,
    MultivariateNormalDiag,
    (p, q) => tf.sum(normalKl(p.params.loc!, p.params.scaleDiag!, q.params.loc!, q.params.scaleDiag!), -1),
  ],
  [
    Bernoulli,
    Bernoulli,
    // p(log p − log q) + (1 − p)(log(1 − p) − log(1 − q)) with log σ(l) = −softplus(−l).
    (p, q) => {
      const [lp, lq] = [p.params.logits!, q.params.logits!];
      const prob = tf.sigmoid(lp);
      const ones = tf.mul(prob, tf.sub(tf.softplus(tf.neg(lq)), tf.softplus(tf.neg(lp))));
      const zeros = tf.mul(tf.sub(1, prob), tf.sub(tf.softplus(lq), tf.softplus(lp)));
      return tf.add(zeroWhereNaN(ones), zeroWhereNaN(zeros));
    },
  ],
  [
    Categorical,
    Categorical,
    (p, q) => {
      const logP = tf.logSoftmax(p.params.logits!);
      const terms = tf.mul(tf.exp(logP), tf.sub(logP, tf.logSoftmax(q.params.logits!)));
      return tf.sum(zeroWhereNaN(terms), -1);
    },
  ],
  [
    Uniform,
    Uniform,
    // log((hq − lq)/(hp − lp)) when [lp, hp] ⊆ [lq, hq], else +∞.
    (p, q) => {
      const value = tf.log(tf.div(tf.sub(q.params.high!, q.params.low!), tf.sub(p.params.high!, p.params.low!)));
      const contained = tf.logicalAnd(
        tf.greaterEqual(stopGradient(p.params.low!), stopGradient(q.params.low!)),
        tf.lessEqual(stopGradient(p.params.high!), stopGradient(q.params.high!)),
      );
      return tf.where(contained, value, tf.fill(value.shape, Number.POSITIVE_INFINITY));
    },
  ],
  [
    Exponential,
    Exponential,
    // log(λp/λq) + λq/λp − 1.
    (p, q) => {
      const ratio = tf.div(q.params.rate!, p.params.rate!);
      return tf.sub(tf.sub(ratio, tf.log(ratio)), 1);
    },
  ],
  [
    Laplace,
    Laplace,
    // log(bq/bp) + |μp − μq|/bq + (bp/bq)·exp(−|μp − μq|/bp) − 1.
    (p, q) => {
      const [bp, bq] = [p.params.scale!, q.params.scale!];
      const distance = tf.abs(tf.sub(p.params.loc!, q.params.loc!));
      const ratio = tf.div(bp, bq);
      return tf.sub(
        tf.add(
          tf.add(tf.neg(tf.log(ratio)), tf.div(distance, bq)),
          tf.mul(ratio, tf.exp(tf.neg(tf.div(distance, bp)))),
        ),
        1,
      );
    },
  ],
  [
    Poisson,
    Poisson,
    // λp log(λp/λq) − λp + λq.
    (p, q) => {
      const [rp, rq] = [p.params.rate!, q.params.rate!];
      return tf.add(tf.sub(tf.mul(rp, tf.log(tf.div(rp, rq))), rp), rq);
    },
  ],
  [
    Gamma,
    Gamma,
    // (ap − aq)ψ(ap) − log Γ(ap) + log Γ(aq) + aq(log βp − log βq) + ap(βq − βp)/βp.
    (p, q) => {
      const [ap, bp, aq, bq] = [p.params.concentration!, p.params.rate!, q.params.concentration!, q.params.rate!];
      return tf.add(
        tf.add(tf.mul(tf.sub(ap, aq), digamma(ap)), tf.sub(lgamma(aq), lgamma(ap))),
        tf.add(tf.mul(aq, tf.sub(tf.log(bp), tf.log(bq))), tf.mul(ap, tf.div(tf.sub(bq, bp), bp))),
      );
    },
  ],
  [
    Uniform,
    Normal,
    // −log(h − l) + log(σ√(2π)) + E_U[(x − μ)²]/(2σ²), E_U[(x − μ)²] = ((h − μ)³ − (l − μ)³)/(3(h − l)).
    (p, q) => {
      const [low, high, mu, sigma] = [p.params.low!, p.params.high!, q.params.loc!, q.params.scale!];
      const width = tf.sub(high, low);
      const secondMoment = tf.div(tf.sub(tf.pow(tf.sub(high, mu), 3), tf.pow(tf.sub(low, mu), 3)), tf.mul(3, width));
      return tf.add(
        tf.sub(tf.log(sigma), tf.log(width)),
        tf.add(0.5 * Math.log(2 * Math.PI), tf.div(secondMoment, tf.mul(2, tf.square(sigma)))),
      );
    },
  ],
];

const registry = new Map<Family, Map<Family, KlFunction>>();
for (const [p, q, fn] of CLOSED_FORMS) registerKl(p, q, fn);

/** 0·log 0 terms (impossible classes) count as 0. */
function zeroWhereNaN(x: tf.Tensor): tf.Tensor {
  return tf.where(tf.isNaN(stopGradient(x)), tf.zerosLike(x), x);
}

/**
 * Registers the closed-form KL divergence KL(p ‖ q) for the families `P` and `Q`, replacing any earlier one.
 * `fn` gets distributions of exactly those families (or subclasses) and returns a tensor of their broadcast
 * batch shape.
 */
export function registerKl<P extends Distribution, Q extends Distribution>(
  familyP: Family<P>,
  familyQ: Family<Q>,
  fn: (p: P, q: Q) => tf.Tensor,
): void {
  const row = registry.get(familyP) ?? new Map<Family, KlFunction>();
  row.set(familyQ, fn as KlFunction);
  registry.set(familyP, row);
}

/**
 * The KL divergence KL(p ‖ q) = E_p[log p − log q] in nats, in closed form, with the shape of the broadcast
 * of the two batch shapes. Registered pairs: Normal, LogNormal, MultivariateNormalDiag, Bernoulli,
 * Categorical, Uniform, Exponential, Laplace, Poisson, Gamma with themselves, and Uniform ‖ Normal.
 * A subclass uses its parent's entry when it has none of its own.
 *
 * @throws Error naming both families when no closed form is registered, or when event shapes differ.
 */
export function kl(p: Distribution, q: Distribution): tf.Tensor {
  const fn = lookup(p, q);
  if (fn === undefined) {
    throw new Error(`kl: no closed form registered for KL(${p.name} ‖ ${q.name}); add one with registerKl`);
  }
  const sameEvent = p.eventShape.length === q.eventShape.length && p.eventShape.every((s, i) => s === q.eventShape[i]);
  if (!sameEvent) {
    throw new Error(
      `kl: event shapes differ: ${p.name} [${p.eventShape.join(',')}] vs ${q.name} [${q.eventShape.join(',')}]`,
    );
  }
  return tf.tidy(() => fn(p, q));
}

function lookup(p: Distribution, q: Distribution): KlFunction | undefined {
  for (let classP = p.constructor as Family; classP !== null; classP = Object.getPrototypeOf(classP)) {
    const row = registry.get(classP);
    if (row === undefined) continue;
    for (let classQ = q.constructor as Family; classQ !== null; classQ = Object.getPrototypeOf(classQ)) {
      const fn = row.get(classQ);
      if (fn !== undefined) return fn;
    }
  }
  return undefined;
}
