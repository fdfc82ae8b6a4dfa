import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from '../../testing/expect-close.js';
import { expectNoLeaks } from '../../testing/expect-no-leaks.js';
import { describeBackends } from '../../vitest/describe-backends.js';
import type { BackendName } from '../backend-name.js';
import { initBackend } from '../init-backend.js';
import { coalesce } from './high-rank-binary-guard.js';
import { WASM_KERNEL_COMPLETIONS } from './register-wasm-kernels.js';

interface HostTensor {
  readonly values: Float32Array | Int32Array;
  readonly shape: number[];
  readonly dtype: 'float32' | 'int32';
}

let nextSeed = 1;
/** Seeded normal values, made on the host (tfjs's seeded randomNormal) so that both backends get the same numbers. */
function normal(shape: number[]): HostTensor {
  return tf.tidy(() => ({
    values: tf.randomNormal(shape, 0, 1, 'float32', nextSeed++).dataSync() as Float32Array,
    shape,
    dtype: 'float32',
  }));
}

/** Small integers in [-3, 3]: many ties and negative window maxima, the cases MaxPoolGrad gets wrong. */
function smallIntegers(shape: number[]): HostTensor {
  return tf.tidy(() => ({
    values: tf.floor(tf.randomUniform(shape, -3, 4, 'float32', nextSeed++)).dataSync() as Float32Array,
    shape,
    dtype: 'float32',
  }));
}

/** Runs a kernel on `backend` (which must be set up already) and reads its output back. */
async function runKernel(
  backend: BackendName,
  kernelName: string,
  inputs: Record<string, HostTensor>,
  attrs: object,
): Promise<{ values: Float32Array | Int32Array; shape: number[] }> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const tensors = Object.fromEntries(
      Object.entries(inputs).map(([name, t]) => [name, tf.tensor(t.values.slice(), t.shape, t.dtype)]),
    );
    const out = tf.engine().runKernel(kernelName, tensors, attrs as tf.NamedAttrMap) as tf.Tensor;
    return { values: (out.dataSync() as Float32Array).slice(), shape: out.shape };
  });
}

/** Runs the kernel on cpu (the reference) and on `backend` (the one under test) and compares to float32 accuracy. */
async function expectMatchesCpu(
  backend: BackendName,
  kernelName: string,
  inputs: Record<string, HostTensor>,
  attrs: object,
) {
  const reference = await runKernel('cpu', kernelName, inputs, attrs);
  const actual = await runKernel(backend, kernelName, inputs, attrs);
  expect(actual.shape).toEqual(reference.shape);
  const scale = Math.max(1, ...Array.from(reference.values, Math.abs));
  expectClose(actual.values, reference.values, { rtol: 1e-5, atol: 1e-6 * scale });
}

type Pad = 'same' | 'valid' | number | [[0, 0], [number, number], [number, number], [0, 0]];
const PADS: Pad[] = [
  'same',
  'valid',
  1,
  [
    [0, 0],
    [2, 0],
    [1, 3],
    [0, 0],
  ],
];

/** [outHeight, outWidth] of a conv/pool, as tfjs computes them (the kernels read the same geometry). */
function outHW(
  xShape: number[],
  filterShape: number[],
  strides: number | [number, number],
  pad: Pad,
  dilations: number | [number, number] = 1,
  depthwise = false,
): [number, number] {
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    strides,
    dilations,
    pad,
    undefined,
    depthwise,
  );
  return [info.outHeight, info.outWidth];
}

/**
 * Kernel conformance, backend under test vs the cpu reference: the kernels this package adds to wasm
 * (WASM_KERNEL_COMPLETIONS) and the wasm fixes (matMul weight aliases, elementwise ops of rank ≥ 7), checked on
 * wasm in the default run and on the backend PROJ_BACKEND names otherwise.
 */
describeBackends(
  'kernel conformance: backend under test vs cpu',
  (backend) => {
    beforeAll(async () => {
      // describeBackends has set up `backend`; the reference needs cpu as well.
      await initBackend('cpu');
      await initBackend(backend);
    });

    describe('Conv2DBackpropFilter', () => {
      const cases: Array<[number[], number[], number | [number, number], Pad, 'NHWC' | 'NCHW']> = [];
      for (const pad of PADS) {
        for (const strides of [1, 2, [2, 3]] as Array<number | [number, number]>)
          cases.push([[2, 7, 9, 3], [3, 3, 3, 4], strides, pad, 'NHWC']);
      }
      cases.push([[1, 6, 5, 2], [1, 1, 2, 3], 1, 'valid', 'NHWC']);
      cases.push([[3, 8, 8, 1], [2, 2, 1, 5], 2, 'same', 'NHWC']);
      cases.push([[2, 11, 10, 4], [5, 3, 4, 2], [3, 2], 'same', 'NHWC']);
      cases.push([[2, 7, 9, 3], [3, 3, 3, 4], 2, 'same', 'NCHW']);
      // x smaller than dy at stride 1 (x becomes the conv's filter): NCHW, and padding wider than the filter (crops dy).
      cases.push([[2, 7, 9, 3], [3, 3, 3, 4], 1, 'same', 'NCHW']);
      cases.push([
        [1, 6, 7, 2],
        [3, 2, 2, 3],
        1,
        [
          [0, 0],
          [4, 1],
          [0, 3],
          [0, 0],
        ],
        'NHWC',
      ]);
      // kh·kw·ci ≤ co (the identity-filter im2col path): strides, paddings, NCHW.
      cases.push([[3, 12, 12, 1], [3, 3, 1, 9], 1, 'same', 'NHWC']);
      cases.push([[2, 9, 8, 1], [3, 3, 1, 12], [2, 3], PADS[3]!, 'NHWC']);
      cases.push([[2, 11, 10, 2], [2, 3, 2, 16], 2, 'valid', 'NCHW']);
      it.each(cases)('x %j filter %j strides %j pad %j %s', async (xShape, filterShape, strides, pad, dataFormat) => {
        const [b, h, w] = xShape as [number, number, number, number];
        const [oh, ow] = outHW(xShape, filterShape, strides, pad);
        const co = filterShape[3]!;
        const nhwc = dataFormat === 'NHWC';
        const x = normal(nhwc ? xShape : [b, xShape[3]!, h, w]);
        const dy = normal(nhwc ? [b, oh, ow, co] : [b, co, oh, ow]);
        await expectMatchesCpu(
          backend,
          'Conv2DBackpropFilter',
          { x, dy },
          {
            strides,
            pad,
            dataFormat,
            dimRoundingMode: undefined,
            filterShape,
          },
        );
      });
    });

    describe('Conv2DBackpropInput', () => {
      type Case = [number[], number[], number | [number, number], Pad, 'NHWC' | 'NCHW'];
      const cases: Case[] = [];
      for (const pad of PADS) {
        for (const strides of [1, 2, [2, 3]] as Array<number | [number, number]>)
          cases.push([[2, 7, 9, 3], [3, 3, 3, 4], strides, pad, 'NHWC']);
      }
      cases.push([[1, 6, 5, 2], [1, 1, 2, 3], 1, 'valid', 'NHWC']);
      cases.push([[3, 8, 8, 1], [2, 2, 1, 5], 2, 'same', 'NHWC']);
      cases.push([[2, 11, 10, 4], [5, 3, 4, 2], [3, 2], 'same', 'NHWC']);
      // Rows and columns no window reaches (valid, stride 3 over 10), and explicit padding wider than the filter.
      cases.push([[2, 10, 11, 3], [3, 3, 3, 2], 3, 'valid', 'NHWC']);
      cases.push([
        [1, 6, 7, 2],
        [3, 2, 2, 3],
        [2, 1],
        [
          [0, 0],
          [4, 1],
          [0, 3],
          [0, 0],
        ],
        'NHWC',
      ]);
      cases.push([[5, 13, 4, 7], [4, 4, 7, 6], 1, 'same', 'NHWC']);
      cases.push([[2, 7, 9, 3], [3, 3, 3, 4], 2, 'same', 'NCHW']);
      cases.push([[2, 7, 9, 3], [3, 3, 3, 4], 1, 'valid', 'NCHW']);
      it.each(cases)('x %j filter %j strides %j pad %j %s', async (xShape, filterShape, strides, pad, dataFormat) => {
        const [b, h, w, c] = xShape as [number, number, number, number];
        const [oh, ow] = outHW(xShape, filterShape, strides, pad);
        const co = filterShape[3]!;
        const nhwc = dataFormat === 'NHWC';
        const dy = normal(nhwc ? [b, oh, ow, co] : [b, co, oh, ow]);
        const filter = normal(filterShape);
        await expectMatchesCpu(
          backend,
          'Conv2DBackpropInput',
          { dy, filter },
          { strides, pad, dataFormat, dimRoundingMode: undefined, inputShape: nhwc ? xShape : [b, c, h, w] },
        );
      });
    });

    describe('DepthwiseConv2dNativeBackpropFilter and BackpropInput', () => {
      const cases: Array<[number[], number[], number | [number, number], Pad, number | [number, number]]> = [];
      for (const pad of PADS) {
        cases.push([[2, 9, 8, 3], [3, 3, 3, 2], 1, pad, 1]);
        cases.push([[2, 9, 8, 3], [3, 3, 3, 2], 2, pad, 1]);
        cases.push([[2, 9, 8, 3], [3, 3, 3, 1], 1, pad, 2]);
      }
      cases.push([[1, 10, 11, 2], [3, 2, 2, 3], 1, 'same', [2, 1]]);
      cases.push([[2, 8, 7, 4], [2, 3, 4, 1], [2, 3], 'valid', 1]);
      cases.push([[1, 12, 12, 2], [5, 5, 2, 2], [3, 3], 'same', 1]);
      // tfjs-backend-cpu 4.22's depthwise gradient kernels ignore dilations (tfjs's own depthwise gradient never
      // passes any), so the dilated cases conform only where these kernels are ours (wasm) or native.
      const supported = backend === 'cpu' ? cases.filter((c) => c[4] === 1) : cases;
      it.each(supported)(
        'x %j filter %j strides %j pad %j dilations %j',
        async (xShape, filterShape, strides, pad, dilations) => {
          const [b, , , c] = xShape as [number, number, number, number];
          const [oh, ow] = outHW(xShape, filterShape, strides, pad, dilations, true);
          const dy = normal([b, oh, ow, c * filterShape[3]!]);
          const x = normal(xShape);
          const attrs = { strides, dilations, pad, dimRoundingMode: undefined };
          const filter = normal(filterShape);
          if (dilations === 1) {
            await expectMatchesCpu(
              backend,
              'DepthwiseConv2dNativeBackpropFilter',
              { x, dy },
              { ...attrs, filterShape },
            );
            await expectMatchesCpu(
              backend,
              'DepthwiseConv2dNativeBackpropInput',
              { dy, filter },
              { ...attrs, inputShape: xShape },
            );
          } else {
            await expectGradientsAreAdjoint(x, dy, filter, attrs);
          }
        },
      );
    });

    /**
     * The cpu kernels ignore dilations in the depthwise gradients (tfjs's depthwise gradient never passes any), so
     * dilated cases use identities instead. The forward op y = depthwiseConv2d(x, W) is linear in each argument
     * and the gradients are its adjoints: ⟨dW, V⟩ = ⟨dy, conv(x, V)⟩ and ⟨dx, U⟩ = ⟨dy, conv(U, W)⟩ for every
     * V and U; the forward op on cpu handles dilations.
     */
    async function expectGradientsAreAdjoint(
      x: HostTensor,
      dy: HostTensor,
      filter: HostTensor,
      attrs: { strides: number | [number, number]; dilations: number | [number, number]; pad: Pad },
    ) {
      const dot = (a: ArrayLike<number>, b: ArrayLike<number>) =>
        Array.from(a).reduce((acc, value, i) => acc + value * b[i]!, 0);
      const filterShape = filter.shape;
      const dW = await runKernel(backend, 'DepthwiseConv2dNativeBackpropFilter', { x, dy }, { ...attrs, filterShape });
      const dx = await runKernel(
        backend,
        'DepthwiseConv2dNativeBackpropInput',
        { dy, filter },
        { ...attrs, inputShape: x.shape },
      );
      for (let probe = 0; probe < 3; probe++) {
        const v = normal(filterShape);
        const u = normal(x.shape);
        const convV = await runKernel('cpu', 'DepthwiseConv2dNative', { x, filter: v }, attrs);
        const convU = await runKernel('cpu', 'DepthwiseConv2dNative', { x: u, filter }, attrs);
        await tf.setBackend(backend); // expectClose scales its tolerances for the active backend.
        expectClose(dot(dW.values, v.values), dot(convV.values, dy.values), { rtol: 1e-5, atol: 1e-4 });
        expectClose(dot(dx.values, u.values), dot(convU.values, dy.values), { rtol: 1e-5, atol: 1e-4 });
      }
    }

    describe('MaxPoolGrad', () => {
      const cases: Array<[number[], number | [number, number], number | [number, number], Pad]> = [];
      for (const pad of ['same', 'valid', 1] as const) {
        cases.push([[2, 8, 8, 3], 2, 2, pad]);
        cases.push([[2, 9, 7, 3], 3, 2, pad]);
        cases.push([[2, 9, 7, 2], 3, 1, pad]);
        cases.push([[1, 10, 9, 2], [2, 3], [3, 2], pad]);
      }
      cases.push([[1, 7, 7, 2], 2, 3, 'valid']);
      cases.push([[3, 11, 13, 5], 3, 3, 'same']);
      cases.push([[2, 9, 9, 17], [3, 2], 1, 'valid']);
      cases.push([[1, 6, 5, 3], 1, [2, 1], 'valid']);
      cases.push([[2, 10, 11, 4], 4, 2, 2]);
      it.each(cases)(
        'x %j filter %j strides %j pad %j (ties, negative maxima)',
        async (xShape, filterSize, strides, pad) => {
          const input = smallIntegers(xShape);
          const attrs = { filterSize, strides, pad, dimRoundingMode: undefined };
          const output = await runKernel('cpu', 'MaxPool', { x: input }, attrs);
          const dy = normal(output.shape);
          await expectMatchesCpu(
            backend,
            'MaxPoolGrad',
            { dy, input, output: { values: output.values, shape: output.shape, dtype: 'float32' } },
            attrs,
          );
        },
      );

      it('routes the gradient of a window with a negative maximum to that maximum', async () => {
        await tf.setBackend(backend);
        const x = tf.tensor4d([-5, -2, -3, -4], [1, 2, 2, 1]);
        const gradient = tf.grad((v: tf.Tensor) => tf.sum(tf.maxPool(v as tf.Tensor4D, 2, 2, 'valid')))(x);
        expectClose(gradient, [0, 1, 0, 0], { rtol: 0, atol: 0 });
        tf.dispose([x, gradient]);
      });

      it('skips NaN like the cpu backend (a window of only NaN gets no gradient)', async () => {
        const input: HostTensor = {
          values: Float32Array.of(Number.NaN, 1, Number.NaN, Number.NaN, 2, Number.NaN, Number.NaN, Number.NaN),
          shape: [1, 2, 4, 1],
          dtype: 'float32',
        };
        const attrs = { filterSize: 2, strides: 2, pad: 'valid', dimRoundingMode: undefined };
        const dy: HostTensor = { values: Float32Array.of(3, 5), shape: [1, 1, 2, 1], dtype: 'float32' };
        const output: HostTensor = { values: Float32Array.of(2, Number.NaN), shape: [1, 1, 2, 1], dtype: 'float32' };
        const reference = await runKernel('cpu', 'MaxPoolGrad', { dy, input, output }, attrs);
        const got = await runKernel(backend, 'MaxPoolGrad', { dy, input, output }, attrs);
        expect(Array.from(reference.values)).toEqual([0, 0, 0, 0, 3, 0, 0, 0]);
        expect(Array.from(got.values)).toEqual(Array.from(reference.values));
      });

      it('gives the gradient to the first of tied maxima and none to a window of -Infinity', async () => {
        const input: HostTensor = {
          values: Float32Array.of(1, 1, -Infinity, -Infinity, 1, 1, -Infinity, -Infinity),
          shape: [1, 2, 4, 1],
          dtype: 'float32',
        };
        const attrs = { filterSize: 2, strides: 2, pad: 'valid', dimRoundingMode: undefined };
        const output = await runKernel(backend, 'MaxPool', { x: input }, attrs);
        const dy: HostTensor = { values: Float32Array.of(1, 1), shape: [1, 1, 2, 1], dtype: 'float32' };
        const got = await runKernel(
          backend,
          'MaxPoolGrad',
          { dy, input, output: { ...output, dtype: 'float32' } },
          attrs,
        );
        expect(Array.from(got.values)).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
      });
    });

    describe('Identity', () => {
      it('returns the values without copying them, and frees the data with its last reference', async () => {
        await tf.setBackend(backend);
        const dataIdsBefore = tf.engine().backend.numDataIds();
        const x = tf.tensor2d([1, -2, 3, 4, 5, 6], [2, 3]);
        const y = tf.engine().runKernel('Identity', { x }) as tf.Tensor;
        expect(y.shape).toEqual([2, 3]);
        expect(Array.from(y.dataSync())).toEqual([1, -2, 3, 4, 5, 6]);
        expect(tf.engine().backend.numDataIds()).toBe(dataIdsBefore + 1);
        x.dispose();
        expect(Array.from(y.dataSync())).toEqual([1, -2, 3, 4, 5, 6]);
        y.dispose();
        expect(tf.engine().backend.numDataIds()).toBe(dataIdsBefore);
      });

      it('keeps a variable and its clone independent under assign', async () => {
        await tf.setBackend(backend);
        const v = tf.variable(tf.tensor1d([1, 2, 3]));
        const copy = tf.clone(v);
        v.assign(tf.tensor1d([7, 8, 9]));
        expect(Array.from(copy.dataSync())).toEqual([1, 2, 3]);
        expect(Array.from(v.dataSync())).toEqual([7, 8, 9]);
        tf.dispose([v, copy]);
      });
    });

    describe('UnsortedSegmentSum', () => {
      /** out[s] = Σ_{i : ids[i] = s} x[i], ids outside [0, numSegments) dropped (TensorFlow's definition). */
      function segmentSumReference(x: HostTensor, ids: HostTensor, numSegments: number): Float64Array {
        const width = x.values.length / ids.values.length;
        const out = new Float64Array(numSegments * width);
        ids.values.forEach((id, i) => {
          if (id < 0 || id >= numSegments) return;
          for (let j = 0; j < width; j++) out[id * width + j]! += x.values[i * width + j]!;
        });
        return out;
      }

      const segmentCases = [
        ['rank-1 ids over rows', [6, 3], [6], [0, 2, 0, 1, 2, 2], 4],
        ['ids out of range are dropped', [5], [5], [0, -1, 4, 3, 2], 4],
        ['rank-2 ids', [2, 3, 2], [2, 3], [0, 1, 1, 2, 0, 2], 3],
      ] as const;
      // tfjs-backend-cpu 4.22's UnsortedSegmentSum throws for ids of rank 2 ("could not be broadcast").
      it.each(backend === 'cpu' ? segmentCases.slice(0, 2) : segmentCases)(
        '%s',
        async (_, xShape, idsShape, ids, numSegments) => {
          const x = normal([...xShape]);
          const segmentIds: HostTensor = { values: Int32Array.from(ids), shape: [...idsShape], dtype: 'int32' };
          const actual = await runKernel(backend, 'UnsortedSegmentSum', { x, segmentIds }, { numSegments });
          expect(actual.shape).toEqual([numSegments, ...xShape.slice(idsShape.length)]);
          expectClose(actual.values, segmentSumReference(x, segmentIds, numSegments), { rtol: 1e-6, atol: 1e-6 });
          if (idsShape.length === 1)
            await expectMatchesCpu(backend, 'UnsortedSegmentSum', { x, segmentIds }, { numSegments });
        },
      );

      // tfjs-backend-cpu 4.22's UnsortedSegmentSum returns float32 for int32 data (right values, wrong dtype).
      it.skipIf(backend === 'cpu')('keeps int32 data int32', async () => {
        const x: HostTensor = { values: Int32Array.of(1, 2, 3, 4), shape: [4], dtype: 'int32' };
        const segmentIds: HostTensor = { values: Int32Array.of(1, 1, 0, 1), shape: [4], dtype: 'int32' };
        await tf.setBackend(backend);
        const out = tf.unsortedSegmentSum(
          tf.tensor(x.values, x.shape, 'int32'),
          tf.tensor(segmentIds.values, [4], 'int32'),
          2,
        );
        expect(out.dtype).toBe('int32');
        expect(Array.from(out.dataSync())).toEqual([3, 7]);
        out.dispose();
      });

      it(`makes the gradient of gather work on ${backend}`, async () => {
        await tf.setBackend(backend);
        const table = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]);
        const gradient = tf.grad((t: tf.Tensor) => tf.sum(tf.gather(t, tf.tensor1d([2, 0, 2], 'int32'))))(table);
        expectClose(
          gradient,
          [
            [1, 1],
            [0, 0],
            [2, 2],
          ],
          { rtol: 0, atol: 0 },
        );
        tf.dispose([table, gradient]);
      });
    });

    it('leaks no tensors', async () => {
      await tf.setBackend(backend);
      const x = tf.randomNormal([2, 6, 6, 2], 0, 1, 'float32', 7) as tf.Tensor4D;
      const filter = tf.randomNormal([3, 3, 2, 2], 0, 1, 'float32', 8) as tf.Tensor4D;
      await expectNoLeaks(() =>
        tf.grads((a, w) => {
          const conv = tf.conv2d(a as tf.Tensor4D, w as tf.Tensor4D, 1, 'same');
          return tf.sum(tf.maxPool(tf.depthwiseConv2d(conv, w as tf.Tensor4D, 2, 'same'), 3, 2, 'same'));
        })([x, filter]),
      );
      const table = tf.randomNormal([5, 3], 0, 1, 'float32', 9);
      const ids = tf.tensor1d([4, 0, 4, 2], 'int32');
      await expectNoLeaks(() => tf.grad((t) => tf.sum(tf.gather(t, ids)))(table));
      tf.dispose([x, filter, table, ids]);
    });

    describe('matMul weights reused with another shape', () => {
      it.each([
        ['BatchMatMul', (x: tf.Tensor, w: tf.Tensor) => tf.matMul(x, w)],
        ['_FusedMatMul', (x: tf.Tensor, w: tf.Tensor) => tf.fused.matMul({ a: x, b: w, activation: 'relu' })],
      ])('%s gives the cpu result and does not corrupt the heap', async (_, op) => {
        const compute = () =>
          tf.tidy(() => {
            const w = tf.randomNormal([12], 0, 1, 'float32', 21);
            const first = op(tf.randomNormal([2, 3], 0, 1, 'float32', 22), tf.reshape(w, [3, 4]));
            const second = op(tf.randomNormal([2, 12], 0, 1, 'float32', 23), tf.reshape(w, [12, 1]));
            const third = op(tf.randomNormal([2, 6], 0, 1, 'float32', 24), tf.reshape(w, [6, 2]));
            return [first, second, third].map((t) => Array.from(t.dataSync()));
          });
        await tf.setBackend('cpu');
        const expected = compute();
        await tf.setBackend(backend);
        const dataIdsBefore = tf.engine().backend.numDataIds();
        const actual = compute();
        // The per-layout aliases of w's data are released with it.
        expect(tf.engine().backend.numDataIds()).toBe(dataIdsBefore);
        for (const [i, values] of actual.entries()) expectClose(values, expected[i]!, { rtol: 1e-5, atol: 1e-6 });
        const survivor = tf.tidy(() => tf.matMul(tf.ones([3, 5]), tf.ones([5, 2])).dataSync());
        expect(Array.from(survivor)).toEqual([5, 5, 5, 5, 5, 5]);
      });
    });

    describe('fused matMul with transposed operands', () => {
      // k = 5 and 2048: the shipped kernel adds the bias wrongly at any k, applies relu wrongly from k = 2048.
      it.each([
        [4, 3, 5, false, true],
        [4, 3, 5, true, false],
        [6, 5, 2048, false, true],
        [6, 5, 2048, true, true],
      ])(
        '[%i, k]·[%i, k] with k = %i (transposeA %s, transposeB %s) with bias and relu matches cpu',
        async (m, n, k, ta, tb) => {
          // The kernel takes rank-3 operands (tf.fused.matMul reshapes to them).
          const [a, b, bias] = [normal(ta ? [1, k, m] : [1, m, k]), normal(tb ? [1, n, k] : [1, k, n]), normal([n])];
          for (const activation of ['linear', 'relu']) {
            await expectMatchesCpu(
              backend,
              '_FusedMatMul',
              { a, b, bias },
              { transposeA: ta, transposeB: tb, activation },
            );
            await expectMatchesCpu(backend, '_FusedMatMul', { a, b }, { transposeA: ta, transposeB: tb, activation });
          }
        },
      );

      it('leaks no tensors', async () => {
        await tf.setBackend(backend);
        const [a, b, bias] = [tf.ones([2, 3]), tf.ones([4, 3]), tf.ones([4])];
        await expectNoLeaks(() => tf.fused.matMul({ a, b, bias, transposeB: true, activation: 'relu' }));
        tf.dispose([a, b, bias]);
      });
    });

    describe('matMul with transposed operands (run untransposed from 32³ multiply-adds)', () => {
      // [batch, m, k, n, transposeA, transposeB]: below the threshold (shipped path), above it (explicit
      // transposes), a·bᵀ with few rows ((b·aᵀ)ᵀ), batched, and both transposed.
      it.each([
        [1, 4, 5, 3, false, true],
        [1, 40, 30, 50, true, false],
        [1, 40, 30, 50, false, true],
        [1, 40, 30, 50, true, true],
        [1, 3, 300, 200, false, true],
        [1, 1, 784, 65, false, true],
        [3, 20, 40, 60, true, false],
        [3, 5, 100, 90, false, true],
        [2, 33, 34, 35, true, true],
      ])(
        'BatchMatMul [%i batches] m = %i, k = %i, n = %i (transposeA %s, transposeB %s) matches cpu',
        async (batch, m, k, n, ta, tb) => {
          const [a, b] = [normal(ta ? [batch, k, m] : [batch, m, k]), normal(tb ? [batch, n, k] : [batch, k, n])];
          await expectMatchesCpu(backend, 'BatchMatMul', { a, b }, { transposeA: ta, transposeB: tb });
        },
      );

      it.skipIf(backend !== 'wasm')('transposes explicitly from the threshold on, not below it', async () => {
        await tf.setBackend(backend);
        const kernels = async (a: tf.Tensor, b: tf.Tensor, ta: boolean, tb: boolean) => {
          const info = await tf.profile(() => tf.matMul(a, b, ta, tb));
          tf.dispose(info.result as tf.Tensor);
          return info.kernelNames;
        };
        const [small, large, wide] = [tf.ones([4, 5]), tf.ones([40, 30]), tf.ones([900, 30])];
        expect(await kernels(small, small, true, false)).toEqual(['BatchMatMul']);
        expect(await kernels(large, large, true, false)).toContain('Transpose');
        expect(await kernels(large, wide, false, true)).toContain('Transpose');
        tf.dispose([small, large, wide]);
      });

      it('broadcasts batch dimensions in both routes', async () => {
        // a·bᵀ with few rows swaps the operands: b's batch of 1 must still broadcast against a's 3.
        await expectMatchesCpu(
          backend,
          'BatchMatMul',
          { a: normal([3, 2, 400]), b: normal([1, 90, 400]) },
          { transposeA: false, transposeB: true },
        );
        await expectMatchesCpu(
          backend,
          'BatchMatMul',
          { a: normal([1, 400, 40]), b: normal([3, 400, 90]) },
          { transposeA: true, transposeB: false },
        );
      });

      it('gives dense-layer gradients equal to cpu and leaks no tensors', async () => {
        const run = () =>
          tf.tidy(() => {
            const x = tf.randomNormal([64, 100], 0, 1, 'float32', 31);
            const w = tf.randomNormal([100, 80], 0, 1, 'float32', 32);
            const [dx, dw] = tf.grads((a, b) => tf.sum(tf.square(tf.matMul(a, b))))([x, w]);
            const [dx1] = tf.grads((a) => tf.sum(tf.square(tf.matMul(a, w))))([tf.slice(x, [0, 0], [2, 100])]);
            return [dx!, dw!, dx1!].map((t) => Array.from(t.dataSync()));
          });
        await tf.setBackend('cpu');
        const expected = run();
        await tf.setBackend(backend);
        const actual = run();
        for (const [i, values] of actual.entries()) {
          const scale = Math.max(...expected[i]!.map(Math.abs));
          expectClose(values, expected[i]!, { rtol: 1e-4, atol: 1e-5 * scale });
        }
        const [a, b] = [tf.ones([2, 300]), tf.ones([200, 300])];
        await expectNoLeaks(() => tf.matMul(a, b, false, true));
        await expectNoLeaks(() => tf.matMul(b, a, false, true));
        await expectNoLeaks(() => tf.matMul(b, b, true, false));
        tf.dispose([a, b]);
      });
    });

    describe('row gathers (GatherV2 along axis 0 as GatherNd)', () => {
      it.each([
        ['2-D table, 1-D indices', [50, 8], [7], [3, 0, 49, 3, 17, 8, 0], 0],
        ['4-D table, 2-D indices', [6, 3, 4, 2], [2, 3], [5, 0, 2, 2, 1, 4], 0],
        ['negative axis', [9, 5], [4], [8, 1, 1, 0], -2],
        ['axis 1 (shipped kernel)', [4, 9, 3], [5], [8, 0, 4, 4, 2], 1],
      ])('%s matches cpu', async (_, shape, indexShape, index, axis) => {
        const x = normal(shape as number[]);
        const indices = {
          shape: indexShape as number[],
          values: Int32Array.from(index as number[]),
          dtype: 'int32' as const,
        };
        await expectMatchesCpu(backend, 'GatherV2', { x, indices }, { axis, batchDims: 0 });
      });

      it('runs GatherNd for axis 0, keeps gradients and int32 tables right, and leaks nothing', async () => {
        await tf.setBackend(backend);
        const table = tf.randomNormal([40, 6], 0, 1, 'float32', 41);
        const ids = tf.tensor1d([3, 39, 3, 0, 12], 'int32');
        const info = await tf.profile(() => tf.gather(table, ids));
        tf.dispose(info.result as tf.Tensor);
        // The route is wasm's; other backends under test run their own GatherV2.
        if (backend === 'wasm') expect(info.kernelNames).toContain('GatherNd');
        const gradient = tf.grad((t) => tf.sum(tf.square(tf.gather(t, ids))))(table);
        const expected = tf.tidy(() => {
          const counts = tf.reshape(tf.sum(tf.oneHot(ids, 40), 0), [40, 1]);
          return tf.mul(tf.mul(2, table), counts);
        });
        expectClose(gradient.dataSync(), expected.dataSync(), { rtol: 1e-6, atol: 1e-6 });
        const ints = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2], 'int32');
        expect(Array.from(tf.gather(ints, tf.tensor1d([2, 0], 'int32')).dataSync())).toEqual([5, 6, 1, 2]);
        await expectNoLeaks(() => tf.gather(table, ids));
        tf.dispose([table, ids, gradient, expected, ints]);
      });
    });

    describe('elementwise binary ops of rank 7 and more', () => {
      it.each([
        ['Add', tf.add],
        ['Sub', tf.sub],
        ['Multiply', tf.mul],
        ['RealDiv', tf.div],
        ['SquaredDifference', tf.squaredDifference],
      ])('%s matches cpu for equal and broadcast shapes', async (_, op) => {
        const shape = [2, 2, 3, 2, 2, 1, 2, 2];
        const a = normal(shape);
        const b = normal([2, 1, 3, 1, 2, 1, 1, 2]);
        const c = normal([2, 2, 3, 2, 2, 1, 2, 2]);
        const compute = () =>
          tf.tidy(() => {
            const [x, y, z] = [a, b, c].map((t) => tf.tensor(t.values, t.shape));
            return [Array.from(op(x!, y!).dataSync()), Array.from(op(x!, z!).dataSync())];
          });
        await tf.setBackend('cpu');
        const expected = compute();
        await tf.setBackend(backend);
        const actual = compute();
        for (const [i, values] of actual.entries()) expectClose(values, expected[i]!, { rtol: 1e-6, atol: 1e-6 });
      });

      it('merges axes where both inputs are complete or both broadcast', () => {
        expect(coalesce([2, 3, 4, 5, 6, 7, 8], [2, 3, 4, 5, 6, 7, 8], [2, 3, 4, 5, 6, 7, 8])).toEqual({
          a: [40320],
          b: [40320],
          out: [40320],
        });
        expect(coalesce([2, 1, 3, 1, 2, 1, 1, 2], [2, 2, 3, 2, 2, 1, 2, 2], [2, 2, 3, 2, 2, 1, 2, 2])).toEqual({
          a: [2, 1, 3, 1, 2, 1, 2],
          b: [2, 2, 3, 2, 2, 2, 2],
          out: [2, 2, 3, 2, 2, 2, 2],
        });
        expect(coalesce([3, 1, 1, 4], [1, 5, 6, 4], [3, 5, 6, 4])).toEqual({
          a: [3, 1, 4],
          b: [1, 30, 4],
          out: [3, 30, 4],
        });
      });
    });

    it('covers every registered completion', () => {
      expect(Object.keys(WASM_KERNEL_COMPLETIONS).sort()).toEqual([
        'Conv2DBackpropFilter',
        'Conv2DBackpropInput',
        'DepthwiseConv2dNativeBackpropFilter',
        'DepthwiseConv2dNativeBackpropInput',
        'Identity',
        'MaxPoolGrad',
        'UnsortedSegmentSum',
      ]);
    });
  },
  { backends: ['wasm'] },
);
