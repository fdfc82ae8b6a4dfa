/** A TT-tensor on the host in float64: cores[k] is [ranks[k], sizes[k], ranks[k + 1]], row-major. */
export interface HostTT {
  readonly cores: readonly Float64Array[];
  readonly ranks: readonly number[];
  readonly sizes: readonly number[];
}

/**
 * The inner product ⟨x, y⟩ = Σ_i x(i)·y(i) of two host TT-tensors of one shape, by the left-to-right sweep
 * W ← Σ_i X_k[:, i, :]ᵀ·W·Y_k[:, i, :] (W starts as [[1]]), in float64.
 *
 * Complexity: O(d·n·r³).
 */
export function hostInner(x: HostTT, y: HostTT): number {
  let w = Float64Array.of(1);
  x.sizes.forEach((n, k) => {
    const [a, a2, b, b2] = [x.ranks[k]!, x.ranks[k + 1]!, y.ranks[k]!, y.ranks[k + 1]!];
    const [gx, gy] = [x.cores[k]!, y.cores[k]!];
    const next = new Float64Array(a2 * b2);
    const t = new Float64Array(a * b2);
    for (let i = 0; i < n; i++) {
      // t = W·Y_k[:, i, :] (a × b2), then next += X_k[:, i, :]ᵀ·t.
      t.fill(0);
      for (let p = 0; p < a; p++) {
        for (let q = 0; q < b; q++) {
          const wpq = w[p * b + q]!;
          if (wpq !== 0) for (let s = 0; s < b2; s++) t[p * b2 + s]! += wpq * gy[(q * n + i) * b2 + s]!;
        }
      }
      for (let p = 0; p < a; p++) {
        for (let u = 0; u < a2; u++) {
          const xpu = gx[(p * n + i) * a2 + u]!;
          if (xpu !== 0) for (let s = 0; s < b2; s++) next[u * b2 + s]! += xpu * t[p * b2 + s]!;
        }
      }
    }
    w = next;
  });
  return w[0]!;
}

/**
 * ‖x − y‖_F / ‖x‖_F for two host TT-tensors of one shape, from the three inner products (float64; a
 * difference below ~1e-8 relative is lost to cancellation, far below the tolerances TT-cross is run with).
 * 0 when both are zero, Infinity when only x is.
 */
export function hostRelativeDistance(x: HostTT, y: HostTT): number {
  const xx = hostInner(x, x);
  const difference = Math.sqrt(Math.max(0, xx - 2 * hostInner(x, y) + hostInner(y, y)));
  if (xx === 0) return difference === 0 ? 0 : Number.POSITIVE_INFINITY;
  return difference / Math.sqrt(xx);
}
