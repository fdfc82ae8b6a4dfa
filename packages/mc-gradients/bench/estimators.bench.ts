/**
 * Per-sample cost of each estimator on a 1,000-dimensional diagonal Gaussian: the time of one gradient
 * estimate (the estimator, then the gradient of its surrogate read back) divided by the number of samples,
 * on cpu and wasm side by side in one process.
 *
 * Run: pnpm --filter @proj/mc-gradients bench
 */
import { formatTable, measure } from '@proj/bench';
import { initBackend } from '@proj/core';
import { normal } from '@proj/core/distributions';
import * as tf from '@tensorflow/tfjs-core';
import {
  deltaMethod,
  type EstimatorOptions,
  type GradientEstimate,
  measureValued,
  optimalBaseline,
  pathwise,
  scoreFunction,
} from '../src/index.js';

const D = 1000;
type Names = 'loc' | 'scale';

interface Variant {
  readonly name: string;
  /** Draws per estimate: measure-valued estimators evaluate the cost 2·D times per draw and parameter. */
  readonly numSamples: number;
  readonly run: (options: EstimatorOptions<Names>) => GradientEstimate<Names>;
}

const VARIANTS: readonly Variant[] = [
  { name: 'score function', numSamples: 1000, run: scoreFunction },
  {
    name: 'score function, optimal baseline (25 draws)',
    numSamples: 1000,
    run: (o) => scoreFunction({ ...o, baseline: optimalBaseline() }),
  },
  { name: 'pathwise', numSamples: 1000, run: pathwise },
  { name: 'measure-valued, coupled', numSamples: 4, run: measureValued },
  { name: 'measure-valued, uncoupled', numSamples: 4, run: (o) => measureValued({ ...o, coupling: false }) },
  {
    name: 'score function + delta method (β on 25 draws)',
    numSamples: 1000,
    run: (o) => scoreFunction({ ...o, controlVariate: deltaMethod() }),
  },
  {
    name: 'pathwise + delta method (β on 25 draws)',
    numSamples: 1000,
    run: (o) => pathwise({ ...o, controlVariate: deltaMethod() }),
  },
  {
    name: 'measure-valued + delta method (β on 4 draws)',
    numSamples: 4,
    run: (o) => measureValued({ ...o, controlVariate: deltaMethod({ numCoefficientSamples: 4 }) }),
  },
];

/** A smooth cost of every coordinate: f(x) = Σ_j cos(x_j) + (x_j − 1)²/2. */
const cost = (x: tf.Tensor) => tf.sum(tf.add(tf.cos(x), tf.mul(0.5, tf.square(tf.sub(x, 1)))), -1);

const rows: Array<Record<string, string | number>> = [];
for (const backend of ['wasm', 'cpu'] as const) {
  await initBackend(backend);
  const loc = tf.randomNormal([D], 0, 1, 'float32', 1);
  const scale = tf.exp(tf.randomNormal([D], -1, 0.3, 'float32', 2));
  for (const variant of VARIANTS) {
    let seed = 0;
    const step = () => {
      const grads = tf.grads(
        (l, s) =>
          variant.run({
            cost,
            distribution: ({ loc: m, scale: sd }) => normal({ loc: m, scale: sd }, { validateArgs: false }),
            params: { loc: l!, scale: s! },
            numSamples: variant.numSamples,
            seed: seed++,
          }).surrogate,
      )([loc, scale]);
      for (const g of grads) g.dataSync();
      tf.dispose(grads);
    };
    const m = await measure(step, backend === 'cpu' ? { warmup: 1, minRuns: 3, maxRuns: 5, minTimeMs: 0 } : {});
    rows.push({
      backend,
      estimator: variant.name,
      'draws N': variant.numSamples,
      'ms / estimate': Number(m.medianMs.toPrecision(3)),
      'µs / draw': Number(((1000 * m.medianMs) / variant.numSamples).toPrecision(3)),
      'draws / s': Math.round((1000 * variant.numSamples) / m.medianMs),
    });
    console.error(`${backend} ${variant.name}: ${m.medianMs.toFixed(1)} ms`);
  }
  tf.dispose([loc, scale]);
}
console.log(`\nPer-draw cost of each estimator, diagonal Gaussian with D = ${D} (loc and scale: 2D parameters)\n`);
console.log(formatTable(rows));
