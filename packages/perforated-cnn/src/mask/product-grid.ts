/**
 * The row and column sets of a mask whose kept positions are exactly their Cartesian product (rows × cols),
 * or `undefined` when they are not. O(P).
 *
 * @param kept ascending, distinct linear indices oh·W + ow (at least one).
 */
export function productGrid(
  width: number,
  kept: Int32Array,
): { readonly rows: Int32Array; readonly cols: Int32Array } | undefined {
  const firstRow = Math.floor(kept[0]! / width);
  let count = 0;
  while (count < kept.length && Math.floor(kept[count]! / width) === firstRow) count++;
  const cols = Int32Array.from(kept.subarray(0, count), (p) => p - firstRow * width);
  if (kept.length % count !== 0) return undefined;
  const rows = new Int32Array(kept.length / count);
  for (let i = 0; i < rows.length; i++) {
    const row = Math.floor(kept[i * count]! / width);
    rows[i] = row;
    for (let j = 0; j < count; j++) {
      if (kept[i * count + j] !== row * width + cols[j]!) return undefined;
    }
  }
  return { rows, cols };
}
