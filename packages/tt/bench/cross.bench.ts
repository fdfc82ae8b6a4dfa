/**
 * TT-cross (`ttCross`) on the test tensors of known low TT-rank (test/fixtures/cross-functions.ts) at n = 20,
 * d = 5 and 10: evaluations of f against the grid size, sweeps, the estimated and the measured error (relative,
 * on 10,000 seeded random entries read through gatherND, float32), and the median time of a whole call beside
 * the time f alone takes for as many entries (the reference: what the cross adds to the evaluations). f is a
 * host function with float64 values; ε = 1e-6, maxTTRank 15, seed 1. No numbers for these tensors are published
 * for teneva or ttpy (and neither is installable here), so they are not compared.
 *
 * Run: cd packages/tt && node --conditions=@proj/source --import tsx bench/cross.bench.ts
 */
import { formatTable, measure } from '@proj/bench';
import { initBackend } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { ttCross } from '../src/cross/tt-cross.js';
import { gatherND } from '../src/ops/gather-nd.js';
import { CROSS_TEST_FUNCTIONS, exactValues, sampleIndices } from '../test/fixtures/cross-functions.js';

const backend = await initBackend();
const n = 20;
const rows: Record<string, unknown>[] = [];
for (const d of [5, 10]) {
  for (const fn of CROSS_TEST_FUNCTIONS) {
    const shape = new Array<number>(d).fill(n);
    const f = (indices: tf.Tensor2D) => exactValues(fn, indices.dataSync() as Int32Array, d, n);
    const run = () => ttCross(f, shape, { seed: 1, epsilon: 1e-6, maxTTRank: 15 });
    const result = run();
    const samples = sampleIndices(10_000, d, n, 2024);
    const exact = exactValues(fn, samples, d, n);
    const approx = tf.tidy(() => gatherND(result.tt, tf.tensor2d(samples, [10_000, d], 'int32')).dataSync());
    const error = Math.sqrt(
      exact.reduce((s, e, p) => s + (approx[p]! - e) ** 2, 0) / exact.reduce((s, e) => s + e * e, 0),
    );
    const cross = await measure(() => run().tt.dispose(), { warmup: 1, minRuns: 3, maxRuns: 5 });
    const points = sampleIndices(result.evaluations, d, n, 7);
    const alone = await measure(() => exactValues(fn, points, d, n), { warmup: 1, minRuns: 3, maxRuns: 5 });
    rows.push({
      tensor: fn.name,
      d,
      evaluations: result.evaluations,
      'share of n^d': (result.evaluations / n ** d).toExponential(2),
      sweeps: result.sweeps,
      converged: result.converged,
      'ranks max': Math.max(...result.tt.ranks),
      'est. error': result.estimatedError.toExponential(1),
      'error (10^4 entries)': error.toExponential(1),
      'ttCross ms': cross.medianMs,
      'f alone ms': alone.medianMs,
      'evaluations/s': Math.round(result.evaluations / (cross.medianMs / 1000)),
    });
    result.tt.dispose();
  }
}
console.log(`ttCross on ${backend.backend}, n = ${n}, ε = 1e-6, maxTTRank 15 (median ms per call)\n`);
console.log(formatTable(rows, 3));
