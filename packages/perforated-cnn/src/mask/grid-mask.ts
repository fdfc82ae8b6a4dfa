import { assertSeed } from '@proj/core';
import { seededUniform } from '../internal/seeded-uniform.js';
import { assertGrid, assertKeepFraction } from '../internal/validate.js';
import { buildMask, type PerforationMask } from './perforation-mask.js';

const GRID_DOMAIN = 0x96d0a5c1;

/**
 * Points per axis of a grid mask: n = ⌊√(keep) · X⌋ (the paper's ⌊√(keep·X·Y)⌋ when X = Y), in [1, X]. A tiny
 * slack keeps products such as 0.36 · 100 from flooring one too low in floating point.
 */
function pointsPerAxis(side: number, keepFraction: number): number {
  return Math.min(side, Math.max(1, Math.floor(Math.sqrt(keepFraction * side * side) + 1e-9)));
}

/** 0-based coordinates ⌈(X/n)(i + u)⌉ − 1 for i = 0..n−1 (the paper's are 1-based), ascending and distinct. */
function gridCoordinates(side: number, n: number, u: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => Math.ceil((side / n) * (i + u)) - 1);
}

/**
 * The (pseudorandom) grid perforation mask (paper §3.2): n_h = ⌊√keep · H⌋ rows and n_w = ⌊√keep · W⌋ columns
 * (⌊√(keep·H·W)⌋ per axis for a square map) at coordinates ⌈(X/n)(i + u)⌉ (1-based), one u ~ U(0, 1) per axis;
 * the kept positions are rows × cols, so the mask's `grid` is set. The realized keepFraction n_h·n_w / (H·W) is
 * at most the requested one (n is floored): read it from the result. O(H·W·(H + W)).
 *
 * @param height OH of the conv output, an integer in [1, 2^14].
 * @param width OW of the conv output, an integer in [1, 2^14].
 * @param keepFraction the requested fraction of positions computed, in (0, 1].
 * @param seed an integer in [0, 2^32 − 1] (draws the two offsets u).
 * @throws Error naming `gridMask` and the argument for invalid sides, keepFraction or seed.
 * @see Figurnov, Ibraimova, Vetrov, Kohli. "PerforatedCNNs". NIPS 2016, §3.2 (code: weights_grid.m).
 * @example
 * const mask = gridMask(28, 28, 0.25, 1); // 14 × 14 positions, one per 2 × 2 block
 */
export function gridMask(height: number, width: number, keepFraction: number, seed: number): PerforationMask {
  const [h, w] = assertGrid(height, width, 'gridMask');
  const keep = assertKeepFraction(keepFraction, 'gridMask');
  assertSeed(seed, 'gridMask');
  const rows = gridCoordinates(h, pointsPerAxis(h, keep), seededUniform(seed, GRID_DOMAIN, 0));
  const cols = gridCoordinates(w, pointsPerAxis(w, keep), seededUniform(seed, GRID_DOMAIN, 1));
  const kept = Array.from(rows, (r) => Array.from(cols, (c) => r * w + c)).flat();
  return buildMask('gridMask', h, w, kept, 'grid');
}
