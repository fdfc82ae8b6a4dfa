/**
 * The C-order multi-index of the linear index `index` (an integer in [0, Π shape)) in a tensor of `shape`:
 * the last axis varies fastest. Exact for indices below 2^53.
 */
export function unravel(index: number, shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  let rest = index;
  for (let k = shape.length - 1; k >= 0; k--) {
    out[k] = rest % shape[k]!;
    rest = Math.floor(rest / shape[k]!);
  }
  return out;
}
