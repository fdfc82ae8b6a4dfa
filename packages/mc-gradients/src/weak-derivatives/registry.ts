import {
  Bernoulli,
  type Distribution,
  Exponential,
  Gamma,
  MultivariateNormalDiag,
  Normal,
  Poisson,
  Weibull,
} from '@proj/core/distributions';
import { bernoulliLogits, bernoulliProbs } from './bernoulli.js';
import { exponentialRate } from './exponential.js';
import { gammaRate } from './gamma.js';
import { normalLoc, normalScale } from './normal.js';
import { poissonRate } from './poisson.js';
import type { WeakDerivative } from './weak-derivative.js';
import { weibullScale } from './weibull.js';

/** A distribution class (its constructor), the key of the weak-derivative registry. @category Weak derivatives */
// biome-ignore lint/suspicious/noExplicitAny: constructors of any distribution family are registry keys.
export type DistributionFamily<D extends Distribution = Distribution> = abstract new (...args: any[]) => D;

const registry = new Map<DistributionFamily, Map<string, WeakDerivative>>();
registerWeakDerivative(Normal, 'loc', normalLoc);
registerWeakDerivative(Normal, 'scale', normalScale);
registerWeakDerivative(MultivariateNormalDiag, 'loc', normalLoc);
registerWeakDerivative(MultivariateNormalDiag, 'scaleDiag', normalScale);
registerWeakDerivative(Bernoulli, 'probs', bernoulliProbs);
registerWeakDerivative(Bernoulli, 'logits', bernoulliLogits);
registerWeakDerivative(Poisson, 'rate', poissonRate);
registerWeakDerivative(Exponential, 'rate', exponentialRate);
registerWeakDerivative(Gamma, 'rate', gammaRate);
registerWeakDerivative(Weibull, 'scale', weibullScale);

/**
 * Registers the weak derivative of the family `family` with respect to its parameter `param` (the name used in
 * estimator `params`), replacing any earlier one. Built in (the survey's table of weak derivatives, §6): Normal and MultivariateNormalDiag
 * `loc` and `scale`/`scaleDiag`, Bernoulli `probs` and `logits`, Poisson `rate`, Exponential `rate`,
 * Gamma `rate`, Weibull `scale`.
 *
 * @category Weak derivatives
 */
export function registerWeakDerivative<D extends Distribution>(
  family: DistributionFamily<D>,
  param: string,
  weakDerivative: WeakDerivative<D>,
): void {
  const row = registry.get(family) ?? new Map<string, WeakDerivative>();
  row.set(param, weakDerivative as unknown as WeakDerivative);
  registry.set(family, row);
}

/**
 * The weak derivative registered for `param` of the distribution's family (or of a parent class), else
 * undefined.
 *
 * @category Weak derivatives
 */
export function weakDerivativeOf(distribution: Distribution, param: string): WeakDerivative | undefined {
  for (const family of familiesOf(distribution)) {
    const found = registry.get(family)?.get(param);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The parameters of the distribution's family that have a weak derivative. @category Weak derivatives */
export function weakDerivativeParams(distribution: Distribution): string[] {
  return [...new Set(familiesOf(distribution).flatMap((family) => [...(registry.get(family)?.keys() ?? [])]))];
}

function familiesOf(distribution: Distribution): DistributionFamily[] {
  const families: DistributionFamily[] = [];
  for (
    let family = distribution.constructor as DistributionFamily;
    family !== null;
    family = Object.getPrototypeOf(family)
  ) {
    families.push(family);
  }
  return families;
}
