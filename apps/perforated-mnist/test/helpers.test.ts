import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import { createMask, fullMask } from '@proj/perforated-cnn';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { claimTable, paperClaims, rankingMeans, sanityClaims } from '../src/claims.js';
import type { NetworkConfig, Strategy } from '../src/config.js';
import { layerImpact } from '../src/impact.js';
import { applies, iterativeKeeps } from '../src/masks.js';
import {
  convPreActivation,
  createNetwork,
  disposeNetwork,
  forward,
  headFrom,
  inputOf,
  setWeightBytes,
  weightBytes,
} from '../src/network.js';
import type { BaseResult, FineTuneResult, Outcome, SweepPoint, SweepResult } from '../src/results.js';
import { timePair } from '../src/timing.js';

const NET: NetworkConfig = {
  name: 'tiny',
  convs: [
    { name: 'conv1', kernel: 3, filters: 3, pool: { size: 3, stride: 2 } },
    { name: 'conv2', kernel: 3, filters: 4, pool: null },
  ],
  hidden: [8],
  epochs: 1,
  sweep: { layers: ['conv2'], keepFractions: [0.5], fineTuneKeepFractions: [] },
  greedy: false,
};

/** Six digits of noise with labels 0..5, as the impact takes them. */
function digits() {
  const x = tf.randomUniform([6, 28, 28, 1], 0, 1, 'float32', 3) as tf.Tensor4D;
  const labels = Int32Array.from([0, 1, 2, 3, 4, 5]);
  const y = tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), 10), 'float32') as tf.Tensor2D;
  return { x, y, labels, n: 6 };
}

describe('masks', () => {
  it('steps the iterative impact geometrically to the keep fraction', () => {
    expect(iterativeKeeps(0.25, 2)).toEqual([0.5, 0.25]);
    expect(iterativeKeeps(0.5, 1)).toEqual([0.5]);
    const keeps = iterativeKeeps(0.2, 4);
    expect(keeps[3]).toBeCloseTo(0.2, 15);
    for (let s = 1; s < 4; s++) expect(keeps[s]! / keeps[s - 1]!).toBeCloseTo(0.2 ** 0.25, 12);
  });

  it('offers the pooling-structure mask only before a pooling layer', () => {
    expect(applies('pooling', { pool: null })).toBe(false);
    expect(applies('pooling', { pool: { size: 3, stride: 2 } })).toBe(true);
    expect(applies('grid', { pool: null })).toBe(true);
  });
});

describeBackends('network', () => {
  it('round-trips its weights through bytes', () => {
    const a = createNetwork(NET, 1);
    const b = createNetwork(NET, 2);
    const x = tf.randomUniform([2, 28, 28, 1], 0, 1, 'float32', 5) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    setWeightBytes(b, weightBytes(a));
    expect(tf.memory().numTensors).toBe(before);
    const [ya, yb] = [forward(a, x, {}), forward(b, x, {})];
    expect(yb.arraySync()).toEqual(ya.arraySync());
    expect(() => setWeightBytes(b, new Uint8Array(8))).toThrow("setWeightBytes: argument 'bytes' holds 2 weights");
    tf.dispose([x, ya, yb]);
    disposeNetwork(a);
    disposeNetwork(b);
  });

  it('computes the perforated layer at its kept positions as the dense one', () => {
    const net = createNetwork(NET, 4);
    const x = tf.randomUniform([2, 28, 28, 1], 0, 1, 'float32', 6) as tf.Tensor4D;
    const h = inputOf(net, 1, x, {});
    const kept = [0, 5, 17, 60, 100, 195];
    const mask = createMask(14, 14, kept);
    const dense = tf.reshape(convPreActivation(net, 1, h, {}), [2, 196, 4]).arraySync() as number[][][];
    const perforated = tf.reshape(convPreActivation(net, 1, h, { conv2: mask }), [2, 196, 4]);
    // Every position holds the dense output of its nearest kept position.
    const expected = dense.map((image) => Array.from({ length: 196 }, (_, p) => image[kept[mask.nearest[p]!]!]!));
    expectClose(perforated, expected, { rtol: 1e-5, atol: 1e-6 });
    tf.dispose([x, h, perforated]);
    disposeNetwork(net);
  });
});

describeBackends('layerImpact', () => {
  it('is the mean over images of Σ_c |∂L/∂V · V|, by the dense and by the compact (perforated) path', async () => {
    const net = createNetwork(NET, 7);
    const d = digits();
    await expectNoLeaks(() => layerImpact(net, 1, d, 4, null));
    const dense = layerImpact(net, 1, d, 4, null);
    const compact = layerImpact(net, 1, d, 4, fullMask(14, 14));
    // Independently: the gradient of the summed cross-entropy of the whole batch with respect to V.
    const expected = tf.tidy(() => {
      const v = convPreActivation(net, 1, inputOf(net, 1, d.x, {}), {});
      const loss = (value: tf.Tensor4D) =>
        tf.losses.softmaxCrossEntropy(d.y, headFrom(net, 1, value, {}), undefined, undefined, tf.Reduction.SUM);
      const g = tf.grad((value) => loss(value as tf.Tensor4D) as tf.Scalar)(v);
      return tf.mean(tf.sum(tf.abs(tf.mul(g, v)), 3), 0).dataSync();
    });
    expectClose(dense, expected, { rtol: 1e-4, atol: 1e-7 });
    expectClose(compact, expected, { rtol: 1e-4, atol: 1e-7 });
    tf.dispose([d.x, d.y]);
    disposeNetwork(net);
  });

  it('marks skipped positions −1 and sums the gradients of the copies into their kept position', () => {
    const net = createNetwork(NET, 8);
    const d = digits();
    const mask = createMask(14, 14, [15, 100, 180]);
    const impact = layerImpact(net, 1, d, 6, mask);
    for (let p = 0; p < 196; p++) {
      if (mask.kept.includes(p)) expect(impact[p]).toBeGreaterThan(0);
      else expect(impact[p]).toBe(-1);
    }
    tf.dispose([d.x, d.y]);
    disposeNetwork(net);
  });
});

describeBackends('timePair', () => {
  it('reports the medians of interleaved calls and their ratio, leaving no tensors', async () => {
    const x = tf.randomUniform([64, 64], 0, 1, 'float32', 9);
    const pair = () =>
      timePair(
        () => tf.matMul(x, x),
        () => tf.add(x, 1),
        { warmup: 1, repeats: 3 },
      );
    await expectNoLeaks(pair);
    const t = pair();
    expect(t.baselineMs).toBeGreaterThan(0);
    expect(t.candidateMs).toBeGreaterThan(0);
    expect(t.speedup).toBeCloseTo(t.baselineMs / t.candidateMs, 12);
    x.dispose();
  });
});

/** A curve of two points (keep 1/2 and 1/4) with these error increases and measured speedups. */
function curve(
  layer: string,
  strategy: Strategy,
  increases: [number, number],
  measured: [number, number],
): SweepResult {
  const points = ([0.5, 0.25] as const).map(
    (keep, i): SweepPoint => ({
      network: 'lenet',
      layer,
      strategy,
      keepFraction: keep,
      realizedKeep: keep,
      theoreticalSpeedup: 1 / keep,
      theoreticalNetworkSpeedup: 1,
      measuredSpeedup: measured[i]!,
      measuredNetworkSpeedup: 1,
      layerMs: 1,
      layerBaselineMs: 1,
      testError: 0.01,
      errorIncrease: increases[i]!,
      fineTunedError: null,
      fineTunedIncrease: null,
    }),
  );
  return { network: 'lenet', layer, strategy, points };
}

/** The lenet base network with this test error, trained for 3 epochs. */
const base = (testError: number): BaseResult => ({
  network: 'lenet',
  parameters: 1,
  flops: 1,
  convFlops: 1,
  epochs: [1, 2, 3].map((step) => ({ step, loss: 0.1 })),
  testError,
  testLoss: 0.1,
  fineTuneControlError: null,
  greedyControlError: null,
  msPerStep: 1,
  weightsFile: 'weights-lenet.bin',
});

/** The lenet greedy point fine-tuned, with this measured conv speedup and error increase after fine-tuning. */
const greedy = (measuredConvSpeedup: number, increaseAfter: number): FineTuneResult => ({
  network: 'lenet',
  keepFractions: { conv1: 1, conv2: 0.5 },
  baseTestError: 0.02,
  controlTestError: 0.02,
  testErrorBefore: 0.03,
  testErrorAfter: 0.02 + increaseAfter / 100,
  increaseBefore: 1,
  increaseAfter,
  theoreticalNetworkSpeedup: 2,
  theoreticalConvSpeedup: 2,
  measuredNetworkSpeedup: 1.5,
  measuredConvSpeedup,
  networkMs: 1,
  networkBaselineMs: 1,
  epochs: [],
});

/** `sweep` with its keep-1/2 point fine-tuned to this error increase. */
const tuned = (sweep: SweepResult, increase: number): SweepResult => ({
  ...sweep,
  points: sweep.points.map((p) => (p.keepFraction === 0.5 ? { ...p, fineTunedIncrease: increase } : p)),
});

const byId = (outcome: Outcome) => new Map([...paperClaims(outcome), ...sanityClaims(outcome)].map((c) => [c.id, c]));

describe('claims', () => {
  it('ranks the masks by their mean error increase over the layers that have every mask', () => {
    const sweeps = [
      curve('conv1', 'impact', [0, 1], [1.5, 2]),
      curve('conv1', 'pooling', [1, 2], [1.5, 2]),
      curve('conv1', 'grid', [2, 3], [1.5, 2]),
      curve('conv1', 'uniform', [3, 4], [1.5, 2]),
      // A layer without pooling after it: no pooling mask, left out of the ranking.
      curve('conv3', 'impact', [9, 9], [1.5, 2]),
    ];
    const outcome: Outcome = { bases: [], sweeps, greedy: [], fineTuned: [] };
    expect(rankingMeans(outcome, ['impact', 'pooling', 'grid', 'uniform'])).toEqual({
      means: [0.5, 1.5, 2.5, 3.5],
      curves: 1,
    });
    // Only the claims the outcome has numbers for: no base network, no conv2, nothing fine-tuned, no greedy point.
    expect([...byId(outcome).keys()]).toEqual([
      'ranking',
      'measured-below-theoretical',
      'measured-gap-grows',
      'sanity.timings',
    ]);
  });

  it('holds where the numbers are those the paper and the notes describe (values by hand)', () => {
    const outcome: Outcome = {
      bases: [base(0.012)],
      sweeps: [
        tuned(curve('conv2', 'impact', [0, 1], [1.5, 2]), 0),
        tuned(curve('conv2', 'pooling', [1, 2], [1.5, 2]), 0.5),
        curve('conv2', 'grid', [2, 3], [1.5, 2]),
        curve('conv2', 'uniform', [3, 4], [1.5, 2]),
      ],
      greedy: [],
      fineTuned: [greedy(1.8, 0.5)],
    };
    const claims = byId(outcome);
    expect(claims.get('base-accuracy')).toMatchObject({ ours: 98.8, holds: true });
    expect(claims.get('base-accuracy')!.text).toContain('3 epochs');
    // Means 0.5, 1.5, 2.5, 3.5: each 1 point below the next.
    expect(claims.get('ranking')).toMatchObject({ ours: -1, holds: true });
    expect(claims.get('impact-at-2x')).toMatchObject({ ours: 0, holds: true });
    expect(claims.get('greedy-speedup')).toMatchObject({ ours: 1.8, holds: true });
    expect(claims.get('greedy-speedup')!.reference).toMatchObject({ kind: 'paper', value: 2 });
    expect(claims.get('greedy-error')).toMatchObject({ ours: 0.5, holds: true, reference: null });
    // Gaps 2 − 1.5 at keep 1/2 and 4 − 2 at keep 1/4 on every curve.
    expect(claims.get('measured-below-theoretical')).toMatchObject({ ours: 100, holds: true });
    expect(claims.get('measured-gap-grows')).toMatchObject({ ours: 100, holds: true });
    // Fine-tuned points: before 0 and 1 (mean 0.5), after 0 and 0.5 (mean 0.25).
    expect(claims.get('fine-tuning')).toMatchObject({ ours: 0.5, holds: true });
    expect(claims.get('sanity.learns')).toMatchObject({ ours: 1.2, holds: true });
    expect(claims.get('sanity.timings')).toMatchObject({ ours: 1, holds: true });
    const all = [...claims.values()];
    expect(claimTable(all).map((row) => [row.claim, row.holds])).toEqual(all.map((c) => [c.text, 'holds']));
  });

  it('fails where they are not', () => {
    const outcome: Outcome = {
      bases: [base(0.031)],
      sweeps: [
        tuned(curve('conv2', 'impact', [1.5, 3], [2.5, 2]), 1.5),
        curve('conv2', 'pooling', [1, 2], [1.5, 1]),
        curve('conv2', 'grid', [3, 4], [1.5, 2]),
        curve('conv2', 'uniform', [2, 3], [1.5, 2]),
      ],
      greedy: [],
      fineTuned: [greedy(1.2, 1.5)],
    };
    const claims = byId(outcome);
    expect(claims.get('base-accuracy')!.ours).toBeCloseTo(96.9, 12);
    expect(claims.get('base-accuracy')!.holds).toBe(false);
    // Means 2.25, 1.5, 3.5, 2.5: impact 0.75 above pooling, grid 1 above uniform.
    expect(claims.get('ranking')).toMatchObject({ ours: 1, holds: false });
    expect(claims.get('impact-at-2x')).toMatchObject({ ours: 1.5, holds: false });
    expect(claims.get('greedy-speedup')).toMatchObject({ ours: 1.2, holds: false });
    expect(claims.get('greedy-error')).toMatchObject({ ours: 1.5, holds: false });
    // Impact at keep 1/2: measured 2.5 > theoretical 2 (7 of 8 points below).
    expect(claims.get('measured-below-theoretical')).toMatchObject({ ours: 87.5, holds: false });
    // Gaps at keep 1/2 and 1/4: impact −0.5 → 2, pooling 0.5 → 3, grid and uniform 0.5 → 2: all grow.
    expect(claims.get('measured-gap-grows')).toMatchObject({ ours: 100, holds: true });
    // One fine-tuned point: 1.5 before, 1.5 after.
    expect(claims.get('fine-tuning')).toMatchObject({ ours: 1, holds: false });
    // No increase before fine-tuning: nothing to recover, the claim cannot hold.
    const flat = byId({ ...outcome, sweeps: [tuned(curve('conv2', 'impact', [0, 0], [1.5, 2]), 0)] });
    expect(flat.get('fine-tuning')!.ours).toBeNaN();
    expect(flat.get('fine-tuning')!.holds).toBe(false);
    // A network that did not learn, a timing that is not a ratio.
    const broken = byId({
      ...outcome,
      bases: [base(0.6)],
      sweeps: [curve('conv2', 'impact', [0, 0], [Number.NaN, 2])],
    });
    expect(broken.get('sanity.learns')).toMatchObject({ ours: 60, holds: false });
    expect(broken.get('sanity.timings')!.holds).toBe(false);
    // A gap that shrinks towards the small keep fraction.
    const shrinking = byId({ ...outcome, sweeps: [curve('conv2', 'impact', [0, 0], [1, 3.9])] });
    expect(shrinking.get('measured-gap-grows')).toMatchObject({ ours: 0, holds: false });
  });
});
