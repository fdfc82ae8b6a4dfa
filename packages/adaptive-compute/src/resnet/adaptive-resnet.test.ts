import { randomNormal, randomUniform } from '@proj/core';
import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { convFlops } from '../flops/conv-flops.js';
import { ponderLoss } from '../halting/ponder-loss.js';
import {
  type AdaptiveResNetParams,
  adaptiveResNet,
  adaptiveResNetVariables,
  createAdaptiveResNet,
} from './adaptive-resnet.js';
import type { AdaptiveMethod } from './adaptive-stage.js';

const STAGES = [
  { channels: 8, stride: 1, units: 3 },
  { channels: 16, stride: 2, units: 3 },
  { channels: 32, stride: 2, units: 3 },
];
const net = (method: AdaptiveMethod) =>
  createAdaptiveResNet({ inChannels: 1, classes: 4, stemChannels: 8, stages: STAGES, method, seed: 5 });

/** FLOPs of the vanilla network on one 12 × 12 image, from the layer shapes. */
function fullFlops(): number {
  let total = convFlops(144, 3, 3, 1, 8);
  const sizes = [12, 6, 3];
  let cin = 8;
  STAGES.forEach((stage, i) => {
    const positions = sizes[i]! ** 2;
    for (let n = 0; n < 3; n++) {
      total += convFlops(positions, 3, 3, n === 0 ? cin : stage.channels, stage.channels);
      total += convFlops(positions, 3, 3, stage.channels, stage.channels);
    }
    cin = stage.channels;
  });
  return total + convFlops(1, 1, 1, 32, 4);
}

describeBackends('adaptiveResNet', () => {
  it('builds the 3 × 3-unit pre-activation ResNet (8/16/32, strides 1/2/2) and counts its FLOPs', () => {
    const vanilla = net('vanilla');
    tf.tidy(() => {
      const out = adaptiveResNet(vanilla, randomUniform([2, 12, 12, 1], 1));
      expect(out.logits.shape).toEqual([2, 4]);
      expect(out.stages.map((s) => s.output.shape)).toEqual([
        [2, 12, 12, 8],
        [2, 6, 6, 16],
        [2, 3, 3, 32],
      ]);
      expect(Array.from(out.flops)).toEqual([fullFlops(), fullFlops()]);
    });
    tf.dispose(adaptiveResNetVariables(vanilla));
  });

  it('leaks nothing (training step, inference, errors), and rejects bad configs before allocating', async () => {
    const params: AdaptiveResNetParams = net('pact');
    const images = randomNormal([2, 8, 8, 1], 3);
    await expectNoLeaks(() => adaptiveResNet(params, images, { training: true, seed: 4 }));
    await expectNoLeaks(() =>
      tf.variableGrads(() => tf.sum(adaptiveResNet(params, images, { training: true, seed: 4 }).logits)),
    );
    const wrong = tf.ones([2, 8, 8, 3]);
    await expectNoLeaks(() => {
      expect(() => adaptiveResNet(params, images, { training: true })).toThrow(
        /adaptiveResNet: argument 'options.seed'/,
      );
      expect(() => adaptiveResNet(params, wrong)).toThrow(/adaptiveResNet: argument 'images'/);
      expect(() =>
        createAdaptiveResNet({
          inChannels: 1,
          classes: 4,
          stemChannels: 8,
          method: 'act',
          seed: 0,
          stages: [{ channels: 7, stride: 1, units: 2 }],
        }),
      ).toThrow(/createAdaptiveResNet: argument 'config.stages\[0\].channels'/);
    });
    // Inference is deterministic.
    tf.tidy(() =>
      expectClose(adaptiveResNet(params, images).logits, adaptiveResNet(params, images).logits, { rtol: 0, atol: 0 }),
    );
    tf.dispose([images, wrong, ...adaptiveResNetVariables(params)]);
  });
});

// Training runs on wasm only: the pure-JS cpu backend takes about 2 s per step of this net (11 steps here).
describeBackends(
  'adaptiveResNet training',
  () => {
    it('trains with Adam on plain tf.Variables: the loss falls, ponder costs fall with a large τ (SACT)', () => {
      const sact = net('sact');
      const images = randomUniform([8, 12, 12, 1], 2);
      const labels = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 0, 1, 2, 3], 'int32'), 4);
      const optimizer = tf.train.adam(1e-2);
      const step = (tau: number) =>
        optimizer.minimize(() => {
          const out = adaptiveResNet(sact, images, { training: true });
          const task = tf.losses.softmaxCrossEntropy(labels, out.logits);
          return tf.add(
            task,
            ponderLoss(
              out.stages.map((s) => s.ponderCost),
              tau,
            ),
          ) as tf.Scalar;
        }, true)!;
      const rho = () =>
        tf.tidy(
          () =>
            ponderLoss(
              adaptiveResNet(sact, images).stages.map((s) => s.ponderCost),
              1,
            ).dataSync()[0]!,
        );
      const before = rho();
      const first = step(1);
      let last = first;
      for (let i = 0; i < 10; i++) {
        if (last !== first) last.dispose();
        last = step(1);
      }
      expect(last.dataSync()[0]).toBeLessThan(first.dataSync()[0]!);
      expect(rho()).toBeLessThan(before);
      let flops: Float64Array = new Float64Array(0);
      tf.tidy(() => {
        flops = adaptiveResNet(sact, images).flops;
      });
      expect(Math.max(...flops)).toBeLessThan(fullFlops() * 1.02); // halting branches add ~1%
      tf.dispose([first, last, images, labels, ...adaptiveResNetVariables(sact)]);
      optimizer.dispose();
    });
  },
  { backends: ['wasm'] },
);
