import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { randomNormal } from '../random/random-ops.js';
import { expectClose } from '../testing/expect-close.js';
import { expectNoLeaks } from '../testing/expect-no-leaks.js';
import { describeBackends } from '../vitest/describe-backends.js';
import {
  type Conv2dAtPositionsOptions,
  conv2dAtPositions,
  convAtPositions,
  convGeometry,
} from './conv2d-at-positions.js';

const close = { rtol: 1e-4, atol: 1e-5 };

/** The dense convolution, whose outputs at the positions are the reference. */
function dense(x: tf.Tensor, filter: tf.Tensor, options: Conv2dAtPositionsOptions): tf.Tensor4D {
  const { strides = 1, pad = 'same', dilations = 1 } = options;
  return tf.conv2d(
    x as tf.Tensor4D,
    filter as tf.Tensor4D,
    strides as [number, number],
    pad,
    'NHWC',
    dilations as [number, number],
  );
}

/** Rows of y [N, OH, OW, C] at flat positions, read on the host (no gather). */
function rowsAt(y: tf.Tensor, positions: readonly number[]): number[] {
  const [n, oh, ow, c] = y.shape as [number, number, number, number];
  const values = y.dataSync();
  const rows: number[] = [];
  for (let b = 0; b < n; b++) {
    for (const p of positions) {
      const [i, j] = [Math.floor(p / ow), p % ow];
      for (let k = 0; k < c; k++) rows.push(values[((b * oh + i) * ow + j) * c + k]!);
    }
  }
  return rows;
}

describeBackends('conv2dAtPositions', () => {
  const cases: ReadonlyArray<readonly [string, number[], number[], Conv2dAtPositionsOptions]> = [
    ['3×3 same', [2, 5, 6, 3], [3, 3, 3, 4], {}],
    ['3×3 valid', [1, 6, 5, 2], [3, 3, 2, 3], { pad: 'valid' }],
    ['stride 2, same, odd size', [2, 7, 5, 2], [3, 3, 2, 2], { strides: 2 }],
    ['2×3 filter, strides [2, 1], valid', [1, 6, 7, 3], [2, 3, 3, 2], { strides: [2, 1], pad: 'valid' }],
    ['dilation 2, same', [1, 7, 7, 2], [3, 3, 2, 3], { dilations: 2 }],
    ['1×1', [2, 4, 4, 5], [1, 1, 5, 2], {}],
  ];

  it.each(cases)('%s: a few positions and every position equal the dense convolution there', (_, xs, fs, options) => {
    const x = randomNormal(xs, 1);
    const filter = randomNormal(fs, 2);
    const y = dense(x, filter, options);
    const grid = y.shape[1] * y.shape[2];
    const few = [grid - 1, 0, Math.floor(grid / 2)];
    const every = Array.from({ length: grid }, (_, p) => p);
    const geometry = convGeometry(x, filter, options, 'test');
    for (const positions of [few, every]) {
      const expected = rowsAt(y, positions);
      const result = conv2dAtPositions(x, filter, positions, options);
      expect(result.shape).toEqual([xs[0], positions.length, fs[3]]);
      expectClose(result, expected, close);
      // Both strategies, whichever the backend's profile picks for this fraction.
      for (const denseStrategy of [false, true]) {
        expectClose(convAtPositions(x, filter, Int32Array.from(positions), geometry, denseStrategy), expected, close);
      }
    }
  });

  it.each([
    ['few positions, patches', 3, false],
    ['few positions, dense and gather', 3, true],
    ['every position, patches', 1, false],
  ])('has the gradients of the dense convolution masked to the positions (%s)', (_, step, denseStrategy) => {
    const x = randomNormal([2, 5, 5, 2], 3);
    const filter = randomNormal([3, 3, 2, 3], 4);
    const positions = Array.from({ length: Math.ceil(25 / step) }, (_, i) => i * step);
    const weights = randomNormal([2, positions.length, 3], 5);
    // Reference: Σ mask ⊙ W ⊙ conv(x, f) with W placed at the positions on the host.
    const placed = new Float32Array(2 * 25 * 3);
    const w = weights.dataSync();
    for (let b = 0; b < 2; b++) {
      positions.forEach((p, row) => {
        for (let c = 0; c < 3; c++) placed[(b * 25 + p) * 3 + c] = w[(b * positions.length + row) * 3 + c]!;
      });
    }
    const mask = tf.tensor4d(placed, [2, 5, 5, 3]);
    const expected = tf.grads((a, b) => tf.sum(tf.mul(mask, dense(a!, b!, {}))))([x, filter]);
    const geometry = convGeometry(x, filter, {}, 'test');
    const indices = Int32Array.from(positions);
    const actual = tf.grads((a, b) =>
      tf.sum(tf.mul(weights, convAtPositions(a!, b!, indices, geometry, denseStrategy))),
    )([x, filter]);
    actual.forEach((g, i) => {
      expectClose(g, expected[i]!, close);
    });
  });

  it('gathers the patches as whole pixel rows along axis 0 (wasm: GatherNd row copies)', async () => {
    const x = randomNormal([2, 6, 6, 3], 10);
    const filter = randomNormal([3, 3, 3, 2], 11);
    const geometry = convGeometry(x, filter, {}, 'test');
    const profile = await tf.profile(() =>
      tf.tidy(() => convAtPositions(x, filter, Int32Array.from([0, 7, 35]), geometry, false)),
    );
    const gathers = profile.kernels.filter((k) => k.name === 'GatherV2');
    expect(gathers.map((k) => k.inputShapes[0])).toEqual([[2 * 8 * 8, 3]]);
  });

  it('names the argument of bad input, rejects unknown options and leaks nothing', async () => {
    const x = randomNormal([1, 4, 4, 2], 6);
    const filter = randomNormal([3, 3, 2, 1], 7);
    expect(() => conv2dAtPositions(x, randomNormal([3, 3, 3, 1], 8), [0])).toThrow(
      "conv2dAtPositions: argument 'filter' must be a rank-4 tensor [KH, KW, 2, Cout] (Cin of x), got shape [3,3,3,1]",
    );
    expect(() => conv2dAtPositions(x, filter, [0], { padding: 'same' } as never)).toThrow(
      "conv2dAtPositions: unknown option 'padding'; valid options: strides, pad, dilations",
    );
    expect(() => conv2dAtPositions(x, filter, [4], { pad: 'valid' })).toThrow(
      "conv2dAtPositions: argument 'positions' must hold integers in [0, 4)",
    );
    expect(() => conv2dAtPositions(x, filter, [0], { strides: 0 })).toThrow(
      "conv2dAtPositions: option 'strides' must be a positive integer or two of them, got 0",
    );
    expect(() => conv2dAtPositions(x, randomNormal([5, 5, 2, 1], 9), [0], { pad: 'valid' })).toThrow(
      "conv2dAtPositions: the 5×5 (dilated) filter does not fit the 4×4 input with pad 'valid'",
    );
    await expectNoLeaks(() => conv2dAtPositions(x, filter, [0, 3, 15]));
    await expectNoLeaks(() => tf.grads((a, b) => tf.sum(conv2dAtPositions(a!, b!, [1, 2])))([x, filter]));
  });
});
