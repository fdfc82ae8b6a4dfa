import { gatherND, ttCross } from '@proj/tt';
import type * as tf from '@tensorflow/tfjs-core';
import { mulberry32 } from '../common/prng.js';
import { CROSS_D, CROSS_FUNCTIONS, CROSS_N, type CrossFunctionName } from './cross-functions.js';

/** Options of {@link crossDemo}. */
export interface CrossDemoOptions {
  readonly fn: CrossFunctionName;
  readonly maxTTRank: number;
  readonly epsilon: number;
  readonly seed: number;
  /** Random entries that check the result (default 1000). */
  readonly checks?: number;
}

/** What {@link crossDemo} returns. */
export interface CrossDemoResult {
  readonly evaluations: number;
  /** evaluations / n^d. */
  readonly shareOfGrid: number;
  readonly sweeps: number;
  readonly ranks: number[];
  readonly converged: boolean;
  readonly estimatedError: number;
  /** Relative RMS error on `checks` random entries (the same entries for the same seed), float32 cores. */
  readonly checkError: number;
  readonly parameters: number;
  readonly ms: number;
}

/**
 * Approximates a function of CROSS_D variables on the CROSS_N^CROSS_D grid by TT-cross (`ttCross` of
 * @proj/tt; f evaluated on the host in float64), then checks `checks` random entries against f with
 * `gatherND` on the active backend. Memory-neutral. Cost: ttCross's evaluations plus O(checks·d·r²).
 */
export function crossDemo(options: CrossDemoOptions): CrossDemoResult {
  const { fn, maxTTRank, epsilon, seed, checks = 1000 } = options;
  const value = CROSS_FUNCTIONS[fn].value;
  const start = performance.now();
  const shape = new Array<number>(CROSS_D).fill(CROSS_N);
  const f = (indices: tf.Tensor) => {
    const flat = indices.dataSync();
    return Float64Array.from({ length: indices.shape[0]! }, (_, p) => value(point(flat, p)));
  };
  const result = ttCross(f, shape, { seed, maxTTRank, epsilon });
  try {
    const random = mulberry32(seed);
    const rows = Array.from({ length: checks }, () => shape.map(() => Math.floor(random() * CROSS_N)));
    const approx = gatherND(result.tt, rows);
    const got = approx.dataSync();
    approx.dispose();
    let diff = 0;
    let norm = 0;
    rows.forEach((row, p) => {
      const exact = value(row.map((i) => i / (CROSS_N - 1)));
      diff += (got[p]! - exact) ** 2;
      norm += exact ** 2;
    });
    return {
      evaluations: result.evaluations,
      shareOfGrid: result.evaluations / CROSS_N ** CROSS_D,
      sweeps: result.sweeps,
      ranks: [...result.tt.ranks],
      converged: result.converged,
      estimatedError: result.estimatedError,
      checkError: Math.sqrt(diff / norm),
      parameters: result.tt.cores.reduce((total, core) => total + core.size, 0),
      ms: performance.now() - start,
    };
  } finally {
    result.tt.dispose();
  }
}

function point(flat: ArrayLike<number>, p: number): number[] {
  return Array.from({ length: CROSS_D }, (_, k) => flat[p * CROSS_D + k]! / (CROSS_N - 1));
}
