import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from '../../testing/expect-close.js';
import { expectNoLeaks } from '../../testing/expect-no-leaks.js';
import { describeBackends } from '../../vitest/describe-backends.js';
import { initBackend } from '../init-backend.js';
import { WEBGPU_KERNEL_COMPLETIONS, WEBGPU_KERNEL_GUARDS } from './register-webgpu-kernels.js';

let nextSeed = 100;
/** Seeded normal values made on cpu, so that every backend gets the same numbers. */
function hostNormal(shape: number[]): Float32Array {
  return tf.tidy(() => tf.randomNormal(shape, 0, 1, 'float32', nextSeed++).dataSync() as Float32Array);
}

/** Runs `compute` on cpu (the reference) and on `backend`, and returns both results as plain arrays. */
async function onCpuAndBackend(backend: string, compute: () => tf.Tensor[]): Promise<[number[][], number[][]]> {
  const run = () => tf.tidy(() => compute().map((t) => Array.from(t.dataSync())));
  await tf.setBackend('cpu');
  const expected = run();
  await tf.setBackend(backend);
  return [run(), expected];
}

/**
 * Conformance of the webgpu completions (WEBGPU_KERNEL_COMPLETIONS, WEBGPU_KERNEL_GUARDS, the synchronous
 * read), backend under test vs the cpu reference. Checked on wasm in the default run (the cases hold for every
 * backend) and on the backend PROJ_BACKEND names otherwise: `PROJ_BACKEND=webgpu` (.ci/webgpu) runs them on
 * WebGPU. The kernels shared with wasm (MaxPoolGrad, UnsortedSegmentSum, the dilated depthwise gradients and
 * the rank ≥ 7 binary ops) are checked by the kernel conformance suite of wasm-kernels.
 */
describeBackends(
  'webgpu completions: backend under test vs cpu',
  (backend) => {
    beforeAll(async () => {
      await initBackend('cpu');
      await initBackend(backend);
    });

    describe('Select (tf.where) of rank 5 and more', () => {
      it.each([[[2, 3, 1, 2, 2]], [[2, 1, 2, 3, 2, 2]], [[2, 2, 1, 2, 1, 2, 3]]])(
        'shape %j, with a full condition and with one broadcast along the last axis',
        async (shape) => {
          const [a, b, c] = [hostNormal(shape), hostNormal(shape), hostNormal(shape)];
          const lastAxisFlags = hostNormal([shape[shape.length - 1]!]);
          const [actual, expected] = await onCpuAndBackend(backend, () => {
            const [x, y, z] = [a, b, c].map((values) => tf.tensor(values, shape));
            return [tf.where(tf.greater(z!, 0), x!, y!), tf.where(tf.greater(tf.tensor1d(lastAxisFlags), 0), x!, y!)];
          });
          for (const [i, values] of actual.entries()) expect(values).toEqual(expected[i]);
        },
      );
    });

    describe('binary elementwise ops of rank 7', () => {
      const ops: Array<[string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor]> = [
        ['Maximum', tf.maximum],
        ['Minimum', tf.minimum],
        ['Pow', (a, b) => tf.pow(tf.abs(a), b)],
        ['FloorDiv', tf.floorDiv],
        ['Mod', tf.mod],
        ['Atan2', tf.atan2],
        ['Greater', tf.greater],
        ['LessEqual', tf.lessEqual],
        ['NotEqual', (a, b) => tf.notEqual(tf.round(a), tf.round(b))],
        ['LogicalAnd', (a, b) => tf.logicalAnd(tf.greater(a, 0), tf.greater(b, 0))],
      ];
      it.each(ops)('%s matches cpu for equal and broadcast shapes', async (_, op) => {
        const shape = [2, 2, 3, 2, 1, 2, 2];
        const broadcast = [2, 1, 3, 1, 1, 1, 2];
        const [a, b, c] = [hostNormal(shape), hostNormal(broadcast), hostNormal(shape)];
        const [actual, expected] = await onCpuAndBackend(backend, () => {
          const x = tf.tensor(a, shape);
          return [op(x, tf.tensor(b, broadcast)), op(x, tf.tensor(c, shape))];
        });
        // rtol 1e-5: float32 transcendental functions (atan2, pow) differ by a few ulps between backends.
        for (const [i, values] of actual.entries()) expectClose(values, expected[i]!, { rtol: 1e-5, atol: 1e-6 });
      });
    });

    describe('Transpose of rank 7 and 8', () => {
      it.each([
        // merges to ≤ 6 axes (the GPU shader runs), and a reversal of 7 axes that merges to nothing (host path)
        [
          [2, 3, 1, 2, 2, 3, 2, 2],
          [0, 1, 2, 5, 6, 7, 3, 4],
        ],
        [
          [2, 3, 2, 2, 1, 2, 3],
          [6, 0, 1, 2, 3, 4, 5],
        ],
        [
          [2, 3, 2, 2, 3, 2, 2],
          [6, 5, 4, 3, 2, 1, 0],
        ],
      ])('shape %j, perm %j matches cpu', async (shape, perm) => {
        const a = hostNormal(shape);
        const [actual, expected] = await onCpuAndBackend(backend, () => [
          tf.transpose(tf.log(tf.exp(tf.tensor(a, shape))), perm),
        ]);
        expectClose(actual[0]!, expected[0]!, { rtol: 1e-6, atol: 1e-6 });
      });
    });

    describe('unary elementwise ops of rank 7', () => {
      const ops: Array<[string, (a: tf.Tensor) => tf.Tensor]> = [
        ['Exp', tf.exp],
        ['Round', tf.round],
        ['Cast', (a) => tf.cast(tf.mul(a, 10), 'int32')],
        ['Tanh', tf.tanh],
        ['LogicalNot', (a) => tf.logicalNot(tf.greater(a, 0))],
      ];
      it.each(ops)('%s matches cpu', async (_, op) => {
        const shape = [2, 1, 3, 2, 2, 1, 2];
        const a = hostNormal(shape);
        // The input is made on the backend (exp of log), so that the op runs there rather than on CPU copies.
        const [actual, expected] = await onCpuAndBackend(backend, () => [op(tf.log(tf.exp(tf.tensor(a, shape))))]);
        expectClose(actual[0]!, expected[0]!, { rtol: 1e-6, atol: 1e-6 });
      });
    });

    it.each([
      [
        [2, 3, 2, 1, 2],
        [
          [0, 0],
          [1, 2],
          [0, 0],
          [0, 1],
          [0, 0],
        ],
      ],
      [
        [2, 1, 2, 3, 2, 2],
        [
          [1, 0],
          [0, 0],
          [0, 0],
          [2, 1],
          [0, 0],
          [0, 0],
        ],
      ],
      [
        [2, 2, 1, 2, 2],
        [
          [1, 1],
          [1, 0],
          [0, 1],
          [2, 0],
          [0, 1],
        ],
      ],
    ])('pads rank ≥ 5 inputs like cpu: shape %j, paddings %j', async (shape, paddings) => {
      const a = hostNormal(shape);
      const [actual, expected] = await onCpuAndBackend(backend, () => [
        tf.pad(tf.exp(tf.tensor(a, shape)), paddings as Array<[number, number]>, 0.5),
      ]);
      expectClose(actual[0]!, expected[0]!, { rtol: 1e-6, atol: 1e-6 });
    });

    it.each([
      [
        [2, 3, 2, 1, 2, 2, 3],
        [1, 2],
      ],
      [
        [2, 3, 2, 1, 2, 2, 3],
        [0, 6],
      ],
      [
        [2, 3, 2, 2, 2, 2, 3, 2],
        [0, 2, 4, 6],
      ],
    ])('reduces rank ≥ 7 inputs like cpu: shape %j, axes %j', async (shape, axes) => {
      const a = hostNormal(shape);
      const [actual, expected] = await onCpuAndBackend(backend, () => {
        const x = tf.exp(tf.tensor(a, shape));
        return [tf.sum(x, axes), tf.max(x, axes, true), tf.mean(x, axes), tf.any(tf.greater(x, 1), axes)];
      });
      for (const [i, values] of actual.entries()) expectClose(values, expected[i]!, { rtol: 1e-5, atol: 1e-6 });
    });

    const splitKCases: Array<[number, number, number, boolean]> = [
      [24, 20, 2048, false],
      [24, 20, 2048, true],
      [4, 3, 4096, true],
    ];
    it.each(splitKCases)('multiplies [%i, k]·[%i, k]ᵀ with k = %i (fused: %s) like cpu', async (m, n, k, fused) => {
      const [a, b] = [hostNormal([m, k]), hostNormal([n, k])];
      const [actual, expected] = await onCpuAndBackend(backend, () => {
        const [x, y] = [tf.exp(tf.tensor2d(a, [m, k])), tf.mul(tf.tensor2d(b, [n, k]), 1.5)];
        return [
          fused ? tf.fused.matMul({ a: x, b: y, transposeB: true, activation: 'relu' }) : tf.matMul(x, y, false, true),
        ];
      });
      expectClose(actual[0]!, expected[0]!, { rtol: 1e-4, atol: 1e-3 });
    });

    it.each([8, 15, 50])('adds %i tensors like cpu (more than fit in one shader)', async (count) => {
      const terms = Array.from({ length: count }, () => hostNormal([3, 4]));
      const [actual, expected] = await onCpuAndBackend(backend, () => [
        tf.addN(terms.map((values) => tf.exp(tf.tensor2d(values, [3, 4])))),
      ]);
      expectClose(actual[0]!, expected[0]!);
    });

    it('gives argMax and argMin of a vector the shape []', async () => {
      await tf.setBackend(backend);
      const v = tf.exp(tf.tensor1d([0.2, 0.8, -1]));
      const [max, min] = [tf.argMax(v), tf.argMin(v, 0)];
      expect([max.shape, min.shape]).toEqual([[], []]);
      expect([max.dataSync()[0], min.dataSync()[0]]).toEqual([1, 2]);
      tf.dispose([v, max, min]);
    });

    it('reads results back synchronously, the same values as await data()', async () => {
      await tf.setBackend(backend);
      const a = tf.tensor2d(hostNormal([33, 17]), [33, 17]);
      const product = tf.matMul(a, a, false, true);
      const flags = tf.greater(product, 0);
      const viaSync = Array.from(product.dataSync());
      const viaAsync = Array.from(await tf.matMul(a, a, false, true).data());
      expect(viaSync).toEqual(viaAsync);
      expect(Array.from(flags.dataSync())).toEqual(viaSync.map((v) => (v > 0 ? 1 : 0)));
      expect(tf.cast(tf.round(product), 'int32').arraySync()).toEqual(
        (product.arraySync() as number[][]).map((row) => row.map((v) => Math.round(v) + 0)),
      );
      tf.dispose([a, product, flags]);
    });

    it('leaks no tensors', async () => {
      await tf.setBackend(backend);
      const x = tf.tensor(hostNormal([2, 2, 1, 2, 3, 1, 2]), [2, 2, 1, 2, 3, 1, 2]);
      const pooled = tf.randomNormal([1, 6, 6, 2], 0, 1, 'float32', 3) as tf.Tensor4D;
      await expectNoLeaks(() => tf.tidy(() => tf.where(tf.greater(x, 0), tf.maximum(x, 0.5), tf.neg(tf.exp(x)))));
      await expectNoLeaks(() => tf.grad((v) => tf.sum(tf.maxPool(v as tf.Tensor4D, 2, 2, 'same')))(pooled));
      tf.dispose([x, pooled]);
    });

    it.runIf(backend === 'webgpu')('reports the completed kernels and the synchronous read', async () => {
      const info = await initBackend('webgpu');
      expect(info.completedKernels).toEqual(expect.arrayContaining(['MaxPoolGrad', 'AddN', 'PadV2', 'readSync']));
      expect(info.missingKernels).not.toContain('MaxPoolGrad');
    });

    it('lists every completion and guard', () => {
      expect(Object.keys(WEBGPU_KERNEL_COMPLETIONS).sort()).toEqual(['MaxPoolGrad', 'UnsortedSegmentSum']);
      expect(Object.keys(WEBGPU_KERNEL_GUARDS)).toEqual(expect.arrayContaining(['Select', 'ArgMax', 'Exp', 'Add']));
    });
  },
  { backends: ['wasm'] },
);
