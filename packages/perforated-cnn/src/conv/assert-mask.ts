import { shown } from '../internal/validate.js';
import type { PerforationMask } from '../mask/perforation-mask.js';

/**
 * Checks that `mask` is a {@link PerforationMask}: integer sides, `kept` an Int32Array of 1 to OH·OW
 * positions, `nearest` an Int32Array of OH·OW indices into `kept`; and, when `grid` is given, that the mask
 * covers that OH × OW output grid. O(1): the entries were checked when the mask was built (createMask and
 * the mask builders).
 *
 * @throws Error naming `fn` and the argument `mask`, with the sizes that do not match.
 */
export function assertMask(mask: unknown, fn: string, grid?: readonly [number, number]): PerforationMask {
  const m = mask as Partial<PerforationMask> | null;
  if (
    m === null ||
    typeof m !== 'object' ||
    !Number.isInteger(m.height) ||
    !Number.isInteger(m.width) ||
    !(m.kept instanceof Int32Array) ||
    !(m.nearest instanceof Int32Array) ||
    m.kept.length === 0 ||
    m.nearest.length !== m.height! * m.width! ||
    m.kept.length > m.nearest.length
  ) {
    throw new Error(`${fn}: argument 'mask' must be a PerforationMask (createMask, gridMask, …), got ${shown(mask)}`);
  }
  if (grid !== undefined && (m.height !== grid[0] || m.width !== grid[1])) {
    throw new Error(
      `${fn}: argument 'mask' is a ${m.height}×${m.width} mask, but the convolution's output grid is ${grid[0]}×${grid[1]} (OH×OW)`,
    );
  }
  return m as PerforationMask;
}
