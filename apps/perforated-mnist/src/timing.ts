import { median } from '@proj/bench';
import * as tf from '@tensorflow/tfjs-core';

/** Medians of two timed functions and their ratio. */
export interface TimedPair {
  /** Median wall time of the baseline (ms). */
  readonly baselineMs: number;
  /** Median wall time of the candidate (ms). */
  readonly candidateMs: number;
  /** baselineMs / candidateMs: the measured speedup of the candidate. */
  readonly speedup: number;
}

/** Runs `fn` in a tidy scope and waits for its result (a read-back), so that the time covers the whole work. */
function runOnce(fn: () => tf.Tensor): number {
  const started = performance.now();
  const out = tf.tidy(fn);
  out.dataSync();
  const ms = performance.now() - started;
  out.dispose();
  return ms;
}

/**
 * Times `baseline` and `candidate` (each returning a tensor, read back) interleaved: `warmup` untimed calls of
 * each, then `repeats` timed calls of each, alternating which goes first, so that a change of load on the
 * machine hits both alike. Synchronous (the greedy search calls it inside its evaluation).
 */
export function timePair(
  baseline: () => tf.Tensor,
  candidate: () => tf.Tensor,
  options: { readonly warmup: number; readonly repeats: number },
): TimedPair {
  for (let i = 0; i < options.warmup; i++) {
    runOnce(baseline);
    runOnce(candidate);
  }
  const base: number[] = [];
  const cand: number[] = [];
  for (let r = 0; r < options.repeats; r++) {
    if (r % 2 === 0) {
      base.push(runOnce(baseline));
      cand.push(runOnce(candidate));
    } else {
      cand.push(runOnce(candidate));
      base.push(runOnce(baseline));
    }
  }
  const baselineMs = median(base.sort((a, b) => a - b));
  const candidateMs = median(cand.sort((a, b) => a - b));
  return { baselineMs, candidateMs, speedup: baselineMs / candidateMs };
}
