/**
 * Applies the Householder reflection H = I − β·v·vᵀ to columns `from`..`to − 1` of `x`, over rows
 * `row`..`length − 1` (the support of v): x_c ← x_c − β(vᵀx_c)·v. Matrices are stored column by column with
 * `length` rows; v starts at `vOffset` (its entry for row i is `v[vOffset + i]`).
 *
 * Columns go four at a time, so that each entry of v is loaded once per four dot products and updates:
 * about 2x faster in V8 than one column at a time. This is the inner loop of the QR and of the
 * bidiagonalization.
 */
export function reflectColumns(
  v: Float64Array,
  vOffset: number,
  beta: number,
  x: Float64Array,
  from: number,
  to: number,
  row: number,
  length: number,
): void {
  let c = from;
  for (; c + 3 < to; c += 4) {
    const x0 = c * length;
    const x1 = x0 + length;
    const x2 = x1 + length;
    const x3 = x2 + length;
    let d0 = 0;
    let d1 = 0;
    let d2 = 0;
    let d3 = 0;
    for (let i = row; i < length; i++) {
      const w = v[vOffset + i]!;
      d0 += w * x[x0 + i]!;
      d1 += w * x[x1 + i]!;
      d2 += w * x[x2 + i]!;
      d3 += w * x[x3 + i]!;
    }
    d0 *= beta;
    d1 *= beta;
    d2 *= beta;
    d3 *= beta;
    for (let i = row; i < length; i++) {
      const w = v[vOffset + i]!;
      x[x0 + i]! -= d0 * w;
      x[x1 + i]! -= d1 * w;
      x[x2 + i]! -= d2 * w;
      x[x3 + i]! -= d3 * w;
    }
  }
  for (; c < to; c++) {
    const x0 = c * length;
    let d = 0;
    for (let i = row; i < length; i++) d += v[vOffset + i]! * x[x0 + i]!;
    d *= beta;
    for (let i = row; i < length; i++) x[x0 + i]! -= d * v[vOffset + i]!;
  }
}
