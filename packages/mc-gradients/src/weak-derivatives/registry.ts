import {
  Bernoulli,
  type Distribution,
  type DistributionClass,
  Exponential,
  familyChain,
  Gamma,
  MultivariateNormalDiag,
  Normal,
  Poisson,
  Weibull,
} from '@proj/core/distributions';
import { assertDistribution, shown } from '../internal/validate.js';
import { bernoulliLogits, bernoulliProbs } from './bernoulli.js';
import { exponentialRate } from './exponential.js';
import { gammaRate } from './gamma.js';
import { normalLoc, normalScale } from './normal.js';
import { poissonRate } from './poisson.js';
import type { WeakDerivative } from './weak-derivative.js';
import { weibullScale } from './weibull.js';

/**
 * A distribution class with its family name (`Normal`, ...), the key of the weak-derivative registry.
 * @category Weak derivatives
 */
export type DistributionFamily<D extends Distribution = Distribution> = DistributionClass<D>;

/** The built-in weak derivatives (the survey's table, §6), by family name and parameter. */
const BUILT_IN: ReadonlyMap<string, ReadonlyMap<string, WeakDerivative>> = new Map(
  (
    [
      [Normal, { loc: normalLoc, scale: normalScale }],
      [MultivariateNormalDiag, { loc: normalLoc, scaleDiag: normalScale }],
      [Bernoulli, { probs: bernoulliProbs, logits: bernoulliLogits }],
      [Poisson, { rate: poissonRate }],
      [Exponential, { rate: exponentialRate }],
      [Gamma, { rate: gammaRate }],
      [Weibull, { scale: weibullScale }],
    ] as ReadonlyArray<readonly [DistributionFamily, Record<string, WeakDerivative<never>>]>
  ).map(([family, entries]) => [family.family, new Map(Object.entries(entries) as [string, WeakDerivative][])]),
);

/**
 * Weak derivatives added by {@link registerWeakDerivative}, kept on `globalThis` under a registered symbol so
 * that every copy of this module sees the same entries.
 */
function userRegistry(): Map<string, Map<string, WeakDerivative>> {
  const slot = Symbol.for('@proj/mc-gradients/weak-derivatives');
  const scope = globalThis as { [slot]?: Map<string, Map<string, WeakDerivative>> };
  scope[slot] ??= new Map<string, Map<string, WeakDerivative>>();
  return scope[slot];
}

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
  if (typeof family !== 'function' || !Object.hasOwn(family, 'family') || typeof family.family !== 'string') {
    throw new Error(
      `registerWeakDerivative: argument 'family' must be a Distribution class with its own static 'family' name, got ${typeof family === 'function' ? family.name : shown(family)}`,
    );
  }
  if (typeof param !== 'string' || param.length === 0) {
    throw new Error(`registerWeakDerivative: argument 'param' must be a parameter name, got ${shown(param)}`);
  }
  const entry = weakDerivative as Partial<Record<'constant' | 'sample', unknown>> | null;
  if (
    entry === null ||
    typeof entry !== 'object' ||
    typeof entry.constant !== 'function' ||
    typeof entry.sample !== 'function'
  ) {
    throw new Error(
      `registerWeakDerivative: argument 'weakDerivative' must be an object {constant, sample} of two functions, got ${shown(weakDerivative)}`,
    );
  }
  const registry = userRegistry();
  const row = registry.get(family.family) ?? new Map<string, WeakDerivative>();
  row.set(param, weakDerivative as unknown as WeakDerivative);
  registry.set(family.family, row);
}

/**
 * The weak derivative registered for `param` of the distribution's family (or of a parent class), else
 * undefined.
 *
 * @category Weak derivatives
 */
export function weakDerivativeOf(distribution: Distribution, param: string): WeakDerivative | undefined {
  assertDistribution(distribution, 'weakDerivativeOf', false);
  if (typeof param !== 'string') {
    throw new Error(`weakDerivativeOf: argument 'param' must be a parameter name, got ${shown(param)}`);
  }
  const registry = userRegistry();
  for (const family of familyChain(distribution)) {
    const found = registry.get(family)?.get(param) ?? BUILT_IN.get(family)?.get(param);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The parameters of the distribution's family that have a weak derivative. @category Weak derivatives */
export function weakDerivativeParams(distribution: Distribution): string[] {
  assertDistribution(distribution, 'weakDerivativeParams', false);
  const registry = userRegistry();
  return [
    ...new Set(
      familyChain(distribution).flatMap((family) => [
        ...(registry.get(family)?.keys() ?? []),
        ...(BUILT_IN.get(family)?.keys() ?? []),
      ]),
    ),
  ];
}
