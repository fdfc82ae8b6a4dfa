import { assertInteger, assertObject, assertOneOf } from '../internal/validate.js';

/** The following pooling layer of a conv, as seen from the conv's output grid: a square window. */
export interface PoolingWindows {
  /** Window side, an integer ≥ 1. */
  readonly size: number;
  /** Step between windows, an integer ≥ 1. */
  readonly stride: number;
  /** tf.maxPool's padding: 'valid' (default) or 'same'. */
  readonly pad?: 'valid' | 'same';
}

/**
 * How many pooling windows along one axis of `side` positions contain each position: windows start at
 * j·stride − padBefore (tf's 'same' padding puts ⌊total/2⌋ before), clipped to the axis. O(side · size).
 *
 * @throws Error naming `fn` and `pool` when the pooling has no window ('valid' with size > side) or is invalid.
 */
export function windowCounts(side: number, pool: unknown, fn: string): Int32Array {
  const { size, stride, pad } = assertPool(pool, fn);
  let outputs: number;
  let before = 0;
  if (pad === 'same') {
    outputs = Math.ceil(side / stride);
    before = Math.floor(Math.max((outputs - 1) * stride + size - side, 0) / 2);
  } else {
    if (size > side) {
      throw new Error(
        `${fn}: argument 'pool.size' must be at most the map side ${side} with 'valid' padding, got ${size}`,
      );
    }
    outputs = Math.floor((side - size) / stride) + 1;
  }
  const counts = new Int32Array(side);
  for (let j = 0; j < outputs; j++) {
    const start = j * stride - before;
    for (let p = Math.max(start, 0); p < Math.min(start + size, side); p++) counts[p]!++;
  }
  return counts;
}

function assertPool(pool: unknown, fn: string): Required<PoolingWindows> {
  const value = assertObject(pool, fn, 'pool');
  const known = ['size', 'stride', 'pad'];
  const unknown = Object.keys(value).find((key) => !known.includes(key));
  if (unknown !== undefined) throw new Error(`${fn}: argument 'pool' has unknown key '${unknown}' (valid: ${known})`);
  return {
    size: assertInteger(value.size, fn, 'pool.size', 1, 2 ** 14),
    stride: assertInteger(value.stride, fn, 'pool.stride', 1, 2 ** 14),
    pad: value.pad === undefined ? 'valid' : assertOneOf(value.pad, fn, 'pool.pad', ['valid', 'same'] as const),
  };
}
