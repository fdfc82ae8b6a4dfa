import { randomNormal } from '@proj/core';
import { checkGradients, expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { gridMask } from '../mask/grid-mask.js';
import { createMask, fullMask, type PerforationMask } from '../mask/perforation-mask.js';
import { uniformMask } from '../mask/uniform-mask.js';
import { nearestFill } from './nearest-fill.js';
import { type PerforatedConv2dOptions, perforatedConv2d, perforatedConv2dCompact } from './perforated-conv2d.js';

const close = { rtol: 1e-4, atol: 1e-5 };

/** The ordinary convolution, the reference. */
function conv(x: tf.Tensor4D, kernel: tf.Tensor4D, options: PerforatedConv2dOptions): tf.Tensor4D {
  const { strides = 1, pad = 'same', dilations = 1 } = options;
  return tf.conv2d(x, kernel, strides as [number, number], pad, 'NHWC', dilations as [number, number]);
}

/** The kept positions nearest to each position (Euclidean in grid coordinates, every tie), on the host. */
function nearestSets(height: number, width: number, kept: ArrayLike<number>): number[][] {
  return Array.from({ length: height * width }, (_, q) => {
    const [i, j] = [Math.floor(q / width), q % width];
    const distance = (k: number) => (Math.floor(k / width) - i) ** 2 + ((k % width) - j) ** 2;
    const best = Math.min(...Array.from(kept, distance));
    return Array.from(kept).filter((k) => distance(k) === best);
  });
}

/**
 * Asserts that y [N, OH, OW, C] holds, at every position, the reference conv's value at one of its nearest kept
 * positions (the kept ones: their own value), within `close`.
 */
function expectNearestCopies(y: tf.Tensor, reference: tf.Tensor, kept: ArrayLike<number>): void {
  const [n, oh, ow, c] = reference.shape as [number, number, number, number];
  expect(y.shape).toEqual(reference.shape);
  const [actual, expected] = [y.dataSync(), reference.dataSync()];
  const sets = nearestSets(oh, ow, kept);
  const matches = (b: number, q: number, k: number) => {
    for (let ch = 0; ch < c; ch++) {
      const [a, e] = [actual[(b * oh * ow + q) * c + ch]!, expected[(b * oh * ow + k) * c + ch]!];
      if (Math.abs(a - e) > close.atol + close.rtol * Math.abs(e)) return false;
    }
    return true;
  };
  for (let b = 0; b < n; b++) {
    sets.forEach((candidates, q) => {
      if (!candidates.some((k) => matches(b, q, k))) {
        throw new Error(`position ${q} of example ${b} copies none of its nearest kept positions ${candidates}`);
      }
    });
  }
}

describeBackends('perforatedConv2d', () => {
  const cases: ReadonlyArray<readonly [string, number[], number[], PerforatedConv2dOptions]> = [
    ['3×3 same', [2, 7, 6, 3], [3, 3, 3, 4], { pad: 'same' }],
    ['5×5 valid', [1, 9, 8, 2], [5, 5, 2, 3], { pad: 'valid' }],
    ['stride 2, same', [2, 9, 7, 2], [3, 3, 2, 2], { strides: 2 }],
    ['3×2 filter, dilations [2, 1], same', [1, 8, 9, 2], [3, 2, 2, 3], { dilations: [2, 1] }],
    ['strides [1, 2], valid', [2, 7, 9, 2], [2, 3, 2, 2], { strides: [1, 2], pad: 'valid' }],
  ];

  /** Masks over an oh × ow grid: uniform, grid, and a hand-made irregular one. */
  const masks = (oh: number, ow: number): PerforationMask[] => [
    uniformMask(oh, ow, 0.4, 3),
    gridMask(oh, ow, 0.5, 4),
    createMask(oh, ow, [0, oh * ow - 1, Math.floor((oh * ow) / 3)]),
  ];

  it.each(cases)('%s: with every position kept it is tf.conv2d', (_, xs, ks, options) => {
    const [x, kernel] = [randomNormal(xs, 1) as tf.Tensor4D, randomNormal(ks, 2) as tf.Tensor4D];
    const reference = conv(x, kernel, options);
    const [, oh, ow] = reference.shape;
    const mask = fullMask(oh, ow);
    expectClose(perforatedConv2d(x, kernel, mask, options), reference, { rtol: 0, atol: 0 });
    expectClose(perforatedConv2dCompact(x, kernel, mask, options), tf.reshape(reference, [xs[0]!, oh * ow, ks[3]!]), {
      rtol: 0,
      atol: 0,
    });
  });

  it.each(cases)('%s: kept positions equal tf.conv2d, skipped ones copy a nearest kept one', (_, xs, ks, options) => {
    const [x, kernel] = [randomNormal(xs, 5) as tf.Tensor4D, randomNormal(ks, 6) as tf.Tensor4D];
    const reference = conv(x, kernel, options);
    const [n, oh, ow, cout] = reference.shape;
    for (const mask of masks(oh, ow)) {
      const compact = perforatedConv2dCompact(x, kernel, mask, options);
      expect(compact.shape).toEqual([n, mask.kept.length, cout]);
      // Kept rows read on the host from the reference, in `kept` order.
      const values = reference.dataSync();
      const rows = Array.from({ length: n }, (_, b) =>
        Array.from(mask.kept, (k) =>
          Array.from(values.subarray((b * oh * ow + k) * cout, (b * oh * ow + k + 1) * cout)),
        ),
      );
      expectClose(compact, rows, close);
      expectNearestCopies(perforatedConv2d(x, kernel, mask, options), reference, mask.kept);
      expectClose(nearestFill(compact, mask), perforatedConv2d(x, kernel, mask, options), { rtol: 0, atol: 0 });
    }
  });

  it('passes a finite-difference gradient check in x and kernel (irregular and grid masks)', () => {
    const x = randomNormal([2, 5, 6, 2], 7) as tf.Tensor4D;
    const kernel = randomNormal([3, 3, 2, 3], 8) as tf.Tensor4D;
    for (const mask of [uniformMask(5, 6, 0.4, 9), gridMask(5, 6, 0.5, 10)]) {
      const report = checkGradients((a, b) => perforatedConv2d(a as tf.Tensor4D, b as tf.Tensor4D, mask), [x, kernel]);
      expect(report.inputs.map((input) => input.checked)).toEqual([64, 54]);
    }
    const valid = createMask(3, 4, [1, 6, 11]);
    checkGradients(
      (a, b) => perforatedConv2d(a as tf.Tensor4D, b as tf.Tensor4D, valid, { pad: 'valid' }),
      [x, kernel],
    );
  });

  it('names the function and argument of bad input and leaks nothing, also when it throws', async () => {
    const x = randomNormal([1, 6, 6, 2], 11) as tf.Tensor4D;
    const kernel = randomNormal([3, 3, 2, 4], 12) as tf.Tensor4D;
    const mask = uniformMask(6, 6, 0.5, 13);
    const [wrongKernel, rank3, wrongCompact, ones] = [
      randomNormal([3, 3, 3, 4], 14) as tf.Tensor4D,
      tf.ones([6, 6, 2]),
      randomNormal([1, 5, 4], 15) as tf.Tensor3D,
      tf.ones([1, 18, 4]) as tf.Tensor3D,
    ];
    const bad: ReadonlyArray<readonly [() => unknown, string]> = [
      [
        () => perforatedConv2d(x, kernel, mask, { pad: 'valid' }),
        "perforatedConv2d: argument 'mask' is a 6×6 mask, but the convolution's output grid is 4×4 (OH×OW)",
      ],
      [
        () => perforatedConv2dCompact(x, kernel, uniformMask(3, 3, 0.5, 1), { strides: 1 }),
        "perforatedConv2dCompact: argument 'mask' is a 3×3 mask, but the convolution's output grid is 6×6 (OH×OW)",
      ],
      [
        () => perforatedConv2d(x, wrongKernel, mask),
        "perforatedConv2d: argument 'kernel' must be a float32 tensor [KH, KW, 2, Cout] (Cin of x), got a float32 tensor [3,3,3,4]",
      ],
      [
        () => perforatedConv2d(rank3 as never, kernel, mask),
        "perforatedConv2d: argument 'x' must be a rank-4 tensor [N, H, W, Cin]",
      ],
      [
        () => perforatedConv2d(x, kernel, { height: 6, width: 6, kept: [0] } as never),
        "perforatedConv2d: argument 'mask' must be a PerforationMask (createMask, gridMask, …), got Object",
      ],
      [
        () => perforatedConv2d(x, kernel, mask, { padding: 'same' } as never),
        "perforatedConv2d: unknown option 'padding'",
      ],
      [() => perforatedConv2d(x, kernel, mask, { strides: 0 }), "perforatedConv2d: option 'strides' must be"],
      [
        () => nearestFill(wrongCompact, mask),
        `nearestFill: argument 'compact' must be a float32 tensor [N, ${mask.kept.length}, C] (one row per kept position of the mask), got a float32 tensor [1,5,4]`,
      ],
      [() => nearestFill(ones, null as never), "nearestFill: argument 'mask' must be"],
    ];
    for (const [call, message] of bad) {
      await expectNoLeaks(() => {
        expect(call).toThrow(message);
      });
    }
    await expectNoLeaks(() => perforatedConv2d(x, kernel, mask));
    await expectNoLeaks(() => perforatedConv2d(x, kernel, fullMask(6, 6)));
    const grid = gridMask(6, 6, 0.3, 2);
    await expectNoLeaks(() => tf.tidy(() => nearestFill(perforatedConv2dCompact(x, kernel, grid), grid)));
    await expectNoLeaks(() =>
      tf.grads((a, b) => tf.sum(perforatedConv2d(a as tf.Tensor4D, b as tf.Tensor4D, mask)))([x, kernel]),
    );
  });
});
