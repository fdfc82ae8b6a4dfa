/**
 * One Adam training step and one inference pass of the reproduction-sized adaptive ResNet (stem 8, 3 stages × 3
 * units, channels 8/16/32, strides 1/2/2) on a batch [32, 40, 40, 1], on wasm, side by side in one run: vanilla,
 * ACT, SACT with `computation: 'masked'` and `'dense'`, at initialization (halting bias −3: nothing halts, the
 * adaptive overhead alone) and with the halting biases raised to +1 (h ≈ 0.7: most cells halt after unit 2).
 * Medians over 7 interleaved rounds, ms, and images/s; mean counted MFLOPs per image.
 *
 * Run: cd packages/adaptive-compute && node --conditions=@proj/source --import tsx bench/network-step.bench.ts
 */
import { formatTable, median } from '@proj/bench';
import { describeBackend, initBackend, randomUniform } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import {
  type AdaptiveMethod,
  type AdaptiveResNetParams,
  adaptiveResNet,
  adaptiveResNetVariables,
  createAdaptiveResNet,
  ponderLoss,
} from '../src/index.js';

const [B, S] = [32, 40];
const ROUNDS = 7;
const info = describeBackend(await initBackend('wasm'));
const images = randomUniform([B, S, S, 1], 1);
const labels = tf.oneHot(
  tf.tensor1d(
    Array.from({ length: B }, (_, i) => i % 10),
    'int32',
  ),
  10,
);
const CASES: [string, AdaptiveMethod, 'masked' | 'dense'][] = [
  ['vanilla', 'vanilla', 'masked'],
  ['ACT (masked)', 'act', 'masked'],
  ['SACT masked', 'sact', 'masked'],
  ['SACT dense', 'sact', 'dense'],
];

function build(method: AdaptiveMethod, bias: number): AdaptiveResNetParams {
  const net = createAdaptiveResNet({
    inChannels: 1,
    classes: 10,
    stemChannels: 8,
    method,
    seed: 0,
    stages: [
      { channels: 8, stride: 1, units: 3 },
      { channels: 16, stride: 2, units: 3 },
      { channels: 32, stride: 2, units: 3 },
    ],
  });
  for (const stage of net.stages) for (const branch of stage.halting) branch.bias.assign(tf.fill([1], bias));
  return net;
}

const rows: Record<string, string | number>[] = [];
for (const bias of [-3, 1]) {
  const nets = CASES.map(([, method]) => build(method, bias));
  const optimizers = CASES.map(() => tf.train.adam(1e-3));
  const train = CASES.map(([, , computation], i) => () => {
    const loss = optimizers[i]!.minimize(() => {
      const out = adaptiveResNet(nets[i]!, images, { training: true, computation });
      const task = tf.losses.softmaxCrossEntropy(labels, out.logits);
      return tf.add(
        task,
        ponderLoss(
          out.stages.map((s) => s.ponderCost),
          0.01,
        ),
      ) as tf.Scalar;
    }, true)!;
    loss.dataSync();
    loss.dispose();
  });
  const flops: number[] = CASES.map(() => 0);
  const infer = CASES.map(([, , computation], i) => () => {
    tf.tidy(() => {
      const out = adaptiveResNet(nets[i]!, images, { computation });
      out.logits.dataSync();
      flops[i] = out.flops.reduce((a, b) => a + b, 0) / B / 1e6;
    });
  });
  const trainMs = CASES.map(() => [] as number[]);
  const inferMs = CASES.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS + 1; round++) {
    CASES.forEach((_, i) => {
      let t = performance.now();
      train[i]!();
      if (round > 0) trainMs[i]!.push(performance.now() - t);
      t = performance.now();
      infer[i]!();
      if (round > 0) inferMs[i]!.push(performance.now() - t);
    });
  }
  CASES.forEach(([name], i) => {
    const [trainMedian, inferMedian] = [
      median(trainMs[i]!.sort((a, b) => a - b)),
      median(inferMs[i]!.sort((a, b) => a - b)),
    ];
    rows.push({
      'halting bias': bias,
      net: name,
      'MFLOPs/img': flops[i]!,
      'train step ms': trainMedian,
      'train img/s': (B / trainMedian) * 1e3,
      'inference ms': inferMedian,
      'inference img/s': (B / inferMedian) * 1e3,
    });
  });
  tf.dispose(nets.flatMap(adaptiveResNetVariables));
  for (const optimizer of optimizers) optimizer.dispose();
}
console.log(`${info}; batch [${B}, ${S}, ${S}, 1]`);
console.log(formatTable(rows, 3));
tf.dispose([images, labels]);
