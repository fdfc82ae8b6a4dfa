/**
 * The accuracy table of @proj/core/special: per fixture range (mpmath values at float32 inputs, written by
 * tools/fixtures/special_functions.py), the largest relative error of the float32 op output and of its
 * gradient (tf.grads). Then the throughput of a few ops on 1e6 elements, as the README quotes it. Runs on
 * wasm, the default backend in Node (the ops compute on the host, so every backend gives the same values).
 *
 * Run: cd packages/core && node --conditions=@proj/source --import tsx scripts/special-accuracy.ts
 */
import { formatTable, measure } from '@proj/bench';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../src/index.js';
import * as special from '../src/special/index.js';
import {
  compare,
  DERIVATIVE_FLOOR,
  evaluateGradients,
  evaluateOp,
  loadFixture,
} from '../test/fixtures/special/fixtures.js';

const ops: Readonly<Record<string, (...args: tf.Tensor[]) => tf.Tensor>> = {
  lgamma: special.lgamma,
  digamma: special.digamma,
  trigamma: special.trigamma,
  logBeta: special.logBeta,
  igamma: special.igamma,
  igammac: special.igammac,
  erfinv: special.erfinv,
  ndtri: special.ndtri,
  i0e: special.i0e,
  i1e: special.i1e,
  logI0: special.logI0,
  softplusInverse: special.softplusInverse,
  log1mexp: special.log1mexp,
};

const format = (error: number) => (error === 0 ? '0' : error.toExponential(1));

await initBackend('wasm');
const rows = Object.entries(ops).flatMap(([name, op]) =>
  loadFixture(name).ranges.map((range) => {
    const value = compare(range, evaluateOp(op, range), range.value);
    const gradients = evaluateGradients(op, range);
    const gradient = Math.max(
      ...Object.values(range.derivatives).map((exact, i) => compare(range, gradients[i]!, exact, DERIVATIVE_FLOOR).max),
    );
    return {
      function: `\`${name}\``,
      range: range.name.replaceAll('|', '\\|'),
      points: value.points,
      'max relative error': format(value.max),
      'gradient max relative error': format(gradient),
    };
  }),
);
console.log(formatTable(rows));

const size = 1_000_000;
const positive = tf.randomUniform([size], 0.01, 100, 'float32', 1);
const unit = tf.randomUniform([size], 0.001, 0.999, 'float32', 2);
const timed: Array<[string, () => tf.Tensor]> = [
  ['lgamma', () => special.lgamma(positive)],
  ['digamma', () => special.digamma(positive)],
  ['igamma (x = a)', () => special.igamma(positive, positive)],
  ['ndtri', () => special.ndtri(unit)],
  ['i0e', () => special.i0e(positive)],
];
const throughput: string[] = [];
for (const [name, run] of timed) {
  const { medianMs } = await measure(() => {
    const y = run();
    y.dataSync();
    y.dispose();
  });
  throughput.push(`${name} ${((size / medianMs) * 1e-3).toFixed(0)}`);
}
tf.dispose([positive, unit]);
console.log(`\nMillion elements per second on wasm, 1e6 elements, read back included: ${throughput.join(', ')}`);
