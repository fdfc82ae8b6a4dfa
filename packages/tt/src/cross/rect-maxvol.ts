import type { RowSelection } from './maxvol.js';

/**
 * Adds `extra` rows to a maxvol selection greedily, as rect_maxvol does (Mikhalev & Oseledets 2018): each step
 * takes the unselected row i with the largest ‖B_i‖ (the row the current rows express worst) and updates the
 * least-squares coefficients B = A·A_I⁺ for the enlarged set by the rank-1 formula
 * B ← [B − l·v·cᵀ, l·v], c = B_i, v = B·c, l = 1/(1 + v_i). TT-cross uses the added rows to let TT-ranks grow.
 * Host float64.
 *
 * @param selection a {@link maxvol} result for an m × r matrix A (B = A·A_I⁻¹).
 * @param m the number of rows of A; `extra` ≤ m − r rows are added.
 * @returns the r + extra rows (the given ones first) and B = A·A_I⁺, m × (r + extra).
 * Complexity: O(m·(r + extra)) per added row.
 * @see A. Mikhalev, I. V. Oseledets, "Rectangular maximum-volume submatrices and their applications", Linear
 *   Algebra Appl. 538, 2018; teneva `maxvol_rect`.
 */
export function extendRows(selection: RowSelection, m: number, extra: number): RowSelection {
  const rows = [...selection.rows];
  let width = rows.length;
  let b = selection.coefficients;
  const taken = new Uint8Array(m);
  for (const i of rows) taken[i] = 1;
  const norms = Float64Array.from({ length: m }, (_, i) => {
    let sum = 0;
    for (let t = 0; t < width; t++) sum += b[i * width + t]! ** 2;
    return sum;
  });
  for (let step = 0; step < extra; step++) {
    let i = -1;
    for (let p = 0; p < m; p++) if (taken[p] === 0 && (i < 0 || norms[p]! > norms[i]!)) i = p;
    const c = b.slice(i * width, (i + 1) * width);
    const v = Float64Array.from({ length: m }, (_, p) => {
      let sum = 0;
      for (let t = 0; t < width; t++) sum += b[p * width + t]! * c[t]!;
      return sum;
    });
    const l = 1 / (1 + v[i]!);
    const next = new Float64Array(m * (width + 1));
    for (let p = 0; p < m; p++) {
      for (let t = 0; t < width; t++) next[p * (width + 1) + t] = b[p * width + t]! - l * v[p]! * c[t]!;
      next[p * (width + 1) + width] = l * v[p]!;
      norms[p]! -= l * v[p]! ** 2;
    }
    taken[i] = 1;
    rows.push(i);
    b = next;
    width += 1;
  }
  return { rows, coefficients: b };
}
