import { maxvol } from './maxvol.js';
import { pivotedQr } from './pivoted-qr.js';
import { extendRows } from './rect-maxvol.js';

/** The rows one TT-cross step keeps and the interpolation core they give. */
export interface CrossStep {
  /** The selected rows (the next index set), maxvol rows first, then the added ones. */
  readonly rows: number[];
  /** m × rows.length, row-major: the interpolation matrix Q·Q_I⁺ (the new core, unfolded). */
  readonly coefficients: Float64Array;
  /** The numerical rank of the unfolding (= its number of columns c when the TT-rank may be larger). */
  readonly rank: number;
}

/**
 * One step of TT-cross on the unfolding of a fiber (m × c, row-major): a truncated column-pivoted QR gives an
 * orthonormal basis Q of its numerical column space (rank q, Frobenius tolerance relTol), maxvol picks q
 * dominant rows of Q, and rect-maxvol adds up to `kick` more (never beyond `cap` nor m) so that the next
 * fibers can reveal a larger rank. The interpolation matrix Q·Q_I⁺ reproduces the unfolding from its rows I
 * up to the truncation.
 *
 * Complexity: O(m·c·q + m·(q + kick)²).
 */
export function selectRows(
  matrix: Float64Array,
  m: number,
  c: number,
  cap: number,
  kick: number,
  relTol: number,
): CrossStep {
  const { q, rank } = pivotedQr(matrix, m, c, relTol);
  const square = maxvol(q, m, rank);
  const extra = Math.max(0, Math.min(kick, cap - rank, m - rank));
  const { rows, coefficients } = extra > 0 ? extendRows(square, m, extra) : square;
  return { rows, coefficients, rank };
}
