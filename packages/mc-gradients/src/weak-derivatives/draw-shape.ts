import type { Distribution } from '@proj/core/distributions';

/** The shape of n draws of every coordinate: [n, ...batchShape, ...eventShape]. */
export function drawShape(distribution: Distribution, n: number): number[] {
  return [n, ...distribution.batchShape, ...distribution.eventShape];
}
