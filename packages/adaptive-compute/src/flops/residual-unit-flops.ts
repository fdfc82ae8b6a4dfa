import { assertInstance, shown } from '../internal/validate.js';
import { ResidualUnitParams, residualUnitVariables } from '../resnet/residual-unit.js';
import { convFlops } from './conv-flops.js';
import { dilateMask } from './dilate-mask.js';

/**
 * FLOPs of one residual unit on one example whose input is H × W, counting computed positions only (the
 * SACT flopsometer): without a mask, conv1 and conv2 at all ⌈H/s⌉·⌈W/s⌉ output positions; with an active
 * mask of the output grid (stride-1 units only), conv2 at the active positions and conv1 at their 3×3
 * dilation. BN, ReLU and the shortcut are not counted (as in mfigurnov/sact flopsometer.py).
 *
 * Complexity: O(H·W) on the host (the dilation). Figurnov et al., CVPR 2017.
 *
 * @param mask optional Uint8Array of H·W entries, nonzero = active.
 * @throws Error naming `residualUnitFlops` and the argument for a unit that is not live
 *   {@link ResidualUnitParams}, a size that is not two positive integers, a mask of the wrong length, or a
 *   mask for a strided unit.
 * @example
 * residualUnitFlops(unit, [28, 28]); // 2·784·9·C·C·2 for a C → C unit
 */
export function residualUnitFlops(
  unit: ResidualUnitParams,
  size: readonly [number, number],
  mask?: Uint8Array,
): number {
  const fn = 'residualUnitFlops';
  assertInstance(unit, ResidualUnitParams, fn, 'unit', residualUnitVariables);
  if (!Array.isArray(size) || size.length !== 2 || !size.every((n) => Number.isInteger(n) && n > 0 && n < 2 ** 20)) {
    throw new Error(`${fn}: argument 'size' must be [H, W] of positive integers, got ${shown(size)}`);
  }
  const [cin, cout] = [unit.conv1.shape[2]!, unit.conv1.shape[3]!];
  const [h, w] = [Math.ceil(size[0] / unit.stride), Math.ceil(size[1] / unit.stride)];
  if (mask === undefined) return convFlops(h * w, 3, 3, cin, cout) + convFlops(h * w, 3, 3, cout, cout);
  if (unit.stride !== 1) throw new Error(`${fn}: argument 'mask' needs a stride-1 unit, got stride ${unit.stride}`);
  if (!(mask instanceof Uint8Array) || mask.length !== h * w) {
    throw new Error(`${fn}: argument 'mask' must be a Uint8Array of ${h * w} (H·W) entries, got ${shown(mask)}`);
  }
  const count = (m: Uint8Array) => m.reduce((sum, v) => sum + (v === 0 ? 0 : 1), 0);
  return convFlops(count(dilateMask(mask, [1, h, w])), 3, 3, cin, cout) + convFlops(count(mask), 3, 3, cout, cout);
}
