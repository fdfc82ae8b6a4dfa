import { showValue } from './describe.js';

/**
 * Checks a regularization scale: a finite number ≥ 0.
 *
 * @throws Error naming `fn` and the argument 'scale'.
 */
export function assertScale(scale: unknown, fn: string): number {
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale < 0) {
    throw new Error(`${fn}: argument 'scale' must be a finite number ≥ 0, got ${showValue(scale)}`);
  }
  return scale;
}
