import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { ponderCostMap } from './ponder-cost-map.js';

describeBackends('ponderCostMap', () => {
  it('upsamples each block by nearest neighbour and sums; ACT costs are constant maps', () => {
    tf.tidy(() => {
      const block1 = tf.tensor3d([
        [
          [1, 2, 3, 4],
          [5, 6, 7, 8],
          [9, 10, 11, 12],
          [13, 14, 15, 16],
        ],
      ]);
      const block2 = tf.tensor3d([
        [
          [2, 3],
          [4, 5],
        ],
      ]);
      const act = tf.tensor1d([0.5]);
      const expected = [
        [
          [3, 4, 6, 7],
          [7, 8, 10, 11],
          [13, 14, 16, 17],
          [17, 18, 20, 21],
        ],
      ].map((image) => image.map((row) => row.map((v) => v + 0.5)));
      expectClose(ponderCostMap([block1, block2, act], [4, 4]), expected, { rtol: 0, atol: 0 });
    });
  });

  it('leaks nothing and rejects mismatched batches and bad sizes', async () => {
    const a = tf.ones([2, 2, 2]);
    const b = tf.ones([3]);
    await expectNoLeaks(() => ponderCostMap([a], [4, 4]));
    await expectNoLeaks(() => {
      expect(() => ponderCostMap([a, b], [4, 4])).toThrow(/ponderCostMap: argument 'ponderCosts\[1\]'/);
      expect(() => ponderCostMap([a], [0, 4])).toThrow(/ponderCostMap: argument 'size'/);
      expect(() => ponderCostMap([], [4, 4])).toThrow(/ponderCostMap: argument 'ponderCosts'/);
    });
    tf.dispose([a, b]);
  });
});
