import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { randomNormal } from '../random/random-ops.js';
import { expectClose } from '../testing/expect-close.js';
import { expectNoLeaks } from '../testing/expect-no-leaks.js';
import { describeBackends } from '../vitest/describe-backends.js';
import { gatherPositions, scatterPositions } from './positions.js';

/** x[n, h, w, c] read on the host. */
function at(values: Float32Array, shape: readonly number[], n: number, h: number, w: number, c: number): number {
  const [, height, width, channels] = shape as [number, number, number, number];
  return values[((n * height + h) * width + w) * channels + c]!;
}

describeBackends('gatherPositions and scatterPositions', (backend) => {
  const x = () => randomNormal([2, 3, 4, 5], 1);
  const positions = [0, 5, 11, 5];

  it('gathers the channels of each listed position, element by element', () => {
    const input = x();
    const values = input.dataSync() as Float32Array;
    const expected = [0, 1].flatMap((n) =>
      positions.flatMap((p) => [0, 1, 2, 3, 4].map((c) => at(values, input.shape, n, Math.floor(p / 4), p % 4, c))),
    );
    const gathered = gatherPositions(input, positions);
    expect(gathered.shape).toEqual([2, 4, 5]);
    expectClose(gathered, expected, { rtol: 0, atol: 0 });
  });

  it('scatters rows back (last one wins), zeros elsewhere, and gathers back what it scattered', () => {
    const rows = randomNormal([2, 3, 5], 2);
    const placed = scatterPositions(rows, [7, 0, 10], [3, 4]);
    expect(placed.shape).toEqual([2, 3, 4, 5]);
    expectClose(gatherPositions(placed, [7, 0, 10]), rows, { rtol: 0, atol: 0 });
    const mass = tf.sum(tf.abs(placed)).dataSync()[0]!;
    expectClose(mass, tf.sum(tf.abs(rows)).dataSync()[0]!, { rtol: 1e-6 });
    const twice = scatterPositions(rows, [4, 4, 1], [3, 4]);
    expectClose(gatherPositions(twice, [4]), tf.slice(rows, [0, 1, 0], [2, 1, 5]), { rtol: 0, atol: 0 });
  });

  it('has the gradients of a selection: sums over repeated positions, zero elsewhere', () => {
    const input = x();
    const weights = randomNormal([2, 4, 5], 3);
    const gradient = tf.grad((t) => tf.sum(tf.mul(weights, gatherPositions(t, positions))))(input);
    const w = weights.dataSync();
    const expected = new Float32Array(input.size);
    [0, 1].forEach((n) => {
      positions.forEach((p, row) => {
        for (let c = 0; c < 5; c++)
          expected[((n * 3 + Math.floor(p / 4)) * 4 + (p % 4)) * 5 + c]! += w[(n * 4 + row) * 5 + c]!;
      });
    });
    expectClose(gradient, expected, { rtol: 1e-6, atol: 1e-6 });
    const back = tf.grad((r) => tf.sum(tf.mul(input, scatterPositions(r, [7, 0, 10], [3, 4]))))(
      randomNormal([2, 3, 5], 4),
    );
    expectClose(back, gatherPositions(input, [7, 0, 10]), { rtol: 0, atol: 0 });
  });

  it('gathers whole rows along axis 0, the fast path (GatherNd row copies on wasm)', async () => {
    const input = x();
    const rows = randomNormal([2, 3, 5], 5);
    for (const run of [() => gatherPositions(input, positions), () => scatterPositions(rows, [7, 0, 10], [3, 4])]) {
      const profile = await tf.profile(() => tf.tidy(run));
      const gathers = profile.kernels.filter((k) => k.name === 'GatherV2');
      expect(gathers.map((k) => k.inputShapes[0]!.length)).toEqual([2]);
      if (backend === 'wasm') expect(profile.kernelNames).toContain('GatherNd');
    }
  });

  it('names the argument of bad input and leaks nothing', async () => {
    const input = x();
    expect(() => gatherPositions(input, [12])).toThrow(
      "gatherPositions: argument 'positions' must hold integers in [0, 12) (flat indices h·W + w), got 12 at 0",
    );
    expect(() => gatherPositions(input, [])).toThrow("gatherPositions: argument 'positions' must not be empty");
    expect(() => gatherPositions(tf.ones([3, 4]), [0])).toThrow(
      "gatherPositions: argument 'x' must be a rank-4 tensor [N, H, W, C], got shape [3,4]",
    );
    expect(() => scatterPositions(tf.ones([2, 2, 5]), [0, 1, 2], [3, 4])).toThrow(
      "scatterPositions: argument 'values' must be a rank-3 tensor [N, 3, C]",
    );
    expect(() => scatterPositions(tf.ones([2, 1, 5]), [0], [3, 0] as never)).toThrow(
      "scatterPositions: argument 'shape' must be [H, W] of positive integers",
    );
    await expectNoLeaks(() => gatherPositions(input, positions));
    const row = tf.ones([2, 1, 5]);
    await expectNoLeaks(() => scatterPositions(row, [3], [3, 4]));
    await expectNoLeaks(() => {
      expect(() => gatherPositions(input, [-1])).toThrow();
    });
  });
});
