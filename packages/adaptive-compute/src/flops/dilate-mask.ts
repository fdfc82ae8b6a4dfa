import { shown } from '../internal/validate.js';

/**
 * The 3×3 dilation of a host mask [B, H, W] (row-major, nonzero = set): a cell is set when any cell of its
 * 3×3 neighbourhood in the same example is (max-pool 3×3, stride 1, 'same'). These are the positions where
 * conv1 of a two-conv residual unit must be computed so that conv2 can be computed at the set positions
 * (mfigurnov/sact cifar_model.py, `diluted_residual_mask`).
 *
 * Complexity: O(9·B·H·W) on the host.
 *
 * @throws Error naming `dilateMask` and the argument for a mask that is not a Uint8Array of B·H·W entries or a
 *   shape that is not three positive integers.
 * @example
 * dilateMask(Uint8Array.from([0, 0, 0, 0, 1, 0, 0, 0, 0]), [1, 3, 3]); // all ones
 */
export function dilateMask(mask: Uint8Array, shape: readonly [number, number, number]): Uint8Array {
  const fn = 'dilateMask';
  if (!Array.isArray(shape) || shape.length !== 3 || !shape.every((n) => Number.isInteger(n) && n > 0 && n < 2 ** 31)) {
    throw new Error(`${fn}: argument 'shape' must be [B, H, W] of positive integers, got ${shown(shape)}`);
  }
  const [b, h, w] = shape;
  if (!(mask instanceof Uint8Array) || mask.length !== b * h * w) {
    throw new Error(`${fn}: argument 'mask' must be a Uint8Array of ${b * h * w} (B·H·W) entries, got ${shown(mask)}`);
  }
  const out = new Uint8Array(mask.length);
  for (let e = 0; e < b; e++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        if (mask[(e * h + y) * w + x] === 0) continue;
        for (let dy = Math.max(0, y - 1); dy <= Math.min(h - 1, y + 1); dy++) {
          for (let dx = Math.max(0, x - 1); dx <= Math.min(w - 1, x + 1); dx++) out[(e * h + dy) * w + dx] = 1;
        }
      }
    }
  }
  return out;
}
