/**
 * TTDense against tfjs' dense layer of the same shape, side by side in one run: T3F's MNIST layer 784 → 625
 * (modes [7,4,7,4] → [5,5,5,5]) at TT-ranks 4 and 16, batches of 32 and 256. Each row times, interleaved,
 * the forward pass (apply + readback) and forward + backward (tf.variableGrads of the summed output w.r.t.
 * every trainable weight, all gradients read back) of both layers, and counts the kernels of one forward
 * pass (tf.profile). The dense layer is the reference: `ratio` = TT time / dense time (below 1: TT faster).
 *
 * Run: cd packages/tt && node --conditions=@proj/source --import tsx bench/layers.bench.ts [wasm|cpu]
 */
import { formatTable, measure } from '@proj/bench';
import { type BackendName, initBackend, randomNormal } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { TTDense } from '../src/layers/tt-dense.js';

const backend = await initBackend((process.argv[2] ?? 'wasm') as BackendName);
const options = { warmup: 3, minRuns: 10, maxRuns: 60, minTimeMs: 1500 };

// The tidies return nothing: tidy walks a returned typed array key by key (100+ ms for 160k numbers).
function forward(layer: tfl.layers.Layer, x: tf.Tensor): void {
  tf.tidy(() => {
    (layer.apply(x) as tf.Tensor).dataSync();
  });
}

function forwardBackward(layer: tfl.layers.Layer, x: tf.Tensor): void {
  tf.tidy(() => {
    const variables = layer.trainableWeights.map((w) => w.read() as tf.Variable);
    const { value, grads } = tf.variableGrads(() => tf.sum(layer.apply(x) as tf.Tensor) as tf.Scalar, variables);
    for (const grad of Object.values(grads)) grad.dataSync();
    value.dataSync();
  });
}

async function kernels(layer: tfl.layers.Layer, x: tf.Tensor): Promise<number> {
  return (await tf.profile(() => forward(layer, x))).kernels.length;
}

const rows: Record<string, unknown>[] = [];
for (const rank of [4, 16]) {
  for (const batch of [32, 256]) {
    const tt = new TTDense({ inputModes: [7, 4, 7, 4], outputModes: [5, 5, 5, 5], ttRank: rank });
    const dense = tfl.layers.dense({ units: 625 });
    const x = randomNormal([batch, 784], 1);
    forward(tt, x); // builds both
    forward(dense, x);
    const timings: Record<string, number> = {};
    // interleaved: TT, dense, TT, dense, so that load from other work on the machine hits both alike
    for (const [name, layer] of [
      ['tt', tt],
      ['dense', dense],
    ] as const) {
      timings[`${name} fwd`] = (await measure(() => forward(layer, x), options)).medianMs;
      timings[`${name} fwd+bwd`] = (await measure(() => forwardBackward(layer, x), options)).medianMs;
    }
    for (const [name, layer] of [
      ['tt', tt],
      ['dense', dense],
    ] as const) {
      timings[`${name} fwd`] = Math.min(
        timings[`${name} fwd`]!,
        (await measure(() => forward(layer, x), options)).medianMs,
      );
      timings[`${name} fwd+bwd`] = Math.min(
        timings[`${name} fwd+bwd`]!,
        (await measure(() => forwardBackward(layer, x), options)).medianMs,
      );
    }
    rows.push({
      'TT-rank': rank,
      batch,
      'TT params': tt.countParams(),
      'dense params': dense.countParams(),
      'TT kernels (fwd)': await kernels(tt, x),
      'dense kernels (fwd)': await kernels(dense, x),
      'TT fwd ms': timings['tt fwd'],
      'dense fwd ms': timings['dense fwd'],
      'fwd ratio': timings['tt fwd']! / timings['dense fwd']!,
      'TT fwd+bwd ms': timings['tt fwd+bwd'],
      'dense fwd+bwd ms': timings['dense fwd+bwd'],
      'fwd+bwd ratio': timings['tt fwd+bwd']! / timings['dense fwd+bwd']!,
      'TT rows/s (fwd+bwd)': Math.round(batch / (timings['tt fwd+bwd']! / 1000)),
      'dense rows/s (fwd+bwd)': Math.round(batch / (timings['dense fwd+bwd']! / 1000)),
    });
    tf.dispose([x, ...tt.weights.map((w) => w.read()), ...dense.weights.map((w) => w.read())]);
  }
}
console.log(
  `TTDense [7,4,7,4] → [5,5,5,5] vs dense 784 → 625 on ${backend.backend} (median ms per call, best of two interleaved rounds)\n`,
);
console.log(formatTable(rows, 3));
