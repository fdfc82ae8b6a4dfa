import * as tf from '@tensorflow/tfjs-core';
import { stopGradient } from '../ops/stop-gradient.js';
import { digamma, lgamma } from '../special/index.js';
import { describeValue } from '../validation/assert-args.js';
import { Bernoulli } from './bernoulli.js';
import { Categorical } from './categorical.js';
import { Distribution } from './distribution.js';
import { Exponential } from './exponential.js';
import { Gamma } from './gamma.js';
import { Laplace } from './laplace.js';
import { LogNormal } from './log-normal.js';
import { MultivariateNormalDiag } from './multivariate-normal-diag.js';
import { Normal } from './normal.js';
import { Poisson } from './poisson.js';
import { Uniform } from './uniform.js';

/** A distribution class with its family name (`Normal`, ...): what {@link registerKl} keys entries by. */
export type DistributionClass<D extends Distribution = Distribution> = (abstract new (
  // biome-ignore lint/suspicious/noExplicitAny: constructors of any distribution family.
  ...args: any[]
) => D) & {
  readonly family: string;
};
type KlFunction = (p: Distribution, q: Distribution) => tf.Tensor;

/** KL(N(μp, σp²) ‖ N(μq, σq²)) per element: log(σq/σp) + (σp² + (μp − μq)²)/(2σq²) − 1/2. */
function normalKl(muP: tf.Tensor, sigmaP: tf.Tensor, muQ: tf.Tensor, sigmaQ: tf.Tensor): tf.Tensor {
  const ratio = tf.square(tf.div(sigmaP, sigmaQ));
  const shift = tf.square(tf.div(tf.sub(muP, muQ), sigmaQ));
  return tf.mul(0.5, tf.sub(tf.add(ratio, shift), tf.add(1, tf.log(ratio))));
}

/** The built-in closed forms, as [family of p, family of q, KL]. */
const CLOSED_FORMS: ReadonlyArray<readonly [DistributionClass, DistributionClass, KlFunction]> = [
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
    // p(log p − log q) + (1 − p)(log(1 − p) − log(1 − q)) with log σ(l) = −softplus(−l). The first term is 0
    // where p = 0 (lp = −∞) and the second where p = 1 (lp = +∞): masked before the products, not 0·∞ = NaN.
    (p, q) => {
      const [lp, lq] = [p.params.logits!, q.params.logits!];
      const fixed = stopGradient(lp);
      const impossible = tf.equal(fixed, Number.NEGATIVE_INFINITY);
      const certain = tf.equal(fixed, Number.POSITIVE_INFINITY);
      const forOnes = tf.where(impossible, tf.zerosLike(lp), lp);
      const forZeros = tf.where(certain, tf.zerosLike(lp), lp);
      const ones = tf.mul(tf.sigmoid(forOnes), tf.sub(tf.softplus(tf.neg(lq)), tf.softplus(tf.neg(forOnes))));
      const zeros = tf.mul(tf.sigmoid(tf.neg(forZeros)), tf.sub(tf.softplus(lq), tf.softplus(forZeros)));
      return tf.add(tf.where(impossible, tf.zerosLike(ones), ones), tf.where(certain, tf.zerosLike(zeros), zeros));
    },
  ],
  [
    Categorical,
    Categorical,
    // Σ_k p_k (log p_k − log q_k); classes with p_k = 0 contribute 0 (masked before the product).
    (p, q) => {
      const [kp, kq] = [(p as Categorical).numClasses, (q as Categorical).numClasses];
      if (kp !== kq) throw new Error(`kl: Categorical distributions over ${kp} and ${kq} classes`);
      const logP = tf.logSoftmax(p.params.logits!);
      const possible = tf.isFinite(stopGradient(logP));
      const safe = tf.where(possible, logP, tf.zerosLike(logP));
      const terms = tf.mul(tf.exp(safe), tf.sub(safe, tf.logSoftmax(q.params.logits!)));
      return tf.sum(tf.where(possible, terms, tf.zerosLike(terms)), -1);
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

/** The built-in closed forms by `${family of p}‖${family of q}`. */
const BUILT_IN = new Map(CLOSED_FORMS.map(([p, q, fn]) => [pairKey(p.family, q.family), fn]));

/**
 * Closed forms added by {@link registerKl}, kept on `globalThis` under a registered symbol so that every copy
 * of this module (two installed versions, a bundle next to node_modules) sees the same entries.
 */
function userRegistry(): Map<string, KlFunction> {
  const slot = Symbol.for('@proj/core/kl-registry');
  const scope = globalThis as { [slot]?: Map<string, KlFunction> };
  scope[slot] ??= new Map<string, KlFunction>();
  return scope[slot];
}

function pairKey(familyP: string, familyQ: string): string {
  return `${familyP}‖${familyQ}`;
}

/**
 * The family names of a distribution, most specific first: the own static `family` of its class and of each
 * ancestor class that sets one (a subclass without its own belongs to its parent's family). O(depth).
 */
export function familyChain(distribution: Distribution): string[] {
  assertDistribution('familyChain', 'distribution', distribution);
  const families: string[] = [];
  for (let c = distribution.constructor as DistributionClass | null; c !== null; c = Object.getPrototypeOf(c)) {
    if (Object.hasOwn(c, 'family') && !families.includes(c.family)) families.push(c.family);
  }
  return families;
}

/**
 * Registers the closed-form KL divergence KL(p ‖ q) for the families of the classes `P` and `Q` (their static
 * `family` names), replacing any earlier one, built-in ones included. `fn` gets distributions of exactly those
 * families (or subclasses) and returns a tensor of their broadcast batch shape. Entries are process-wide.
 *
 * @throws Error naming `registerKl` when a class does not set its own static `family` (it would replace its
 *   parent's entry) or `fn` is not a function.
 */
export function registerKl<P extends Distribution, Q extends Distribution>(
  familyP: DistributionClass<P>,
  familyQ: DistributionClass<Q>,
  fn: (p: P, q: Q) => tf.Tensor,
): void {
  for (const [argument, family] of [
    ['familyP', familyP],
    ['familyQ', familyQ],
  ] as const) {
    if (typeof family !== 'function' || !Object.hasOwn(family, 'family') || typeof family.family !== 'string') {
      throw new Error(
        `registerKl: argument '${argument}' must be a Distribution class with its own static 'family' name, got ${typeof family === 'function' ? family.name : describeValue(family)}`,
      );
    }
  }
  if (typeof fn !== 'function') {
    throw new Error(`registerKl: argument 'fn' must be a function (p, q) => tensor, got ${describeValue(fn)}`);
  }
  userRegistry().set(pairKey(familyP.family, familyQ.family), fn as KlFunction);
}

/**
 * The KL divergence KL(p ‖ q) = E_p[log p − log q] in nats, in closed form, with the shape of the broadcast
 * of the two batch shapes. Registered pairs: Normal, LogNormal, MultivariateNormalDiag, Bernoulli,
 * Categorical, Uniform, Exponential, Laplace, Poisson, Gamma with themselves, and Uniform ‖ Normal.
 * A subclass uses its parent's entry when it has none of its own.
 *
 * @throws Error naming `kl` for arguments that are not distributions, and naming both families when no closed
 *   form is registered, when the event shapes differ or when the batch shapes do not broadcast.
 */
export function kl(p: Distribution, q: Distribution): tf.Tensor {
  assertDistribution('kl', 'p', p);
  assertDistribution('kl', 'q', q);
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
  try {
    tf.backend_util.assertAndGetBroadcastShape([...p.batchShape], [...q.batchShape]);
  } catch {
    throw new Error(
      `kl: batch shapes do not broadcast: ${p.name} [${p.batchShape.join(',')}] (p) and ${q.name} [${q.batchShape.join(',')}] (q)`,
    );
  }
  return tf.tidy(() => fn(p, q));
}

/** Checks that `value` is a {@link Distribution} (of any copy of this module: it has the family surface). */
function assertDistribution(fn: string, arg: string, value: unknown): asserts value is Distribution {
  const d = value as Partial<Distribution> | null | undefined;
  const ok =
    d !== null &&
    typeof d === 'object' &&
    (value instanceof Distribution ||
      (typeof d.name === 'string' &&
        Array.isArray(d.batchShape) &&
        Array.isArray(d.eventShape) &&
        typeof d.params === 'object'));
  if (!ok) throw new Error(`${fn}: argument '${arg}' must be a Distribution, got ${describeValue(value)}`);
}

function lookup(p: Distribution, q: Distribution): KlFunction | undefined {
  const user = userRegistry();
  for (const familyP of familyChain(p)) {
    for (const familyQ of familyChain(q)) {
      const key = pairKey(familyP, familyQ);
      const fn = user.get(key) ?? BUILT_IN.get(key);
      if (fn !== undefined) return fn;
    }
  }
  return undefined;
}
