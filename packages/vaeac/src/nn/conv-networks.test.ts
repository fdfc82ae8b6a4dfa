import { randomUniform } from '@proj/core';
import { expectClose } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import {
  convGenerative,
  convNetworkVariables,
  convPrior,
  convProposal,
  createConvNetworks,
  upsample,
} from './conv-networks.js';

describeBackends('convolutional VAEAC networks', () => {
  it('upsample repeats every pixel 2×2 (nearest neighbour) and crops odd sizes', () => {
    tf.tidy(() => {
      const x = tf.tensor4d([1, 2, 3, 4, 5, 6], [1, 2, 3, 1]);
      expectClose(
        upsample(x, 3, 5),
        [
          [1, 1, 2, 2, 3],
          [1, 1, 2, 2, 3],
          [4, 4, 5, 5, 6],
        ].flat(),
        { rtol: 0, atol: 0 },
      );
    });
  });

  it('maps [x | b] images to latent Gaussians and per-pixel parameters, for even and odd sizes', () => {
    for (const [h, w] of [
      [28, 28],
      [5, 7],
    ] as const) {
      const nets = createConvNetworks({ height: h, width: w, channels: 3, latentDim: 4, outChannels: 2 }, 1);
      tf.tidy(() => {
        const input = randomUniform([2, 2 * h * w], 2) as tf.Tensor2D;
        const prior = convPrior(nets, input);
        expect(prior.skips.map((s) => s.shape)).toEqual([
          [2, h, w, 3],
          [2, Math.ceil(h / 2), Math.ceil(w / 2), 6],
          [2, Math.ceil(h / 4), Math.ceil(w / 4), 6],
        ]);
        expect(convProposal(nets, input).sigma.shape).toEqual([2, 4]);
        const out = convGenerative(nets, prior.mu, prior);
        expect(out.shape).toEqual([2, 2 * h * w]);
        // The output sees the prior's input: change one observed pixel, the parameters change.
        const other = convPrior(nets, tf.add(input, tf.cast(tf.oneHot([0, 0], 2 * h * w), 'float32')) as tf.Tensor2D);
        expect(tf.max(tf.abs(tf.sub(convGenerative(nets, prior.mu, other), out))).dataSync()[0]).toBeGreaterThan(0);
      });
      tf.dispose(convNetworkVariables(nets));
    }
  });
});
