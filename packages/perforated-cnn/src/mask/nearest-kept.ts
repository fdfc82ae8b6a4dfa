/**
 * For every position of an H × W grid, the index INTO `kept` of the nearest kept position (Euclidean distance in
 * grid coordinates; ties → the lowest linear index). Kept positions map to themselves.
 *
 * Separable exact search: per row, the nearest kept column to every column (two sweeps, ties to the left), then
 * per position the best row by (Δrow)² + (Δcol)², scanning rows in ascending order and replacing only on a
 * strictly smaller distance. O(H·W·(H + W)) time, O(H·W) memory.
 *
 * @param kept ascending, distinct linear indices oh·W + ow (at least one).
 */
export function nearestKept(height: number, width: number, kept: Int32Array): Int32Array {
  const slot = new Int32Array(height * width).fill(-1);
  kept.forEach((position, i) => {
    slot[position] = i;
  });
  // rowNearest[r·W + c]: the kept column of row r nearest to c (ties → left), −1 when row r keeps nothing.
  const rowNearest = new Int32Array(height * width).fill(-1);
  const rowsWithKept: number[] = [];
  for (let r = 0; r < height; r++) {
    const base = r * width;
    let left = -1;
    for (let c = 0; c < width; c++) {
      if (slot[base + c]! >= 0) left = c;
      rowNearest[base + c] = left;
    }
    if (left < 0) continue;
    rowsWithKept.push(r);
    let right = -1;
    for (let c = width - 1; c >= 0; c--) {
      if (slot[base + c]! >= 0) right = c;
      const l = rowNearest[base + c]!;
      if (right >= 0 && (l < 0 || right - c < c - l)) rowNearest[base + c] = right;
    }
  }
  const nearest = new Int32Array(height * width);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      let best = Number.POSITIVE_INFINITY;
      let bestSlot = -1;
      for (const rr of rowsWithKept) {
        const cc = rowNearest[rr * width + c]!;
        const d = (rr - r) ** 2 + (cc - c) ** 2;
        if (d < best) {
          best = d;
          bestSlot = slot[rr * width + cc]!;
        }
      }
      nearest[r * width + c] = bestSlot;
    }
  }
  return nearest;
}
