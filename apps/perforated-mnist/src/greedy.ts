import { foldIn, type Seed } from '@proj/core';
import { greedyPerforation, type PerforationMask } from '@proj/perforated-cnn';
import type { AppContext } from '@proj/repro';
import { loadBase } from './base.js';
import type { NetworkConfig, PerforatedConfig } from './config.js';
import { layerImpact } from './impact.js';
import { applies, layerMasks } from './masks.js';
import {
  convLayersFlops,
  disposeNetwork,
  forward,
  inputOf,
  type Masks,
  type Network,
  networkFlops,
} from './network.js';
import type { BaseResult, FineTuneResult, GreedyPoint, GreedyResult } from './results.js';
import type { ExperimentData } from './sweep.js';
import { type TimedPair, timePair } from './timing.js';
import { evaluateNetwork, trainNetwork } from './train.js';

type Keep = Readonly<Record<string, number>>;

/**
 * The masks of the greedy search: per layer and keep fraction, one mask of `greedy.strategy` (impacts of the
 * unperforated network), built once and cached. Layers at keep 1 get none.
 */
function greedyMasks(config: PerforatedConfig, net: Network, data: ExperimentData, seed: Seed) {
  const cache = new Map<string, PerforationMask>();
  const impacts = new Map<number, Float32Array>();
  const maskOf = (layer: string, keep: number) => {
    const key = `${layer} ${keep}`;
    let mask = cache.get(key);
    if (mask === undefined) {
      const i = net.convs.findIndex((c) => c.name === layer);
      const base = () => {
        if (!impacts.has(i)) impacts.set(i, layerImpact(net, i, data.impact, config.evaluationBatch, null));
        return impacts.get(i)!;
      };
      [mask] = layerMasks(config.greedy.strategy, net.convs[i]!, keep, {
        seed: foldIn(seed, 'greedy'),
        repeats: 1,
        steps: 1,
        impact: {
          get base() {
            return base();
          },
          perforated: () => {
            throw new Error('greedyMasks: the greedy search uses no iterative impact');
          },
        },
      });
      cache.set(key, mask!);
    }
    return mask!;
  };
  return (keep: Keep): Masks =>
    Object.fromEntries(Object.entries(keep).flatMap(([layer, k]) => (k < 1 ? [[layer, maskOf(layer, k)]] : [])));
}

/** The realized keep fraction of every perforated layer under `masks`. */
const realized = (masks: Masks): Keep => Object.fromEntries(Object.entries(masks).map(([l, m]) => [l, m.keepFraction]));

/** Measured speedups of the perforated network and of its conv layers (with their ReLUs and pools). */
function measure(net: Network, masks: Masks, data: ExperimentData, config: PerforatedConfig) {
  const x = data.timed.x;
  const all = net.convs.length;
  return {
    network: timePair(
      () => forward(net, x, {}),
      () => forward(net, x, masks),
      config.timing,
    ),
    conv: timePair(
      () => inputOf(net, all, x, {}),
      () => inputOf(net, all, x, masks),
      config.timing,
    ),
  };
}

/**
 * The greedy whole-network selection (paper §3.3, `greedyPerforation`) on the trained base network: every conv
 * layer the strategy applies to, the paper's keep fractions [1, 1/1.5, 1/2, …, 1/20]; the loss is the mean
 * cross-entropy on the validation digits (training digits, as the authors' `validateOnTrain`); the time either
 * measured (the perforated over the unperforated forward pass on the timed batch, interleaved) or theoretical
 * (the network's FLOPs). Afterwards every committed step is timed (network and conv layers). The chosen point:
 * the largest speedup whose validation error rose by at most `greedy.maxErrorIncrease` points.
 */
export async function greedyUnit(
  config: PerforatedConfig,
  netConfig: NetworkConfig,
  base: BaseResult,
  data: ExperimentData,
  seed: Seed,
  context: Pick<AppContext, 'run' | 'checkpoint'>,
): Promise<GreedyResult> {
  const net = loadBase(netConfig, base, context.run.dir, seed);
  try {
    const masksOf = greedyMasks(config, net, data, seed);
    const layers = net.convs.filter((c) => applies(config.greedy.strategy, c)).map((c) => c.name);
    const errors = new Map<string, number>();
    const flops = networkFlops(net, {});
    const steps = greedyPerforation({
      layers,
      maxSteps: config.greedy.maxSteps,
      evaluate: (keep) => {
        const masks = masksOf(keep);
        const evaluation = evaluateNetwork(net, data.validation, masks, config.evaluationBatch);
        errors.set(JSON.stringify(keep), evaluation.error);
        const perforated = Object.keys(masks).length > 0;
        let time = 1;
        if (perforated && config.greedy.time === 'theoretical') time = networkFlops(net, realized(masks)) / flops;
        if (perforated && config.greedy.time === 'measured') {
          const t = timePair(
            () => forward(net, data.timed.x, {}),
            () => forward(net, data.timed.x, masks),
            config.timing,
          );
          time = t.candidateMs / t.baselineMs;
        }
        return { loss: evaluation.loss, time };
      },
    });
    const points: GreedyPoint[] = [];
    for (const [step, s] of steps.entries()) {
      await context.checkpoint();
      const masks = masksOf(s.keepFractions);
      const keep = realized(masks);
      const measured = step === 0 ? null : measure(net, masks, data, config);
      const point: GreedyPoint = {
        step,
        keepFractions: s.keepFractions,
        changed: s.changed,
        loss: s.loss,
        validationError: errors.get(JSON.stringify(s.keepFractions))!,
        searchSpeedup: s.speedup,
        theoreticalNetworkSpeedup: flops / networkFlops(net, keep),
        theoreticalConvSpeedup: convLayersFlops(net, {}) / convLayersFlops(net, keep),
        measuredNetworkSpeedup: measured?.network.speedup ?? 1,
        measuredConvSpeedup: measured?.conv.speedup ?? 1,
      };
      context.run.appendMetrics({ kind: 'greedy', network: netConfig.name, ...point });
      points.push(point);
    }
    const start = points[0]!.validationError;
    const chosen = points.reduce(
      (best, p, i) =>
        100 * (p.validationError - start) <= config.greedy.maxErrorIncrease &&
        p.searchSpeedup > points[best]!.searchSpeedup
          ? i
          : best,
      0,
    );
    return { network: netConfig.name, steps: points, chosen };
  } finally {
    disposeNetwork(net);
  }
}

/**
 * The chosen greedy point fine-tuned: the test error before (against the base network's) and after
 * `greedy.fineTuneEpochs` epochs of Adam through the perforated layers (against the control: the unperforated
 * network trained on as long), and the theoretical and measured speedups of the network and its conv layers.
 */
export async function fineTuneUnit(
  config: PerforatedConfig,
  netConfig: NetworkConfig,
  base: BaseResult,
  greedy: GreedyResult,
  data: ExperimentData,
  seed: Seed,
  context: Pick<AppContext, 'run' | 'checkpoint'>,
): Promise<FineTuneResult> {
  const net = loadBase(netConfig, base, context.run.dir, seed);
  try {
    const keepFractions = greedy.steps[greedy.chosen]!.keepFractions;
    const masks = greedyMasks(config, net, data, seed)(keepFractions);
    const keep = realized(masks);
    const before = evaluateNetwork(net, data.test, masks, config.evaluationBatch).error;
    const { batchSize } = config.training;
    const perEpoch = Math.ceil(data.train.n / batchSize);
    const epochs: { step: number; loss: number }[] = [];
    await trainNetwork(
      net,
      data.train,
      masks,
      { steps: config.greedy.fineTuneEpochs * perEpoch, batchSize, learningRate: config.greedy.learningRate },
      foldIn(seed, `${netConfig.name} greedy fine-tune`),
      {
        checkpoint: context.checkpoint,
        recordEvery: perEpoch,
        onRecord: (record) => {
          epochs.push(record);
          context.run.appendMetrics({ kind: 'fine-tune', network: netConfig.name, epoch: epochs.length, ...record });
        },
      },
    );
    const after = evaluateNetwork(net, data.test, masks, config.evaluationBatch).error;
    const perforated = Object.keys(masks).length > 0;
    const same: TimedPair = { baselineMs: Number.NaN, candidateMs: Number.NaN, speedup: 1 };
    const measured = perforated ? measure(net, masks, data, config) : { network: same, conv: same };
    return {
      network: netConfig.name,
      keepFractions,
      baseTestError: base.testError,
      controlTestError: base.greedyControlError!,
      testErrorBefore: before,
      testErrorAfter: after,
      increaseBefore: 100 * (before - base.testError),
      increaseAfter: 100 * (after - base.greedyControlError!),
      theoreticalNetworkSpeedup: networkFlops(net, {}) / networkFlops(net, keep),
      theoreticalConvSpeedup: convLayersFlops(net, {}) / convLayersFlops(net, keep),
      measuredNetworkSpeedup: measured.network.speedup,
      measuredConvSpeedup: measured.conv.speedup,
      networkMs: measured.network.candidateMs,
      networkBaselineMs: measured.network.baselineMs,
      epochs,
    };
  } finally {
    disposeNetwork(net);
  }
}
