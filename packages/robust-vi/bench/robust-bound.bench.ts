/**
 * The robust bound's value and gradient w.r.t. log p(x, z) for [S, B] log weights, against the direct tfjs
 * IWAE bound (tfjs's `logSumExp` over the k samples of a group, minus log k, averaged) in the same run: what the
 * log-domain logaddexp and the written-out gradients cost over the plain bound. Both read the gradient back.
 * Medians of wall-clock time (ms) and M log weights/s, on wasm (the default in Node) and cpu.
 *
 * Run: pnpm --filter @proj/robust-vi bench
 */
import { formatTable, measure } from '@proj/bench';
import { describeBackend, initBackend, randomNormal } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { robustBound } from '../src/index.js';

const TIMING = { warmup: 2, minRuns: 5, maxRuns: 30, minTimeMs: 1000 };
const CASES = [
  { samples: 1, objects: 100_000, k: 1 },
  { samples: 10, objects: 10_000, k: 10 },
  { samples: 200, objects: 1000, k: 200 },
] as const;

/** The direct IWAE bound (ELBO for k = 1) per object, with tfjs's logSumExp. */
function directBound(logJoint: tf.Tensor, logQ: tf.Tensor, k: number): tf.Tensor {
  const [samples, objects] = logJoint.shape as [number, number];
  const grouped = tf.reshape(tf.sub(logJoint, logQ), [samples / k, k, objects]);
  return tf.mean(tf.sub(tf.logSumExp(grouped, 1), Math.log(k)), 0);
}

function step(bound: (logJoint: tf.Tensor) => tf.Tensor, logJoint: tf.Tensor): void {
  const g = tf.grad((t) => tf.sum(bound(t)))(logJoint);
  g.dataSync();
  g.dispose();
}

const rows: Record<string, string | number>[] = [];
const backends: string[] = [];
for (const backend of ['wasm', 'cpu'] as const) {
  backends.push(describeBackend(await initBackend(backend)));
  for (const { samples, objects, k } of CASES) {
    const logJoint = randomNormal([samples, objects], 1, { mean: -100, stddev: 5 });
    const logQ = randomNormal([samples, objects], 2);
    const size = samples * objects;
    // One after the other in the same process: compare the ratio (the shared machine is noisy).
    const direct = (await measure(() => step((t) => directBound(t, logQ, k), logJoint), TIMING)).medianMs;
    const plain = (
      await measure(
        () => step((t) => robustBound(t, logQ, { logAlpha: Number.NEGATIVE_INFINITY, k }), logJoint),
        TIMING,
      )
    ).medianMs;
    const robust = (await measure(() => step((t) => robustBound(t, logQ, { logAlpha: -100, k }), logJoint), TIMING))
      .medianMs;
    rows.push({
      case: `${backend}, S = ${samples}, B = ${objects}, k = ${k}`,
      'direct IWAE ms': direct,
      'direct M/s': size / direct / 1e3,
      'robust (log α = −∞) ms': plain,
      'robust (log α = −100) ms': robust,
      'robust M/s': size / robust / 1e3,
      'robust / direct': robust / direct,
    });
    tf.dispose([logJoint, logQ]);
  }
}
console.log(backends.join('; '));
console.log(formatTable(rows, 3));
