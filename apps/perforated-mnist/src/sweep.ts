import { foldIn, type Seed } from '@proj/core';
import { type PerforationMask, perforatedConv2d } from '@proj/perforated-cnn';
import type { AppContext } from '@proj/repro';
import * as tf from '@tensorflow/tfjs-core';
import { loadBase } from './base.js';
import type { NetworkConfig, PerforatedConfig, Strategy } from './config.js';
import type { Digits } from './data.js';
import { layerImpact } from './impact.js';
import { type ImpactSource, layerMasks } from './masks.js';
import { convIndex, disposeNetwork, forward, inputOf, networkFlops, setWeightBytes, weightBytes } from './network.js';
import type { BaseResult, SweepPoint, SweepResult } from './results.js';
import { timePair } from './timing.js';
import { evaluateNetwork, trainNetwork } from './train.js';

/** The digits a unit of the experiment works on. */
export interface ExperimentData {
  readonly train: Digits;
  readonly test: Digits;
  /** The first training digits: the impacts. */
  readonly impact: Digits;
  /** The first training digits: the greedy search's loss. */
  readonly validation: Digits;
  /** The first test digits: the timed batch. */
  readonly timed: Digits;
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * One single-layer curve: conv layer `layerName` of the trained base network perforated alone with `strategy`
 * at each of the sweep's keep fractions. Per keep fraction: the masks, the test error (mean over the uniform
 * masks), the theoretical layer and network speedups, the measured layer and network speedups (the first mask,
 * timed against the unperforated layer and network on the timed batch), and at the fine-tuning keep fractions
 * the test error after `fineTune.steps` Adam steps through the perforated layer (weights reset afterwards),
 * against the control (the unperforated network trained on as long).
 * Appends one metrics line per point.
 */
export async function sweepLayer(
  config: PerforatedConfig,
  netConfig: NetworkConfig,
  base: BaseResult,
  layerName: string,
  strategy: Strategy,
  data: ExperimentData,
  seed: Seed,
  context: Pick<AppContext, 'run' | 'checkpoint'>,
): Promise<SweepResult> {
  const net = loadBase(netConfig, base, context.run.dir, seed);
  const i = convIndex(net, layerName);
  const layer = net.convs[i]!;
  const trained = weightBytes(net);
  const input = tf.tidy(() => tf.clone(inputOf(net, i, data.timed.x, {})));
  const points: SweepPoint[] = [];
  try {
    let baseImpact: Float32Array | undefined;
    const impact: ImpactSource = {
      get base() {
        baseImpact ??= layerImpact(net, i, data.impact, config.evaluationBatch, null);
        return baseImpact;
      },
      perforated: (mask: PerforationMask) => layerImpact(net, i, data.impact, config.evaluationBatch, mask),
    };
    const unitSeed = foldIn(seed, `${netConfig.name} ${layerName} ${strategy}`);
    const flops = networkFlops(net, {});
    for (const keep of netConfig.sweep.keepFractions) {
      await context.checkpoint();
      const masks = layerMasks(strategy, layer, keep, {
        seed: unitSeed,
        repeats: config.uniformRepeats,
        steps: config.impact.iterativeSteps,
        impact,
      });
      const realizedKeep = mean(masks.map((m) => m.keepFraction));
      const testError = mean(
        masks.map((m) => evaluateNetwork(net, data.test, { [layerName]: m }, config.evaluationBatch).error),
      );
      const first = masks[0]!;
      const layerTime = timePair(
        () => tf.conv2d(input, layer.kernel, 1, 'same'),
        () => perforatedConv2d(input, layer.kernel, first, { pad: 'same' }),
        config.timing,
      );
      const networkTime = timePair(
        () => forward(net, data.timed.x, {}),
        () => forward(net, data.timed.x, { [layerName]: first }),
        config.timing,
      );
      let fineTunedError: number | null = null;
      if (netConfig.sweep.fineTuneKeepFractions.includes(keep)) {
        await trainNetwork(
          net,
          data.train,
          { [layerName]: first },
          {
            steps: config.fineTune.steps,
            batchSize: config.training.batchSize,
            learningRate: config.fineTune.learningRate,
          },
          foldIn(unitSeed, `fine-tune ${keep}`),
          { checkpoint: context.checkpoint, recordEvery: config.fineTune.steps, onRecord: () => {} },
        );
        fineTunedError = evaluateNetwork(net, data.test, { [layerName]: first }, config.evaluationBatch).error;
        setWeightBytes(net, trained);
      }
      const point: SweepPoint = {
        network: netConfig.name,
        layer: layerName,
        strategy,
        keepFraction: keep,
        realizedKeep,
        theoreticalSpeedup: 1 / realizedKeep,
        theoreticalNetworkSpeedup: flops / networkFlops(net, { [layerName]: realizedKeep }),
        measuredSpeedup: layerTime.speedup,
        measuredNetworkSpeedup: networkTime.speedup,
        layerMs: layerTime.candidateMs,
        layerBaselineMs: layerTime.baselineMs,
        testError,
        errorIncrease: 100 * (testError - base.testError),
        fineTunedError,
        fineTunedIncrease: fineTunedError === null ? null : 100 * (fineTunedError - base.fineTuneControlError!),
      };
      context.run.appendMetrics({ kind: 'point', ...point });
      points.push(point);
    }
    return { network: netConfig.name, layer: layerName, strategy, points };
  } finally {
    input.dispose();
    disposeNetwork(net);
  }
}
