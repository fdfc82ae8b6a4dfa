import { type Distribution, type DistributionClass, registerKl } from '@proj/core/distributions';
import type * as tf from '@tensorflow/tfjs-core';

const registered = new Set<string>();

/**
 * Registers KL(P ‖ Q) with core's `registerKl` the first time a distribution of this package is built (not at
 * import: the package has no module side effects), and never again, so that a user's later `registerKl` for
 * the same pair wins. O(1).
 */
export function registerKlOnce<P extends Distribution, Q extends Distribution>(
  familyP: DistributionClass<P>,
  familyQ: DistributionClass<Q>,
  fn: (p: P, q: Q) => tf.Tensor,
): void {
  const key = `${familyP.family}‖${familyQ.family}`;
  if (registered.has(key)) return;
  registered.add(key);
  registerKl(familyP, familyQ, fn);
}
