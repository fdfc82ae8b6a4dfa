import type { Estimator } from './estimator.js';
import { measureValued } from './measure-valued.js';
import { pathwise } from './pathwise.js';
import { scoreFunction } from './score-function.js';

/**
 * Every estimator by name, for apps and configs: `ESTIMATORS[name](options)`. Estimator-specific options
 * (`baseline` of the score function, `coupling` of the measure-valued estimator) pass through the options.
 *
 * @category Estimators
 */
export const ESTIMATORS = { scoreFunction, pathwise, measureValued } as const satisfies Readonly<
  Record<string, Estimator>
>;

/** The name of a registered estimator. @category Estimators */
export type EstimatorName = keyof typeof ESTIMATORS;

/**
 * The estimator called `name`.
 *
 * @throws Error listing the names when `name` is not one of them (or not a string).
 * @category Estimators
 */
export function estimatorByName(name: string): Estimator {
  if (typeof name !== 'string') {
    throw new Error(`estimatorByName: argument 'name' must be a string, one of ${Object.keys(ESTIMATORS).join(', ')}`);
  }
  if (!Object.hasOwn(ESTIMATORS, name)) {
    throw new Error(`estimatorByName: unknown estimator '${name}'; use one of ${Object.keys(ESTIMATORS).join(', ')}`);
  }
  return ESTIMATORS[name as EstimatorName];
}
